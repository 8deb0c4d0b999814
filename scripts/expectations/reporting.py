"""Reporting sets (rpt_*): every column is a metric read from its home mart, so the column rules
of every family apply to them (rules.applies); here only their row counts."""

from __future__ import annotations

from .rules import DAYS, MONTHS, WEEKS, InputBound, Rule

FAMILY = "reporting"

RULES: tuple[Rule, ...] = (
    InputBound("rpt_daily_tracking", DAYS, "=", "One row per date of the spine."),
    InputBound("rpt_weekly_analysis", WEEKS, "=", "One row per week of the spine."),
    InputBound("rpt_monthly_kpis", MONTHS, "=", "One row per month of the spine."),
)
