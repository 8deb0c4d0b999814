-- Active visitors (活跃访客) per date day: DAU, WAU, MAU (distinct human visitors with an event
-- in the day / the trailing 7 days / the trailing 30 days, the day included) and stickiness.
-- Active means active visitors (cookie/device ids), not members. Trailing windows are clipped
-- at the first date of the data: has_full_7d_window / has_full_30d_window say when a window is
-- complete. DAU equals fct_traffic_daily.uv (channel = platform = 'all'), tested.

with

visitor_days as (
    select
        visitor_id,
        activity_date
    from {{ ref('int_visitor_days') }}
),

dates as (
    select date_day from {{ ref('int_dates') }}
),

dau as (
    select
        activity_date as date_day,
        count(*) as dau
    from visitor_days
    group by activity_date
),

visitor_days_with_next as (
    select
        activity_date,
        lead(activity_date) over (partition by visitor_id order by activity_date) as next_activity_date
    from visitor_days
),

-- WAU/MAU without a date × visitor join (macro trailing_window_exit_date explains the trick):
-- each visitor-day enters both windows on its date and leaves each at min(next active day,
-- date + window); the running sum of entries minus exits over the spine is the window's count.
window_changes as (
    select
        activity_date as change_date,
        1 as wau_change,
        1 as mau_change
    from visitor_days_with_next
    union all
    select
        {{ trailing_window_exit_date('activity_date', 'next_activity_date', 7) }} as change_date,
        -1 as wau_change,
        0 as mau_change
    from visitor_days_with_next
    union all
    select
        {{ trailing_window_exit_date('activity_date', 'next_activity_date', 30) }} as change_date,
        0 as wau_change,
        -1 as mau_change
    from visitor_days_with_next
),

daily_changes as (
    select
        change_date,
        sum(wau_change) as wau_change,
        sum(mau_change) as mau_change
    from window_changes
    group by change_date
),

-- the spine is one row per date, so "rows between 29 preceding" is the trailing 30 days
windowed as (
    select
        dates.date_day,
        coalesce(dau.dau, 0) as dau,
        cast(sum(coalesce(daily_changes.wau_change, 0)) over running as {{ dbt.type_bigint() }}) as wau,
        cast(sum(coalesce(daily_changes.mau_change, 0)) over running as {{ dbt.type_bigint() }}) as mau,
        sum(coalesce(dau.dau, 0)) over trailing_30_days as dau_sum_30d,
        count(*) over trailing_30_days as days_in_30d_window,
        row_number() over (order by dates.date_day) as days_of_data
    from dates
    left join dau on dates.date_day = dau.date_day
    left join daily_changes on dates.date_day = daily_changes.change_date
    window
        running as (order by dates.date_day rows between unbounded preceding and current row),
        trailing_30_days as (order by dates.date_day rows between 29 preceding and current row)
),

final as (
    select
        date_day,
        days_of_data >= 7 as has_full_7d_window,
        days_of_data >= 30 as has_full_30d_window,
        dau,
        wau,
        mau,
        -- stickiness = average DAU over the trailing 30 days / MAU
        --            = Σ dau over the window / (days in the window × mau), one division
        {{ safe_divide('dau_sum_30d', 'days_in_30d_window * mau') }} as stickiness
    from windowed
)

select * from final
