-- Inventory of each SKU per month (单品库存): opening stock (end of the day before the month's
-- first day; NULL when unknown, e.g. in the first month of the data), units received and sold
-- (valid orders, by order date), closing stock (end of the month's last day, or of as_of_date),
-- the same at cost, COGS, and the ratios of macro inventory_period_ratios: sell-out rate
-- (售罄率), inventory turnover (库存周转率) and days of inventory (库存天数). A month cut by the
-- data period counts only its days in the period. One row per month start × SKU.

with

sku_days as (
    select
        sku_days.sku_id,
        sku_days.date_day,
        dates.month_start,
        sku_days.category_l1,
        sku_days.on_hand_qty,
        sku_days.inventory_cost,
        sku_days.units_sold,
        sku_days.cogs,
        sku_days.units_received,
        -- stock at the end of the previous day (int_sku_days has every SKU on every day)
        lag(sku_days.on_hand_qty) over (
            partition by sku_days.sku_id order by sku_days.date_day
        ) as previous_on_hand_qty,
        lag(sku_days.inventory_cost) over (
            partition by sku_days.sku_id order by sku_days.date_day
        ) as previous_inventory_cost,
        row_number() over (
            partition by sku_days.sku_id, dates.month_start order by sku_days.date_day
        ) as day_number,
        row_number() over (
            partition by sku_days.sku_id, dates.month_start order by sku_days.date_day desc
        ) as days_to_period_end
    from {{ ref('int_sku_days') }} as sku_days
    inner join {{ ref('int_dates') }} as dates on sku_days.date_day = dates.date_day
),

periods as (
    select
        month_start,
        count(*) as days_in_period
    from {{ ref('int_dates') }}
    group by month_start
),

sku_months as (
    select
        month_start,
        sku_id,
        max(category_l1) as category_l1,
        max(case when day_number = 1 then previous_on_hand_qty end) as opening_units,
        cast(sum(units_received) as {{ dbt.type_bigint() }}) as units_received,
        cast(sum(units_sold) as {{ dbt.type_bigint() }}) as units_sold,
        max(case when days_to_period_end = 1 then on_hand_qty end) as closing_units,
        max(case when day_number = 1 then previous_inventory_cost end) as opening_inventory_amount,
        max(case when days_to_period_end = 1 then inventory_cost end) as closing_inventory_amount,
        -- no sale: no COGS; sales whose unit cost is unknown leave it NULL (never guessed)
        case when sum(units_sold) = 0 then 0 else sum(cogs) end as cogs
    from sku_days
    group by month_start, sku_id
),

final as (
    select
        sku_months.month_start,
        sku_months.sku_id,
        sku_months.category_l1,
        sku_months.opening_units,
        sku_months.units_received,
        sku_months.units_sold,
        sku_months.closing_units,
        sku_months.opening_inventory_amount,
        sku_months.closing_inventory_amount,
        sku_months.cogs,
        periods.days_in_period,
        {{ inventory_period_ratios() }}
    from sku_months
    inner join periods on sku_months.month_start = periods.month_start
)

select * from final
