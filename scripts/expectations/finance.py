"""Finance (财务): the hand-written rules. Ranges, types, grain and date coverage are derived."""

from __future__ import annotations

from .rules import CHANNELS, DAYS, AtMost, Identity, InputBound, Rule, rows_per_period, with_all

FAMILY = "finance"

CENT = 0.005
SALES_ALL_DAILY = "select date_day, sales_paid from marts.fct_sales_daily where channel = 'all' and platform = 'all'"

RULES: tuple[Rule, ...] = (
    # Marketing efficiency.
    AtMost("paid_spend", "spend", "Paid spend is part of spend."),
    AtMost("clicks", "impressions", "A click follows an impression."),
    AtMost("new_buyers", "orders_attributed", "A new buyer is the buyer of an attributed order.",
           models=("fct_marketing_daily", "fct_marketing_weekly", "fct_marketing_monthly")),
    Identity(
        "uv_minus_traffic", "m.uv - t.uv", ("uv",), "uv is fct_traffic_daily's (platform 'all') for the channel.",
        join="left join (select date_day, channel, uv from marts.fct_traffic_daily where platform = 'all') as t "
             "using (date_day, channel)",
        models=("fct_marketing_daily",),
    ),
    # Profit.
    Identity(
        "sales_net_error", "abs(m.sales_net - (m.sales_paid - m.refund_amount))",
        ("sales_net", "sales_paid", "refund_amount"), "Net sales = sales paid − refunds (to the cent).", tolerance=CENT,
    ),
    Identity(
        "gross_profit_error", "abs(m.gross_profit - (m.sales_net_with_cost - m.cogs_net))",
        ("gross_profit", "sales_net_with_cost", "cogs_net"), "Gross profit = costed net sales − their COGS.",
        tolerance=CENT,
    ),
    Identity(
        "sales_minus_sales_mart", "m.sales_paid - s.sales_paid", ("sales_paid",),
        "Sales paid are fct_sales_daily's (channel = platform = 'all').",
        join=f"left join ({SALES_ALL_DAILY}) as s using (date_day)", tolerance=CENT, models=("fct_profit_daily",),
    ),
    # CRM reach narrows: touches ≥ sent ≥ delivered ≥ opened ≥ clicked.
    AtMost("members_sent", "touches_sent", "Members sent to are at most the touches."),
    AtMost("members_delivered", "members_sent", "Delivered members were sent to."),
    AtMost("members_opened", "members_delivered", "Members who opened were reached."),
    AtMost("members_clicked", "members_opened", "Members who clicked opened."),
    # Row counts against the input.
    *(
        InputBound(f"fct_marketing_{grain}", rows_per_period(period, with_all(CHANNELS)), "=",
                   f"Every {period} × (channels + all).")
        for grain, period in (("daily", "day"), ("weekly", "week"), ("monthly", "month"))
    ),
    *(
        InputBound(f"fct_profit_{grain}", rows_per_period(period), "=", f"One row per {period} of the spine.")
        for grain, period in (("daily", "day"), ("weekly", "week"), ("monthly", "month"))
    ),
    InputBound("fct_crm_daily", DAYS, "=", "One row per date of the spine."),
    InputBound("fct_crm_campaigns", "(select count(distinct campaign_id) from staging.stg_shop__campaign_touches)", ">=",
               "Every campaign with a touch is a row."),
)
