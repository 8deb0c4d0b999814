-- Days on which a member was active: a logged-in session, or a valid order. Carries the
-- engagement actions (sign-ins, reviews, shares) that tiers count, and the valid orders.
-- One row per member × business date.

with

session_days as (
    select
        member_key,
        session_date as activity_date,
        count(*) as sessions,
        cast(sum(engagement_actions) as {{ dbt.type_bigint() }}) as engagement_actions,
        0 as valid_orders,
        cast(0 as {{ money_type() }}) as sales_paid,
        cast(0 as {{ money_type() }}) as sales_net
    from {{ ref('int_sessions') }}
    where member_key is not null
    group by member_key, session_date
),

order_days as (
    select
        member_key,
        created_date as activity_date,
        0 as sessions,
        0 as engagement_actions,
        count(*) as valid_orders,
        sum(sales_amount) as sales_paid,
        sum(net_sales_amount) as sales_net
    from {{ ref('int_orders') }}
    where member_key is not null and is_valid
    group by member_key, created_date
),

unioned as (
    select * from session_days
    union all
    select * from order_days
),

final as (
    select
        member_key,
        activity_date,
        cast(sum(sessions) as {{ dbt.type_bigint() }}) as sessions,
        cast(sum(engagement_actions) as {{ dbt.type_bigint() }}) as engagement_actions,
        cast(sum(valid_orders) as {{ dbt.type_bigint() }}) as valid_orders,
        sum(sales_paid) as sales_paid,
        sum(sales_net) as sales_net
    from unioned
    group by member_key, activity_date
)

select * from final
