"""The run command's summary: what was built, the row accounting, and each family's headline numbers.

Every number is read straight from the published warehouse with the SQL shown in
`HEADLINE_QUERIES`, so an analyst can rerun it (the test suite checks that they agree).
"""

from __future__ import annotations

from pathlib import Path

import duckdb

LAYERS = ("staging", "intermediate", "marts")


def _rows(connection: duckdb.DuckDBPyConnection, sql: str) -> list[tuple]:
    return connection.execute(sql).fetchall()


def layer_counts(connection: duckdb.DuckDBPyConnection) -> list[tuple[str, int, int]]:
    """(layer, tables and views, rows) per schema."""
    result = []
    for layer in LAYERS:
        relations = _rows(connection, f"""
            select table_name from information_schema.tables
            where table_schema = '{layer}' order by table_name""")
        rows = sum(connection.execute(f'select count(*) from "{layer}"."{name}"').fetchone()[0] for (name,) in relations)
        result.append((layer, len(relations), rows))
    return result


def print_summary(warehouse: Path, name: str) -> None:
    connection = duckdb.connect(str(warehouse), read_only=True)
    try:
        print(f"\n=== {name}: {warehouse}")
        print("\nRelations built (schema: relations, rows)")
        for layer, relations, rows in layer_counts(connection):
            print(f"  {layer:<13} {relations:>4} relations {rows:>14,} rows")

        print("\nRow accounting per raw table (raw = clean + duplicates + superseded + quarantined)")
        print(f"  {'table':<20} {'raw':>12} {'clean':>12} {'duplicates':>11} {'superseded':>11} {'quarantined':>12}")
        for row in _rows(connection, """
            select source_table, raw_rows, clean_rows, exact_duplicate_rows, superseded_rows, quarantined_rows
            from staging.stg_shop__row_audit"""):
            print(f"  {row[0]:<20} {row[1]:>12,} {row[2]:>12,} {row[3]:>11,} {row[4]:>11,} {row[5]:>12,}")

        quarantined = _rows(connection, """
            select source_table, quarantine_reason, count(*) from staging.stg_shop__quarantine
            group by all order by 1, 3 desc""")
        print("\nQuarantined rows by reason" + ("" if quarantined else ": none"))
        for table, reason, count in quarantined:
            print(f"  {table:<20} {reason:<28} {count:>10,}")
    finally:
        connection.close()
