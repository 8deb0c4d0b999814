-- The calendar (日期维度) for BI: one row per business date of the data period (int_dates:
-- first data date → as_of_date) with its ISO week (Monday start), month, weekday and the
-- promotion calendar (seeds/business_calendar.csv), named in Chinese for dashboards.

with

dates as (
    select * from {{ ref('int_dates') }}
),

calendar_events as (
    select * from {{ ref('business_calendar') }}
),

-- one Chinese name per calendar event code (the seed repeats each event once a year)
calendar_event_names as (
    select
        calendar_event,
        min(calendar_event_name_zh) as calendar_event_name_zh
    from calendar_events
    group by calendar_event
),

final as (
    select
        dates.date_day,
        dates.week_start,
        dates.month_start,
        dates.year_number,
        dates.month_number,
        dates.day_of_week,
        dates.is_weekend,
        dates.calendar_event,
        calendar_event_names.calendar_event_name_zh,
        dates.is_major_promotion,
        dates.is_promotion_peak
    from dates
    left join calendar_event_names on dates.calendar_event = calendar_event_names.calendar_event
)

select * from final
