-- Human events (bot visitor-days removed) in sessions: the one long scan of the event stream
-- that sessions, funnels, online users and product actions are built on.
-- A visitor's events, ordered by time then event_id, start a new session after a gap longer
-- than session_timeout_minutes (a gap of exactly the timeout continues the session), and
-- optionally at local midnight or on a change of campaign (UA semantics).
-- Incremental by event date: a run recomputes the dates from the first changed one, reading
-- the day before as context so that a session crossing midnight keeps its start.
-- One row per human event.
--
-- The two window passes run over a narrow copy of the events (ids, time, date): sorting the
-- wide rows twice spilled the whole event table at tens of millions of events. The wide rows
-- are joined back by event_id at the end, which also keeps only the human events.

-- depends_on: {{ ref('base_shop__events') }}
{{ config(**incremental_by_date('event_date')) }}

{%- set split_at_midnight = var('session_split_at_midnight') %}
{%- set split_on_campaign = var('session_split_on_campaign_change') %}

with

events as (
    select *
    from {{ ref('stg_shop__events') }}
    {%- if is_incremental() %}
    where event_date >= {{ reprocess_from() }}
    {%- endif %}
),

event_types as (
    select
        event_type,
        is_interaction
    from {{ ref('event_types') }}
),

-- the narrow copy the windows sort: from the day before the first changed date on an
-- incremental run, as context for the sessions crossing into it
timeline_events as (
    select
        stg_events.event_id,
        stg_events.visitor_id,
        stg_events.event_type,
        stg_events.event_at,
        {%- if split_on_campaign %}
        {{ campaign_key('stg_events') }} as campaign_key,
        {%- endif %}
        stg_events.event_date
    from {{ ref('stg_shop__events') }} as stg_events
    {%- if is_incremental() %}
    where stg_events.event_date >= {{ reprocess_from(var('incremental_lookback_days')) }}
    {%- endif %}
),

human_events as (
    select
        timeline_events.*,
        event_types.is_interaction
    from timeline_events
    inner join event_types on timeline_events.event_type = event_types.event_type
    left join {{ ref('int_bot_visitor_days') }} as bots
        on
            timeline_events.visitor_id = bots.visitor_id
            and timeline_events.event_date = bots.event_date
    where bots.visitor_id is null
),

sequenced as (
    select
        *,
        lag(event_at) over visitor_timeline as previous_event_at,
        {%- if split_at_midnight %}
        lag(event_date) over visitor_timeline as previous_event_date,
        {%- endif %}
        {%- if split_on_campaign %}
        {{ last_non_null('campaign_key', 'visitor_timeline_before') }} as previous_campaign_key,
        {%- endif %}
        row_number() over visitor_timeline as timeline_number
    from human_events
    -- (visitor_timeline_before is only used when splitting on campaign change)
    window
        visitor_timeline as (partition by visitor_id order by event_at, event_id),
        visitor_timeline_before as (
            partition by visitor_id order by event_at, event_id
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

-- The latest session start so far is this event's session; its place in the session counts
-- from that start, so it does not depend on where this run's window of events began.
numbered as (
    select
        event_id,
        is_session_start,
        is_interaction,
        max(case when is_session_start = 1 then event_at end) over visitor_timeline_so_far as session_start_at,
        timeline_number + 1
        - max(case when is_session_start = 1 then timeline_number end) over visitor_timeline_so_far
            as session_event_number
    from boundaries
    window visitor_timeline_so_far as (
        partition by visitor_id order by event_at, event_id
        rows between unbounded preceding and current row
    )
),

final as (
    select
        ---------- ids
        events.event_id,
        {{ dbt.hash(dbt.concat([
            'events.visitor_id', "'|'", dbt.safe_cast('numbered.session_start_at', dbt.type_string())
        ])) }} as session_id,
        events.visitor_id,
        events.member_key,
        events.sku_id,

        ---------- codes and strings (the traffic source only on the landing event: it is all
        -- the session needs, and leaving it empty elsewhere keeps the table small)
        events.event_type,
        events.page_type,
        events.platform,
        case when numbered.is_session_start = 1 then events.page_url end as page_url,
        case when numbered.is_session_start = 1 then events.utm_source end as utm_source,
        case when numbered.is_session_start = 1 then events.utm_medium end as utm_medium,
        case when numbered.is_session_start = 1 then events.utm_campaign end as utm_campaign,
        case when numbered.is_session_start = 1 then events.referrer end as referrer,

        ---------- flags and order
        numbered.is_session_start = 1 as is_session_start,
        numbered.is_interaction,
        numbered.session_event_number,

        ---------- timestamps (UTC) and business dates
        events.event_at,
        events.event_date,
        numbered.session_start_at,
        {{ run_loaded_at() }} as loaded_at

    from events
    inner join numbered on events.event_id = numbered.event_id
)

select * from final
