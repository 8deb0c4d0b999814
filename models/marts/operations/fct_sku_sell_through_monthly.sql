-- SKU sell-through (动销率) per month start × category_l1, with the rollup 'all': SKUs with at
-- least one unit sold in the month (valid orders, by order date) over SKUs listed at any time
-- in the month. A SKU that sold while not listed counts as listed, so the rate is ≤ 1.
-- Distinct SKUs are recomputed for every rollup.

with

sku_days as (
    select
        sku_id,
        date_day,
        category_l1,
        is_listed,
        units_sold
    from {{ ref('int_sku_days') }}
),

dates as (
    select
        date_day,
        month_start
    from {{ ref('int_dates') }}
),

sku_months as (
    select
        dates.month_start,
        sku_days.sku_id,
        sku_days.category_l1,
        max(case when sku_days.is_listed then 1 else 0 end) = 1 as was_listed,
        sum(sku_days.units_sold) as units_sold
    from sku_days
    inner join dates on sku_days.date_day = dates.date_day
    group by dates.month_start, sku_days.sku_id, sku_days.category_l1
),

aggregated as (
    select
        month_start,
        {{ rollup_columns(['category_l1']) }},
        count(distinct case when was_listed or units_sold > 0 then sku_id end) as skus_listed,
        count(distinct case when units_sold > 0 then sku_id end) as skus_sold,
        count(distinct case when units_sold > 0 and not was_listed then sku_id end) as skus_sold_not_listed
    from sku_months
    group by {{ rollup_grouping_sets(['month_start'], ['category_l1']) }}
),

spine as (
    {{ rollup_spine({'category_l1': 'select category_l1 from ' ~ ref('dim_products')}, 'month_start') }}
),

final as (
    select
        spine.month_start,
        spine.category_l1,
        coalesce(aggregated.skus_listed, 0) as skus_listed,
        coalesce(aggregated.skus_sold, 0) as skus_sold,
        coalesce(aggregated.skus_sold_not_listed, 0) as skus_sold_not_listed,
        {{ safe_divide('aggregated.skus_sold', 'aggregated.skus_listed') }} as sku_sell_through
    from spine
    left join aggregated
        on spine.month_start = aggregated.month_start and spine.category_l1 = aggregated.category_l1
)

select * from final
