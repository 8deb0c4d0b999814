-- Sessions with a paid order or an action, per session start date × channel × platform: the
-- additive counts of conversion (macro conversion_metrics), summed once here over every session
-- so that the daily, weekly and monthly marts each add up a few rows per day instead of
-- grouping every session again. A session converts when a paid (paid_at set), non-test order
-- was placed in it (int_orders.order_session_id), however many. One row per session_date ×
-- channel × platform with at least one session.

with

sessions as (
    select
        session_id,
        session_date,
        channel,
        platform,
        cs_chats,
        favorites,
        add_to_carts
    from {{ ref('int_sessions') }}
),

paid_order_sessions as (
    {{ paid_order_sessions() }}
),

final as (
    select
        sessions.session_date,
        sessions.channel,
        sessions.platform,
        {{ count_where('paid_order_sessions.session_id is not null') }} as sessions_with_paid_order,
        {{ count_where('sessions.cs_chats > 0') }} as cs_sessions,
        {{ count_where('sessions.favorites > 0') }} as favorite_sessions,
        {{ count_where('sessions.add_to_carts > 0') }} as cart_sessions
    from sessions
    left join paid_order_sessions on sessions.session_id = paid_order_sessions.session_id
    group by sessions.session_date, sessions.channel, sessions.platform
)

select * from final
