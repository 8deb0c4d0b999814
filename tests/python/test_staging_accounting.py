"""Staging finds every defect the generator planted, in the planted amount (issue: nothing lost)."""

from __future__ import annotations

from typing import Any

import duckdb
import pytest

TABLES = [
    "members", "events", "orders", "order_items", "returns", "products", "inventory_snapshots",
    "purchase_orders", "shipments", "marketing_spend", "campaign_touches",
]


def audit_row(db: duckdb.DuckDBPyConnection, table: str) -> dict[str, int]:
    columns = ["raw_rows", "clean_rows", "exact_duplicate_rows", "superseded_rows", "quarantined_rows"]
    row = db.execute(
        f"select {', '.join(columns)} from staging.stg_shop__row_audit where source_table = ?", [table]
    ).fetchone()
    return dict(zip(columns, row))


@pytest.mark.parametrize("table", TABLES)
def test_row_accounting_matches_the_manifest(ci_db: duckdb.DuckDBPyConnection, ci_manifest: dict[str, Any], table: str) -> None:
    """Raw, clean, duplicate, superseded and quarantined rows of each table equal what was planted."""
    planted = ci_manifest["tables"][table]
    assert audit_row(ci_db, table) == {
        "raw_rows": planted["raw_rows"],
        "clean_rows": planted["clean_rows"],
        "exact_duplicate_rows": planted["exact_duplicates"],
        "superseded_rows": planted["superseded"],
        "quarantined_rows": sum(planted["quarantined"].values()),
    }


@pytest.mark.parametrize("table", TABLES)
def test_each_defect_kind_is_quarantined_for_its_rule(
    ci_db: duckdb.DuckDBPyConnection, ci_manifest: dict[str, Any], table: str
) -> None:
    """Per table, the quarantine holds exactly the planted rows under each rule."""
    found = dict(ci_db.execute(
        "select quarantine_reason, count(*) from staging.stg_shop__quarantine where source_table = ? group by 1",
        [table],
    ).fetchall())
    planted = {rule: count for rule, count in ci_manifest["tables"][table]["quarantined"].items() if count}
    assert found == planted


def test_planted_test_orders_are_flagged(ci_db: duckdb.DuckDBPyConnection, ci_manifest: dict[str, Any]) -> None:
    """Test orders are kept in staging but flagged, one for each planted."""
    flagged = ci_db.execute("select count(*) from staging.stg_shop__orders where is_test").fetchone()[0]
    assert flagged == ci_manifest["tables"]["orders"]["flagged"]["is_test"] > 0


def test_bot_events_are_flagged(ci_db: duckdb.DuckDBPyConnection, ci_manifest: dict[str, Any]) -> None:
    """Every bot event (user agent or inhuman rate) is on a bot visitor-day, and no human event is."""
    bot_events = ci_db.execute("select sum(events) from intermediate.int_bot_visitor_days").fetchone()[0]
    assert bot_events == ci_manifest["tables"]["events"]["flagged"]["is_bot"] > 0
