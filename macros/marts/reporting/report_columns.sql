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

{#-
    The comparison columns of a reporting set: for each of `columns` and each (offset, suffix)
    of `comparisons`, the value `offset` periods earlier as <column>_<suffix> (the spine has
    every period, so lag is exact). Column by column, comparisons in the order given.
-#}
{% macro earlier_values(columns, comparisons, period_column) -%}
    {%- for column in columns %}
        {%- set outer_loop = loop %}
        {%- for offset, suffix in comparisons %}
        lag({{ column }}, {{ offset }}) over (order by {{ period_column }}) as {{ column }}_{{ suffix }}
        {{- "," if not (loop.last and outer_loop.last) }}
        {%- endfor %}
    {%- endfor %}
{%- endmacro %}
