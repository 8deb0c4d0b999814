{#- Number of rows meeting a condition (portable conditional count; 0 on an empty input). -#}
{% macro count_where(condition) -%}
    coalesce(cast(sum(case when {{ condition }} then 1 else 0 end) as {{ dbt.type_bigint() }}), 0)
{%- endmacro %}
