-- Clean events: the rows of base_shop__events that passed every rule (see its YAML).
{{ clean_rows('base_shop__events', ['source_file']) }}
