"""Incremental runs give the same warehouse as a full refresh over the same data.

A small dirty export is replayed as it would arrive (scripts/raw_batches.py): the events received
up to a date are loaded, then each later day's received events are appended as a new file and the
project runs incrementally; the generator delays 1 % of events by one to three days, so later
files carry late events for earlier days, and events later than late_event_max_days are
quarantined either way. One day's file is also delivered twice (its rows become counted exact
duplicates). Then a full refresh over the same files must give identical marts and identical
incremental models, bookkeeping columns aside (conftest.BOOKKEEPING): EXCEPT ALL both ways is
empty for every one.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pytest

from conftest import differing_rows

import raw_batches  # scripts/ is on sys.path (conftest)
from project import PROJECT_DIR, RAW_DIR, Dataset, dbt, dbt_env, ensure_raw, generated

SOURCE = generated("incremental_source", "--seed", "11", "--days", "45", "--members", "900", "--dirty", "0.02")
REPLAYED = Dataset("incremental_replay", ("scripts/raw_batches.py",))  # made by this test
INCREMENTAL_MODELS = [
    "staging.base_shop__events", "intermediate.int_bot_visitor_days", "intermediate.int_events_sessionized",
    "intermediate.int_sessions", "intermediate.int_session_days", "intermediate.int_visitor_days",
    "intermediate.int_funnel_event_steps",
]


def run(warehouse: Path, *args: str) -> None:
    env = dbt_env(REPLAYED, warehouse, PROJECT_DIR / "target" / "incremental")
    dbt(list(args), env, quiet=True)


@pytest.fixture(scope="module")
def warehouses(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """(built incrementally day by day, built by one full refresh) over the same raw files."""
    source = ensure_raw(SOURCE, log=False)
    out = RAW_DIR / REPLAYED.name
    days = raw_batches.receive_days(source)
    initial_until, later = days[-4], days[-3:]
    raw_batches.initial(source, out, initial_until)
    folder = tmp_path_factory.mktemp("incremental")
    incremental, full = folder / "incremental.duckdb", folder / "full.duckdb"
    run(incremental, "seed", "--quiet")
    run(incremental, "run", "--quiet")
    for number, day in enumerate(later):
        assert raw_batches.append(source, out, day) > 0
        if number == 0:  # the same file delivered twice
            shutil.copyfile(out / "events" / f"received-{day}.parquet", out / "events" / f"received-{day}-again.parquet")
        run(incremental, "run", "--quiet")
    run(full, "seed", "--quiet")
    run(full, "run", "--quiet", "--full-refresh")
    return incremental, full


def relations(connection: duckdb.DuckDBPyConnection) -> list[str]:
    marts = [f"marts.{name}" for (name,) in connection.execute(
        "select table_name from information_schema.tables where table_catalog = 'refreshed' and table_schema = 'marts'"
    ).fetchall()]
    return sorted(marts) + INCREMENTAL_MODELS


def test_incremental_runs_equal_a_full_refresh(warehouses: tuple[Path, Path]) -> None:
    """Every mart and incremental model: the incremental build and the full refresh hold the same rows."""
    incremental, full = warehouses
    connection = duckdb.connect()
    connection.execute(f"attach '{incremental}' as incr (read_only)")
    connection.execute(f"attach '{full}' as refreshed (read_only)")
    differences = {}
    compared = relations(connection)
    assert len(compared) > 60
    for relation in compared:
        counts = differing_rows(connection, "incr", "refreshed", relation)
        if counts != (0, 0):
            differences[relation] = counts
    assert differences == {}


def test_the_replay_exercised_late_and_duplicated_events(warehouses: tuple[Path, Path]) -> None:
    """The appended files did contain late events, re-delivered duplicates and quarantined late ones."""
    incremental, _ = warehouses
    db = duckdb.connect(str(incremental), read_only=True)
    late_days, duplicates, too_late = db.execute("""
        select
            count(*) filter (where row_status = 'clean' and received_at > event_at + interval 1 day),
            count(*) filter (where row_status = 'exact_duplicate'),
            count(*) filter (where quarantine_reason = 'late_event')
        from staging.base_shop__events
    """).fetchone()
    assert late_days > 0 and duplicates > 0 and too_late > 0
