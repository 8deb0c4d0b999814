-- One row per business date from the first date with data to as_of_date: the spine every
-- daily table sits on, so that a quiet day is a row of zeros rather than a missing row.

with

as_of as (
    select * from {{ ref('int_as_of_date') }}
),

calendar_events as (
    select * from {{ ref('business_calendar') }}
),

spine as (
    {{ date_spine('(select first_date from as_of)', '(select as_of_date from as_of)') }}
),

promotions as (
    -- A date inside several calendar events (rare) takes the major one.
    select
        spine.date_day,
        min_by(
            calendar_events.calendar_event,
            case when calendar_events.event_kind = 'major_promotion' then 0 else 1 end
        ) as calendar_event,
        max(case when calendar_events.event_kind = 'major_promotion' then 1 else 0 end) = 1 as is_major_promotion,
        max(case when spine.date_day = calendar_events.peak_date then 1 else 0 end) = 1 as is_promotion_peak
    from spine
    inner join calendar_events
        on spine.date_day between calendar_events.start_date and calendar_events.end_date
    group by spine.date_day
),

final as (
    select
        spine.date_day,
        cast({{ dbt.date_trunc('week', 'spine.date_day') }} as date) as week_start,
        cast({{ dbt.date_trunc('month', 'spine.date_day') }} as date) as month_start,
        cast(extract(year from spine.date_day) as integer) as year_number,
        cast(extract(month from spine.date_day) as integer) as month_number,
        {{ day_of_week('spine.date_day') }} as day_of_week,
        {{ day_of_week('spine.date_day') }} in (6, 7) as is_weekend,
        promotions.calendar_event,
        coalesce(promotions.is_major_promotion, false) as is_major_promotion,
        coalesce(promotions.is_promotion_peak, false) as is_promotion_peak
    from spine
    left join promotions on spine.date_day = promotions.date_day
)

select * from final
