-- Repurchase of first-order cohorts (次月/次2月/次季度复购): cohort M = the calendar month of a
-- member's first valid order; repurchased within k months = another valid order in months
-- M + 1 .. M + k (cumulative; a second order later in month M itself does not count), for
-- k = 1 (next month), 2 (next two months), 3 (next quarter). The counts and rates of horizon k
-- are NULL until month M + k has ended on or before as_of_date.
-- One row per cohort month of the spine (an empty cohort has 0 buyers and NULL rates).

with

as_of as (
    select as_of_date from {{ ref('int_as_of_date') }}
),

months as (
    select distinct month_start from {{ ref('int_dates') }}
),

buying_months as (
    select
        member_key,
        month_start,
        -- months since year 0: the difference of two is the number of months between them
        12 * extract(year from month_start) + extract(month from month_start) as month_index,
        row_number() over (partition by member_key order by month_start) as buying_month_number
    from {{ ref('int_member_months') }}
    where valid_orders > 0
),

-- each buyer's cohort month and how many months later they bought again (NULL: never)
buyer_gaps as (
    select
        member_key,
        max(case when buying_month_number = 1 then month_start end) as cohort_month,
        max(case when buying_month_number = 2 then month_index end)
        - max(case when buying_month_number = 1 then month_index end) as months_to_second_purchase
    from buying_months
    where buying_month_number <= 2
    group by member_key
),

horizons as (
    select listed.horizon_months
    from (values (1), (2), (3)) as listed (horizon_months)
),

-- one row per cohort month × horizon k, with its maturity
cohort_horizons as (
    select
        months.month_start as cohort_month,
        horizons.horizon_months,
        {{ month_end_date('months.month_start', 'horizons.horizon_months') }} <= as_of.as_of_date as is_complete,
        count(buyer_gaps.cohort_month) as cohort_buyers,
        {{ count_where('buyer_gaps.months_to_second_purchase <= horizons.horizon_months') }} as repurchased
    from months
    cross join horizons
    cross join as_of
    left join buyer_gaps on months.month_start = buyer_gaps.cohort_month
    group by months.month_start, horizons.horizon_months, as_of.as_of_date
),

matured as (
    select
        cohort_month,
        horizon_months,
        cohort_buyers,
        case when is_complete then repurchased end as repurchased,
        case when is_complete then {{ safe_divide('repurchased', 'cohort_buyers') }} end as repurchase_rate
    from cohort_horizons
),

final as (
    select
        cohort_month,
        max(cohort_buyers) as cohort_buyers,
        max(case when horizon_months = 1 then repurchased end) as repurchased_next_month,
        max(case when horizon_months = 2 then repurchased end) as repurchased_next_2_months,
        max(case when horizon_months = 3 then repurchased end) as repurchased_next_quarter,
        max(case when horizon_months = 1 then repurchase_rate end) as repurchase_next_month,
        max(case when horizon_months = 2 then repurchase_rate end) as repurchase_next_2_months,
        max(case when horizon_months = 3 then repurchase_rate end) as repurchase_next_quarter
    from matured
    group by cohort_month
)

select * from final
