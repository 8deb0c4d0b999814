"""Load UCI Online Retail into the raw data contract (eleven tables, every column text).

The source (data/reference/online_retail/online_retail.parquet, 541,909 invoice lines) is one
flat table of invoice lines. Every source row becomes exactly one raw row:

* a row of a normal invoice (``536365``) or of a bad-debt adjustment (``A563185``) becomes one
  ``order_items`` row; a row of a cancellation (``C536379``) becomes one ``returns`` row.

The other tables are derived from those rows:

* ``orders``: one row per sale invoice (not a cancellation, not an 'A' bad-debt adjustment)
  with at least one line of Quantity > 0. An invoice of only negative, zero-price lines is a
  stock adjustment and an 'A' invoice an accounting entry: neither is a sale, so neither gets
  an order, and staging quarantines their lines (``non_positive_quantity``, ``negative_amount``
  or ``orphan_reference``). All timestamps are the invoice's first InvoiceDate (UK local time);
  goods_amount = pay_amount = sum(Quantity x UnitPrice) over the invoice's distinct lines with
  Quantity > 0 and UnitPrice >= 0 (an exact duplicate line is an export artefact that staging
  removes, so the order total does not count it twice).
* ``order_items.line_no`` / ``returns.return_id``: the rank of the row's content (StockCode,
  Description, Quantity, UnitPrice, InvoiceDate, CustomerID, Country) within its invoice in order
  of first appearance, so exact duplicate source rows stay exact duplicate raw rows and distinct
  lines get distinct keys.
* ``returns.order_id``: the most recent earlier sale invoice (Quantity > 0) of the same customer
  holding the same StockCode (ties: the latest InvoiceNo); when there is none (guest, or bought
  before the data starts) the cancellation's own InvoiceNo, which is no order, so staging
  quarantines the return as ``orphan_reference``.
* ``members``: one row per CustomerID, first seen = registered_at; ``products``: one row per
  StockCode. ``events``, ``inventory_snapshots``, ``purchase_orders``, ``shipments``,
  ``marketing_spend`` and ``campaign_touches`` are written empty (0 rows, contract schema).

The mapping is set-based DuckDB SQL; the raw_contract module writes the files. The loader also
writes ``<out>/manifest.json`` with the row accounting and the staging outcome that can be
computed from the source alone (docs/online_retail.md explains both).

Build with raw_timezone = business_timezone = Europe/London and currency GBP.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Any, Sequence

import duckdb
import pyarrow as pa

sys.path.insert(0, str(Path(__file__).resolve().parent))
from raw_contract import PROJECT_DIR, TABLES, to_table, write_table  # noqa: E402

DEFAULT_SOURCE = Path("data/reference/online_retail/online_retail.parquet")  # relative to the project
DEFAULT_OUT = Path("data/raw/online_retail")
EMPTY_TABLES = (
    "events",
    "inventory_snapshots",
    "purchase_orders",
    "shipments",
    "marketing_spend",
    "campaign_touches",
)
# Stock codes that are services, fees or bookkeeping rather than merchandise.
SERVICE_CODES = ("POST", "DOT", "M", "D", "S", "B", "C2", "CRUK", "PADS", "AMAZONFEE", "BANK CHARGES")
# The contract's id format (docs/raw_contract.md): single inner spaces allowed (`BANK CHARGES`).
ID_PATTERN = r"^[A-Za-z0-9_.:-]+( [A-Za-z0-9_.:-]+)*$"

TS = "'%Y-%m-%d %H:%M:%S'"
MONEY = "decimal(38, 6)"  # exact arithmetic on prices (the source has at most 3 decimals)


def money(expr: str) -> str:
    """SQL for a money text with 2 decimals (exact decimal rounding, never '-0.00')."""
    return f"cast(cast({expr} as decimal(38, 2)) as varchar)"


def price_text(expr: str) -> str:
    """SQL for a UnitPrice text without loss: 2 decimals, more only when the price has more."""
    return (
        f"case when {expr} = round({expr}, 2) then cast(cast({expr} as decimal(18, 2)) as varchar) "
        f"else cast({expr} as varchar) end"
    )


def stage_source(con: duckdb.DuckDBPyConnection, source: Path) -> None:
    """Table `lines`: every source row with its file position and its content rank in the invoice."""
    path = str(source).replace("'", "''")
    con.execute(f"""
        create or replace temp table lines as
        with src as (
            select file_row_number as row_no, InvoiceNo as invoice_no, StockCode as stock_code,
                   Description as description, Quantity as quantity, InvoiceDate as invoice_date,
                   UnitPrice as unit_price, CustomerID as customer_id, Country as country
            from read_parquet('{path}', file_row_number = true)
        ), firsts as (
            select *,
                   min(row_no) over (partition by invoice_no, stock_code, description, quantity,
                                                  unit_price, invoice_date, customer_id, country)
                       as first_row
            from src
        )
        select *,
               starts_with(invoice_no, 'C') as is_cancel,
               starts_with(invoice_no, 'A') as is_adjustment,
               dense_rank() over (partition by invoice_no order by first_row) as line_rank,
               cast(cast(customer_id as bigint) as varchar) as member_id
        from firsts
    """)


def stage_invoices(con: duckdb.DuckDBPyConnection) -> None:
    """Table `invoices`: one row per InvoiceNo with its date, buyer and amounts."""
    con.execute(f"""
        create or replace temp table invoices as
        select invoice_no,
               any_value(is_cancel) as is_cancel,
               any_value(is_adjustment) as is_adjustment,
               any_value(member_id) as member_id,
               min(invoice_date) as invoice_at,
               bool_or(quantity > 0) as has_sale,
               sum(case when quantity > 0 and unit_price >= 0 and row_no = first_row
                        then quantity * cast(unit_price as {MONEY}) else 0 end) as sale_amount
        from lines
        group by invoice_no
    """)


def stage_return_links(con: duckdb.DuckDBPyConnection) -> None:
    """Table `return_links`: for each cancellation row, the sale invoice it cancels (or null)."""
    con.execute("""
        create or replace temp table sale_keys as
        select l.member_id, l.stock_code, i.invoice_at, max(l.invoice_no) as invoice_no
        from lines l join invoices i using (invoice_no)
        where not l.is_cancel and l.quantity > 0 and l.member_id is not null and i.has_sale
        group by all
    """)
    con.execute("""
        create or replace temp table return_links as
        select c.row_no, k.invoice_no as original_invoice
        from (select * from lines where is_cancel) c
        asof left join sale_keys k
            on c.member_id = k.member_id and c.stock_code = k.stock_code
           and c.invoice_date > k.invoice_at
    """)


ORDERS_SQL = f"""
    select invoice_no as order_id, member_id,
           strftime(invoice_at, {TS}) as created_at, strftime(invoice_at, {TS}) as paid_at,
           'completed' as status, 'unknown' as channel, 'web' as platform, null as coupon_id,
           {money("sale_amount")} as goods_amount,
           '0.00' as discount_amount, '0.00' as shipping_fee,
           {money("sale_amount")} as pay_amount,
           'GBP' as currency, 'false' as is_test, strftime(invoice_at, {TS}) as updated_at
    from invoices
    where not is_cancel and not is_adjustment and has_sale
    order by invoice_no
"""

ORDER_ITEMS_SQL = f"""
    select invoice_no as order_id, cast(line_rank as varchar) as line_no, stock_code as sku_id,
           cast(quantity as varchar) as quantity, {price_text("unit_price")} as unit_price,
           '0.00' as discount_amount
    from lines
    where not is_cancel
    order by row_no
"""

RETURNS_SQL = f"""
    select l.invoice_no || '-' || l.line_rank as return_id,
           coalesce(r.original_invoice, l.invoice_no) as order_id,
           l.stock_code as sku_id, cast(-l.quantity as varchar) as quantity,
           {money(f"-l.quantity * cast(l.unit_price as {MONEY})")} as refund_amount,
           strftime(l.invoice_date, {TS}) as requested_at,
           strftime(l.invoice_date, {TS}) as completed_at,
           'completed' as status, 'cancellation' as reason
    from lines l join return_links r using (row_no)
    order by l.row_no
"""

MEMBERS_SQL = f"""
    select member_id,
           strftime(min(invoice_date), {TS}) as registered_at,
           'unknown' as acquisition_channel,
           first(country order by invoice_date, row_no) as province,
           strftime(min(invoice_date), {TS}) as updated_at
    from lines
    where member_id is not null
    group by member_id
    order by member_id
"""


def products_sql() -> str:
    """SQL for `products`: one row per StockCode, named and priced by its most frequent values."""
    service_list = ", ".join("'" + code + "'" for code in SERVICE_CODES)
    return f"""
        with names as (
            select stock_code, trim(description) as name, count(*) as n
            from lines where trim(description) <> '' group by all
        ), prices as (
            select stock_code, unit_price, count(*) as n
            from lines where unit_price > 0 group by all
        ), codes as (
            select stock_code, min(invoice_date) as listed_at,
                   stock_code in ({service_list}) or starts_with(stock_code, 'gift_0001_')
                       or not regexp_matches(stock_code, '[0-9]') as is_service
            from lines group by stock_code
        ), picked as (
            select c.stock_code, c.listed_at, c.is_service,
                   (select first(name order by n desc, name) from names x
                     where x.stock_code = c.stock_code) as sku_name,
                   (select first(unit_price order by n desc, unit_price) from prices p
                     where p.stock_code = c.stock_code) as list_price
            from codes c
        )
        select stock_code as sku_id,
               coalesce(nullif(regexp_extract(stock_code, '^[0-9]+'), ''), stock_code) as spu_id,
               sku_name,
               case when is_service then 'non_merchandise' else 'gifts' end as category_l1,
               case when is_service then stock_code
                    else lower(split_part(trim(sku_name), ' ', 1)) end as category_l2,
               null as brand,
               {money("list_price")} as list_price,
               null as unit_cost,
               strftime(listed_at, {TS}) as listed_at,
               null as delisted_at
        from picked
        order by stock_code
    """


def build_tables(con: duckdb.DuckDBPyConnection) -> dict[str, pa.Table]:
    """Every contract table as an all-text Arrow table."""
    queries = {
        "members": MEMBERS_SQL,
        "orders": ORDERS_SQL,
        "order_items": ORDER_ITEMS_SQL,
        "returns": RETURNS_SQL,
        "products": products_sql(),
    }
    tables: dict[str, pa.Table] = {}
    for table in TABLES:
        if table in EMPTY_TABLES:
            tables[table] = to_table(table, {})
            continue
        result = con.sql(queries[table]).to_arrow_table()
        tables[table] = to_table(table, {name: result.column(name) for name in result.column_names})
    return tables


def expected_staging(con: duckdb.DuckDBPyConnection) -> dict[str, Any]:
    """What staging should find, from the source alone: duplicates first, then the first rule broken.

    Keys: order_items (order_id, line_no) and returns (return_id) are unique apart from exact
    duplicates, so a raw row's content is identified by (InvoiceNo, content rank).
    """
    con.execute(f"""
        create or replace temp table clean_orders as
        select invoice_no from invoices
        where not is_cancel and not is_adjustment and has_sale
    """)
    items = con.execute(f"""
        with d as (
            select distinct on (invoice_no, line_rank) invoice_no, line_rank, stock_code,
                   quantity, unit_price
            from lines where not is_cancel
        ), rules as (
            select case when not regexp_matches(stock_code, '{ID_PATTERN}') then 'malformed_key'
                        when unit_price < 0 then 'negative_amount'
                        when quantity <= 0 then 'non_positive_quantity'
                        when invoice_no not in (select invoice_no from clean_orders)
                            then 'orphan_reference'
                   end as rule
            from d
        )
        select rule, count(*) from rules group by rule
    """).fetchall()
    returns = con.execute(f"""
        with d as (
            select distinct on (l.invoice_no, l.line_rank) l.invoice_no, l.line_rank,
                   l.stock_code, l.quantity,
                   l.invoice_date, -l.quantity * cast(l.unit_price as {MONEY}) as refund,
                   coalesce(r.original_invoice, l.invoice_no) as order_id
            from lines l join return_links r using (row_no)
        ), first_rules as (
            select *, case when not regexp_matches(stock_code, '{ID_PATTERN}') then 'malformed_key'
                           when refund < 0 then 'negative_amount'
                           when -quantity <= 0 then 'non_positive_quantity'
                           when order_id not in (select invoice_no from clean_orders)
                               then 'orphan_reference'
                      end as rule
            from d
        ), running as (
            select f.*, sum(cast(f.refund as decimal(38, 2))) over (
                       partition by f.order_id order by f.invoice_date, f.invoice_no || '-' || f.line_rank
                       rows between unbounded preceding and current row) as refunded,
                   cast(i.sale_amount as decimal(38, 2)) as paid
            from first_rules f join invoices i on i.invoice_no = f.order_id
            where f.rule is null
        )
        select rule, count(*) from first_rules where rule is not null group by rule
        union all
        select 'refund_exceeds_payment', count(*) from running where refunded > paid
    """).fetchall()
    products = con.execute(f"""
        select count(distinct stock_code) from lines
        where not regexp_matches(stock_code, '{ID_PATTERN}')
    """).fetchone()
    dups = dict(con.execute("""
        select case when is_cancel then 'returns' else 'order_items' end,
               count(*) - count(distinct (invoice_no, line_rank))
        from lines group by is_cancel
    """).fetchall())

    def rules(rows: Sequence[tuple[str | None, int]]) -> dict[str, int]:
        return {rule: count for rule, count in sorted(rows, key=lambda r: str(r[0])) if rule and count}

    return {
        "order_items": {
            "exact_duplicate": dups.get("order_items", 0),
            "quarantined": rules(items),
        },
        "returns": {
            "exact_duplicate": dups.get("returns", 0),
            "quarantined": rules(returns),
        },
        "orders": {"exact_duplicate": 0, "quarantined": {}},
        "products": {"exact_duplicate": 0, "quarantined": rules([("malformed_key", products[0])])},
        "members": {"exact_duplicate": 0, "quarantined": {}},
    }


OBSERVATIONS_SQL = f"""
    with inv as (select * from invoices where not is_cancel),
    dup_lines as (
        select invoice_no, quantity * cast(unit_price as {MONEY}) as amount
        from (select *, row_number() over (partition by invoice_no, line_rank order by row_no) as copy
              from lines where not is_cancel and quantity > 0 and unit_price >= 0)
        where copy > 1
    ),
    ret as (select l.*, r.original_invoice from lines l join return_links r using (row_no))
    select
        (select count(*) from inv where not has_sale) as stock_adjustment_invoices,
        (select count(*) from lines l join inv using (invoice_no) where not inv.has_sale)
            as stock_adjustment_rows,
        (select count(*) from inv where has_sale and not is_adjustment and sale_amount = 0)
            as zero_amount_orders,
        (select count(distinct invoice_no) from dup_lines) as orders_with_duplicate_sale_lines,
        (select cast(cast(coalesce(sum(amount), 0) as decimal(38, 2)) as varchar) from dup_lines)
            as duplicate_lines_amount,
        (select count(*) from ret where original_invoice is not null) as return_rows_linked,
        (select count(*) from ret where member_id is null) as return_rows_guest,
        (select count(*) from ret where member_id is not null and original_invoice is null)
            as return_rows_member_no_earlier_purchase,
        (select count(*) from inv where is_adjustment) as bad_debt_invoices,
        (select count(distinct member_id) from lines where member_id is not null
           and member_id not in (select member_id from inv where has_sale and member_id is not null))
            as members_without_orders
"""


def source_observations(
    con: duckdb.DuckDBPyConnection, tables: dict[str, pa.Table]
) -> dict[str, Any]:
    """Facts about the source worth knowing when reading the marts (docs/online_retail.md)."""
    cursor = con.execute(OBSERVATIONS_SQL)
    names = [column[0] for column in cursor.description]
    row = cursor.fetchone()
    assert row is not None
    facts = {name: (int(value) if isinstance(value, int) else value) for name, value in zip(names, row)}
    products = tables["products"]
    facts["products_without_name"] = products.column("sku_name").null_count
    facts["products_without_list_price"] = products.column("list_price").null_count
    return facts


def source_facts(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    """Counts of the source used in the accounting."""
    row = con.execute("""
        select count(*), count(*) filter (where not is_cancel), count(*) filter (where is_cancel),
               count(distinct invoice_no), count(*) filter (where member_id is null)
        from lines
    """).fetchone()
    assert row is not None
    keys = ("source_rows", "order_item_rows", "return_rows", "invoices", "guest_rows")
    return dict(zip(keys, (int(v) for v in row)))


def clear_parts(out: Path) -> None:
    """Remove part files of an earlier load so a table folder holds only this load."""
    for table in TABLES:
        for old in (out / table).glob("part-*.*"):
            old.unlink()


def write_all(out: Path, tables: dict[str, pa.Table]) -> None:
    """Write each contract table as <out>/<table>/part-00000.parquet."""
    clear_parts(out)
    for table, data in tables.items():
        write_table(out, table, data)


def display_path(path: Path) -> str:
    """The path relative to the project when it is inside it."""
    resolved = path.resolve()
    try:
        return str(resolved.relative_to(PROJECT_DIR))
    except ValueError:
        return str(resolved)


def build_manifest(
    source: Path,
    facts: dict[str, int],
    tables: dict[str, pa.Table],
    expected: dict[str, Any],
    observations: dict[str, Any],
) -> dict[str, Any]:
    """The manifest: source, row accounting and expected staging outcome."""
    return {
        "source": display_path(source),
        "source_rows": facts["source_rows"],
        "rows_per_table": {table: data.num_rows for table, data in tables.items()},
        "mapping": {
            "order_items": facts["order_item_rows"],
            "returns": facts["return_rows"],
        },
        "expected_staging": expected,
        "source_observations": observations,
        "build_vars": {
            "raw_timezone": "Europe/London",
            "business_timezone": "Europe/London",
            "currency": "GBP",
        },
    }


def format_accounting(manifest: dict[str, Any], seconds: float) -> str:
    """The row accounting as printed lines."""
    mapping = manifest["mapping"]
    lines = [
        f"source {manifest['source']}: {manifest['source_rows']:,} rows",
        f"  -> order_items {mapping['order_items']:,} (non-C invoices)"
        f" + returns {mapping['returns']:,} (C invoices)"
        f" = {mapping['order_items'] + mapping['returns']:,}",
        "rows per table:",
    ]
    lines += [f"  {table:<20} {rows:>9,}" for table, rows in manifest["rows_per_table"].items()]
    lines.append("expected staging (exact duplicates first, then the first rule broken):")
    for table, outcome in manifest["expected_staging"].items():
        raw = manifest["rows_per_table"][table]
        quarantined = outcome["quarantined"]
        other = raw - outcome["exact_duplicate"] - sum(quarantined.values())
        detail = ", ".join(f"{rule} {count:,}" for rule, count in quarantined.items()) or "none"
        lines.append(
            f"  {table:<12} raw {raw:>7,} = duplicates {outcome['exact_duplicate']:>5,}"
            f" + quarantined {sum(quarantined.values()):>5,} + clean {other:>7,}   ({detail})"
        )
    lines.append("source observations:")
    lines += [f"  {name:<40} {value:>9}" for name, value in manifest["source_observations"].items()]
    lines.append(f"done in {seconds:.1f} s")
    return "\n".join(lines)


def load(source: Path, out: Path) -> dict[str, Any]:
    """Map the source into the raw contract under `out`; return the manifest."""
    con = duckdb.connect()
    stage_source(con, source)
    stage_invoices(con)
    stage_return_links(con)
    tables = build_tables(con)
    facts = source_facts(con)
    if facts["order_item_rows"] + facts["return_rows"] != facts["source_rows"]:
        raise AssertionError("row accounting does not add up")
    if tables["order_items"].num_rows + tables["returns"].num_rows != facts["source_rows"]:
        raise AssertionError("not every source row became one order_items or returns row")
    manifest = build_manifest(
        source, facts, tables, expected_staging(con), source_observations(con, tables)
    )
    write_all(out, tables)
    (out / "manifest.json").write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    return manifest


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    """Command-line options."""
    parser = argparse.ArgumentParser(
        description="Load UCI Online Retail into the raw data contract (see docs/online_retail.md).",
    )
    parser.add_argument("--source", type=Path, default=PROJECT_DIR / DEFAULT_SOURCE,
                        help=f"Online Retail parquet file (default {DEFAULT_SOURCE})")
    parser.add_argument("--out", type=Path, default=PROJECT_DIR / DEFAULT_OUT,
                        help=f"raw export folder to write, one sub-folder per table (default {DEFAULT_OUT})")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the load and print the row accounting."""
    args = parse_args(argv)
    started = time.perf_counter()
    manifest = load(args.source, args.out)
    print(format_accounting(manifest, time.perf_counter() - started))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
