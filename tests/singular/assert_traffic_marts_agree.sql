-- The traffic marts agree with each other where they measure the same thing:
-- - weekly and monthly counts that split by day (pv, sessions, bounces, durations) equal the
--   sum of their days; weekly and monthly uv (recomputed, not summed) lies between the largest
--   day and the sum of the days; new_visitors is at least the largest day's, and over all
--   channels and platforms equals the sum of the days (a visitor is new on one day only; in
--   a slice it can exceed that sum: new in the week on direct, back on Wednesday by affiliate
--   counts as new in the week on affiliate but on no day of it);
-- - landing_page_type = 'all' entries and bounces equal fct_traffic_daily's sessions and
--   bounces (channel = 'all'), platform by platform;
-- - no window of a day has more online users than the day has active visitors.
-- One failing row per broken group.

with

daily as (
    select * from {{ ref('fct_traffic_daily') }}
),

dates as (
    select
        date_day,
        week_start,
        month_start
    from {{ ref('int_dates') }}
),

days_by_period as (
    select
        'week' as period_kind,
        dates.week_start as period_start,
        daily.*
    from daily
    inner join dates on daily.date_day = dates.date_day
    union all
    select
        'month' as period_kind,
        dates.month_start as period_start,
        daily.*
    from daily
    inner join dates on daily.date_day = dates.date_day
),

period_rows as (
    select
        'week' as period_kind,
        week_start as period_start,
        *
    from {{ ref('fct_traffic_weekly') }}
    union all
    select
        'month' as period_kind,
        month_start as period_start,
        *
    from {{ ref('fct_traffic_monthly') }}
),

summed_days as (
    select
        period_kind,
        period_start,
        channel,
        platform,
        sum(pv) as pv__days_sum,
        sum(sessions) as sessions__days_sum,
        sum(bounced_sessions) as bounced_sessions__days_sum,
        sum(total_session_duration_s) as total_session_duration_s__days_sum,
        sum(uv) as uv__days_sum,
        max(uv) as uv__days_max,
        sum(new_visitors) as new_visitors__days_sum,
        max(new_visitors) as new_visitors__days_max
    from days_by_period
    group by period_kind, period_start, channel, platform
),

period_failures as (
    select
        'fct_traffic_' || coalesce(period_rows.period_kind, summed_days.period_kind) || 'ly' as model_name,
        cast(coalesce(period_rows.period_start, summed_days.period_start) as {{ dbt.type_string() }}) as period_key,
        coalesce(period_rows.channel, summed_days.channel) as channel,
        coalesce(period_rows.platform, summed_days.platform) as platform
    from period_rows
    full outer join summed_days
        on
            period_rows.period_kind = summed_days.period_kind
            and period_rows.period_start = summed_days.period_start
            and period_rows.channel = summed_days.channel
            and period_rows.platform = summed_days.platform
    where
        not coalesce(
            period_rows.pv = summed_days.pv__days_sum
            and period_rows.sessions = summed_days.sessions__days_sum
            and period_rows.bounced_sessions = summed_days.bounced_sessions__days_sum
            and period_rows.total_session_duration_s = summed_days.total_session_duration_s__days_sum
            and period_rows.uv between summed_days.uv__days_max and summed_days.uv__days_sum
            and period_rows.new_visitors >= summed_days.new_visitors__days_max
            and (
                period_rows.new_visitors = summed_days.new_visitors__days_sum
                or period_rows.channel != {{ rollup_value() }}
                or period_rows.platform != {{ rollup_value() }}
            ),
            false
        )
),

landing_failures as (
    select
        'fct_landing_page_bounce_daily' as model_name,
        cast(landing.date_day as {{ dbt.type_string() }}) as period_key,
        {{ rollup_value() }} as channel,
        landing.platform
    from {{ ref('fct_landing_page_bounce_daily') }} as landing
    inner join daily
        on
            landing.date_day = daily.date_day
            and landing.platform = daily.platform
            and daily.channel = {{ rollup_value() }}
    where
        landing.landing_page_type = {{ rollup_value() }}
        and (
            landing.entry_sessions != daily.sessions
            or landing.bounced_entry_sessions != daily.bounced_sessions
        )
),

online_failures as (
    select
        'fct_online_users_15min' as model_name,
        cast(online.window_start as {{ dbt.type_string() }}) as period_key,
        {{ rollup_value() }} as channel,
        online.platform
    from {{ ref('fct_online_users_15min') }} as online
    inner join {{ ref('fct_active_users_daily') }} as active on online.date_day = active.date_day
    where online.platform = {{ rollup_value() }} and online.online_users > active.dau
),

final as (
    select * from period_failures
    union all
    select * from landing_failures
    union all
    select * from online_failures
)

select * from final
