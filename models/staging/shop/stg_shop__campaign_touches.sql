-- Clean campaign_touches: the rows of base_shop__campaign_touches that passed every rule (see its YAML).
{{ clean_rows('base_shop__campaign_touches') }}
