-- The tracked-event steps of the session funnel (漏斗), one row per funnel entry: every human
-- session is an entry, its step 1 at session_start_at. Steps 2 product_view, 3 add_to_cart and
-- 4 checkout_start are each the FIRST such event by the same visitor (in this or any later
-- session) at or after the previous step's time and at most funnel_window_hours after step 1
-- (the boundary itself counts). A step before the previous one does not count (add_to_cart
-- before any product_view is not step 3); a step out of reach leaves every later step NULL.
-- Steps 5 and 6 (orders) are added by int_funnel_entries.
--
-- Bounded, set-based: an entry is never joined to all of its visitor's events. It is paired
-- with the business dates its window can reach (funnel_day_offsets) and joined to the
-- visitor's funnel events by equality on (visitor_id, event_date); the exact window is then
-- applied to those candidates, and each step is a window minimum over the entry's candidates.
-- Incremental by entry date: an entry reads events up to funnel_window_days() dates after it,
-- and its session may have changed from the day before the first changed date, so a run
-- recomputes the entries from that many days before it.

-- depends_on: {{ ref('base_shop__events') }}
{{ config(**incremental_by_date('entry_date')) }}

{%- set event_steps = session_funnel_steps() | selectattr('event_type') | list %}
{%- set reprocess_entries_from = reprocess_from(var('incremental_lookback_days') + funnel_window_days()) %}

with

sessions as (
    select
        session_id,
        visitor_id,
        session_start_at,
        session_date,
        channel,
        platform,
        utm_campaign,
        landing_page_type
    from {{ ref('int_sessions') }}
    {%- if is_incremental() %}
    where session_date >= {{ reprocess_entries_from }}
    {%- endif %}
),

events_in_window as (
    select
        visitor_id,
        event_date,
        event_at,
        event_type
    from {{ ref('int_events_sessionized') }}
    {%- if is_incremental() %}
    where event_date >= {{ reprocess_entries_from }}
    {%- endif %}
),

funnel_events as (
    select *
    from events_in_window
    where
        event_type in (
            {%- for step in event_steps %}
            '{{ step.event_type }}'{{ ',' if not loop.last }}
            {%- endfor %}
        )
),

day_offsets as (
    {{ funnel_day_offsets() }}
),

entries as (
    select
        *,
        session_start_at as step_1_at,
        {{ dbt.dateadd('hour', var('funnel_window_hours'), 'session_start_at') }} as window_end_at
    from sessions
),

entry_days as (
    select
        entries.session_id,
        entries.visitor_id,
        entries.step_1_at,
        entries.window_end_at,
        cast({{ dbt.dateadd('day', 'day_offsets.day_offset', 'entries.session_date') }} as date) as candidate_date
    from entries
    cross join day_offsets
),

candidates_step_1 as (
    select
        entry_days.session_id,
        entry_days.step_1_at,
        funnel_events.event_type,
        funnel_events.event_at
    from entry_days
    inner join funnel_events
        on
            entry_days.visitor_id = funnel_events.visitor_id
            and entry_days.candidate_date = funnel_events.event_date
    where
        funnel_events.event_at >= entry_days.step_1_at
        and funnel_events.event_at <= entry_days.window_end_at
),

{%- for step in event_steps %}

-- step {{ step.number }}: the first {{ step.event_type }} at or after step {{ step.number - 1 }}
candidates_step_{{ step.number }} as (
    select
        *,
        min(case
            when event_type = '{{ step.event_type }}' and event_at >= step_{{ step.number - 1 }}_at
                then event_at
        end) over (partition by session_id) as step_{{ step.number }}_at
    from candidates_step_{{ step.number - 1 }}
),
{%- endfor %}

event_step_times as (
    select
        session_id,
        {%- for step in event_steps %}
        max(step_{{ step.number }}_at) as step_{{ step.number }}_at
        {%- if not loop.last %},{% endif %}
        {%- endfor %}
    from candidates_step_{{ event_steps[-1].number }}
    group by session_id
),

final as (
    select
        ---------- ids
        entries.session_id,
        entries.visitor_id,

        ---------- the entry's date and session attributes
        entries.session_date as entry_date,
        entries.channel,
        entries.platform,
        entries.utm_campaign,
        entries.landing_page_type,

        ---------- the tracked-event steps (UTC)
        entries.step_1_at,
        {%- for step in event_steps %}
        event_step_times.step_{{ step.number }}_at,
        {%- endfor %}
        entries.window_end_at,
        {{ run_loaded_at() }} as loaded_at

    from entries
    left join event_step_times on entries.session_id = event_step_times.session_id
)

select * from final
