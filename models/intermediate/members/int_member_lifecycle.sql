-- Lifecycle stage of every member as of as_of_date, from lifetime valid orders and days since
-- the last one, by the first rule of seeds/lifecycle_stages.csv (by priority) that matches.
-- One row per member.

with

as_of as (
    select as_of_date from {{ ref('int_as_of_date') }}
),

member_orders as (
    select
        orders.member_key,
        count(*) as valid_orders,
        max(orders.created_date) as last_valid_order_date
    from {{ ref('int_orders') }} as orders
    cross join as_of
    where orders.is_valid and orders.member_key is not null and orders.created_date <= as_of.as_of_date
    group by orders.member_key
),

members as (
    select
        int_members.member_key,
        coalesce(member_orders.valid_orders, 0) as valid_orders,
        member_orders.last_valid_order_date,
        -- (noqa: LT05 counts dbt.datediff's multi-line duckdb rendering as one long line)
        {{ dbt.datediff('member_orders.last_valid_order_date', 'as_of.as_of_date', 'day') }}  -- noqa: LT05
            as days_since_last_order
    from {{ ref('int_members') }} as int_members
    cross join as_of
    left join member_orders on int_members.member_key = member_orders.member_key
    where int_members.registered_date <= as_of.as_of_date
),

staged as (
    select
        members.*,
        stages.lifecycle_stage,
        stages.lifecycle_stage_name_zh,
        row_number() over (partition by members.member_key order by stages.priority) as rule_rank
    from members
    inner join {{ ref('lifecycle_stages') }} as stages
        on
            members.valid_orders >= stages.min_valid_orders
            and (stages.max_valid_orders is null or members.valid_orders <= stages.max_valid_orders)
            and (
                stages.min_days_since_last_order is null
                or members.days_since_last_order >= stages.min_days_since_last_order
            )
            and (
                stages.max_days_since_last_order is null
                or members.days_since_last_order <= stages.max_days_since_last_order
            )
),

final as (
    select
        member_key,
        valid_orders,
        last_valid_order_date,
        days_since_last_order,
        lifecycle_stage,
        lifecycle_stage_name_zh
    from staged
    where rule_rank = 1
)

select * from final
