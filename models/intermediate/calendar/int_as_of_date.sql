-- The period the data covers: first_date is the first business date with an event or an
-- order; as_of_date is the last complete business date (setting as_of_date, or the latest date
-- seen in clean events and orders). Metrics that need time to mature (retention day N, LTV,
-- repurchase windows) are NULL until their window ends on or before as_of_date.

with

activity_dates as (
    select event_date as activity_date from {{ ref('stg_shop__events') }}
    union all
    select created_date as activity_date from {{ ref('stg_shop__orders') }}
),

bounds as (
    select
        min(activity_date) as first_date,
        max(activity_date) as last_seen_date
    from activity_dates
),

final as (
    select
        first_date,
        {%- if setting('as_of_date') not in ('', none) %}
        cast('{{ setting("as_of_date") }}' as date) as as_of_date
        {%- else %}
        last_seen_date as as_of_date
        {%- endif %}
    from bounds
)

select * from final
