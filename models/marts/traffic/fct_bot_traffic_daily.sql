-- Bot traffic (机器人流量) per date day × bot reason, with an 'all' rollup: the bot visitor-days
-- of int_bot_visitor_days, which every traffic and conversion metric excludes, counted in
-- their own table. bot_event_share compares the day's bot events with all its events (bot +
-- human), so the shares of the reasons add up to the 'all' row.

with

bot_visitor_days as (
    select
        visitor_id,
        event_date,
        bot_reason,
        events
    from {{ ref('int_bot_visitor_days') }}
),

session_days as (
    select
        activity_date,
        events
    from {{ ref('int_session_days') }}
),

human_events as (
    select
        activity_date as date_day,
        cast(sum(events) as {{ dbt.type_bigint() }}) as human_events
    from session_days
    group by activity_date
),

bots as (
    select
        event_date as date_day,
        {{ rollup_columns(['bot_reason']) }},
        count(distinct visitor_id) as bot_visitors,
        cast(sum(events) as {{ dbt.type_bigint() }}) as bot_events
    from bot_visitor_days
    group by {{ rollup_grouping_sets(['event_date'], ['bot_reason']) }}
),

-- the reasons int_bot_visitor_days assigns, seen or not, plus any new one it starts to assign
spine as (
    {{ rollup_spine({
        'bot_reason': "select bot_reason from (values ('user_agent'), ('events_per_minute'), ('events_per_day')) as known (bot_reason)"
            ~ " union select bot_reason from " ~ ref('int_bot_visitor_days'),
    }) }}
),

final as (
    select
        spine.date_day,
        spine.bot_reason,
        coalesce(bots.bot_visitors, 0) as bot_visitors,
        coalesce(bots.bot_events, 0) as bot_events,
        {{ safe_divide(
            'coalesce(bots.bot_events, 0)',
            'coalesce(day_bots.bot_events, 0) + coalesce(human_events.human_events, 0)'
        ) }} as bot_event_share
    from spine
    left join bots
        on
            spine.date_day = bots.date_day
            and spine.bot_reason = bots.bot_reason
    left join bots as day_bots
        on
            spine.date_day = day_bots.date_day
            and day_bots.bot_reason = {{ rollup_value() }}
    left join human_events on spine.date_day = human_events.date_day
)

select * from final
