{#-
    The eleven raw tables, in contract order. A static list because ref() and source() must
    be called at parse time to draw the DAG; the test assert_row_audit_covers_every_source
    checks it against the source YAML.
-#}
{% macro raw_table_names() -%}
    {{ return([
        'members', 'events', 'orders', 'order_items', 'returns', 'products',
        'inventory_snapshots', 'purchase_orders', 'shipments', 'marketing_spend', 'campaign_touches',
    ]) }}
{%- endmacro %}
