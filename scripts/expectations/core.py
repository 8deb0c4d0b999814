"""Core dimensions (dim_*): the hand-written rules. Ranges, types and grain are derived."""

from __future__ import annotations

from .rules import AS_OF_DATE, CHANNELS, DAYS, PLATFORMS, AtMost, InputBound, Rule, Values, with_all

FAMILY = "core"

RULES: tuple[Rule, ...] = (
    AtMost("lifetime_sales_net", "lifetime_sales_paid", "Net sales are paid sales minus refunds."),
    AtMost("first_valid_order_date", "last_valid_order_date", "The first valid order is not after the last."),
    AtMost("first_sale_date", "last_sale_date", "The first sale is not after the last."),
    Values("dim_members", "lifecycle_stage", "select lifecycle_stage from reference.lifecycle_stages",
           "A stage of seeds/lifecycle_stages.csv."),
    Values("dim_members", "rfm_segment", "select rfm_segment from reference.rfm_segments",
           "A segment of seeds/rfm_segments.csv."),
    Values("dim_members", "tier", "select tier from reference.member_tiers", "A tier of seeds/member_tiers.csv."),
    InputBound("dim_date", DAYS, "=", "One row per date of the spine."),
    InputBound("dim_channels", with_all(CHANNELS), "=", "Every channel of the seed and 'all'."),
    InputBound("dim_platforms", with_all(PLATFORMS), "=", "Every platform of the seed and 'all'."),
    InputBound("dim_members", f"(select count(*) from staging.stg_shop__members where registered_date <= {AS_OF_DATE})",
               "=", "One row per member of stg_shop__members registered by as_of_date."),
    InputBound("dim_products", "(select count(*) from staging.stg_shop__products)", ">=",
               "Every SKU of the product export, and the SKUs only seen elsewhere."),
)
