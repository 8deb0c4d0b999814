-- Clean marketing_spend: the rows of base_shop__marketing_spend that passed every rule (see its YAML).
{{ clean_rows('base_shop__marketing_spend') }}
