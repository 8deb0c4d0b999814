-- Clean orders: the rows of base_shop__orders that passed every rule (see its YAML).
{{ clean_rows('base_shop__orders', ['loaded_at', 'source_file']) }}
