"""Operations (营运): the hand-written rules. Ranges, types, grain and date coverage are derived."""

from __future__ import annotations

from .rules import (
    CATEGORIES, CHANNELS, MONTHS, PLATFORMS, AtMost, Identity, InputBound, Rule, rows_per_period, with_all,
)

FAMILY = "operations"

CENT = 0.005  # money identities hold to the cent (DECIMAL(…, 4) sums, rounded rates)
BUYER_TYPES = "3"  # new, returning, all (fct_sales_decomposition_*)
DATE_BASES = "2"  # order_date, return_date (fct_returns_daily)
SALES_ALL = "select {period}, sales_paid, refund_amount from marts.fct_sales_{grain} where channel = 'all' and platform = 'all'"
PLACED_IN_SPINE = (
    "(select count(*) from intermediate.int_orders where is_placed and not is_test"
    " and created_date in (select date_day from intermediate.int_dates))"
)
DECOMPOSITIONS = ("fct_sales_decomposition_daily", "fct_sales_decomposition_monthly")

RULES: tuple[Rule, ...] = (
    # Orders by state.
    AtMost("orders_valid", "orders_placed", "Valid orders are placed orders."),
    AtMost("orders_pending", "orders_placed", "Pending orders are placed orders."),
    Identity(
        "order_accounting_error",
        "m.orders_placed + m.orders_invalid_test - (m.orders_valid + m.orders_invalid + m.orders_pending)",
        ("orders_placed", "orders_invalid_test", "orders_valid", "orders_invalid", "orders_pending"),
        "Placed + test = valid + invalid + pending.",
    ),
    Identity(
        "invalid_split_error",
        "m.orders_invalid - (m.orders_invalid_unpaid + m.orders_invalid_cancelled + m.orders_invalid_fraud + m.orders_invalid_test)",
        ("orders_invalid", "orders_invalid_unpaid", "orders_invalid_cancelled", "orders_invalid_fraud", "orders_invalid_test"),
        "Invalid orders split exactly by reason.",
    ),
    # Buyers.
    AtMost("buyers", "orders_valid", "A buyer has at least one valid order."),
    AtMost("new_buyers", "buyers", "New buyers are buyers."),
    AtMost("returning_buyers", "buyers", "Returning buyers are buyers."),
    Identity(
        "buyer_split_error", "m.new_buyers + m.returning_buyers - m.buyers",
        ("new_buyers", "returning_buyers", "buyers"), "New + returning buyers = buyers.",
    ),
    # The ratios are their numerator over their denominator, row by row (relative error ≤ 1e-9):
    # AOV per buyer (客单价) divides by buyers, not by orders — aov_per_order does that.
    Identity(
        "aov_vs_sales_per_buyer", "abs(m.aov - m.sales_paid / nullif(m.buyers, 0)) / greatest(abs(m.aov), 1)",
        ("aov", "sales_paid", "buyers"), "aov = sales_paid / buyers (客单价 is per buyer).", tolerance=1e-9,
        models=("fct_sales_daily", "fct_sales_weekly", "fct_sales_monthly"),
    ),
    Identity(
        "aov_per_order_vs_sales_per_order",
        "abs(m.aov_per_order - m.sales_paid / nullif(m.orders_valid, 0)) / greatest(abs(m.aov_per_order), 1)",
        ("aov_per_order", "sales_paid", "orders_valid"), "aov_per_order = sales_paid / orders_valid.", tolerance=1e-9,
        models=("fct_sales_daily", "fct_sales_weekly", "fct_sales_monthly"),
    ),
    Identity(
        "units_per_order_vs_units", "abs(m.units_per_order - m.units / nullif(m.orders_valid, 0))",
        ("units_per_order", "units", "orders_valid"), "units_per_order (连带率) = units / orders_valid.", tolerance=1e-9,
        models=("fct_sales_daily", "fct_sales_weekly", "fct_sales_monthly"),
    ),
    # Money.
    AtMost("sales_paid", "gmv_placed", "Paid sales are part of GMV placed."),
    Identity(
        "sales_net_error", "abs(m.sales_net - (m.sales_paid - m.refund_amount))",
        ("sales_net", "sales_paid", "refund_amount"), "Net sales = sales paid − refunds (to the cent).", tolerance=CENT,
    ),
    # The sales decomposition: sales = visitors × conversion × price per item × units per order.
    Identity(
        "sales_identity_error",
        "abs(m.uv * m.order_conversion_rate * m.price_per_item * m.units_per_order - m.sales_paid)",
        ("uv", "order_conversion_rate", "price_per_item", "units_per_order", "sales_paid"),
        "|uv × order_conversion_rate × price_per_item × units_per_order − sales_paid| ≤ 0.005 where every factor is known.",
        tolerance=CENT, models=DECOMPOSITIONS,
    ),
    Identity(
        "sales_minus_sales_mart", "case when m.buyer_type = 'all' then m.sales_paid - s.sales_paid end", ("sales_paid",),
        "The 'all' buyer type's sales are fct_sales_daily's (channel = platform = 'all').",
        join=f"left join ({SALES_ALL.format(period='date_day', grain='daily')}) as s using (date_day)",
        tolerance=CENT, models=("fct_sales_decomposition_daily",),
    ),
    Identity(
        "sales_minus_sales_mart", "case when m.buyer_type = 'all' then m.sales_paid - s.sales_paid end", ("sales_paid",),
        "The 'all' buyer type's sales are fct_sales_monthly's (channel = platform = 'all').",
        join=f"left join ({SALES_ALL.format(period='month_start', grain='monthly')}) as s using (month_start)",
        tolerance=CENT, models=("fct_sales_decomposition_monthly",),
    ),
    # Returns.
    AtMost("returned_orders", "orders_valid", "By order date the returned orders are among the day's valid orders.",
           where=(("date_basis", "order_date"),), models=("fct_returns_daily",)),
    AtMost("returned_buyers", "returned_orders", "A return user has at least one returned order."),
    Identity(
        "refunds_minus_sales_mart", "case when m.date_basis = 'order_date' then m.refund_amount - s.refund_amount end",
        ("refund_amount",), "By order date the refunds are fct_sales_daily's (channel = platform = 'all').",
        join=f"left join ({SALES_ALL.format(period='date_day', grain='daily')}) as s using (date_day)",
        tolerance=CENT, models=("fct_returns_daily",),
    ),
    # Assortment, inventory, purchasing, fulfilment.
    AtMost("skus_sold", "skus_listed", "Sold SKUs count as listed."),
    AtMost("skus_sold_not_listed", "skus_sold", "SKUs sold while not listed are sold SKUs."),
    AtMost("units_ordered_received_lines", "units_ordered", "Received lines are among the lines ordered."),
    AtMost("orders_first_shipment_complete", "orders_shipped", "Complete first shipments are shipped orders."),
    AtMost("first_shipment_units", "units_of_shipped_orders", "First packages carry at most the orders' units."),
    AtMost("order_response_hours_median", "order_response_hours_p90", "The median is not above the p90."),
    AtMost("delivery_days_median", "delivery_days_p90", "The median is not above the p90."),
    AtMost("delivery_days_end_to_end_median", "delivery_days_end_to_end_p90", "The median is not above the p90."),
    # Row counts against the input.
    *(
        InputBound(f"fct_sales_{grain}", rows_per_period(period, with_all(CHANNELS), with_all(PLATFORMS)), "=",
                   f"Every {period} × (channels + all) × (platforms + all).")
        for grain, period in (("daily", "day"), ("weekly", "week"), ("monthly", "month"))
    ),
    InputBound("fct_sales_decomposition_daily", rows_per_period("day", BUYER_TYPES), "=",
               "Every date × buyer type (new, returning, all)."),
    InputBound("fct_sales_decomposition_monthly", rows_per_period("month", BUYER_TYPES), "=",
               "Every month × buyer type (new, returning, all)."),
    InputBound("fct_returns_daily", rows_per_period("day", DATE_BASES), "=", "Every date × date basis."),
    InputBound("fct_fulfilment_daily", rows_per_period("day", with_all(PLATFORMS)), "=",
               "Every date × (platforms + all)."),
    InputBound("fct_inventory_daily", rows_per_period("day", with_all(CATEGORIES)), "=",
               "Every date × (categories + all)."),
    *(
        InputBound(model, rows_per_period("month", with_all(CATEGORIES)), "=", "Every month × (categories + all).")
        for model in ("fct_inventory_monthly", "fct_purchasing_monthly", "fct_sku_sell_through_monthly")
    ),
    InputBound("fct_sku_inventory_monthly", f"{MONTHS} * (select count(*) from marts.dim_products)", "<=",
               "At most every month × SKU."),
    InputBound("fct_sales_daily", PLACED_IN_SPINE, "=",
               "Σ orders_placed over the 'all' rows = placed non-test orders of int_orders dated in the spine.",
               column="orders_placed", where=(("channel", "all"), ("platform", "all"))),
)
