-- Cohort lifetime value (生命周期价值 LTV) of first-order cohorts: cohort = the calendar month
-- of a member's first valid order (as in fct_repurchase_cohorts, the home of cohort_buyers).
-- For each horizon N in 30 / 90 / 180 / 365 days, each buyer's valid orders created from their
-- own first valid order (day 0) through day N after it are summed:
--   ltv_Nd        = Σ sales_net / cohort_buyers
--   ltv_margin_Nd = Σ (sales_net − net_cogs) / cohort_buyers, NULL when a cost is unknown.
-- Both are NULL until the horizon has passed for every buyer of the cohort: cohort month end
-- + N ≤ as_of_date. Money as it stands at as_of_date (later refunds reduce it).
-- One row per cohort month of the spine.

with

as_of as (
    select as_of_date from {{ ref('int_as_of_date') }}
),

cohorts as (
    select
        cohort_month,
        cohort_buyers
    from {{ ref('fct_repurchase_cohorts') }}
),

valid_orders as (
    select
        orders.member_key,
        orders.created_date,
        orders.net_sales_amount,
        orders.net_cogs
    from {{ ref('int_orders') }} as orders
    cross join as_of
    where orders.is_valid and orders.member_key is not null and orders.created_date <= as_of.as_of_date
),

buyer_orders as (
    select
        *,
        min(created_date) over (partition by member_key) as first_valid_order_date
    from valid_orders
),

order_ages as (
    select
        net_sales_amount,
        net_cogs,
        cast({{ dbt.date_trunc('month', 'first_valid_order_date') }} as date) as cohort_month,
        {{ dbt.datediff('first_valid_order_date', 'created_date', 'day') }} as days_after_first_order  -- noqa: LT05
    from buyer_orders
),

horizons as (
    select listed.horizon_days
    from (values (30), (90), (180), (365)) as listed (horizon_days)
),

-- one row per cohort × horizon N: the money of the orders on days 0 .. N of each buyer
cohort_horizons as (
    select
        order_ages.cohort_month,
        horizons.horizon_days,
        sum(
            case
                when order_ages.days_after_first_order <= horizons.horizon_days
                    then order_ages.net_sales_amount
                else 0
            end
        ) as sales_net,
        sum(
            case
                when order_ages.days_after_first_order <= horizons.horizon_days
                    then order_ages.net_sales_amount - order_ages.net_cogs
                else 0
            end
        ) as margin,
        {{ count_where('order_ages.days_after_first_order <= horizons.horizon_days and order_ages.net_cogs is null') }}
            as orders_without_cost
    from order_ages
    cross join horizons
    group by order_ages.cohort_month, horizons.horizon_days
),

-- every cohort × horizon, with the horizon's maturity: cohort month end + N ≤ as_of_date
cohort_horizon_spine as (
    select
        cohorts.cohort_month,
        cohorts.cohort_buyers,
        horizons.horizon_days,
        cast({{ dbt.dateadd('day', 'horizons.horizon_days', month_end_date('cohorts.cohort_month')) }} as date)
        <= as_of.as_of_date as is_complete
    from cohorts
    cross join horizons
    cross join as_of
),

matured as (
    select
        spine.cohort_month,
        spine.cohort_buyers,
        spine.horizon_days,
        case
            when spine.is_complete
                then {{ safe_divide('cohort_horizons.sales_net', 'spine.cohort_buyers') }}
        end as ltv,
        case
            when spine.is_complete and cohort_horizons.orders_without_cost = 0
                then {{ safe_divide('cohort_horizons.margin', 'spine.cohort_buyers') }}
        end as ltv_margin
    from cohort_horizon_spine as spine
    left join cohort_horizons
        on
            spine.cohort_month = cohort_horizons.cohort_month
            and spine.horizon_days = cohort_horizons.horizon_days
),

final as (
    select
        cohort_month,
        max(cohort_buyers) as cohort_buyers,
        max(case when horizon_days = 30 then ltv end) as ltv_30d,
        max(case when horizon_days = 90 then ltv end) as ltv_90d,
        max(case when horizon_days = 180 then ltv end) as ltv_180d,
        max(case when horizon_days = 365 then ltv end) as ltv_365d,
        max(case when horizon_days = 30 then ltv_margin end) as ltv_margin_30d,
        max(case when horizon_days = 90 then ltv_margin end) as ltv_margin_90d,
        max(case when horizon_days = 180 then ltv_margin end) as ltv_margin_180d,
        max(case when horizon_days = 365 then ltv_margin end) as ltv_margin_365d
    from matured
    group by cohort_month
)

select * from final
