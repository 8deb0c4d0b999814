-- Sessions by the business dates on which they had events (a session crossing local midnight
-- has two rows): the basis for counting visitors and page views per day, so that "active on
-- day d" means "had an event on day d" everywhere. Incremental by date.
-- One row per session × business date.

-- depends_on: {{ ref('base_shop__events') }}
{{ config(**incremental_by_date('activity_date')) }}

with

events as (
    select * from {{ ref('int_events_sessionized') }}
    {%- if is_incremental() %}
    where event_date >= {{ reprocess_from() }}
    {%- endif %}
),

final as (
    select
        session_id,
        visitor_id,
        event_date as activity_date,
        count(*) as events,
        {{ count_where("event_type = 'page_view'") }} as page_views,
        max(case when is_session_start then 1 else 0 end) = 1 as is_start_date,
        {{ run_loaded_at() }} as loaded_at
    from events
    group by session_id, visitor_id, event_date
)

select * from final
