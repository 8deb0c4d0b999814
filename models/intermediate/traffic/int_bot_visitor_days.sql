-- Visitor-days that are bots: a user agent matching seeds/bot_user_agents.csv, or an inhuman
-- event rate (more than bot_max_events_per_minute in a minute or bot_max_events_per_day in a
-- day). Flagged per business day, so a late event can never re-flag history.
-- One row per bot visitor × business date. Incremental by date (macros/incremental).

-- depends_on: {{ ref('base_shop__events') }}
{{ config(**incremental_by_date('event_date')) }}

with

events as (
    select
        visitor_id,
        event_date,
        event_at,
        is_bot_user_agent
    from {{ ref('stg_shop__events') }}
    {%- if is_incremental() %}
    where event_date >= {{ reprocess_from() }}
    {%- endif %}
),

per_minute as (
    select
        visitor_id,
        event_date,
        {{ dbt.date_trunc('minute', 'event_at') }} as event_minute,
        count(*) as events_in_minute,
        max(case when is_bot_user_agent then 1 else 0 end) as has_bot_user_agent
    from events
    group by visitor_id, event_date, {{ dbt.date_trunc('minute', 'event_at') }}
),

per_day as (
    select
        visitor_id,
        event_date,
        cast(sum(events_in_minute) as {{ dbt.type_bigint() }}) as events,
        max(events_in_minute) as max_events_per_minute,
        max(has_bot_user_agent) = 1 as has_bot_user_agent
    from per_minute
    group by visitor_id, event_date
),

flagged as (
    select
        *,
        case
            when has_bot_user_agent then 'user_agent'
            when max_events_per_minute > {{ var('bot_max_events_per_minute') }} then 'events_per_minute'
            when events > {{ var('bot_max_events_per_day') }} then 'events_per_day'
        end as bot_reason
    from per_day
),

final as (
    select
        visitor_id,
        event_date,
        bot_reason,
        events,
        max_events_per_minute,
        {{ run_loaded_at() }} as loaded_at
    from flagged
    where bot_reason is not null
)

select * from final
