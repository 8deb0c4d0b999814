"""The one-page report renders every picture from the marts."""

from __future__ import annotations

from pathlib import Path

from conftest import PROJECT_DIR  # noqa: F401  (puts scripts/ on the path)
from report import render


def test_report_has_every_picture(ci_warehouse: Path) -> None:
    """KPIs, trend, funnel, retention heat map, quadrants, decomposition and RFM map are drawn."""
    page = render(ci_warehouse, "ci")
    for title in ("核心指标", "转化漏斗", "留存热力图", "渠道四象限", "销售额拆解", "RFM 客户分层"):
        assert title in page
    assert page.count("<svg") == 6
    assert "No " not in page.split("核心指标", 1)[1]  # no section fell back to its empty message
