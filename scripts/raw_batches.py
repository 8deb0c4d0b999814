"""Replay a raw export as it would arrive: an initial load, then one events file a day.

Tracked events arrive continuously, so a real pipeline receives them in daily files, some of
them late (the generator's `received_at`). The other tables are snapshots a platform
re-exports whole, which staging rebuilds every run. This tool writes a raw folder holding all
the snapshot tables and the events received up to a date, and later appends one day of
received events as a new file — what the incremental models and the benchmark need.

    python scripts/raw_batches.py initial --source data/raw/demo --out data/raw/demo_daily --until 2025-12-10
    python scripts/raw_batches.py append  --source data/raw/demo --out data/raw/demo_daily --day 2025-12-11
    python scripts/raw_batches.py days    --source data/raw/demo --after 2025-12-10   # receive dates still to come
"""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path
from typing import Sequence

import duckdb

sys.path.insert(0, str(Path(__file__).resolve().parent))
from raw_contract import TABLES  # noqa: E402

# The business date an event arrived on: its receive time, else its event time (first 10
# characters of the local timestamp); rows whose times are garbage arrive with the first load.
RECEIVED_DAY = "coalesce(try_cast(left(received_at, 10) as date), try_cast(left(event_time, 10) as date))"


def _events(source: Path) -> str:
    return f"read_parquet('{source}/events/*.parquet', union_by_name = true)"


def receive_days(source: Path, after: str | None = None) -> list[str]:
    """The receive dates of the source's events (after `after`, if given), in order."""
    where = f"where {RECEIVED_DAY} > date '{after}'" if after else ""
    rows = duckdb.sql(f"select distinct {RECEIVED_DAY} as day from {_events(source)} {where} order by day").fetchall()
    return [str(day) for (day,) in rows if day is not None]


def _write_events(source: Path, out: Path, condition: str, name: str) -> int:
    target = out / "events" / name
    target.parent.mkdir(parents=True, exist_ok=True)
    connection = duckdb.connect()
    connection.execute(
        f"copy (select * from {_events(source)} where {condition}) to '{target}' (format parquet, compression zstd)"
    )
    return connection.execute(f"select count(*) from '{target}'").fetchone()[0]


def initial(source: Path, out: Path, until: str) -> int:
    """Every snapshot table whole, and the events received on or before `until` (and those
    whose receive day cannot be read). Returns the events written."""
    if out.exists():
        shutil.rmtree(out)
    for table in TABLES:
        if table != "events":
            shutil.copytree(source / table, out / table)
    return _write_events(source, out, f"coalesce({RECEIVED_DAY} <= date '{until}', true)", "received-initial.parquet")


def append(source: Path, out: Path, day: str) -> int:
    """Add the events received on `day` as a new file. Returns the events written."""
    return _write_events(source, out, f"{RECEIVED_DAY} = date '{day}'", f"received-{day}.parquet")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True)
    first = commands.add_parser("initial", help="start a raw folder: snapshots + events received up to a day")
    first.add_argument("--until", required=True, help="last receive date of the initial load (YYYY-MM-DD)")
    more = commands.add_parser("append", help="append the events received on a day as a new file")
    more.add_argument("--day", required=True, help="receive date (YYYY-MM-DD)")
    for command in (first, more):
        command.add_argument("--source", type=Path, required=True, help="a complete raw folder (e.g. generated)")
        command.add_argument("--out", type=Path, required=True, help="the raw folder the project reads")
    days = commands.add_parser("days", help="list the receive dates of the source's events")
    days.add_argument("--source", type=Path, required=True)
    days.add_argument("--after", help="only dates after this one")
    args = parser.parse_args(argv)
    if args.command == "initial":
        print(f"{initial(args.source, args.out, args.until):,} events received up to {args.until}")
    elif args.command == "append":
        print(f"{append(args.source, args.out, args.day):,} events received on {args.day}")
    else:
        print("\n".join(receive_days(args.source, args.after)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
