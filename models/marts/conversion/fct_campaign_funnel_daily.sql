-- The session funnel (漏斗) per date day × utm_campaign ('all' = every session with a
-- campaign) × step: funnel entries of sessions that carried a campaign, reaching each step
-- within funnel_window_hours (int_funnel_entries). Sparse: only days and campaigns with at
-- least one entry (campaigns are not a fixed list). Steps and rates:
-- macros/marts/conversion/funnel.sql.

{%- set steps = session_funnel_steps() %}

with

entries as (
    select
        entry_date,
        utm_campaign,
        steps_reached
    from {{ ref('int_funnel_entries') }}
    where utm_campaign is not null
),

aggregated as (
    select
        entry_date as date_day,
        {{ rollup_columns(['utm_campaign']) }},
        {{ funnel_reach_counts() }}
    from entries
    group by {{ rollup_grouping_sets(['entry_date'], ['utm_campaign']) }}
),

steps as (
    {{ funnel_steps_relation(steps) }}
),

final as (
    select
        aggregated.date_day,
        aggregated.utm_campaign,
        steps.step_number,
        steps.step,
        steps.step_name_zh,
        {{ funnel_long_columns(steps, 'entries_reaching_step', 'aggregated') }}
    from aggregated
    cross join steps
)

select * from final
