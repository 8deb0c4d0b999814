-- The session funnel (漏斗), one row per funnel entry: every human session is an entry, its
-- step 1 at session_start_at. Each later step is the FIRST occurrence, by the same visitor (in
-- this or any later session), at or after the previous step's time and at most
-- funnel_window_hours after step 1 (the boundary itself counts):
--   2 product_view, 3 add_to_cart, 4 checkout_start (tracked events),
--   5 order placed: the first non-test order of a member linked to the visitor
--     (int_visitor_members), created at or after step 4,
--   6 paid: that same order's paid_at, inside the window.
-- A step that happens before the previous one does not count (add_to_cart before any
-- product_view is not step 3); a step out of reach leaves every later step NULL.
-- The entry carries its session's business date, channel, platform, campaign and landing page.
--
-- Bounded, set-based: an entry is never joined to all of its visitor's events. Its window
-- ends at most ceil(funnel_window_hours / 24) business dates after the entry date (24 h ->
-- the entry date and the next one; assumes a business time zone without daylight saving, as
-- Asia/Shanghai), so each entry is paired with that handful of dates (day_offsets) and joined
-- to the visitor's funnel events and the linked members' orders by equality on
-- (visitor_id, event_date) and (member_key, created_date). The exact window is then applied
-- to those candidates, and each step is a window minimum over the entry's candidates.

{%- set steps = session_funnel_steps() %}
{%- set event_steps = steps | selectattr('event_type') | list %}
{%- set window_days = ((var('funnel_window_hours') | float) / 24) | round(0, 'ceil') | int %}

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
),

funnel_events as (
    select
        visitor_id,
        event_date,
        event_at,
        event_type
    from {{ ref('int_events_sessionized') }}
    where
        event_type in (
            {%- for step in event_steps %}
            '{{ step.event_type }}'{{ ',' if not loop.last }}
            {%- endfor %}
        )
),

visitor_members as (
    select
        visitor_id,
        member_key
    from {{ ref('int_visitor_members') }}
),

orders as (
    select
        order_id,
        member_key,
        created_at,
        created_date,
        paid_at
    from {{ ref('int_orders') }}
    where is_placed and member_key is not null
),

-- 0, 1, ... ceil(funnel_window_hours / 24): the business dates a window can reach
day_offsets as (
    {%- for offset in range(window_days + 1) %}
    select {{ offset }} as day_offset
    {{- ' union all' if not loop.last }}
    {%- endfor %}
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

-- step 5: orders of the visitor's members placed at or after step 4 inside the window
order_candidates as (
    select
        entry_days.session_id,
        orders.order_id,
        orders.created_at,
        orders.paid_at,
        row_number() over (
            partition by entry_days.session_id order by orders.created_at, orders.order_id
        ) as order_rank
    from entry_days
    inner join event_step_times on entry_days.session_id = event_step_times.session_id
    inner join visitor_members on entry_days.visitor_id = visitor_members.visitor_id
    inner join orders
        on
            visitor_members.member_key = orders.member_key
            and entry_days.candidate_date = orders.created_date
    where
        orders.created_at >= event_step_times.step_4_at
        and orders.created_at <= entry_days.window_end_at
),

first_orders as (
    select
        session_id,
        order_id,
        created_at,
        paid_at
    from order_candidates
    where order_rank = 1
),

stepped as (
    select
        entries.session_id,
        entries.visitor_id,
        entries.session_date,
        entries.channel,
        entries.platform,
        entries.utm_campaign,
        entries.landing_page_type,
        entries.window_end_at,
        entries.step_1_at,
        event_step_times.step_2_at,
        event_step_times.step_3_at,
        event_step_times.step_4_at,
        first_orders.order_id,
        first_orders.created_at as step_5_at,
        case when first_orders.paid_at <= entries.window_end_at then first_orders.paid_at end as step_6_at
    from entries
    left join event_step_times on entries.session_id = event_step_times.session_id
    left join first_orders on entries.session_id = first_orders.session_id
),

final as (
    select
        ---------- ids
        session_id,
        visitor_id,
        order_id,

        ---------- the entry's date and session attributes
        session_date as entry_date,
        channel,
        platform,
        utm_campaign,
        landing_page_type,

        ---------- steps: the last step reached, and when each step was reached (UTC)
        case
            {%- for step in (steps | reverse | list)[:-1] %}
            when step_{{ step.number }}_at is not null then {{ step.number }}
            {%- endfor %}
            else 1
        end as steps_reached,
        {%- for step in steps %}
        step_{{ step.number }}_at,
        {%- endfor %}
        window_end_at

    from stepped
)

select * from final
