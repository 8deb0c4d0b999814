-- Clean purchase_orders: the rows of base_shop__purchase_orders that passed every rule (see its YAML).
{{ clean_rows('base_shop__purchase_orders') }}
