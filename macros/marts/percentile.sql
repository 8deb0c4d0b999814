{#- The p-quantile (0 ≤ p ≤ 1) of a numeric expression, interpolated (aggregate). -#}
{% macro percentile(expr, p) -%}
    {{ return(adapter.dispatch('percentile', 'ecom_indicators')(expr, p)) }}
{%- endmacro %}

{% macro default__percentile(expr, p) -%}
    quantile_cont({{ expr }}, {{ p }})
{%- endmacro %}

{% macro spark__percentile(expr, p) -%}
    percentile({{ expr }}, {{ p }})
{%- endmacro %}
