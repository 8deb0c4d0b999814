{#-
    Product-level conversion (商品转化) from int_visitor_product_days: per date × product slice,
    distinct visitors with each action on the slice. A slice's denominator is the visitors who
    viewed it (metric-definitions.md transaction_conversion_rate, favorite / cart conversion
    per product), so every numerator counts visitors who viewed the slice that day AND did the
    action on it that day. The actions are first rolled up per visitor × slice (a visitor who
    viewed SKU A and carted SKU B of one brand carted the brand, not either SKU), for every
    rollup, then counted: distinct visitors are recomputed per rollup, never summed.

    product_visitor_counts(keys, rollup_dimensions) emits two CTEs, visitor_slices and
    slice_counts (columns date_day, keys, rollup dimensions — 'all' when rolled up — and the
    counts below); keys are grouped as they are, rollup_dimensions with 'all' rollups.
    - viewing_visitors, favoriting_visitors, carting_visitors, buying_visitors: viewed, and
      viewed and favorited / added to cart / paid for the slice.
    - reached_step_1..4 (the product funnel, product_funnel_steps()): viewed; and added to
      cart; and ordered; and paid — cumulative, so the steps never increase.
-#}
{% macro product_visitor_counts(keys, rollup_dimensions=[]) -%}
{%- set flags = ['has_viewed', 'has_favorited', 'has_added_to_cart', 'has_ordered', 'has_paid'] %}
visitor_slices as (
    select
        activity_date,
        visitor_id,
        {%- for key in keys %}
        {{ key }},
        {%- endfor %}
        {%- if rollup_dimensions %}
        {{ rollup_columns(rollup_dimensions) }},
        {%- endif %}
        {%- for flag in flags %}
        max(case when {{ flag }} then 1 else 0 end) = 1 as {{ flag }}{{ ',' if not loop.last }}
        {%- endfor %}
    from {{ ref('int_visitor_product_days') }}
    group by {{ rollup_grouping_sets(['activity_date', 'visitor_id'] + keys, rollup_dimensions) }}
),

slice_counts as (
    select
        activity_date as date_day,
        {%- for column in keys + rollup_dimensions %}
        {{ column }},
        {%- endfor %}
        {{ count_where('has_viewed') }} as viewing_visitors,
        {{ count_where('has_viewed and has_favorited') }} as favoriting_visitors,
        {{ count_where('has_viewed and has_added_to_cart') }} as carting_visitors,
        {{ count_where('has_viewed and has_paid') }} as buying_visitors,
        {{ count_where('has_viewed') }} as reached_step_1,
        {{ count_where('has_viewed and has_added_to_cart') }} as reached_step_2,
        {{ count_where('has_viewed and has_added_to_cart and has_ordered') }} as reached_step_3,
        {{ count_where('has_viewed and has_added_to_cart and has_ordered and has_paid') }} as reached_step_4
    from visitor_slices
    group by activity_date{% for column in keys + rollup_dimensions %}, {{ column }}{% endfor %}
)
{%- endmacro %}
