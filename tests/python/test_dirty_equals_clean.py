"""The marts of a dirty export equal the marts of the same export without defects.

The generator plants defects only as extra rows or as awkward-but-valid formats, never by
changing a clean row (docs/raw_contract.md § Defect kinds). So if staging removes, quarantines
and repairs exactly right, every mart of the `ci` dataset (5 % defects) equals the mart of
`ci_clean` (same seed, no defects), row for row. The only planted rows that reach the marts on
purpose are flagged ones — bot traffic and test orders — and they differ by exactly the
planted amount.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Iterator

import duckdb
import pytest

from project import differing_rows  # scripts/ is on sys.path (conftest)

# Mart columns that count flagged defect rows (bots, test orders): checked against the manifest
# below instead of being compared.
FLAGGED_COLUMNS: dict[str, list[str]] = {
    "fct_bot_traffic_daily": ["*"],
    "fct_sales_daily": ["orders_invalid", "orders_invalid_test"],
    "fct_sales_weekly": ["orders_invalid", "orders_invalid_test"],
    "fct_sales_monthly": ["orders_invalid", "orders_invalid_test"],
    "rpt_monthly_kpis": ["orders_invalid"],
}


@pytest.fixture(scope="module")
def both(ci_warehouse: Path, ci_clean_warehouse: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    connection = duckdb.connect()
    connection.execute(f"attach '{ci_warehouse}' as dirty (read_only)")
    connection.execute(f"attach '{ci_clean_warehouse}' as clean (read_only)")
    yield connection
    connection.close()


def mart_tables(connection: duckdb.DuckDBPyConnection) -> list[str]:
    return [name for (name,) in connection.execute(
        "select table_name from information_schema.tables where table_catalog = 'clean' "
        "and table_schema = 'marts' order by 1").fetchall()]


def test_every_mart_is_compared(both: duckdb.DuckDBPyConnection) -> None:
    """Both warehouses hold the same marts, and there are marts to compare."""
    dirty = [name for (name,) in both.execute(
        "select table_name from information_schema.tables where table_catalog = 'dirty' "
        "and table_schema = 'marts' order by 1").fetchall()]
    assert dirty == mart_tables(both) and len(dirty) > 10


def test_marts_are_identical_apart_from_flagged_rows(both: duckdb.DuckDBPyConnection) -> None:
    """Every mart row of the dirty build is in the clean build and vice versa (EXCEPT ALL both ways)."""
    differences = {}
    for table in mart_tables(both):
        skipped = FLAGGED_COLUMNS.get(table, [])
        if skipped == ["*"]:
            continue
        counts = differing_rows(both, "dirty", "clean", f"marts.{table}", tuple(skipped))
        if counts != (0, 0):
            differences[table] = counts
    assert differences == {}


def test_flagged_rows_differ_by_the_planted_amount(both: duckdb.DuckDBPyConnection, ci_manifest: dict[str, Any]) -> None:
    """Bot events and test orders are the only difference, in exactly the planted amounts."""
    def extra(sql: str) -> int:
        return both.execute(sql.format(db="dirty")).fetchone()[0] - both.execute(sql.format(db="clean")).fetchone()[0]

    planted_bot_events = ci_manifest["tables"]["events"]["defects"]["bot_visitor"]
    assert extra("select sum(bot_events) from {db}.marts.fct_bot_traffic_daily where bot_reason = 'all'") == planted_bot_events
    planted_test_orders = ci_manifest["tables"]["orders"]["flagged"]["is_test"]
    assert extra("""select sum(orders_invalid_test) from {db}.marts.fct_sales_daily
                    where channel = 'all' and platform = 'all'""") == planted_test_orders
