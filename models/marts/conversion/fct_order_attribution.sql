-- First- and last-touch channel of every placed (non-test) order (订单归因): the earliest and
-- latest session of the buyer's visitors within attribution_lookback_days before the order
-- (int_order_touches, through int_orders), else the channel the platform recorded on the
-- order (attribution_source = order_record: guest orders and orders with no such session).
-- hours_to_convert is first touch → order creation. One row per placed order.

with

orders as (
    select * from {{ ref('int_orders') }}
    where is_placed
),

final as (
    select
        ---------- ids
        order_id,
        buyer_key,
        order_session_id,

        ---------- attribution
        first_touch_channel,
        last_touch_channel,
        attribution_source,
        coalesce(touch_sessions, 0) as touch_sessions,
        -- first touch -> order, in hours; NULL without a touch session
        -- (noqa: LT05 counts dbt.datediff's multi-line duckdb rendering as one long line)
        {{ elapsed('first_touch_at', 'created_at', 'hour') }} as hours_to_convert,  -- noqa: LT05

        ---------- the order
        is_valid,
        sales_amount,
        created_at,
        created_date

    from orders
)

select * from final
