-- Clean inventory_snapshots: the rows of base_shop__inventory_snapshots that passed every rule (see its YAML).
{{ clean_rows('base_shop__inventory_snapshots') }}
