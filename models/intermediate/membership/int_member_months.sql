-- Member activity per calendar month (business-local dates) up to as_of_date: the days with a
-- logged-in session or a valid order, the days with a valid order, the valid orders and their
-- money. The monthly building block of repurchase, buy-back, first-order cohorts and ARPU: a
-- member is counted once per month however many days they were active.
-- One row per member × month with at least one active day.

with

as_of as (
    select as_of_date from {{ ref('int_as_of_date') }}
),

member_days as (
    select member_days.*
    from {{ ref('int_member_days') }} as member_days
    cross join as_of
    where member_days.activity_date <= as_of.as_of_date
),

final as (
    select
        member_key,
        cast({{ dbt.date_trunc('month', 'activity_date') }} as date) as month_start,
        count(*) as active_days,
        {{ count_where('valid_orders > 0') }} as order_days,
        cast(sum(valid_orders) as {{ dbt.type_bigint() }}) as valid_orders,
        cast(sum(sessions) as {{ dbt.type_bigint() }}) as sessions,
        sum(sales_paid) as sales_paid,
        sum(sales_net) as sales_net
    from member_days
    group by member_key, cast({{ dbt.date_trunc('month', 'activity_date') }} as date)
)

select * from final
