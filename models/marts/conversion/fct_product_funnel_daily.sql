-- The product funnel (商品漏斗) per date day × category_l1 × brand ('all' rollups) × step, on
-- the date spine: distinct visitors who, on the day and on the slice, viewed; and added to
-- cart; and ordered; and paid (cumulative, so steps never increase). Day-level: the steps
-- are not time-ordered within the day. Counts: macros/marts/conversion/product_conversion.sql;
-- rates: macros/marts/conversion/funnel.sql.

{%- set steps = product_funnel_steps() %}

with

{{ product_visitor_counts([], ['category_l1', 'brand']) }},

spine as (
    {{ product_slice_spine() }}
),

steps as (
    {{ funnel_steps_relation(steps) }}
),

final as (
    select
        spine.date_day,
        spine.category_l1,
        spine.brand,
        steps.step_number,
        steps.step,
        steps.step_name_zh,
        {{ funnel_long_columns(steps, 'visitors_reaching_step', 'slice_counts') }}
    from spine
    cross join steps
    left join slice_counts
        on
            spine.date_day = slice_counts.date_day
            and spine.category_l1 = slice_counts.category_l1
            and spine.brand = slice_counts.brand
)

select * from final
