"""Replay a raw export as it would arrive: an initial load, then one file a day per feed.

Tracked events arrive continuously, and orders change status by appending a new version of
the order (the contract's CDC rows), so a real pipeline receives both in daily files: events by
their receive time (some of them late, the generator's `received_at`), order versions by their
`updated_at`. The other tables are snapshots a platform re-exports whole, which staging rebuilds
every run. This tool writes a raw folder holding all the snapshot tables and the feeds' rows up to
a date, and later appends one day of each feed as a new file — what the incremental models and
the benchmark need.

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

# The date a feed's row arrived on (first 10 characters of the local timestamp): an event's
# receive time, else its event time; an order version's update time. Rows whose times are
# garbage, or later than the last event receive date (stamped in the future), arrive with the
# first load.
FEEDS = {
    "events": "coalesce(try_cast(left(received_at, 10) as date), try_cast(left(event_time, 10) as date))",
    "orders": "try_cast(left(updated_at, 10) as date)",
}

def _rows(source: Path, table: str) -> str:
    return f"read_parquet('{source}/{table}/*.parquet', union_by_name = true)"


def receive_days(source: Path, after: str | None = None) -> list[str]:
    """The receive dates of the source's events (after `after`, if given), in order."""
    received_day = FEEDS["events"]
    where = f"where {received_day} > date '{after}'" if after else ""
    rows = duckdb.sql(f"select distinct {received_day} as day from {_rows(source, 'events')} {where} order by day").fetchall()
    return [str(day) for (day,) in rows if day is not None]


def _write(source: Path, out: Path, table: str, condition: str, name: str) -> int:
    target = out / table / name
    target.parent.mkdir(parents=True, exist_ok=True)
    connection = duckdb.connect()
    connection.execute(
        f"copy (select * from {_rows(source, table)} where {condition}) to '{target}' (format parquet, compression zstd)"
    )
    return connection.execute(f"select count(*) from '{target}'").fetchone()[0]


def initial(source: Path, out: Path, until: str) -> dict[str, int]:
    """Every snapshot table whole, and each feed's rows that arrived on or before `until` (or on
    no readable date, or after the last receive date). Returns the rows written per feed."""
    if out.exists():
        shutil.rmtree(out)
    for table in TABLES:
        if table not in FEEDS:
            shutil.copytree(source / table, out / table)
    last = receive_days(source)[-1]
    return {
        table: _write(source, out, table, f"coalesce({day} <= date '{until}' or {day} > date '{last}', true)",
                      "received-initial.parquet")
        for table, day in FEEDS.items()
    }


def append(source: Path, out: Path, day: str) -> dict[str, int]:
    """Add each feed's rows that arrived on `day` as a new file. Returns the rows written per feed."""
    return {
        table: _write(source, out, table, f"{arrived} = date '{day}'", f"received-{day}.parquet")
        for table, arrived in FEEDS.items()
    }


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True)
    first = commands.add_parser("initial", help="start a raw folder: snapshots + the feeds' rows received up to a day")
    first.add_argument("--until", required=True, help="last receive date of the initial load (YYYY-MM-DD)")
    more = commands.add_parser("append", help="append each feed's rows received on a day as a new file")
    more.add_argument("--day", required=True, help="receive date (YYYY-MM-DD)")
    for command in (first, more):
        command.add_argument("--source", type=Path, required=True, help="a complete raw folder (e.g. generated)")
        command.add_argument("--out", type=Path, required=True, help="the raw folder the project reads")
    days = commands.add_parser("days", help="list the receive dates of the source's events")
    days.add_argument("--source", type=Path, required=True)
    days.add_argument("--after", help="only dates after this one")
    args = parser.parse_args(argv)
    if args.command in ("initial", "append"):
        written = initial(args.source, args.out, args.until) if args.command == "initial" else append(
            args.source, args.out, args.day)
        when = f"up to {args.until}" if args.command == "initial" else f"on {args.day}"
        print(", ".join(f"{rows:,} {table} rows" for table, rows in written.items()) + f" received {when}")
    else:
        print("\n".join(receive_days(args.source, args.after)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
