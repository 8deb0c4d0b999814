-- The session funnel (漏斗), one row per funnel entry: the tracked-event steps 1-4 of
-- int_funnel_event_steps, and
--   5 order placed: the first non-test order of a member linked to the visitor
--     (int_visitor_members), created at or after step 4 and at most funnel_window_hours after
--     step 1 (the boundary itself counts),
--   6 paid: that same order's paid_at, inside the window.
-- A step out of reach leaves every later step NULL. The entry carries its session's business
-- date, channel, platform, campaign and landing page.
--
-- A table, rebuilt every run: orders are a snapshot whose rows change (payment, test flags)
-- and a visitor may be linked to a member later, so any entry's order steps can change. Only
-- entries that reached step 4 look for orders: each is paired with the business dates its
-- window can reach (funnel_day_offsets) and joined to the linked members' orders by equality
-- on (member_key, created_date); the exact window is then applied.

{%- set steps = session_funnel_steps() %}

with

event_steps as (
    select * from {{ ref('int_funnel_event_steps') }}
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

day_offsets as (
    {{ funnel_day_offsets() }}
),

checkout_entry_days as (
    select
        event_steps.session_id,
        event_steps.visitor_id,
        event_steps.step_4_at,
        event_steps.window_end_at,
        cast({{ dbt.dateadd('day', 'day_offsets.day_offset', 'event_steps.entry_date') }} as date) as candidate_date
    from event_steps
    cross join day_offsets
    where event_steps.step_4_at is not null
),

-- step 5: orders of the visitor's members placed at or after step 4 inside the window
order_candidates as (
    select
        checkout_entry_days.session_id,
        orders.order_id,
        orders.created_at,
        orders.paid_at,
        row_number() over (
            partition by checkout_entry_days.session_id order by orders.created_at, orders.order_id
        ) as order_rank
    from checkout_entry_days
    inner join visitor_members on checkout_entry_days.visitor_id = visitor_members.visitor_id
    inner join orders
        on
            visitor_members.member_key = orders.member_key
            and checkout_entry_days.candidate_date = orders.created_date
    where
        orders.created_at >= checkout_entry_days.step_4_at
        and orders.created_at <= checkout_entry_days.window_end_at
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
        event_steps.session_id,
        event_steps.visitor_id,
        event_steps.entry_date,
        event_steps.channel,
        event_steps.platform,
        event_steps.utm_campaign,
        event_steps.landing_page_type,
        event_steps.window_end_at,
        event_steps.step_1_at,
        event_steps.step_2_at,
        event_steps.step_3_at,
        event_steps.step_4_at,
        first_orders.order_id,
        first_orders.created_at as step_5_at,
        case when first_orders.paid_at <= event_steps.window_end_at then first_orders.paid_at end as step_6_at
    from event_steps
    left join first_orders on event_steps.session_id = first_orders.session_id
),

final as (
    select
        ---------- ids
        session_id,
        visitor_id,
        order_id,

        ---------- the entry's date and session attributes
        entry_date,
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
