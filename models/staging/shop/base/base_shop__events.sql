-- Every raw tracked event, parsed, checked and resolved: one row per raw row with its
-- status. Events have no version column: a second distinct row with the same event_id
-- is a conflicting duplicate (the earliest event is kept). An event received more than
-- late_event_max_days after it happened is quarantined: the days it belongs to are closed.
-- Incremental on DuckDB: a run restages the events received since the last run and every
-- other raw row of their event ids (macros/incremental/incremental.sql); on other engines a
-- table.

{{ config(
    materialized='incremental' if target.type == 'duckdb' else 'table',
    incremental_strategy='delete+insert',
    unique_key='event_id',
    on_schema_change='fail',
    pre_hook="{% if is_incremental() %}delete from {{ this }} where event_id is null{% endif %}",
) }}

-- The event_before_registration rule: an event earlier than this, given its member's row as
-- `members`, cannot be real (one definition for the narrow search and the per-row check).
{%- set registration_cutoff = dbt.dateadd(
    'minute', -var('event_clock_tolerance_minutes'), 'members.registered_at') %}

with

-- The CTEs reading raw rows are inlined, not materialized: each reader scans the raw files again
-- (cheap, columnar) rather than holding every raw event in memory.
source as {{ not_materialized() }} (
    select * from {{ source('shop', 'events') }}
),

event_type_codes as (
    select
        raw_code,
        code
    from {{ ref('code_mapping') }}
    where code_type = 'event_type'
),

page_type_codes as (
    select
        raw_code,
        code
    from {{ ref('code_mapping') }}
    where code_type = 'page_type'
),

platform_codes as (
    select
        raw_code,
        code
    from {{ ref('code_mapping') }}
    where code_type = 'platform'
),

bot_user_agents as (
    select * from {{ ref('bot_user_agents') }}
),

raw_text as {{ not_materialized() }} (
    select
        {{ raw_text_columns('events') }},
        {{ raw_source_file('source') }} as source_file
    from source
),

-- The rows to restage: all of them on a full build, else every raw row of an event id that
-- arrived since the last run (files not staged yet, or rows received since the latest one).
{{ restaged_raw_rows(source('shop', 'events'), 'event_id', ['received_at', 'event_time'], 'received_at') }},

-- Matching user agents against the patterns once per distinct agent, not once per event.
user_agent_flags as (
    select
        user_agents.raw_user_agent as user_agent,
        count(bot_user_agents.pattern) > 0 as is_bot_user_agent
    from (select distinct raw_user_agent from restaged) as user_agents
    left join bot_user_agents
        on lower(user_agents.raw_user_agent) like concat('%', bot_user_agents.pattern, '%')
    group by user_agents.raw_user_agent
),

-- The members some restaged event of theirs precedes (by its raw id's earliest time, so no
-- violating row is missed): found on two narrow columns, so that the per-row check joins every
-- event with these few members rather than with every member (a build side that large spills
-- the wide events to disk when the order staging running beside it holds the buffer pool).
members_registered_after_an_event as (
    select distinct
        members.member_key,
        members.registered_at
    from (
        select
            raw_member_id,
            min({{ parse_timestamp('raw_event_time') }}) as first_event_at
        from restaged
        where raw_member_id is not null
        group by raw_member_id
    ) as first_events
    inner join {{ ref('stg_shop__members') }} as members
        on {{ hash_member_id('first_events.raw_member_id') }} = members.member_key
    where first_events.first_event_at < {{ registration_cutoff }}
),

-- Only the rows of event ids that repeat go through resolve_rows' window.
{{ flag_repeated_keys('restaged', 'raw_event_id') }},

parsed as {{ not_materialized() }} (
    select
        raw_text.*,
        {{ raw_row_fingerprint('events') }} as row_fingerprint,

        ---------- ids
        raw_text.raw_event_id as event_id,
        raw_text.raw_visitor_id as visitor_id,
        raw_text.raw_member_id as member_id,
        {{ hash_member_id('raw_text.raw_member_id') }} as member_key,
        raw_text.raw_sku_id as sku_id,

        ---------- codes and strings
        event_type_codes.code as event_type,
        coalesce(page_type_codes.code, 'other') as page_type,
        coalesce(platform_codes.code, 'unknown') as platform,
        raw_text.raw_page_url as page_url,
        lower(raw_text.raw_utm_source) as utm_source,
        lower(raw_text.raw_utm_medium) as utm_medium,
        raw_text.raw_utm_campaign as utm_campaign,
        raw_text.raw_referrer as referrer,

        ---------- booleans
        coalesce(user_agent_flags.is_bot_user_agent, false) as is_bot_user_agent,

        ---------- timestamps (UTC)
        {{ parse_timestamp('raw_text.raw_event_time') }} as event_at,
        {{ parse_timestamp('raw_text.raw_received_at') }} as received_at

    from flagged as raw_text
    left join event_type_codes on lower(raw_text.raw_event_type) = event_type_codes.raw_code
    left join page_type_codes on lower(raw_text.raw_page_type) = page_type_codes.raw_code
    left join platform_codes on lower(raw_text.raw_platform) = platform_codes.raw_code
    left join user_agent_flags on raw_text.raw_user_agent = user_agent_flags.user_agent
),

checked as {{ not_materialized() }} (
    select
        *,
        {{ first_failing_rule([
            ("event_id is null or visitor_id is null", "missing_key"),
            (malformed_ids(["event_id", "visitor_id", "member_id"]), "malformed_key"),
            ("event_at is null or " ~ failed_to_parse(["received_at"]), "invalid_timestamp"),
            (after_load_time(["event_at", "received_at"]), "future_timestamp"),
            ("event_type is null", "unknown_code"),
            ("received_at > " ~ dbt.dateadd('day', var('late_event_max_days'), 'event_at'), "late_event"),
        ]) }} as row_rule
    from parsed
),

resolved as (
    {{ resolve_rows('checked', ['event_id'], 'row_rule is null', 'event_at', repeated_flag='is_repeated_key') }}
),

-- A logged-in event more than the clock tolerance before its member registered cannot be
-- real: the member id or the time is corrupt.
registration_checked as (
    select
        resolved.*,
        case
            when resolved.event_at < {{ registration_cutoff }} then 'event_before_registration'
        end as related_rule
    from resolved
    left join members_registered_after_an_event as members on resolved.member_key = members.member_key
),

classified as (
    select
        *,
        {{ row_status('row_rule', 'related_rule') }} as row_status,
        {{ quarantine_reason('row_rule', 'related_rule') }} as quarantine_reason
    from registration_checked
),

final as (
    select
        ---------- ids
        event_id,
        visitor_id,
        member_key,
        sku_id,

        ---------- codes and strings
        event_type,
        page_type,
        platform,
        page_url,
        utm_source,
        utm_medium,
        utm_campaign,
        referrer,

        ---------- booleans
        is_bot_user_agent,

        ---------- timestamps (UTC) and business dates
        event_at,
        {{ to_business_date('event_at') }} as event_date,
        -- when the collector got it (the event time when the export has no receive time)
        coalesce(received_at, event_at) as received_at,

        ---------- row accounting
        {{ run_loaded_at() }} as loaded_at,
        source_file,
        raw_event_id as raw_key,
        row_status,
        quarantine_reason,
        {{ quarantine_raw_values('events') }} as raw_values

    from classified
)

select * from final
