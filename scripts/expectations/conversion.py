"""Conversion (转化): the hand-written rules. Ranges, types, grain and date coverage are derived."""

from __future__ import annotations

from .rules import (
    CHANNELS, MONTHS, PLATFORMS, AtMost, Identity, InputBound, Monotone, Rule, Values, rows_per_period, with_all,
)

FAMILY = "conversion"

# Steps of the funnels (macros session_funnel_steps / product_funnel_steps).
SESSION_FUNNEL_STEPS = "6"
PRODUCT_FUNNEL_STEPS = "4"
SKUS = "(select count(*) from marts.dim_products)"
CAMPAIGNS = "(select count(distinct utm_campaign) from intermediate.int_sessions where utm_campaign is not null)"
PRODUCT_SLICES = "(select count(distinct (category_l1, brand)) from marts.fct_product_conversion_daily)"
FUNNELS = ("fct_funnel_daily", "fct_campaign_funnel_daily")
PRODUCT_FUNNELS = ("fct_product_funnel_daily", "fct_sku_funnel_daily")

RULES: tuple[Rule, ...] = (
    AtMost("sessions_with_paid_order", "sessions", "Sessions with a paid order are sessions."),
    AtMost("cs_sessions", "sessions", "Sessions with a customer-service chat are sessions."),
    AtMost("favorite_sessions", "sessions", "Sessions with a favourite are sessions."),
    AtMost("cart_sessions", "sessions", "Sessions with an add-to-cart are sessions."),
    AtMost("buying_visitors", "uv", "Buying visitors are visitors.", models=(
        "fct_conversion_daily", "fct_conversion_weekly", "fct_conversion_monthly")),
    AtMost("registered_new_visitors", "new_visitors", "Registered new visitors are new visitors."),
    AtMost("new_visitors", "uv", "New visitors are visitors."),
    Identity(
        "sessions_minus_traffic", "m.sessions - t.sessions", ("sessions",),
        "The denominators are fct_traffic_daily's: sessions of the same day × channel × platform.",
        join="left join marts.fct_traffic_daily as t using (date_day, channel, platform)",
        models=("fct_conversion_daily",),
    ),
    Identity(
        "uv_minus_traffic", "m.uv - t.uv", ("uv",),
        "The denominators are fct_traffic_daily's: uv of the same day × channel × platform.",
        join="left join marts.fct_traffic_daily as t using (date_day, channel, platform)",
        models=("fct_conversion_daily",),
    ),
    # Funnels: counts never increase from one step to the next; step 1 is the whole funnel.
    Monotone("entries_reaching_step", "step_number", "non_increasing",
             "Funnel entries never increase from a step to the next.", models=FUNNELS),
    Monotone("visitors_reaching_step", "step_number", "non_increasing",
             "Visitors never increase from a step to the next.", models=PRODUCT_FUNNELS),
    Identity(
        "step1_funnel_rate_error", "case when m.step_number = 1 and m.entries_reaching_step > 0 then m.funnel_conversion_rate - 1 end",
        ("funnel_conversion_rate", "entries_reaching_step"), "Step 1 is the whole funnel: funnel rate 1.", models=FUNNELS,
    ),
    Identity(
        "step1_funnel_rate_error", "case when m.step_number = 1 and m.visitors_reaching_step > 0 then m.funnel_conversion_rate - 1 end",
        ("funnel_conversion_rate", "visitors_reaching_step"), "Step 1 is the whole funnel: funnel rate 1.", models=PRODUCT_FUNNELS,
    ),
    Identity(
        "step1_entries_minus_sessions", "case when m.step_number = 1 then m.entries_reaching_step - t.sessions end",
        ("entries_reaching_step",), "Step 1 entries are the sessions started that day (fct_traffic_daily).",
        join="left join marts.fct_traffic_daily as t using (date_day, channel, platform)",
        models=("fct_funnel_daily",),
    ),
    AtMost("favoriting_visitors", "viewing_visitors", "Favouriting visitors viewed the slice."),
    AtMost("carting_visitors", "viewing_visitors", "Carting visitors viewed the slice."),
    AtMost("buying_visitors", "viewing_visitors", "Buying visitors viewed the slice.",
           models=("fct_product_conversion_daily",)),
    Identity(
        "quadrant_iff_traffic", "case when (m.uv = 0) = (m.channel_quadrant is null) then 0 else 1 end",
        ("channel_quadrant", "uv"), "A channel with traffic is in exactly one quadrant, one without in none.",
        models=("fct_channel_quadrants_monthly",),
    ),
    Identity(
        "record_attribution_with_touches",
        "case when m.attribution_source = 'order_record' then m.touch_sessions + coalesce(m.hours_to_convert, 0) end",
        ("touch_sessions", "hours_to_convert"),
        "An order attributed from its record has no touch session and no time to convert.",
        models=("fct_order_attribution",),
    ),
    Values("fct_channel_quadrants_monthly", "channel_quadrant", "select * from (values (1), (2), (3), (4))",
           "Quadrants 1 (stars) .. 4 (traffic drivers)."),
    Values("fct_order_attribution", "first_touch_channel", "select channel from reference.channels",
           "A channel of seeds/channels.csv."),
    Values("fct_order_attribution", "last_touch_channel", "select channel from reference.channels",
           "A channel of seeds/channels.csv."),
    # Row counts against the input.
    InputBound("fct_conversion_daily", rows_per_period("day", with_all(CHANNELS), with_all(PLATFORMS)), "=",
               "Every date × (channels + all) × (platforms + all)."),
    InputBound("fct_conversion_weekly", rows_per_period("week", with_all(CHANNELS), with_all(PLATFORMS)), "=",
               "Every week × (channels + all) × (platforms + all)."),
    InputBound("fct_conversion_monthly", rows_per_period("month", with_all(CHANNELS), with_all(PLATFORMS)), "=",
               "Every month × (channels + all) × (platforms + all)."),
    InputBound("fct_funnel_daily",
               rows_per_period("day", with_all(CHANNELS), with_all(PLATFORMS), SESSION_FUNNEL_STEPS), "=",
               "Every date × (channels + all) × (platforms + all) × 6 steps."),
    InputBound("fct_campaign_funnel_daily", rows_per_period("day", with_all(CAMPAIGNS), SESSION_FUNNEL_STEPS), "<=",
               "Sparse: at most every date × (campaigns of the sessions + all) × 6 steps."),
    InputBound("fct_product_conversion_daily", rows_per_period("day", PRODUCT_SLICES), "=",
               "Every date × every category-brand slice of the mart: a complete grid."),
    InputBound("fct_product_funnel_daily", f"(select count(*) from marts.fct_product_conversion_daily) * {PRODUCT_FUNNEL_STEPS}",
               "=", "4 steps for every row of fct_product_conversion_daily (same date × slice spine)."),
    InputBound("fct_sku_funnel_daily", rows_per_period("day", SKUS, PRODUCT_FUNNEL_STEPS), "<=",
               "Sparse: at most every date × SKU × 4 steps."),
    InputBound("fct_channel_quadrants_monthly", f"{MONTHS} * {CHANNELS}", "=", "Every month × channel (no 'all')."),
    InputBound("fct_order_attribution",
               "(select count(*) from intermediate.int_orders where is_placed and not is_test)", "=",
               "One row per placed non-test order of int_orders."),
)
