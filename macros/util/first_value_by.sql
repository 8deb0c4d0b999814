{#-
    The value of a text column on the row with the smallest (first_...) or largest (last_...)
    order key in the group, NULL included. Plain min_by skips NULL values on DuckDB, which
    would return a later row's value; coalescing to '' keeps the row's own NULL.
-#}
{% macro first_value_by(expr, order_key) -%}
    nullif(min_by(coalesce({{ expr }}, ''), {{ order_key }}), '')
{%- endmacro %}

{% macro last_value_by(expr, order_key) -%}
    nullif(max_by(coalesce({{ expr }}, ''), {{ order_key }}), '')
{%- endmacro %}
