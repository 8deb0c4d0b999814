{#-
    The breakdown of members (or buyers) over the categories of a rules seed as of as_of_date
    (RFM segments, lifecycle stages, tiers): every category is a row, with
    <count_name> = entities in it (0 when empty), <share_name> = that / all entities (NULL when
    there is none), the average of each column in `averages` ({output: column}; NULL when
    empty), and for each column in `summed` ({column: share_output}) its sum (0 when empty) and
    its share of the total.
    categories: a query of the seed's rows (first column the key); entities: relation, one row
    per entity with column `key`.
-#}
{% macro category_breakdown(categories, key, entities, count_name, share_name, averages={}, summed={}) -%}

with

as_of as (
    select as_of_date from {{ ref('int_as_of_date') }}
),

categories as (
    {{ categories }}
),

entities as (
    select * from {{ entities }}
),

aggregated as (
    select
        {{ key }},
        count(*) as {{ count_name }}
        {%- for output, column in averages.items() %},
        avg(cast({{ column }} as double)) as {{ output }}
        {%- endfor %}
        {%- for column in summed %},
        sum({{ column }}) as {{ column }}
        {%- endfor %}
    from entities
    group by {{ key }}
),

totals as (
    select
        count(*) as {{ count_name }}
        {%- for column in summed %},
        sum({{ column }}) as {{ column }}
        {%- endfor %}
    from entities
),

final as (
    select
        as_of.as_of_date,
        categories.*,
        coalesce(aggregated.{{ count_name }}, 0) as {{ count_name }},
        {{ safe_divide('coalesce(aggregated.' ~ count_name ~ ', 0)', 'totals.' ~ count_name) }} as {{ share_name }}
        {%- for output in averages %},
        aggregated.{{ output }}
        {%- endfor %}
        {%- for column, share_output in summed.items() %},
        coalesce(aggregated.{{ column }}, 0) as {{ column }},
        {{ safe_divide('coalesce(aggregated.' ~ column ~ ', 0)', 'totals.' ~ column) }} as {{ share_output }}
        {%- endfor %}
    from categories
    cross join as_of
    cross join totals
    left join aggregated on categories.{{ key }} = aggregated.{{ key }}
)

select * from final

{%- endmacro %}
