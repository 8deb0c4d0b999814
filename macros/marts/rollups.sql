{#-
    Daily tables by dimension (channel, platform, ...) carry a row for every date and every
    combination of dimension values, plus rollup rows where a dimension is 'all'. Distinct counts
    (visitors, buyers) are recomputed for each rollup with CUBE, never summed.
-#}

{#- The value a rolled-up dimension takes. -#}
{% macro rollup_value() -%}
    'all'
{%- endmacro %}

{#-
    The GROUP BY list for `always` (columns in every grouping) and every subset of `dimensions`:
    all 2^n rollups, as CUBE. Pair it with rollup_columns() in the select list.
-#}
{% macro rollup_grouping_sets(always, dimensions) -%}
    {{ (always + (['cube(' ~ dimensions | join(', ') ~ ')'] if dimensions else [])) | join(', ') }}
{%- endmacro %}

{#- The dimensions of a grouped row, with 'all' where the grouping set rolled the dimension up. -#}
{% macro rollup_columns(dimensions) -%}
    {%- for dimension in dimensions %}
    case
        when grouping({{ dimension }}) = 1 then {{ rollup_value() }}
        else cast({{ dimension }} as {{ dbt.type_string() }})
    end as {{ dimension.split('.')[-1] }}
    {{- "," if not loop.last }}
    {%- endfor %}
{%- endmacro %}

{#-
    The spine of a table by period: every period of int_dates (period_column: date_day,
    week_start or month_start) × every value of each dimension plus 'all'. `dimensions` maps a
    column name to a SQL query returning that column's values. `periods_from`: a SQL expression;
    only the periods from it on (an incremental run's recomputed periods).
-#}
{% macro rollup_spine(dimensions, period_column='date_day', periods_from=none) -%}
    select
        periods.{{ period_column }}
        {%- for name in dimensions %},
        {{ name }}_values.{{ name }}
        {%- endfor %}
    from (select distinct {{ period_column }} from {{ ref('int_dates') }}) as periods
    {%- for name, values_query in dimensions.items() %}
    cross join (
        select distinct cast({{ name }} as {{ dbt.type_string() }}) as {{ name }} from ({{ values_query }}) as listed
        union all
        select {{ rollup_value() }} as {{ name }}
    ) as {{ name }}_values
    {%- endfor %}
    {%- if periods_from is not none %}
    where periods.{{ period_column }} >= {{ periods_from }}
    {%- endif %}
{%- endmacro %}
