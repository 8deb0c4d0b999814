-- The session funnel (漏斗) per date day × channel × platform ('all' rollups) × step, on the
-- date spine: funnel entries (sessions) of the day reaching each step within
-- funnel_window_hours (int_funnel_entries), the step conversion rate and the funnel
-- conversion rate. Steps and rates: macros/marts/conversion/funnel.sql.

{%- set steps = session_funnel_steps() %}

with

entries as (
    select
        entry_date,
        channel,
        platform,
        steps_reached
    from {{ ref('int_funnel_entries') }}
),

aggregated as (
    select
        entry_date as date_day,
        {{ rollup_columns(['channel', 'platform']) }},
        {{ funnel_reach_counts() }}
    from entries
    group by {{ rollup_grouping_sets(['entry_date'], ['channel', 'platform']) }}
),

spine as (
    {{ rollup_spine({
        'channel': 'select channel from ' ~ ref('channels'),
        'platform': 'select platform from ' ~ ref('platforms'),
    }) }}
),

steps as (
    {{ funnel_steps_relation(steps) }}
),

final as (
    select
        spine.date_day,
        spine.channel,
        spine.platform,
        steps.step_number,
        steps.step,
        steps.step_name_zh,
        {{ funnel_long_columns(steps, 'entries_reaching_step', 'aggregated') }}
    from spine
    cross join steps
    left join aggregated
        on
            spine.date_day = aggregated.date_day
            and spine.channel = aggregated.channel
            and spine.platform = aggregated.platform
)

select * from final
