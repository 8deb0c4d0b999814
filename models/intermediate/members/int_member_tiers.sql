-- Membership tier (会员等级) of every member as of as_of_date: the highest tier of
-- seeds/member_tiers.csv whose spend (sales_net) and engagement (sign-ins, reviews, shares)
-- thresholds over the last 365 days the member meets. One row per member.

with

as_of as (
    select as_of_date from {{ ref('int_as_of_date') }}
),

activity as (
    select
        member_days.member_key,
        sum(member_days.sales_net) as spend_365d,
        cast(sum(member_days.engagement_actions) as {{ dbt.type_bigint() }}) as engagement_actions_365d
    from {{ ref('int_member_days') }} as member_days
    cross join as_of
    where
        member_days.activity_date > {{ dbt.dateadd('day', -365, 'as_of.as_of_date') }}
        and member_days.activity_date <= as_of.as_of_date
    group by member_days.member_key
),

members as (
    select
        int_members.member_key,
        coalesce(activity.spend_365d, 0) as spend_365d,
        coalesce(activity.engagement_actions_365d, 0) as engagement_actions_365d
    from {{ ref('int_members') }} as int_members
    cross join as_of
    left join activity on int_members.member_key = activity.member_key
    where int_members.registered_date <= as_of.as_of_date
),

tiered as (
    select
        members.*,
        tiers.tier,
        tiers.tier_name_zh,
        tiers.tier_rank,
        row_number() over (partition by members.member_key order by tiers.tier_rank desc) as tier_order
    from members
    inner join {{ ref('member_tiers') }} as tiers
        on
            greatest(members.spend_365d, 0) >= tiers.min_spend_365d
            and members.engagement_actions_365d >= tiers.min_engagement_actions_365d
),

final as (
    select
        member_key,
        spend_365d,
        engagement_actions_365d,
        tier,
        tier_name_zh,
        tier_rank
    from tiered
    where tier_order = 1
)

select * from final
