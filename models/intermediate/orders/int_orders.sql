-- Orders enriched with their state (placed / valid / invalid reason), lines, refunds,
-- shipments, costs, attribution and the buyer's order sequence. All-history windows (first
-- order, order number) live here, in a table. One row per order, test orders included.
--
-- States (metric-definitions.md § Conventions): placed = created and not a test; valid =
-- paid, not cancelled or closed, not fraud, not a test; net = valid minus refunds.
-- Money: sales_amount = goods − discount (item amounts after discounts, without shipping).

with

orders as (
    select * from {{ ref('stg_shop__orders') }}
),

lines as (
    select
        order_id,
        cast(sum(quantity) as {{ dbt.type_bigint() }}) as units,
        count(*) as order_lines,
        count(distinct sku_id) as skus,
        sum(line_cogs) as cogs,
        {{ count_where('unit_cost is null') }} as lines_without_cost
    from {{ ref('int_order_lines') }}
    group by order_id
),

refunds as (
    select
        returns.order_id,
        sum(returns.refund_amount) as refund_amount,
        cast(sum(returns.quantity) as {{ dbt.type_bigint() }}) as returned_units,
        sum(returns.quantity * products.unit_cost) as returned_cogs,
        min(returns.completed_at) as first_refund_at,
        count(*) as refunded_returns
    from {{ ref('stg_shop__returns') }} as returns
    left join {{ ref('stg_shop__products') }} as products on returns.sku_id = products.sku_id
    where returns.is_refunded
    group by returns.order_id
),

shipments as (
    select
        order_id,
        count(*) as shipments,
        cast(sum(shipped_qty) as {{ dbt.type_bigint() }}) as shipped_units,
        min(shipped_at) as first_shipped_at,
        max(delivered_at) as last_delivered_at,
        {{ count_where('delivered_at is null') }} as undelivered_shipments,
        sum(logistics_fee) as logistics_fee,
        sum(warehouse_fee) as warehouse_fee
    from {{ ref('stg_shop__shipments') }}
    group by order_id
),

first_shipments as (
    select
        order_id,
        shipped_qty as first_shipment_units,
        delivered_at as first_shipment_delivered_at
    from (
        select
            *,
            row_number() over (partition by order_id order by shipped_at, shipment_id) as shipment_number
        from {{ ref('stg_shop__shipments') }}
    ) as numbered
    where shipment_number = 1
),

touches as (
    select * from {{ ref('int_order_touches') }}
),

classified as (
    select
        orders.*,
        not orders.is_test as is_placed,
        orders.paid_at is not null
        and orders.status_group not in ('cancelled', 'closed', 'fraud')
        and not orders.is_test as is_valid,
        case
            when orders.is_test then 'test'
            when orders.status_group = 'fraud' then 'fraud'
            when orders.status_group = 'closed' and orders.paid_at is null then 'unpaid_timeout'
            when orders.status_group in ('cancelled', 'closed') then 'cancelled'
        end as invalid_reason,
        -- a guest cannot be recognised again: each guest order is its own buyer
        coalesce(orders.member_key, {{ dbt.concat(["'guest:'", 'orders.order_id']) }}) as buyer_key
    from orders
),

sequenced as (
    select
        *,
        case
            when is_valid
                then row_number() over (partition by buyer_key, is_valid order by created_at, order_id)
        end as valid_order_number,
        case
            when is_valid
                then lag(created_at) over (partition by buyer_key, is_valid order by created_at, order_id)
        end as previous_valid_order_at
    from classified
),

final as (
    select
        ---------- ids
        sequenced.order_id,
        sequenced.member_key,
        sequenced.buyer_key,
        sequenced.coupon_id,

        ---------- state
        sequenced.order_status,
        sequenced.status_group,
        sequenced.is_test,
        sequenced.is_guest,
        sequenced.is_placed,
        sequenced.is_valid,
        sequenced.invalid_reason,
        sequenced.is_placed and not sequenced.is_valid and sequenced.invalid_reason is null as is_pending,

        ---------- buyer sequence (valid orders only)
        sequenced.valid_order_number,
        sequenced.valid_order_number = 1 as is_first_valid_order,
        sequenced.previous_valid_order_at,

        ---------- channel and platform: session attribution, else what the platform recorded
        coalesce(touches.last_touch_channel, sequenced.channel) as last_touch_channel,
        coalesce(touches.first_touch_channel, sequenced.channel) as first_touch_channel,
        case when touches.order_id is not null then 'sessions' else 'order_record' end as attribution_source,
        sequenced.channel as recorded_channel,
        coalesce(touches.last_touch_platform, sequenced.platform) as platform,
        touches.last_touch_campaign,
        touches.order_session_id,
        touches.first_touch_at,
        touches.touch_sessions,

        ---------- money
        sequenced.currency,
        sequenced.goods_amount,
        sequenced.discount_amount,
        sequenced.shipping_fee,
        sequenced.pay_amount,
        sequenced.goods_amount - sequenced.discount_amount as sales_amount,
        coalesce(refunds.refund_amount, 0) as refund_amount,
        sequenced.goods_amount - sequenced.discount_amount - coalesce(refunds.refund_amount, 0) as net_sales_amount,
        -- COGS of what was kept: NULL when any line's cost is unknown
        case
            when lines.lines_without_cost = 0
                then lines.cogs - coalesce(refunds.returned_cogs, 0)
        end as net_cogs,

        ---------- units
        coalesce(lines.units, 0) as units,
        coalesce(lines.order_lines, 0) as order_lines,
        coalesce(lines.skus, 0) as skus,
        coalesce(refunds.returned_units, 0) as returned_units,
        coalesce(refunds.refunded_returns, 0) > 0 as has_refund,

        ---------- fulfilment
        coalesce(shipments.shipments, 0) as shipments,
        coalesce(shipments.shipped_units, 0) as shipped_units,
        coalesce(shipments.undelivered_shipments, 0) as undelivered_shipments,
        first_shipments.first_shipment_units,
        -- complete first shipment: it carried every unit of the order (fill rate)
        first_shipments.first_shipment_units >= lines.units as is_first_shipment_complete,
        coalesce(shipments.logistics_fee, 0) as logistics_fee,
        coalesce(shipments.warehouse_fee, 0) as warehouse_fee,

        ---------- timestamps (UTC) and business dates
        sequenced.created_at,
        sequenced.created_date,
        sequenced.paid_at,
        sequenced.paid_date,
        shipments.first_shipped_at,
        first_shipments.first_shipment_delivered_at,
        shipments.last_delivered_at,
        refunds.first_refund_at

    from sequenced
    left join lines on sequenced.order_id = lines.order_id
    left join refunds on sequenced.order_id = refunds.order_id
    left join shipments on sequenced.order_id = shipments.order_id
    left join first_shipments on sequenced.order_id = first_shipments.order_id
    left join touches on sequenced.order_id = touches.order_id
)

select * from final
