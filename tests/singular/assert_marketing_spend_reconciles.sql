-- Every unit of clean marketing spend up to as_of_date is in fct_marketing_daily, once: the
-- 'all' rows total the staged spend, the channel rows total the 'all' rows (no spend on a
-- channel outside seeds/channels), and fct_marketing_monthly totals the same. Spend dated
-- before the first data date would fall off the date spine and fail here; spend after
-- as_of_date is outside every mart by design (the period is not complete).
-- Returns one row when any total differs.

with

as_of as (
    select * from {{ ref('int_as_of_date') }}
),

staged as (
    select coalesce(sum(marketing_spend.spend), 0) as staged_spend
    from {{ ref('stg_shop__marketing_spend') }} as marketing_spend
    inner join as_of on marketing_spend.spend_date <= as_of.as_of_date
),

daily as (
    select
        coalesce(sum(case when channel = 'all' then spend end), 0) as daily_all_spend,
        coalesce(sum(case when channel != 'all' then spend end), 0) as daily_channel_spend
    from {{ ref('fct_marketing_daily') }}
),

monthly as (
    select coalesce(sum(spend), 0) as monthly_all_spend
    from {{ ref('fct_marketing_monthly') }}
    where channel = 'all'
)

select
    staged.staged_spend,
    daily.daily_all_spend,
    daily.daily_channel_spend,
    monthly.monthly_all_spend
from staged
cross join daily
cross join monthly
where
    daily.daily_all_spend != staged.staged_spend
    or daily.daily_channel_spend != staged.staged_spend
    or monthly.monthly_all_spend != staged.staged_spend
