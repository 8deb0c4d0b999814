"""The built warehouse holds exactly the mart columns the YAML documents (the YAML ↔ catalog
direction is the dbt test assert_metric_catalog_matches_marts)."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb

from conftest import PROJECT_DIR


def documented_columns(manifest_path: Path) -> set[tuple[str, str]]:
    manifest = json.loads(manifest_path.read_text())
    return {
        (node["name"], column)
        for node in manifest["nodes"].values()
        if node["resource_type"] == "model" and node["path"].startswith("marts/")
        for column in node["columns"]
    }


def test_warehouse_mart_columns_are_exactly_the_documented_ones(ci_warehouse: Path) -> None:
    """No mart column is built without documentation, and none is documented but missing."""
    db = duckdb.connect(str(ci_warehouse), read_only=True)
    built = set(db.execute(
        "select table_name, column_name from information_schema.columns where table_schema = 'marts'"
    ).fetchall())
    documented = documented_columns(PROJECT_DIR / "target" / "ci" / "manifest.json")
    assert sorted(built - documented) == [] and sorted(documented - built) == []


def test_metric_docs_are_current() -> None:
    """docs/metrics.md is what scripts/metric_docs.py derives from the catalog seed now."""
    import subprocess
    import sys

    result = subprocess.run([sys.executable, "scripts/metric_docs.py", "--check"], cwd=PROJECT_DIR, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout
