-- fct_sales_daily reconciles to the orders: over the whole data period, its totals at
-- channel = platform = 'all' equal int_orders' placed and valid orders, sales paid, refunds and
-- units of the orders created within the date spine (int_dates). Returns a row per mismatch.

with

mart as (
    select
        sum(orders_placed) as orders_placed,
        sum(orders_valid) as orders_valid,
        sum(gmv_placed) as gmv_placed,
        sum(sales_paid) as sales_paid,
        sum(refund_amount) as refund_amount,
        sum(units) as units
    from {{ ref('fct_sales_daily') }}
    where channel = 'all' and platform = 'all'
),

orders as (
    select
        {{ count_where('orders.is_placed') }} as orders_placed,
        {{ count_where('orders.is_valid') }} as orders_valid,
        sum(case when orders.is_placed then orders.sales_amount else 0 end) as gmv_placed,
        sum(case when orders.is_valid then orders.sales_amount else 0 end) as sales_paid,
        sum(case when orders.is_valid then orders.refund_amount else 0 end) as refund_amount,
        sum(case when orders.is_valid then orders.units else 0 end) as units
    from {{ ref('int_orders') }} as orders
    inner join {{ ref('int_dates') }} as dates on orders.created_date = dates.date_day
),

compared as (
    select
        'orders_placed' as measure,
        mart.orders_placed as mart_value,
        orders.orders_placed as orders_value
    from mart cross join orders
    union all
    select
        'orders_valid' as measure,
        mart.orders_valid as mart_value,
        orders.orders_valid as orders_value
    from mart cross join orders
    union all
    select
        'gmv_placed' as measure,
        mart.gmv_placed as mart_value,
        orders.gmv_placed as orders_value
    from mart cross join orders
    union all
    select
        'sales_paid' as measure,
        mart.sales_paid as mart_value,
        orders.sales_paid as orders_value
    from mart cross join orders
    union all
    select
        'refund_amount' as measure,
        mart.refund_amount as mart_value,
        orders.refund_amount as orders_value
    from mart cross join orders
    union all
    select
        'units' as measure,
        mart.units as mart_value,
        orders.units as orders_value
    from mart cross join orders
)

select *
from compared
where not coalesce(abs(mart_value - orders_value) <= 0.005, false)
