-- Days on which a human visitor was active (had an event): the basis of DAU/WAU/MAU and of
-- day-N retention. A session crossing local midnight makes both dates active.
-- One row per visitor × business date.

with

sessions as (
    select * from {{ ref('int_sessions') }}
),

session_dates as (
    select visitor_id, session_date as activity_date, 1 as sessions_started, page_views
    from sessions
    union all
    select visitor_id, session_end_date as activity_date, 0 as sessions_started, 0 as page_views
    from sessions
    where session_end_date != session_date
),

final as (
    select
        visitor_id,
        activity_date,
        cast(sum(sessions_started) as {{ dbt.type_bigint() }}) as sessions_started,
        cast(sum(page_views) as {{ dbt.type_bigint() }}) as page_views
    from session_dates
    group by visitor_id, activity_date
)

select * from final
