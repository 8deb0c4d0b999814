-- Inventory (库存) per month start × category_l1, with the rollup 'all': the SKU months of
-- fct_sku_inventory_monthly summed over the category (opening and closing stock over the SKUs
-- whose stock is known; NULL when none is), with sell-out rate (售罄率), inventory turnover
-- (库存周转率) and days of inventory (库存天数) recomputed on the sums (macro
-- inventory_period_ratios), never averaged over SKUs.

with

sku_months as (
    select * from {{ ref('fct_sku_inventory_monthly') }}
),

periods as (
    select
        month_start,
        count(*) as days_in_period
    from {{ ref('int_dates') }}
    group by month_start
),

aggregated as (
    select
        month_start,
        {{ rollup_columns(['category_l1']) }},
        cast(sum(opening_units) as {{ dbt.type_bigint() }}) as opening_units,
        cast(sum(units_received) as {{ dbt.type_bigint() }}) as units_received,
        cast(sum(units_sold) as {{ dbt.type_bigint() }}) as units_sold,
        cast(sum(closing_units) as {{ dbt.type_bigint() }}) as closing_units,
        sum(opening_inventory_amount) as opening_inventory_amount,
        sum(closing_inventory_amount) as closing_inventory_amount,
        sum(cogs) as cogs
    from sku_months
    group by {{ rollup_grouping_sets(['month_start'], ['category_l1']) }}
),

spine as (
    {{ rollup_spine({'category_l1': 'select category_l1 from ' ~ ref('dim_products')}, 'month_start') }}
),

filled as (
    select
        spine.month_start,
        spine.category_l1,
        aggregated.opening_units,
        coalesce(aggregated.units_received, 0) as units_received,
        coalesce(aggregated.units_sold, 0) as units_sold,
        aggregated.closing_units,
        aggregated.opening_inventory_amount,
        aggregated.closing_inventory_amount,
        -- a category without SKU months has no COGS; unknown costs stay NULL
        case when aggregated.month_start is null then 0 else aggregated.cogs end as cogs,
        periods.days_in_period
    from spine
    inner join periods on spine.month_start = periods.month_start
    left join aggregated
        on spine.month_start = aggregated.month_start and spine.category_l1 = aggregated.category_l1
),

final as (
    select
        *,
        {{ inventory_period_ratios() }}
    from filled
)

select * from final
