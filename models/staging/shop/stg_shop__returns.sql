-- Clean returns: the rows of base_shop__returns that passed every rule (see its YAML).
{{ clean_rows('base_shop__returns') }}
