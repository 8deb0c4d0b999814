-- Clean order_items: the rows of base_shop__order_items that passed every rule (see its YAML).
{{ clean_rows('base_shop__order_items') }}
