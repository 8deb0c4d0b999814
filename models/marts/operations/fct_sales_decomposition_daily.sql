-- Sales decomposition (销售额拆解) per date day × buyer_type (new, returning, all):
-- sales_paid = uv × order_conversion_rate × price_per_item × units_per_order; see macro sales_decomposition.
{{ sales_decomposition('date_day') }}
