-- The visitors the distinct counts of conversion are made of, per business date × channel ×
-- platform: buyers (the visitor of a session started that day in which a paid, non-test order
-- was placed) and registrants (a register event that day, on the channel and platform of its
-- session), with the visitor's first-seen date, so that each period mart can tell a registered
-- new visitor of its period (macro conversion_metrics). A few rows per converting session or
-- registration, instead of every session and event read again by the daily, weekly and monthly
-- marts. One row per date_day × channel × platform × visitor_id.

with

sessions as (
    select
        session_id,
        visitor_id,
        session_date,
        channel,
        platform
    from {{ ref('int_sessions') }}
),

paid_order_sessions as (
    {{ paid_order_sessions() }}
),

registrations as (
    select
        session_id,
        visitor_id,
        event_date
    from {{ ref('int_events_sessionized') }}
    where event_type = 'register'
),

visitors as (
    select
        visitor_id,
        first_seen_date
    from {{ ref('int_visitors') }}
),

buyer_days as (
    select
        sessions.session_date as date_day,
        sessions.channel,
        sessions.platform,
        sessions.visitor_id,
        true as is_buyer,
        false as has_registration
    from sessions
    inner join paid_order_sessions on sessions.session_id = paid_order_sessions.session_id
),

registration_days as (
    select
        registrations.event_date as date_day,
        sessions.channel,
        sessions.platform,
        registrations.visitor_id,
        false as is_buyer,
        true as has_registration
    from registrations
    inner join sessions on registrations.session_id = sessions.session_id
),

visitor_days as (
    select * from buyer_days
    union all
    select * from registration_days
),

final as (
    select
        visitor_days.date_day,
        visitor_days.channel,
        visitor_days.platform,
        visitor_days.visitor_id,
        visitors.first_seen_date,
        bool_or(visitor_days.is_buyer) as is_buyer,
        bool_or(visitor_days.has_registration) as has_registration
    from visitor_days
    inner join visitors on visitor_days.visitor_id = visitors.visitor_id
    group by
        visitor_days.date_day,
        visitor_days.channel,
        visitor_days.platform,
        visitor_days.visitor_id,
        visitors.first_seen_date
)

select * from final
