-- The product funnel (商品漏斗) per date day × category_l1 × brand ('all' rollups) × step, on
-- the date spine: distinct visitors who, on the day and on the slice, viewed; and added to
-- cart; and ordered; and paid (cumulative, so steps never increase). Day-level: the steps
-- are not time-ordered within the day. Counts: int_product_slice_days; rates:
-- macros/marts/conversion/funnel.sql.

{%- set steps = product_funnel_steps() %}

with

slice_days as (
    select * from {{ ref('int_product_slice_days') }}
),

steps as (
    {{ funnel_steps_relation(steps) }}
),

final as (
    select
        slice_days.date_day,
        slice_days.category_l1,
        slice_days.brand,
        steps.step_number,
        steps.step,
        steps.step_name_zh,
        {{ funnel_long_columns(steps, 'visitors_reaching_step', 'slice_days') }}
    from slice_days
    cross join steps
)

select * from final
