{#-
    Generic test: the rollup row of `dimension` ('all') agrees with the rows of its values, per
    period, with the other dimensions held at 'all'. Additive columns (counts and money of
    disjoint slices) must equal the sum of the slices within `tolerance`; distinct counts
    (buyers) recomputed for the rollup must lie between the largest slice and the sum of the
    slices (a buyer in two slices is one buyer in 'all'). NULL counts as 0 on both sides.
-#}
{% test rollup_consistent(model, period_column, dimension, other_dimensions=[], additive_columns=[], distinct_columns=[], tolerance=0.005) %}

with

slices as (
    select * from {{ model }}
    where 1 = 1
    {%- for other in other_dimensions %}
        and {{ other }} = {{ rollup_value() }}
    {%- endfor %}
),

totals as (
    select * from slices where {{ dimension }} = {{ rollup_value() }}
),

parts as (
    select
        {{ period_column }}
        {%- for column in additive_columns %},
        sum({{ column }}) as {{ column }}__sum
        {%- endfor %}
        {%- for column in distinct_columns %},
        sum({{ column }}) as {{ column }}__sum,
        max({{ column }}) as {{ column }}__max
        {%- endfor %}
    from slices
    where {{ dimension }} <> {{ rollup_value() }}
    group by {{ period_column }}
)

select totals.*
from totals
left join parts on totals.{{ period_column }} = parts.{{ period_column }}
where
    false
    {%- for column in additive_columns %}
    or abs(coalesce(totals.{{ column }}, 0) - coalesce(parts.{{ column }}__sum, 0)) > {{ tolerance }}
    {%- endfor %}
    {%- for column in distinct_columns %}
    or totals.{{ column }} > coalesce(parts.{{ column }}__sum, 0)
    or totals.{{ column }} < coalesce(parts.{{ column }}__max, 0)
    {%- endfor %}

{% endtest %}
