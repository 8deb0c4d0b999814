-- Inventory (库存) per date day × category_l1, with the rollup 'all': end-of-day stock in units
-- and at cost, what sold (valid orders, by order date) and what was received from purchasing,
-- and days of supply (可售天数): on hand / average daily units sold over the last
-- days_of_supply_lookback_days days (the day itself and the days before it; fewer at the start
-- of the data). Stock is NULL on a day with no stock snapshot (unknown, not 0).

{%- set lookback_days = var('days_of_supply_lookback_days') | int %}

with

sku_days as (
    select
        date_day,
        category_l1,
        on_hand_qty,
        inventory_cost,
        units_sold,
        cogs,
        units_received
    from {{ ref('int_sku_days') }}
),

aggregated as (
    select
        date_day,
        {{ rollup_columns(['category_l1']) }},
        cast(sum(on_hand_qty) as {{ dbt.type_bigint() }}) as on_hand_qty,
        sum(inventory_cost) as inventory_amount,
        cast(sum(units_sold) as {{ dbt.type_bigint() }}) as units_sold,
        sum(cogs) as cogs,
        cast(sum(units_received) as {{ dbt.type_bigint() }}) as units_received
    from sku_days
    group by {{ rollup_grouping_sets(['date_day'], ['category_l1']) }}
),

spine as (
    {{ rollup_spine({'category_l1': 'select category_l1 from ' ~ ref('dim_products')}, 'date_day') }}
),

filled as (
    select
        spine.date_day,
        spine.category_l1,
        aggregated.on_hand_qty,
        aggregated.inventory_amount,
        coalesce(aggregated.units_sold, 0) as units_sold,
        coalesce(aggregated.cogs, 0) as cogs,
        coalesce(aggregated.units_received, 0) as units_received
    from spine
    left join aggregated
        on spine.date_day = aggregated.date_day and spine.category_l1 = aggregated.category_l1
),

lookback as (
    select
        *,
        -- the spine has one row per day: the window is the last lookback_days calendar days
        sum(units_sold) over (
            partition by category_l1 order by date_day
            rows between {{ lookback_days - 1 }} preceding and current row
        ) as lookback_units_sold,
        count(*) over (
            partition by category_l1 order by date_day
            rows between {{ lookback_days - 1 }} preceding and current row
        ) as lookback_days
    from filled
),

final as (
    select
        date_day,
        category_l1,
        on_hand_qty,
        inventory_amount,
        units_sold,
        cogs,
        units_received,
        {{ safe_divide('lookback_units_sold', 'lookback_days') }} as avg_daily_units_sold,
        {{ safe_divide('on_hand_qty', safe_divide('lookback_units_sold', 'lookback_days')) }} as days_of_supply
    from lookback
)

select * from final
