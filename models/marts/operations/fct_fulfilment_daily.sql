-- Fulfilment (履约) per date day (order created) × platform, with the rollup 'all', over the
-- valid orders placed that day that have shipped: order fill rate (订单满足率: the first package
-- carried every unit), unit fill rate, response time (发货时效: first shipment − payment, hours)
-- and delivery time (配送时效: first shipment's delivery − its shipment, days; end to end: last
-- delivery − payment, days, for orders fully shipped and delivered), as median and p90.
-- The line fill rate of the definition needs shipment lines, which the raw contract does not
-- have (DECISIONS.md). Distributions are recomputed per rollup.

with

orders as (
    select
        order_id,
        coalesce(platform, 'unknown') as platform,
        created_date,
        units,
        shipped_units,
        first_shipment_units,
        is_first_shipment_complete,
        undelivered_shipments,
        paid_at,
        first_shipped_at,
        first_shipment_delivered_at,
        last_delivered_at
    from {{ ref('int_orders') }}
    where is_valid and shipments > 0
),

shipped_orders as (
    select
        orders.created_date as date_day,
        orders.platform,
        orders.units,
        -- a package cannot fill more than the order: capped so the unit fill rate stays ≤ 1
        case when orders.first_shipment_units > orders.units then orders.units else orders.first_shipment_units end
            as first_shipment_units,
        coalesce(orders.is_first_shipment_complete, false) as is_first_shipment_complete,
        -- (noqa: LT05 counts dbt.datediff's multi-line duckdb rendering as one long line)
        {{ elapsed('orders.paid_at', 'orders.first_shipped_at', 'hour') }} as response_hours,  -- noqa: LT05
        case
            when orders.first_shipment_delivered_at is not null
                then {{ elapsed('orders.first_shipped_at', 'orders.first_shipment_delivered_at', 'day') }}  -- noqa: LT05
        end as delivery_days,
        -- end to end only once every unit has shipped and every package has arrived
        case
            when orders.shipped_units >= orders.units and orders.undelivered_shipments = 0
                then {{ elapsed('orders.paid_at', 'orders.last_delivered_at', 'day') }}  -- noqa: LT05
        end as delivery_days_end_to_end
    from orders
    inner join {{ ref('int_dates') }} as dates on orders.created_date = dates.date_day
),

aggregated as (
    select
        date_day,
        {{ rollup_columns(['platform']) }},
        count(*) as orders_shipped,
        {{ count_where('is_first_shipment_complete') }} as orders_first_shipment_complete,
        cast(sum(units) as {{ dbt.type_bigint() }}) as units_of_shipped_orders,
        cast(sum(first_shipment_units) as {{ dbt.type_bigint() }}) as first_shipment_units,
        {{ percentile('response_hours', 0.5) }} as order_response_hours_median,
        {{ percentile('response_hours', 0.9) }} as order_response_hours_p90,
        {{ percentile('delivery_days', 0.5) }} as delivery_days_median,
        {{ percentile('delivery_days', 0.9) }} as delivery_days_p90,
        {{ percentile('delivery_days_end_to_end', 0.5) }} as delivery_days_end_to_end_median,
        {{ percentile('delivery_days_end_to_end', 0.9) }} as delivery_days_end_to_end_p90
    from shipped_orders
    group by {{ rollup_grouping_sets(['date_day'], ['platform']) }}
),

spine as (
    {{ rollup_spine({'platform': 'select platform from ' ~ ref('platforms')}, 'date_day') }}
),

final as (
    select
        spine.date_day,
        spine.platform,
        coalesce(aggregated.orders_shipped, 0) as orders_shipped,
        coalesce(aggregated.orders_first_shipment_complete, 0) as orders_first_shipment_complete,
        coalesce(aggregated.units_of_shipped_orders, 0) as units_of_shipped_orders,
        coalesce(aggregated.first_shipment_units, 0) as first_shipment_units,
        {{ safe_divide('aggregated.orders_first_shipment_complete', 'aggregated.orders_shipped') }} as order_fill_rate,
        {{ safe_divide('aggregated.first_shipment_units', 'aggregated.units_of_shipped_orders') }} as unit_fill_rate,
        aggregated.order_response_hours_median,
        aggregated.order_response_hours_p90,
        aggregated.delivery_days_median,
        aggregated.delivery_days_p90,
        aggregated.delivery_days_end_to_end_median,
        aggregated.delivery_days_end_to_end_p90
    from spine
    left join aggregated
        on spine.date_day = aggregated.date_day and spine.platform = aggregated.platform
)

select * from final
