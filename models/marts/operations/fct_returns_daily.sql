-- Returns (退货) per date day × date_basis: 'order_date' counts the refunded returns of the
-- valid orders placed that day (it grows until the orders mature, is_mature); 'return_date'
-- counts the refunds completed that day (whatever the order's date) against that day's sales
-- (finance view, final once the day is over; its rates may exceed 1). Only refunded returns of
-- valid orders count (int_returns.is_counted). Sales of the day (sales_paid, units,
-- orders_valid, and refund_amount by order date) have their home in fct_sales_daily.

{%- set maturity_days = return_maturity_days() | trim | int %}

with

sales as (
    select
        date_day,
        orders_valid,
        units,
        sales_paid,
        refund_amount
    from {{ ref('fct_sales_daily') }}
    where channel = {{ rollup_value() }} and platform = {{ rollup_value() }}
),

returns as (
    select * from {{ ref('int_returns') }}
    where is_counted
),

as_of as (
    select as_of_date from {{ ref('int_as_of_date') }}
),

by_basis as (
    select
        'order_date' as date_basis,
        order_date as date_day,
        order_id,
        buyer_key,
        quantity,
        refund_amount
    from returns
    union all
    select
        'return_date' as date_basis,
        completed_date as date_day,
        order_id,
        buyer_key,
        quantity,
        refund_amount
    from returns
),

aggregated as (
    select
        date_basis,
        date_day,
        sum(refund_amount) as refund_amount,
        cast(sum(quantity) as {{ dbt.type_bigint() }}) as returned_units,
        count(distinct order_id) as returned_orders,
        count(distinct buyer_key) as returned_buyers
    from by_basis
    group by date_basis, date_day
),

date_bases as (
    select 'order_date' as date_basis
    union all
    select 'return_date' as date_basis
),

spine as (
    select
        sales.date_day,
        date_bases.date_basis
    from sales
    cross join date_bases
),

combined as (
    select
        spine.date_day,
        spine.date_basis,
        -- by order date the refunds are those of the day's orders, as in fct_sales_daily
        case
            when spine.date_basis = 'order_date' then sales.refund_amount
            else coalesce(aggregated.refund_amount, 0)
        end as refund_amount,
        coalesce(aggregated.returned_units, 0) as returned_units,
        coalesce(aggregated.returned_orders, 0) as returned_orders,
        coalesce(aggregated.returned_buyers, 0) as returned_buyers,
        sales.sales_paid,
        sales.units,
        sales.orders_valid,
        spine.date_basis = 'return_date'
        or spine.date_day <= cast({{ dbt.dateadd('day', -maturity_days, 'as_of.as_of_date') }} as date) as is_mature
    from spine
    inner join sales on spine.date_day = sales.date_day
    cross join as_of
    left join aggregated
        on spine.date_day = aggregated.date_day and spine.date_basis = aggregated.date_basis
),

final as (
    select
        date_day,
        date_basis,
        refund_amount,
        returned_units,
        returned_orders,
        returned_buyers,
        sales_paid,
        units,
        orders_valid,
        {{ safe_divide('refund_amount', 'sales_paid') }} as return_amount_rate,
        {{ safe_divide('returned_units', 'units') }} as return_quantity_rate,
        {{ safe_divide('returned_orders', 'orders_valid') }} as return_order_rate,
        is_mature
    from combined
)

select * from final
