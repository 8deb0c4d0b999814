"""Incremental runs give the same warehouse as a full refresh over the same data.

A small dirty export is replayed as it would arrive (scripts/raw_batches.py): the events and the
order versions received up to a date are loaded, then each later day's received events and order
versions (status changes of orders loaded before) are appended as new files and the project runs
incrementally; the generator delays 1 % of events by one to three days, so later files carry late
events for earlier days, and events later than late_event_max_days are quarantined either way.
One day's events file is also delivered twice (its rows become counted exact duplicates). Then a
full refresh over the same files must give identical marts and identical incremental models,
bookkeeping columns aside (project.BOOKKEEPING): EXCEPT ALL both ways is empty for every one.

Three replays: a dirty export (rows without an event id, planted defects), whose runs restage
rows of files already staged; a clean one, whose runs read the new files alone
(base_shop__events skips the old files when none of their rows shares an id with a new one);
and the dirty one loaded into warehouse tables (raw_format table; the files arrived so far are
the tables' rows before each run), whose runs find the new rows by their arrival time.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import duckdb
import pytest

import raw_batches  # scripts/ is on sys.path (conftest)
from project import PROJECT_DIR, RAW_DIR, Dataset, dbt, dbt_env, differing_rows, ensure_raw, generated, sqlfluff_lint

DIRTY = generated("incremental_source", "--seed", "11", "--days", "45", "--members", "900", "--dirty", "0.02")
SOURCES = {
    "dirty": DIRTY,
    "clean": generated("incremental_source_clean", "--seed", "11", "--days", "45", "--members", "900"),
    # the dirty export loaded into warehouse tables (raw_format table): staging finds what
    # arrived by its arrival time (received_at, updated_at), not by its file
    "table": DIRTY,
}
APPENDED_DAYS = {"dirty": 3, "clean": 1, "table": 2}  # the clean export only shows the other staging path


def run(replayed: Dataset, warehouse: Path, *args: str) -> Path:
    """A dbt command on `replayed` into `warehouse`; returns its target folder (compiled SQL)."""
    target = PROJECT_DIR / "target" / "incremental" / warehouse.stem
    dbt(list(args), dbt_env(replayed, warehouse, target), quiet=True)
    return target


def load_raw_tables(folder: Path, warehouse: Path) -> None:
    """What a loader does for raw_format table: every file arrived so far, as the rows of
    the warehouse table raw.<table>."""
    with duckdb.connect(str(warehouse)) as connection:
        connection.execute("create schema if not exists raw")
        for table in sorted(path.name for path in folder.iterdir() if path.is_dir()):
            connection.execute(f"create or replace table raw.{table} as "
                               f"select * from read_parquet('{folder / table}/*.parquet', union_by_name = true)")


@pytest.fixture(scope="module", params=sorted(SOURCES))
def replay(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    """The source replayed day by day (built incrementally) and the same files built by one full
    refresh: the two warehouses, and the SQL the last incremental run staged events with."""
    source = ensure_raw(SOURCES[request.param], log=False)
    as_tables = request.param == "table"
    replayed = Dataset(f"incremental_replay_{request.param}", ("scripts/raw_batches.py",),  # made here
                       {"ECOM_RAW_FORMAT": "table"} if as_tables else {})
    out = RAW_DIR / replayed.name
    # the last days of the simulated period (late events keep arriving after it, order versions do not)
    days = raw_batches.receive_days(source)
    end = days.index(json.loads((source / "manifest.json").read_text())["generator"]["end_date"])
    appended = APPENDED_DAYS[request.param]
    initial_until, later = days[end - appended], days[end - appended + 1:end + 1]
    raw_batches.initial(source, out, initial_until)
    folder = tmp_path_factory.mktemp(f"incremental_{request.param}")
    incremental, full = folder / "incremental.duckdb", folder / "full.duckdb"

    def run_on_arrived(warehouse: Path, *args: str) -> Path:
        if as_tables:
            load_raw_tables(out, warehouse)
        return run(replayed, warehouse, *args)

    run(replayed, incremental, "seed", "--quiet")
    shutil.copyfile(incremental, full)  # the full refresh starts from the same seeded warehouse
    run_on_arrived(incremental, "run", "--quiet")
    for number, day in enumerate(later):
        assert raw_batches.append(source, out, day)["events"] > 0
        if number == 0:  # the same file delivered twice
            shutil.copyfile(out / "events" / f"received-{day}.parquet", out / "events" / f"received-{day}-again.parquet")
        target = run_on_arrived(incremental, "run", "--quiet")
    staging_sql = next(target.rglob("compiled/**/base_shop__events.sql")).read_text()
    run_on_arrived(full, "run", "--quiet", "--full-refresh")
    return {"source": request.param, "incremental": incremental, "full": full, "staging_sql": staging_sql,
            "incremental_models": incremental_models(target), "replayed": replayed, "target": target,
            "initial_until": initial_until}


def incremental_nodes(target: Path) -> list[dict[str, object]]:
    """The incremental models of the run's manifest."""
    nodes = json.loads((target / "manifest.json").read_text())["nodes"].values()
    return [node for node in nodes if node["resource_type"] == "model" and node["config"]["materialized"] == "incremental"]


def incremental_models(target: Path) -> list[str]:
    """The incremental models outside marts, as schema.name."""
    return sorted(f"{node['schema']}.{node['alias']}" for node in incremental_nodes(target) if node["schema"] != "marts")


def relations(connection: duckdb.DuckDBPyConnection, incremental_models: list[str]) -> list[str]:
    marts = [f"marts.{name}" for (name,) in connection.execute(
        "select table_name from information_schema.tables where table_catalog = 'refreshed' and table_schema = 'marts'"
    ).fetchall()]
    return sorted(marts) + incremental_models


def test_incremental_runs_equal_a_full_refresh(replay: dict[str, object]) -> None:
    """Every mart and incremental model: the incremental build and the full refresh hold the same rows."""
    incremental, full = replay["incremental"], replay["full"]
    connection = duckdb.connect()
    connection.execute(f"attach '{incremental}' as incr (read_only)")
    connection.execute(f"attach '{full}' as refreshed (read_only)")
    differences = {}
    compared = relations(connection, replay["incremental_models"])
    assert len(compared) > 60 and len(replay["incremental_models"]) >= 9
    for relation in compared:
        counts = differing_rows(connection, "incr", "refreshed", relation)
        if counts != (0, 0):
            differences[relation] = counts
    assert differences == {}


def test_the_replay_exercised_late_and_duplicated_events(replay: dict[str, object]) -> None:
    """The appended files did contain late events, re-delivered duplicates and new versions of orders
    loaded before, the dirty export's also quarantined late events; its last run restaged event rows
    of old files, the clean export's did not."""
    db = duckdb.connect(str(replay["incremental"]), read_only=True)
    late_days, duplicates, too_late = db.execute("""
        select
            count(*) filter (where row_status = 'clean' and received_at > event_at + interval 1 day),
            count(*) filter (where row_status = 'exact_duplicate'),
            count(*) filter (where quarantine_reason = 'late_event')
        from staging.base_shop__events
    """).fetchone()
    assert late_days > 0 and duplicates > 0
    if replay["source"] == "table":
        # warehouse rows carry no file: staging found the new rows by their arrival time, and
        # the appended days carried new versions of orders loaded before
        assert "watermark" in str(replay["staging_sql"]) and "source_file in (" not in str(replay["staging_sql"])
        updated_orders = db.execute(f"""
            select count(*) from (
                select order_id
                from raw.orders
                group by order_id
                having bool_or(left(updated_at, 10) <= '{replay["initial_until"]}')
                    and bool_or(left(updated_at, 10) > '{replay["initial_until"]}')
            )
        """).fetchone()[0]
        assert updated_orders > 0 and too_late > 0
        return
    # the appended order files carried new versions of orders first staged from the initial load
    updated_orders = db.execute("""
        select count(*) from (
            select order_id
            from staging.base_shop__orders
            group by order_id
            having bool_or(source_file like '%received-initial%') and bool_or(source_file not like '%received-initial%')
        )
    """).fetchone()[0]
    assert updated_orders > 0
    restaged_old_files = "source_file in (" in str(replay["staging_sql"])
    if replay["source"] == "dirty":
        assert too_late > 0 and restaged_old_files
    else:
        assert not restaged_old_files


@pytest.mark.parametrize("replay", ["clean"], indirect=True)
def test_the_incremental_branches_lint_clean(replay: dict[str, object]) -> None:
    """sqlfluff renders a model as dbt would in this warehouse: the test command's lint step sees
    an unbuilt warehouse, hence only the full-refresh SQL; here every incremental model's
    is_incremental() branch is linted against the warehouse the runs built."""
    paths = sorted(node["original_file_path"] for node in incremental_nodes(replay["target"]))
    assert len(paths) >= 10
    env = dbt_env(replay["replayed"], replay["incremental"], PROJECT_DIR / "target" / "incremental" / "lint")
    result = sqlfluff_lint(paths, env, quiet=True)
    assert result.returncode == 0, result.stdout[-4000:]
