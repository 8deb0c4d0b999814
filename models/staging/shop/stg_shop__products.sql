-- Clean products: the rows of base_shop__products that passed every rule (see its YAML).
{{ clean_rows('base_shop__products') }}
