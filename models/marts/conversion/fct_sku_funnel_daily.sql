-- The product funnel (商品漏斗) per date day × SKU × step, sparse: only SKU-days with at least
-- one viewing visitor. Distinct visitors who, on the day, viewed the SKU; and added it to
-- cart; and ordered it; and paid for it. Same counts and rates as fct_product_funnel_daily
-- (macros/marts/conversion/product_conversion.sql, funnel.sql), at SKU grain.

{%- set steps = product_funnel_steps() %}

with

{{ product_visitor_counts(['sku_id', 'category_l1', 'brand']) }},

viewed_skus as (
    select *
    from slice_counts
    where viewing_visitors > 0
),

steps as (
    {{ funnel_steps_relation(steps) }}
),

final as (
    select
        viewed_skus.date_day,
        viewed_skus.sku_id,
        viewed_skus.category_l1,
        viewed_skus.brand,
        steps.step_number,
        steps.step,
        steps.step_name_zh,
        {{ funnel_long_columns(steps, 'visitors_reaching_step', 'viewed_skus') }}
    from viewed_skus
    cross join steps
)

select * from final
