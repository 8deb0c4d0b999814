"""Tests of scripts/load_online_retail.py on the real UCI Online Retail file (loaded once)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

PROJECT_DIR = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(PROJECT_DIR / "scripts"))

import load_online_retail as loader  # noqa: E402
from raw_contract import TABLE_COLUMNS, TABLES  # noqa: E402

SOURCE = PROJECT_DIR / "data" / "reference" / "online_retail" / "online_retail.parquet"
SOURCE_ROWS = 541_909


@pytest.fixture(scope="session")
def out_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Run the loader once into a temporary export folder."""
    out = tmp_path_factory.mktemp("online_retail")
    loader.load(SOURCE, out)
    return out


@pytest.fixture(scope="session")
def con(out_dir: Path) -> duckdb.DuckDBPyConnection:
    """DuckDB with the source as `src` and every written raw table as a view of its name."""
    connection = duckdb.connect()
    connection.execute(
        f"create view src as select * from read_parquet('{SOURCE}', file_row_number = true)"
    )
    for table in TABLES:
        connection.execute(
            f"create view {table} as select * from read_parquet('{out_dir}/{table}/*.parquet')"
        )
    return connection


@pytest.fixture(scope="session")
def manifest(out_dir: Path) -> dict[str, Any]:
    """The manifest the loader wrote."""
    return json.loads((out_dir / "manifest.json").read_text(encoding="utf-8"))


def rows(con: duckdb.DuckDBPyConnection, sql: str) -> list[tuple[Any, ...]]:
    """All rows of a query."""
    return con.execute(sql).fetchall()


def scalar(con: duckdb.DuckDBPyConnection, sql: str) -> Any:
    """The single value of a query."""
    return con.execute(sql).fetchall()[0][0]


def test_every_source_row_becomes_exactly_one_raw_row(con: duckdb.DuckDBPyConnection) -> None:
    """Per invoice, source rows = order_items rows (non-C) or returns rows (C); totals add to 541,909."""
    assert scalar(con, "select count(*) from src") == SOURCE_ROWS
    mismatches = rows(con, """
        with raw as (
            select order_id as invoice_no, count(*) as n from order_items group by 1
            union all
            select split_part(return_id, '-', 1), count(*) from returns group by 1
        ), source as (select InvoiceNo as invoice_no, count(*) as n from src group by 1)
        select * from source full join raw using (invoice_no)
        where source.n is distinct from raw.n
    """)
    assert mismatches == []
    total = scalar(con, "select (select count(*) from order_items) + (select count(*) from returns)")
    assert total == SOURCE_ROWS
    assert scalar(con, "select count(*) from returns where not starts_with(return_id, 'C')") == 0
    assert scalar(con, "select count(*) from order_items where starts_with(order_id, 'C')") == 0


def test_every_contract_table_has_the_contract_columns(out_dir: Path) -> None:
    """Each of the 11 tables is a folder of Parquet with exactly the contract's columns, all text."""
    assert len(TABLES) == 11
    for table in TABLES:
        files = sorted((out_dir / table).glob("*.parquet"))
        assert len(files) == 1, table
        schema = pq.read_schema(files[0])
        assert schema.names == TABLE_COLUMNS[table], table
        assert all(field.type == pa.string() for field in schema), table


def test_empty_tables_are_valid(out_dir: Path, manifest: dict[str, Any]) -> None:
    """The six tables the export cannot fill have 0 rows, the contract schema, and read as sources do."""
    for table in loader.EMPTY_TABLES:
        data = pq.read_table(out_dir / table)
        assert data.num_rows == 0, table
        assert data.column_names == TABLE_COLUMNS[table], table
        assert manifest["rows_per_table"][table] == 0
        read = duckdb.sql(
            f"select * from read_parquet('{out_dir}/{table}/*.parquet', union_by_name = true)"
        )
        assert read.columns == TABLE_COLUMNS[table]
        assert len(read.fetchall()) == 0


def test_exact_duplicates_stay_exact_duplicates(con: duckdb.DuckDBPyConnection) -> None:
    """Source exact duplicates (5,231 sale rows, 37 cancellation rows) are exactly the raw duplicates."""
    source = dict(rows(con, """
        select starts_with(InvoiceNo, 'C'), count(*) - count(distinct
               (InvoiceNo, StockCode, Description, Quantity, InvoiceDate, UnitPrice, CustomerID, Country))
        from src group by 1
    """))
    copies = "select count(*) - (select count(*) from (select distinct * from {0})) from {0}"
    raw_items = scalar(con, copies.format("order_items"))
    raw_returns = scalar(con, copies.format("returns"))
    assert (raw_items, raw_returns) == (source[False], source[True]) == (5231, 37)
    # distinct source lines keep distinct keys: no key collision once exact copies are removed
    assert scalar(con, """
        select count(*) from (
            select order_id, line_no from (select distinct * from order_items)
            group by all having count(*) > 1)
    """) == 0
    assert scalar(con, "select count(distinct return_id) from returns") == 9288 - 37


def test_hand_checked_invoice_548910(con: duckdb.DuckDBPyConnection) -> None:
    """Invoice 548910 (3 source rows, one an exact duplicate) gives the order and lines computed by hand."""
    # Source rows of 548910 (customer 17940, 2011-04-05 08:51):
    #   21982 PACK OF 12 SUKI TISSUES   432 x 0.20
    #   22616 PACK OF 12 LONDON TISSUES 432 x 0.20
    #   21982 PACK OF 12 SUKI TISSUES   432 x 0.20   (exact duplicate of the first row)
    # goods_amount counts distinct lines only (staging removes the duplicate):
    # 2 x (432 x 0.20) = 2 x 86.40 = 172.80; pay_amount = 172.80 (no discount, no shipping).
    # Lines: content ranks 1, 2, 1 -> the duplicate keeps line_no 1.
    order = rows(con, "select * from orders where order_id = '548910'")
    assert order == [(
        "548910", "17940", "2011-04-05 08:51:00", "2011-04-05 08:51:00", "completed", "unknown",
        "web", None, "172.80", "0.00", "0.00", "172.80", "GBP", "false", "2011-04-05 08:51:00",
    )]
    items = rows(con, "select * from order_items where order_id = '548910'")
    assert items == [
        ("548910", "1", "21982", "432", "0.20", "0.00"),
        ("548910", "2", "22616", "432", "0.20", "0.00"),
        ("548910", "1", "21982", "432", "0.20", "0.00"),
    ]


def test_guest_rows_become_orders_without_member(con: duckdb.DuckDBPyConnection) -> None:
    """A guest invoice is an order with an empty member_id; every guest sale invoice has one."""
    # Bad-debt adjustments (A563185-7) have no customer either but are no sale: no order.
    # 536555, no CustomerID: 1 x 2.55 + 1 x 0.42 = 2.97
    guest = "select member_id, goods_amount, pay_amount from orders where order_id = '536555'"
    order = rows(con, guest)
    assert order == [(None, "2.97", "2.97")]
    expected = scalar(con, """
        select count(distinct InvoiceNo) from src
        where CustomerID is null and not starts_with(InvoiceNo, 'C') and not starts_with(InvoiceNo, 'A')
          and Quantity > 0
    """)
    assert scalar(con, "select count(*) from orders where member_id is null") == expected == 2189


def test_cancellation_links_to_the_latest_earlier_invoice(con: duckdb.DuckDBPyConnection) -> None:
    """C540938 cancels 540649, the customer's latest earlier invoice with that SKU; no match -> own id."""
    # Customer 15061, StockCode 85178: sales 536783 (2010-12-02), 536786 (2010-12-02),
    # 538998 (2010-12-15), 540649 (2011-01-10), then C540938 on 2011-01-12 12:10 (-48 x 0.85),
    # and a later sale 548940 (2011-04-05) that must not be chosen. refund = 48 x 0.85 = 40.80.
    assert rows(con, "select * from returns where return_id like 'C540938-%'") == [(
        "C540938-1", "540649", "85178", "48", "40.80", "2011-01-12 12:10:00",
        "2011-01-12 12:10:00", "completed", "cancellation",
    )]
    # Customer 14299 cancels 21843 and 22423 on 2010-12-08 before any purchase in the data:
    # 10 x 9.95 = 99.50 and 10 x 10.95 = 109.50; the order is the C invoice itself (orphan).
    early = "select return_id, order_id, refund_amount from returns where return_id like 'C537812-%'"
    assert rows(con, early + " order by 1") == [
        ("C537812-1", "C537812", "99.50"),
        ("C537812-2", "C537812", "109.50"),
    ]
    # A guest cancellation has no customer to follow.
    assert scalar(con, "select order_id from returns where return_id = 'C546943-1'") == "C546943"


def test_stock_adjustment_invoice_gets_lines_but_no_order(con: duckdb.DuckDBPyConnection) -> None:
    """536589 (one line, -10 x 0.00) is no order, but its line is still written for staging to quarantine."""
    assert scalar(con, "select count(*) from orders where order_id = '536589'") == 0
    assert rows(con, "select * from order_items where order_id = '536589'") == [
        ("536589", "1", "21777", "-10", "0.00", "0.00")
    ]
    assert scalar(con, "select count(*) from orders") == 20725


def test_bad_debt_adjustments_are_lines_without_an_order(con: duckdb.DuckDBPyConnection) -> None:
    """The 'A' invoices are accounting entries: their lines are kept, but they get no order."""
    assert scalar(con, "select count(*) from orders where order_id like 'A%'") == 0
    adjustment_lines = "select order_id, unit_price from order_items where order_id like 'A%' order by 1"
    assert rows(con, adjustment_lines) == [
        ("A563185", "11062.06"),
        ("A563186", "-11062.06"),
        ("A563187", "-11062.06"),
    ]

def test_unit_prices_are_written_without_loss(con: duckdb.DuckDBPyConnection, out_dir: Path) -> None:
    """Every unit_price text parses back to its source UnitPrice, with at least two decimals."""
    # the loader writes order_items in source order, so the n-th raw line is the n-th non-C row
    pairs = rows(con, f"""
        select count(*) filter (where cast(i.unit_price as double) <> s.UnitPrice),
               count(*) filter (where not regexp_matches(i.unit_price, '^-?[0-9]+\\.[0-9]{{2,3}}$')),
               count(*)
        from (select *, file_row_number + 1 as n
              from read_parquet('{out_dir}/order_items/*.parquet', file_row_number = true)) i
        join (select *, row_number() over (order by file_row_number) as n
              from src where not starts_with(InvoiceNo, 'C')) s using (n)
    """)
    assert pairs == [(0, 0, 532621)]
    assert scalar(con, "select count(*) from order_items where unit_price = '0.001'") == 4


def test_products_and_members(con: duckdb.DuckDBPyConnection) -> None:
    """One product per StockCode and one member per CustomerID, derived as documented."""
    assert scalar(con, "select count(*) from products") == 4070
    assert scalar(con, "select count(distinct StockCode) from src") == 4070
    assert scalar(con, "select count(*) from members") == 4372
    assert scalar(con, "select count(distinct CustomerID) from src") == 4372
    # 85123A: name 2,302 x WHITE HANGING ... vs 9 x CREAM ...; price 2.95 (1,741 rows) vs 2.55 (374)
    product = "select spu_id, sku_name, category_l1, category_l2, list_price, unit_cost from products"
    assert rows(con, product + " where sku_id = '85123A'") == [
        ("85123", "WHITE HANGING HEART T-LIGHT HOLDER", "gifts", "white", "2.95", None)
    ]
    services = "select category_l1, category_l2 from products"
    assert rows(con, services + " where sku_id in ('POST', 'gift_0001_10', 'BANK CHARGES') order by 1, 2") == [
        ("non_merchandise", "BANK CHARGES"),
        ("non_merchandise", "POST"),
        ("non_merchandise", "gift_0001_10"),
    ]
    member = "select registered_at, updated_at, acquisition_channel, province from members"
    assert rows(con, member + " where member_id = '17850'") == [
        ("2010-12-01 08:26:00", "2010-12-01 08:26:00", "unknown", "United Kingdom")
    ]


def test_manifest_matches_the_files(con: duckdb.DuckDBPyConnection, manifest: dict[str, Any]) -> None:
    """The manifest's counts are the written row counts and its expectations are recomputed from the raw files."""
    assert manifest["source_rows"] == SOURCE_ROWS
    assert manifest["mapping"] == {"order_items": 532621, "returns": 9288}
    for table in TABLES:
        assert manifest["rows_per_table"][table] == scalar(con, f"select count(*) from {table}"), table
    expected = manifest["expected_staging"]
    non_positive = scalar(con, """
        select count(*) from (select distinct * from order_items)
        where cast(quantity as int) <= 0 and cast(unit_price as double) >= 0
    """)
    negative_items = scalar(con, """
        select count(*) from (select distinct * from order_items) where cast(unit_price as double) < 0
    """)
    orphans = scalar(con, """
        select count(*) from (select distinct * from returns)
        where order_id = split_part(return_id, '-', 1)
    """)
    assert expected["order_items"]["quarantined"]["non_positive_quantity"] == non_positive == 1336
    assert expected["order_items"]["quarantined"]["negative_amount"] == negative_items == 2
    assert expected["returns"]["quarantined"]["orphan_reference"] == orphans == 1682
    assert expected["order_items"]["exact_duplicate"] == 5231
    assert expected["returns"]["exact_duplicate"] == 37


def test_cli_help_runs() -> None:
    """`--help` prints the usage with both options."""
    result = subprocess.run(
        [sys.executable, str(PROJECT_DIR / "scripts" / "load_online_retail.py"), "--help"],
        capture_output=True, text=True, check=True,
    )
    assert "--source" in result.stdout and "--out" in result.stdout
