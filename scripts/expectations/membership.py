"""Membership (会员): the hand-written rules. Ranges, types, grain and date coverage are derived."""

from __future__ import annotations

from .rules import AS_OF_DATE, CHANNELS, DAYS, MONTHS, PLATFORMS, AtMost, Identity, InputBound, Monotone, Rule, Values, with_all

FAMILY = "membership"

SHARE_SUM = 1e-9  # shares of a whole add up to 1 up to float rounding
REGISTERED = f"(select count(*) from staging.stg_shop__members where registered_date <= {AS_OF_DATE})"
RFM_BUYERS = "(select count(*) from intermediate.int_member_rfm)"
NEXT_ORDER_ROWS = "11"  # n = 1 .. 10 and the pooled '10+' row (fct_next_order_rates)
HORIZONS = ("d1", "d3", "d7", "d30")
LTV = ("ltv_30d", "ltv_90d", "ltv_180d", "ltv_365d")
REPURCHASE = ("repurchased_next_month", "repurchased_next_2_months", "repurchased_next_quarter", "cohort_buyers")

RULES: tuple[Rule, ...] = (
    # The member base.
    AtMost("effective_members", "registered_members", "Effective members are registered members."),
    AtMost("active_members", "registered_members", "Active members are registered members."),
    AtMost("new_members", "registered_members", "Members registered on the date are registered by then."),
    Monotone("registered_members", "date_day", "non_decreasing", "Registered members never decrease.",
             models=("fct_members_daily",)),
    Identity(
        "registered_change_minus_new",
        "m.registered_members - lag(m.registered_members) over (order by m.date_day) - m.new_members",
        ("registered_members", "new_members"), "Registered members grow by the day's new members.",
        models=("fct_members_daily",),
    ),
    # Repurchase, buy-back, churn.
    AtMost("repeat_buyers", "buyers", "Repeat buyers are buyers of the month."),
    AtMost("buyback_buyers", "buyers", "Buy-back buyers are buyers of the month."),
    AtMost("buyers", "orders_valid", "Every buyer has at least one valid order.",
           models=("fct_repurchase_monthly",)),
    AtMost("buyers", "active_members", "A member with a valid order in the month is active in it.",
           models=("fct_member_value_monthly",)),
    AtMost("churned_buyers", "churn_base_buyers", "Churned buyers are base buyers."),
    # Retention: retained members are cohort members; pooled cohorts shrink with N.
    *(AtMost(f"retained_{n}", "cohort_size", f"Retained on {n} are cohort members.") for n in HORIZONS),
    *(AtMost(f"retained_{n}", f"cohort_size_{n}", f"Retained on {n} are members of the cohorts complete for {n}.")
      for n in HORIZONS),
    *(AtMost(f"cohort_size_{longer}", f"cohort_size_{shorter}", "A cohort complete for day N is complete for smaller N.")
      for shorter, longer in zip(HORIZONS, HORIZONS[1:])),
    # Cohort repurchase and LTV are cumulative over the horizons.
    *(AtMost(shorter, longer, "Horizons are cumulative and within the cohort.") for shorter, longer in zip(REPURCHASE, REPURCHASE[1:])),
    *(AtMost(shorter, longer, "LTV is cumulative (net sales of an order are not negative).") for shorter, longer in zip(LTV, LTV[1:])),
    Identity(
        "cohort_buyers_minus_home", "m.cohort_buyers - r.cohort_buyers", ("cohort_buyers",),
        "Cohort buyers are fct_repurchase_cohorts' (their home).",
        join="left join marts.fct_repurchase_cohorts as r using (cohort_month)", models=("fct_ltv_cohorts",),
    ),
    # The magic number.
    AtMost("buyers_with_next", "buyers_reaching_n", "Buyers with a next order reached n."),
    Monotone("buyers_reaching_n", "order_count", "non_increasing",
             "Buyers reaching n orders never increase with n (the pooled '10+' row aside).",
             where="not is_pooled", models=("fct_next_order_rates",), partition_by=()),
    InputBound("fct_next_order_rates", "1", "<=", "At most one row is the magic number.", column="is_magic_number"),
    Values("fct_next_order_rates", "is_magic_number", "select * from (values (true), (false))", "A flag."),
    InputBound("fct_next_order_rates", NEXT_ORDER_ROWS, "=", "n = 1 .. 10 and the pooled '10+'."),
    # Distributions over every segment, stage and tier: the parts add up to the whole.
    InputBound("fct_rfm_segments", "(select count(*) from reference.rfm_segments)", "=", "Every RFM segment is a row."),
    InputBound("fct_rfm_segments", RFM_BUYERS, "=", "Σ buyers = the buyers of the RFM window (int_member_rfm).",
               column="buyers"),
    InputBound("fct_rfm_segments", "1", "=", "Σ buyer shares = 1.", column="buyer_share", tolerance=SHARE_SUM),
    InputBound("fct_rfm_segments", "1", "=", "Σ monetary shares = 1.", column="monetary_share", tolerance=SHARE_SUM),
    InputBound("fct_lifecycle_stages", "(select count(*) from reference.lifecycle_stages)", "=",
               "Every lifecycle stage is a row."),
    InputBound("fct_lifecycle_stages", REGISTERED, "=", "Σ members = members registered by as_of_date.",
               column="members"),
    InputBound("fct_lifecycle_stages", "1", "=", "Σ shares = 1.", column="member_share", tolerance=SHARE_SUM),
    InputBound("fct_member_tiers", "(select count(*) from reference.member_tiers)", "=", "Every tier is a row."),
    InputBound("fct_member_tiers", REGISTERED, "=", "Σ members = members registered by as_of_date.",
               column="members"),
    InputBound("fct_member_tiers", "1", "=", "Σ shares = 1.", column="member_share", tolerance=SHARE_SUM),
    # Row counts against the input.
    InputBound("fct_members_daily", DAYS, "=", "One row per date of the spine."),
    *(
        InputBound(model, MONTHS, "=", "One row per month of the spine.")
        for model in ("fct_repurchase_monthly", "fct_churn_monthly", "fct_member_value_monthly",
                      "fct_repurchase_cohorts", "fct_ltv_cohorts")
    ),
    InputBound("fct_retention_cohorts",
               f"{DAYS} * {with_all(CHANNELS)} * {with_all(PLATFORMS)} + {DAYS} * {with_all(CHANNELS)}", "<=",
               "At most every cohort date × (channels + all) × (platforms + all) for visitors, "
               "plus every date × (channels + all) for members."),
    InputBound("fct_retention_by_channel",
               f"{with_all(CHANNELS)} * {with_all(PLATFORMS)} + {with_all(CHANNELS)}", "<=",
               "At most (channels + all) × (platforms + all) for visitors plus (channels + all) for members."),
)
