-- Clean shipments: the rows of base_shop__shipments that passed every rule (see its YAML).
{{ clean_rows('base_shop__shipments') }}
