-- Days on which a human visitor was active (had an event): the basis of DAU/WAU/MAU, UV and
-- day-N retention. Incremental by date. One row per visitor × business date.

-- depends_on: {{ ref('base_shop__events') }}
{{ config(**incremental_by_date('activity_date')) }}

with

session_days as (
    select * from {{ ref('int_session_days') }}
    {%- if is_incremental() %}
    where activity_date >= {{ reprocess_from() }}
    {%- endif %}
),

final as (
    select
        visitor_id,
        activity_date,
        {{ count_where('is_start_date') }} as sessions_started,
        cast(sum(page_views) as {{ dbt.type_bigint() }}) as page_views,
        cast(sum(events) as {{ dbt.type_bigint() }}) as events,
        {{ run_loaded_at() }} as loaded_at
    from session_days
    group by visitor_id, activity_date
)

select * from final
