-- Days on which a human visitor was active (had an event): the basis of DAU/WAU/MAU, UV and
-- day-N retention. One row per visitor × business date.

with

session_days as (
    select * from {{ ref('int_session_days') }}
),

final as (
    select
        visitor_id,
        activity_date,
        {{ count_where('is_start_date') }} as sessions_started,
        cast(sum(page_views) as {{ dbt.type_bigint() }}) as page_views,
        cast(sum(events) as {{ dbt.type_bigint() }}) as events
    from session_days
    group by visitor_id, activity_date
)

select * from final
