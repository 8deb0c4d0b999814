-- Member value per calendar month: monthly active members (a logged-in session or a valid order
-- in the month), member buyers (read from their home, fct_repurchase_monthly), members' net
-- sales, ARPU (sales_net / active members) and ARPPU (sales_net / buyers). Members only: guest
-- orders are neither in the numerator nor in the denominators (never mix identities). Buyers
-- are active members, so ARPU ≤ ARPPU when sales are positive.
-- One row per month of the spine.

with

months as (
    select
        month_start,
        is_month_complete,
        buyers
    from {{ ref('fct_repurchase_monthly') }}
),

aggregated as (
    select
        month_start,
        count(*) as active_members,
        sum(sales_net) as sales_net
    from {{ ref('int_member_months') }}
    group by month_start
),

final as (
    select
        months.month_start,
        months.is_month_complete,
        coalesce(aggregated.active_members, 0) as active_members,
        months.buyers,
        coalesce(aggregated.sales_net, 0) as sales_net,
        {{ safe_divide('aggregated.sales_net', 'aggregated.active_members') }} as arpu,
        {{ safe_divide('aggregated.sales_net', 'months.buyers') }} as arppu
    from months
    left join aggregated on months.month_start = aggregated.month_start
)

select * from final
