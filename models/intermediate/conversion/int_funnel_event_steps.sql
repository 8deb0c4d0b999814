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
-- applied to those candidates, and each step is the minimum over the candidates of its event
-- type that are at or after the step before (an aggregate and a join per step, not a window
-- pass over every candidate per step).
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

-- every funnel event of the visitor in the entry's window (at or after step 1)
candidates as (
    select
        entry_days.session_id,
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

-- Step 2 is an aggregate over the candidates of its event type; each later step left-joins
-- the candidates of its type at or after the step before to the entries with a step 2, and
-- carries the earlier steps along (no window pass over every candidate per step).
{%- set first_step = event_steps[0] %}

-- step {{ first_step.number }}: the first {{ first_step.event_type }} (every candidate is at or after step 1)
step_{{ first_step.number }} as (
    select
        session_id,
        min(event_at) as step_{{ first_step.number }}_at
    from candidates
    where event_type = '{{ first_step.event_type }}'
    group by session_id
),
{%- for step in event_steps[1:] %}
{%- set previous = 'step_' ~ (step.number - 1) %}
{%- set earlier_steps = event_steps[:loop.index] %}

-- step {{ step.number }}: the first {{ step.event_type }} at or after step {{ step.number - 1 }}
step_{{ step.number }} as (
    select
        {{ previous }}.session_id,
        -- (the step before has one row per entry: the minimum of its column is its value)
        {%- for earlier in earlier_steps %}
        min({{ previous }}.step_{{ earlier.number }}_at) as step_{{ earlier.number }}_at,
        {%- endfor %}
        min(candidates.event_at) as step_{{ step.number }}_at
    from {{ previous }}
    left join candidates
        on
            {{ previous }}.session_id = candidates.session_id
            and {{ previous }}.{{ previous }}_at <= candidates.event_at
            and candidates.event_type = '{{ step.event_type }}'
    group by {{ previous }}.session_id
),
{%- endfor %}

-- one row per entry with a step {{ first_step.number }}, with every later step it reached
event_step_times as (
    select * from step_{{ event_steps[-1].number }}
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
