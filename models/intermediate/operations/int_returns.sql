-- Returns (退货退款) with the order they belong to: the order's business date (created_date),
-- state, buyer, channel and platform, so that returns can be counted by order date (of the
-- valid orders placed that day; matures over time) or by return date (refunds completed that
-- day; final). Only refunded returns (is_refunded: status completed) count in return metrics.
-- One row per return.

with

returns as (
    select * from {{ ref('stg_shop__returns') }}
),

orders as (
    select
        order_id,
        buyer_key,
        is_valid,
        created_date,
        last_touch_channel,
        platform
    from {{ ref('int_orders') }}
),

final as (
    select
        returns.return_id,
        returns.order_id,
        returns.sku_id,
        returns.return_status,
        returns.is_refunded,
        returns.quantity,
        returns.refund_amount,
        orders.buyer_key,
        orders.is_valid as is_valid_order,
        -- counts in return metrics: a refund paid against a valid order
        returns.is_refunded and orders.is_valid as is_counted,
        orders.last_touch_channel,
        orders.platform,
        orders.created_date as order_date,
        returns.requested_at,
        returns.requested_date,
        returns.completed_at,
        returns.completed_date
    from returns
    inner join orders on returns.order_id = orders.order_id
)

select * from final
