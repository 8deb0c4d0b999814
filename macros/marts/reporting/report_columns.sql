{#-
    Reporting sets (rpt_*) join headline metrics from their home marts into one row per period
    for BI tools, and show some of them again for an earlier period (a week ago, last month,
    last year). They never compute a metric: every value is a column of a home mart.

    report_source(name, model, filter, columns): an import CTE of one mart, its 'all' rollup
    rows (filter), the given columns and the period column.
-#}
{% macro report_source(name, model, period_column, columns, filter=none) -%}
{{ name }} as (
    select
        {{ period_column }},
        {{ columns | join(',\n        ') }}
    from {{ ref(model) }}
    {%- if filter %}
    where {{ filter }}
    {%- endif %}
),
{%- endmacro %}

{#- The value of `column` `offset` periods earlier (the spine has every period, so lag is exact). -#}
{% macro earlier_value(column, offset, period_column) -%}
    lag({{ column }}, {{ offset }}) over (order by {{ period_column }})
{%- endmacro %}
