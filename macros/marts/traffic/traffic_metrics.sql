{#-
    Traffic metrics (流量指标) by period × channel × platform with 'all' rollups: the one
    definition behind fct_traffic_daily, _weekly and _monthly (metric-definitions.md § Traffic).
    Visitors are counted on the days they had events (a session crossing midnight counts on
    both days); sessions, bounces and durations on the day the session started. Distinct
    visitors are recomputed for every period and rollup, never summed.
    period_column: date_day | week_start | month_start.
    Incremental by period: a run recomputes the periods from the one holding the day before the
    first changed date (a session that started then may have gained events).
-#}
{% macro traffic_metrics(period_column) -%}

{{ config(**incremental_by_date(period_column)) }}
{%- set periods_from = reprocess_periods_from(period_column, var('incremental_lookback_days')) if is_incremental() else none %}

with

session_days as (
    select * from {{ ref('int_session_days') }}
    {%- if periods_from is not none %}
    where activity_date >= {{ periods_from }}
    {%- endif %}
),

sessions as (
    select session_id, channel, platform, is_bounce, duration_s from {{ ref('int_sessions') }}
),

visitors as (
    select visitor_id, first_seen_date from {{ ref('int_visitors') }}
),

dates as (
    select date_day, week_start, month_start from {{ ref('int_dates') }}
),

activity as (
    select
        activity_period.{{ period_column }},
        sessions.channel,
        sessions.platform,
        session_days.visitor_id,
        session_days.page_views,
        session_days.is_start_date,
        sessions.is_bounce,
        sessions.duration_s,
        -- new in the period: the visitor's first-ever event falls in it
        first_seen_period.{{ period_column }} = activity_period.{{ period_column }} as is_new_visitor
    from session_days
    inner join sessions on session_days.session_id = sessions.session_id
    inner join visitors on session_days.visitor_id = visitors.visitor_id
    inner join dates as activity_period on session_days.activity_date = activity_period.date_day
    inner join dates as first_seen_period on visitors.first_seen_date = first_seen_period.date_day
),

aggregated as (
    select
        {{ period_column }},
        {{ rollup_columns(['channel', 'platform']) }},
        cast(sum(page_views) as {{ dbt.type_bigint() }}) as pv,
        count(distinct visitor_id) as uv,
        count(distinct case when is_new_visitor then visitor_id end) as new_visitors,
        {{ count_where('is_start_date') }} as sessions,
        {{ count_where('is_start_date and is_bounce') }} as bounced_sessions,
        cast(sum(case when is_start_date then duration_s else 0 end) as {{ dbt.type_bigint() }}) as total_session_duration_s
    from activity
    group by {{ rollup_grouping_sets([period_column], ['channel', 'platform']) }}
),

spine as (
    {{ rollup_spine({
        'channel': 'select channel from ' ~ ref('channels'),
        'platform': 'select platform from ' ~ ref('platforms'),
    }, period_column, periods_from) }}
),

final as (
    select
        spine.{{ period_column }},
        spine.channel,
        spine.platform,
        coalesce(aggregated.pv, 0) as pv,
        coalesce(aggregated.uv, 0) as uv,
        coalesce(aggregated.new_visitors, 0) as new_visitors,
        coalesce(aggregated.uv, 0) - coalesce(aggregated.new_visitors, 0) as returning_visitors,
        coalesce(aggregated.sessions, 0) as sessions,
        coalesce(aggregated.bounced_sessions, 0) as bounced_sessions,
        coalesce(aggregated.total_session_duration_s, 0) as total_session_duration_s,
        {{ safe_divide('aggregated.bounced_sessions', 'aggregated.sessions') }} as bounce_rate,
        {{ safe_divide('aggregated.pv', 'aggregated.sessions') }} as pages_per_session,
        {{ safe_divide('aggregated.pv', 'aggregated.uv') }} as pages_per_visitor,
        {{ safe_divide('aggregated.total_session_duration_s', 'aggregated.sessions') }} as avg_session_duration_s,
        {{ safe_divide('aggregated.total_session_duration_s', 'aggregated.uv') }} as avg_time_per_visitor_s,
        {{ run_loaded_at() }} as loaded_at
    from spine
    left join aggregated
        on
            spine.{{ period_column }} = aggregated.{{ period_column }}
            and spine.channel = aggregated.channel
            and spine.platform = aggregated.platform
)

select * from final

{%- endmacro %}
