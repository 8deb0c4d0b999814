-- Clean members: the rows of base_shop__members that passed every rule (see its YAML).
{{ clean_rows('base_shop__members') }}
