"""The real UCI Online Retail export builds, and every one of its 541,909 rows is accounted for."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import duckdb


def test_every_source_row_is_accounted_for(online_retail_warehouse: Path, online_retail_manifest: dict[str, Any]) -> None:
    """order_items + returns raw rows = the source's rows; each is clean, a duplicate or quarantined."""
    db = duckdb.connect(str(online_retail_warehouse), read_only=True)
    audit = {table: (raw, clean, dups, superseded, quarantined) for table, raw, clean, dups, superseded, quarantined in db.execute(
        "select source_table, raw_rows, clean_rows, exact_duplicate_rows, superseded_rows, quarantined_rows "
        "from staging.stg_shop__row_audit").fetchall()}
    lines, returns = audit["order_items"], audit["returns"]
    assert lines[0] + returns[0] == online_retail_manifest["source_rows"] == 541_909
    for raw, clean, dups, superseded, quarantined in audit.values():
        assert raw == clean + dups + superseded + quarantined


def test_staging_outcome_matches_the_loaders_expectation(
    online_retail_warehouse: Path, online_retail_manifest: dict[str, Any]
) -> None:
    """Duplicates and quarantine reasons per table equal what the loader computed from the source alone."""
    db = duckdb.connect(str(online_retail_warehouse), read_only=True)
    for table, expected in online_retail_manifest["expected_staging"].items():
        duplicates = db.execute(
            "select exact_duplicate_rows from staging.stg_shop__row_audit where source_table = ?", [table]
        ).fetchone()[0]
        reasons = dict(db.execute(
            "select quarantine_reason, count(*) from staging.stg_shop__quarantine where source_table = ? group by 1",
            [table]).fetchall())
        assert (duplicates, reasons) == (expected["exact_duplicate"], expected["quarantined"]), table


def test_guest_orders_are_sales(online_retail_warehouse: Path) -> None:
    """Orders without a customer are valid sales, each its own buyer, not junk."""
    db = duckdb.connect(str(online_retail_warehouse), read_only=True)
    guests, valid_guests, distinct_buyers = db.execute("""
        select count(*), count(*) filter (where is_valid), count(distinct buyer_key) filter (where is_valid)
        from intermediate.int_orders where is_guest""").fetchone()
    assert guests == valid_guests == distinct_buyers == 2189
