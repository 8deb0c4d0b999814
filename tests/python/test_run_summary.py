"""The run command's headline numbers are what a direct query of the home marts gives."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from conftest import PROJECT_DIR

sys.path.insert(0, str(PROJECT_DIR / "scripts"))
from summary import headline_numbers  # noqa: E402

MONTH = "(select max(month_start) from marts.fct_sales_monthly)"
ALL = "channel = 'all' and platform = 'all'"
# The same numbers by another route: the monthly home mart, or Σ of the daily home mart for
# additive ones (so the check also catches a reporting model that reads the wrong row).
DIRECT = {
    "UV 访客数": f"select uv from marts.fct_traffic_monthly where month_start = {MONTH} and {ALL}",
    "PV 浏览量": f"select sum(pv) from marts.fct_traffic_daily where date_trunc('month', date_day) = {MONTH} and {ALL}",
    "transaction conversion 成交转化率": f"select transaction_conversion_rate from marts.fct_conversion_monthly where month_start = {MONTH} and {ALL}",
    "GMV placed 下单金额": f"select sum(gmv_placed) from marts.fct_sales_daily where date_trunc('month', date_day) = {MONTH} and {ALL}",
    "sales paid 支付金额": f"select sum(sales_paid) from marts.fct_sales_daily where date_trunc('month', date_day) = {MONTH} and {ALL}",
    "orders valid 有效订单数": f"select sum(orders_valid) from marts.fct_sales_daily where date_trunc('month', date_day) = {MONTH} and {ALL}",
    "AOV per buyer 客单价": f"select aov from marts.fct_sales_monthly where month_start = {MONTH} and {ALL}",
    "repurchase rate 复购率": f"select repurchase_rate from marts.fct_repurchase_monthly where month_start = {MONTH}",
    "marketing spend 营销费用": f"select sum(spend) from marts.fct_marketing_daily where date_trunc('month', date_day) = {MONTH} and channel = 'all'",
    "ROAS 投入产出比": f"select roas from marts.fct_marketing_monthly where month_start = {MONTH} and channel = 'all'",
    "gross margin 毛利率": f"select gross_margin from marts.fct_profit_monthly where month_start = {MONTH}",
}


def test_headline_numbers_equal_direct_queries(ci_warehouse: Path) -> None:
    """Each headline number equals the same metric queried from its home mart by another route."""
    db = duckdb.connect(str(ci_warehouse), read_only=True)
    printed = {label: value for _, label, value in headline_numbers(db)}
    assert set(DIRECT) <= set(printed)
    for label, sql in DIRECT.items():
        expected = db.execute(sql).fetchone()[0]
        assert printed[label] is not None, label
        assert float(printed[label]) == pytest.approx(float(expected), rel=1e-12), label


def test_run_command_prints_the_summary(ci_warehouse: Path) -> None:
    """`run.py` on a current warehouse reuses it and prints accounting and headline numbers."""
    output = subprocess.run(
        [sys.executable, "scripts/run.py", "--data", "ci"], cwd=PROJECT_DIR, capture_output=True, text=True, check=True
    ).stdout
    assert "is current" in output
    assert "Row accounting per raw table" in output and "Headline numbers" in output
    assert "sales paid 支付金额" in output
