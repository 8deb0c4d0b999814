-- Buyer churn (流失) evaluated at each month end d, with W = churn_window_days (180):
-- the base is the members with a valid order in (d − 2W, d − W]; churned are those of them with
-- no valid order in (d − W, d]. A month is evaluated only when its end is on or before
-- as_of_date and the whole base window lies inside the data (d − 2W + 1 ≥ first_date): a base
-- window cut by the start of the data would miss buyers. Otherwise every column is NULL.
-- One row per month of the spine.
--
-- Set-based, as in macro member_window_changes: for a member with valid-order days o < n
-- (n the next one), o puts the member in the base on d ∈ [o + W, o + 2W) — the trailing window
-- W delayed by W — and makes them churned on d ∈ [o + W, min(n, o + 2W)): o is then their last
-- order on or before d and lies in the base window. Running sums of these entries and exits
-- give both counts on every date.

{%- set window_days = var('churn_window_days') %}

with

as_of as (
    select
        first_date,
        as_of_date
    from {{ ref('int_as_of_date') }}
),

months as (
    select distinct month_start from {{ ref('int_dates') }}
),

order_days as (
    select
        activity_date,
        lead(activity_date) over (partition by member_key order by activity_date) as next_activity_date
    from {{ ref('int_member_days') }}
    where valid_orders > 0
),

churn_spells as (
    select
        cast({{ dbt.dateadd('day', window_days, 'activity_date') }} as date) as churned_from,
        cast({{ trailing_window_exit_date('activity_date', 'next_activity_date', 2 * window_days) }} as date)
            as churned_until
    from order_days
),

changes as (
    {{ member_window_changes('order_days', 'churn_base_buyers', window_days, delay_days=window_days) }}
    union all
    select
        'churned_buyers' as measure,
        churned_from as change_date,
        1 as change
    from churn_spells
    where churned_from < churned_until
    union all
    select
        'churned_buyers' as measure,
        churned_until as change_date,
        -1 as change
    from churn_spells
    where churned_from < churned_until
),

running as (
    {{ running_change_totals('changes', ['churn_base_buyers', 'churned_buyers']) }}
),

evaluations as (
    select
        months.month_start,
        {{ month_end_date('months.month_start') }} as evaluation_date,
        {{ month_end_date('months.month_start') }} <= as_of.as_of_date
        and cast({{ dbt.dateadd('day', 1 - 2 * window_days, month_end_date('months.month_start')) }} as date)
        >= as_of.first_date as is_evaluable
    from months
    cross join as_of
),

final as (
    select
        evaluations.month_start,
        evaluations.evaluation_date,
        evaluations.is_evaluable,
        case when evaluations.is_evaluable then running.churn_base_buyers end as churn_base_buyers,
        case when evaluations.is_evaluable then running.churned_buyers end as churned_buyers,
        case
            when evaluations.is_evaluable
                then {{ safe_divide('running.churned_buyers', 'running.churn_base_buyers') }}
        end as churn_rate
    from evaluations
    left join running on evaluations.evaluation_date = running.date_day
)

select * from final
