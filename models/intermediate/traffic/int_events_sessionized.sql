-- Human events (bot visitor-days removed) in sessions: the one long scan of the event stream
-- that sessions, funnels, online users and product actions are built on.
-- A visitor's events, ordered by time then event_id, start a new session after a gap longer
-- than session_timeout_minutes (a gap of exactly the timeout continues the session), and
-- optionally at local midnight or on a change of campaign (UA semantics).
-- Incremental by event date: a run recomputes the dates from the first changed one, reading
-- the day before as context so that a session crossing midnight keeps its start.
-- One row per human event.

-- depends_on: {{ ref('base_shop__events') }}
{{ config(**incremental_by_date('event_date')) }}

{%- set split_at_midnight = var('session_split_at_midnight') %}
{%- set split_on_campaign = var('session_split_on_campaign_change') %}

with

events_in_window as (
    select *
    from {{ ref('stg_shop__events') }}
    {%- if is_incremental() %}
    where event_date >= {{ reprocess_from(var('incremental_lookback_days')) }}
    {%- endif %}
),

events as (
    select events_in_window.*
    from events_in_window
    left join {{ ref('int_bot_visitor_days') }} as bots
        on
            events_in_window.visitor_id = bots.visitor_id
            and events_in_window.event_date = bots.event_date
    where bots.visitor_id is null
),

event_types as (
    select
        event_type,
        is_interaction
    from {{ ref('event_types') }}
),

sequenced as (
    select
        events.*,
        lag(events.event_at) over visitor_timeline as previous_event_at,
        {%- if split_at_midnight %}
        lag(events.event_date) over visitor_timeline as previous_event_date,
        {%- endif %}
        {%- if split_on_campaign %}
        {{ campaign_key('events') }} as campaign_key,
        {{ last_non_null(campaign_key('events'), 'visitor_timeline_before') }} as previous_campaign_key,
        {%- endif %}
        event_types.is_interaction
    from events
    inner join event_types on events.event_type = event_types.event_type
    -- (visitor_timeline_before is only used when splitting on campaign change)
    window
        visitor_timeline as (partition by events.visitor_id order by events.event_at, events.event_id),
        visitor_timeline_before as (
            partition by events.visitor_id order by events.event_at, events.event_id
            rows between unbounded preceding and 1 preceding
        )
),

boundaries as (
    select
        *,
        case
            when previous_event_at is null then 1
            when event_at > {{ dbt.dateadd('minute', var('session_timeout_minutes'), 'previous_event_at') }} then 1
            {%- if split_at_midnight %}
            when event_date != previous_event_date then 1
            {%- endif %}
            {%- if split_on_campaign %}
            when campaign_key != previous_campaign_key then 1
            {%- endif %}
            else 0
        end as is_session_start
    from sequenced
),

numbered as (
    select
        *,
        -- the start of the latest session so far: this event's session
        max(case when is_session_start = 1 then event_at end) over (
            partition by visitor_id order by event_at, event_id
            rows between unbounded preceding and current row
        ) as session_start_at
    from boundaries
),

final as (
    select
        ---------- ids
        event_id,
        {{ dbt.hash(dbt.concat(['visitor_id', "'|'", dbt.safe_cast('session_start_at', dbt.type_string())])) }}
            as session_id,
        visitor_id,
        member_key,
        sku_id,

        ---------- codes and strings (the traffic source only on the landing event: it is all
        -- the session needs, and leaving it empty elsewhere keeps the table small)
        event_type,
        page_type,
        platform,
        case when is_session_start = 1 then page_url end as page_url,
        case when is_session_start = 1 then utm_source end as utm_source,
        case when is_session_start = 1 then utm_medium end as utm_medium,
        case when is_session_start = 1 then utm_campaign end as utm_campaign,
        case when is_session_start = 1 then referrer end as referrer,

        ---------- flags
        is_session_start = 1 as is_session_start,
        is_interaction,

        ---------- timestamps (UTC) and business dates
        event_at,
        event_date,
        session_start_at,
        {{ run_loaded_at() }} as loaded_at

    from numbered
    {%- if is_incremental() %}
    where event_date >= {{ reprocess_from() }}
    {%- endif %}
)

select * from final
