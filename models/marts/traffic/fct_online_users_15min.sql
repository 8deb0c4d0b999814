-- Online users (当前在线人数) per window of online_window_minutes (default 15) of business-local
-- time × platform, with an 'all' rollup: distinct human visitors with at least one event in
-- the window. Every window of every date of the spine is a row; a quiet window is 0.
-- One pass over the sessionized events (bots are already out of them). Incremental by date:
-- a run recomputes the dates from the first changed one.

-- depends_on: {{ ref('base_shop__events') }}
{{ config(**incremental_by_date('date_day')) }}

{%- set window_minutes = var('online_window_minutes') %}
{%- set dates_from = reprocess_periods_from('date_day') if is_incremental() else none %}

with

events as (
    select
        visitor_id,
        platform,
        {{ to_business_time('event_at') }} as event_local_at
    from {{ ref('int_events_sessionized') }}
    {%- if dates_from is not none %}
    where event_date >= {{ dates_from }}
    {%- endif %}
),

-- a visitor seen several times in a window is one row: the distinct count needs no more
visitor_windows as (
    select distinct
        {{ online_window_start('event_local_at', window_minutes) }} as window_start,
        platform,
        visitor_id
    from events
),

online as (
    select
        window_start,
        {{ rollup_columns(['platform']) }},
        count(distinct visitor_id) as online_users
    from visitor_windows
    group by {{ rollup_grouping_sets(['window_start'], ['platform']) }}
),

day_spine as (
    {{ rollup_spine({'platform': 'select platform from ' ~ ref('platforms')}, periods_from=dates_from) }}
),

window_offsets as (
    {{ online_window_offsets(window_minutes) }}
),

spine as (
    select
        {{ dbt.dateadd(
            'minute', 'window_offsets.window_offset_minutes',
            'cast(day_spine.date_day as ' ~ dbt.type_timestamp() ~ ')'
        ) }} as window_start,
        day_spine.date_day,
        day_spine.platform
    from day_spine
    cross join window_offsets
),

final as (
    select
        spine.window_start,
        spine.date_day,
        spine.platform,
        coalesce(online.online_users, 0) as online_users,
        {{ run_loaded_at() }} as loaded_at
    from spine
    left join online
        on
            spine.window_start = online.window_start
            and spine.platform = online.platform
)

select * from final
