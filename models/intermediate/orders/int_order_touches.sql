-- The sessions that led to each member order: the first and last session of the buyer's
-- visitors within attribution_lookback_days before the order (first- and last-touch), and
-- the order's own session (the last touch, if the order was placed before it timed out).
-- Guest orders and orders with no such session have no row. One row per attributed order.
-- One sort: a (session start, session id) pair is unique among an order's candidates, so the
-- last touch is the one ranked touch_sessions (a second, descending sort took ~30 % longer).

with

orders as (
    select
        order_id,
        member_key,
        created_at
    from {{ ref('stg_shop__orders') }}
    where member_key is not null
),

visitor_members as (
    select * from {{ ref('int_visitor_members') }}
),

sessions as (
    select
        session_id,
        visitor_id,
        session_start_at,
        session_end_at,
        channel,
        platform,
        utm_campaign
    from {{ ref('int_sessions') }}
),

candidates as (
    select
        orders.order_id,
        orders.created_at,
        sessions.session_id,
        sessions.session_start_at,
        sessions.session_end_at,
        sessions.channel,
        sessions.platform,
        sessions.utm_campaign,
        row_number() over (
            partition by orders.order_id order by sessions.session_start_at, sessions.session_id
        ) as first_rank,
        count(*) over (partition by orders.order_id) as touch_sessions
    from orders
    inner join visitor_members on orders.member_key = visitor_members.member_key
    inner join sessions
        on
            visitor_members.visitor_id = sessions.visitor_id
            and orders.created_at >= sessions.session_start_at
            and sessions.session_start_at
            >= {{ dbt.dateadd('day', -var('attribution_lookback_days'), 'orders.created_at') }}
),

final as (
    select
        order_id,
        max(touch_sessions) as touch_sessions,
        max(case when first_rank = 1 then session_id end) as first_touch_session_id,
        max(case when first_rank = 1 then channel end) as first_touch_channel,
        max(case when first_rank = 1 then session_start_at end) as first_touch_at,
        max(case when first_rank = touch_sessions then session_id end) as last_touch_session_id,
        max(case when first_rank = touch_sessions then channel end) as last_touch_channel,
        max(case when first_rank = touch_sessions then platform end) as last_touch_platform,
        max(case when first_rank = touch_sessions then utm_campaign end) as last_touch_campaign,
        -- placed during the visit: before the last-touch session timed out
        max(case
            when first_rank = touch_sessions
                and created_at <= {{ dbt.dateadd('minute', var('session_timeout_minutes'), 'session_end_at') }}
                then session_id
        end) as order_session_id
    from candidates
    group by order_id
)

select * from final
