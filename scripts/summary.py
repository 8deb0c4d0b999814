"""The run command's summary: what was built, the row accounting, and each family's headline numbers.

Every number is read straight from the published warehouse with the SQL shown in
`HEADLINE_QUERIES`, so an analyst can rerun it (the test suite checks that they agree).
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import duckdb

LAYERS = ("staging", "intermediate", "marts")
FAMILIES = ("traffic", "conversion", "operations", "membership", "finance")

# Headline numbers per family: (family, label, SQL returning one value). The month is the latest
# month of the data (rpt_monthly_kpis); retention pools every complete cohort.
LATEST_MONTH = "(select max(month_start) from marts.rpt_monthly_kpis)"
HEADLINE_QUERIES: tuple[tuple[str, str, str], ...] = tuple(
    (family, label, f"select {column} from marts.rpt_monthly_kpis where month_start = {LATEST_MONTH}")
    for family, label, column in (
        ("traffic", "UV 访客数", "uv"),
        ("traffic", "PV 浏览量", "pv"),
        ("traffic", "bounce rate 跳失率", "bounce_rate"),
        ("conversion", "transaction conversion 成交转化率", "transaction_conversion_rate"),
        ("conversion", "session conversion 会话转化率", "session_conversion_rate"),
        ("operations", "GMV placed 下单金额", "gmv_placed"),
        ("operations", "sales paid 支付金额", "sales_paid"),
        ("operations", "sales net 净销售额", "sales_net"),
        ("operations", "orders valid 有效订单数", "orders_valid"),
        ("operations", "AOV per buyer 客单价", "aov"),
        ("operations", "units per order 连带率", "units_per_order"),
        ("operations", "SKU sell-through 动销率", "sku_sell_through"),
        ("membership", "repurchase rate 复购率", "repurchase_rate"),
        ("membership", "active members 活跃会员数", "active_members"),
        ("membership", "ARPPU", "arppu"),
        ("finance", "marketing spend 营销费用", "spend"),
        ("finance", "CAC paid 新客成本(付费)", "cac_paid"),
        ("finance", "ROAS 投入产出比", "roas"),
        ("finance", "gross margin 毛利率", "gross_margin"),
    )
) + (
    ("membership", "D1 visitor retention 次日留存率 (all cohorts)",
     "select retention_d1 from marts.fct_retention_by_channel "
     "where cohort_basis = 'visitor' and channel = 'all' and platform = 'all'"),
    ("membership", "D7 visitor retention 7日留存率 (all cohorts)",
     "select retention_d7 from marts.fct_retention_by_channel "
     "where cohort_basis = 'visitor' and channel = 'all' and platform = 'all'"),
    ("membership", "magic number (order count) 复购魔法数字",
     "select max(order_count_label) from marts.fct_next_order_rates where is_magic_number"),
)


def headline_numbers(connection: duckdb.DuckDBPyConnection) -> list[tuple[str, str, object]]:
    """(family, label, value) for every headline query."""
    return [(family, label, connection.execute(sql).fetchone()[0]) for family, label, sql in HEADLINE_QUERIES]


def _format(value: object) -> str:
    """Counts with separators, rates and small ratios with 4 decimals, money with 2."""
    if value is None:
        return "NULL"
    if isinstance(value, int):
        return f"{value:,}"
    if isinstance(value, float) and abs(value) < 10:
        return f"{value:.4f}"
    if isinstance(value, (float, Decimal)):
        return f"{float(value):,.2f}"
    return str(value)


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

        month = connection.execute(f"select {LATEST_MONTH}").fetchone()[0]
        print(f"\nHeadline numbers (month of {month}; SQL in scripts/summary.py HEADLINE_QUERIES)")
        for family, label, value in sorted(headline_numbers(connection), key=lambda row: FAMILIES.index(row[0])):
            print(f"  {family:<11} {label:<46} {_format(value):>16}")
    finally:
        connection.close()
