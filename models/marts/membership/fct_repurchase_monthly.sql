-- Repurchase (复购) and buy-back (回购) per calendar month. Members only: a guest checkout
-- cannot be recognised again, so it can neither repurchase nor buy back (metric-definitions.md:
-- buyer = member with a valid order).
-- Repurchase: buyers of the month with valid orders on ≥ 2 distinct days of it (two orders on
-- one day are one purchase occasion). Buy-back: buyers of month t who buy again in calendar
-- month t + 1; NULL until t + 1 has ended on or before as_of_date.
-- One row per month of the spine.

with

as_of as (
    select as_of_date from {{ ref('int_as_of_date') }}
),

months as (
    select distinct month_start from {{ ref('int_dates') }}
),

buyer_months as (
    select
        member_key,
        month_start,
        order_days,
        valid_orders
    from {{ ref('int_member_months') }}
    where valid_orders > 0
),

buyer_months_with_next as (
    select
        buyer_months.*,
        next_months.member_key is not null as buys_next_month
    from buyer_months
    left join buyer_months as next_months
        on
            buyer_months.member_key = next_months.member_key
            and cast({{ dbt.dateadd('month', 1, 'buyer_months.month_start') }} as date) = next_months.month_start
),

aggregated as (
    select
        month_start,
        count(*) as buyers,
        {{ count_where('order_days >= 2') }} as repeat_buyers,
        cast(sum(valid_orders) as {{ dbt.type_bigint() }}) as orders_valid,
        {{ count_where('buys_next_month') }} as buyback_buyers
    from buyer_months_with_next
    group by month_start
),

month_windows as (
    select
        months.month_start,
        {{ month_end_date('months.month_start') }} <= as_of.as_of_date as is_month_complete,
        {{ month_end_date('months.month_start', 1) }} <= as_of.as_of_date as is_next_month_complete
    from months
    cross join as_of
),

final as (
    select
        month_windows.month_start,
        month_windows.is_month_complete,
        coalesce(aggregated.buyers, 0) as buyers,
        coalesce(aggregated.repeat_buyers, 0) as repeat_buyers,
        {{ safe_divide('aggregated.repeat_buyers', 'aggregated.buyers') }} as repurchase_rate,
        coalesce(aggregated.orders_valid, 0) as orders_valid,
        {{ safe_divide('aggregated.orders_valid', 'aggregated.buyers') }} as avg_purchases_per_buyer,
        case
            when month_windows.is_next_month_complete then coalesce(aggregated.buyback_buyers, 0)
        end as buyback_buyers,
        case
            when month_windows.is_next_month_complete
                then {{ safe_divide('aggregated.buyback_buyers', 'aggregated.buyers') }}
        end as buyback_rate
    from month_windows
    left join aggregated on month_windows.month_start = aggregated.month_start
)

select * from final
