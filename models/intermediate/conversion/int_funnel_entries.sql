-- The session funnel (漏斗), one row per funnel entry: the tracked-event steps 1-4 of
-- int_funnel_event_steps (incremental) and the order steps 5-6 of int_funnel_order_steps
-- (rebuilt every run, small). A step out of reach leaves every later step NULL. The entry
-- carries its session's business date, channel, platform, campaign and landing page.
--
-- A view: as a table it would copy every entry again on every run only to add the order
-- steps of the few that reached checkout.

{{ config(materialized='view') }}

{%- set steps = session_funnel_steps() %}

with

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
        order_steps.order_id,
        order_steps.step_5_at,
        order_steps.step_6_at
    from {{ ref('int_funnel_event_steps') }} as event_steps
    left join {{ ref('int_funnel_order_steps') }} as order_steps on event_steps.session_id = order_steps.session_id
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
