-- Members with their firsts (first visit of any of their visitors, registration, first order,
-- first valid order and its channel) and lifetime order totals. One row per clean member.

with

members as (
    select * from {{ ref('stg_shop__members') }}
),

first_visits as (
    select
        visitor_members.member_key,
        min(visitors.first_seen_at) as first_visit_at
    from {{ ref('int_visitor_members') }} as visitor_members
    inner join {{ ref('int_visitors') }} as visitors on visitor_members.visitor_id = visitors.visitor_id
    group by visitor_members.member_key
),

member_orders as (
    select
        member_key,
        min(created_at) as first_order_at,
        min(case when is_valid then created_at end) as first_valid_order_at,
        max(case when is_valid then created_at end) as last_valid_order_at,
        max(case when is_first_valid_order then last_touch_channel end) as first_valid_order_channel,
        {{ count_where('is_valid') }} as valid_orders,
        sum(case when is_valid then sales_amount else 0 end) as sales_paid,
        sum(case when is_valid then net_sales_amount else 0 end) as sales_net
    from {{ ref('int_orders') }}
    where member_key is not null and is_placed
    group by member_key
),

final as (
    select
        members.member_key,
        members.acquisition_channel,
        members.gender,
        members.province,
        members.city,
        members.birth_year,
        members.registered_at,
        members.registered_date,
        first_visits.first_visit_at,
        {{ to_business_date('first_visits.first_visit_at') }} as first_visit_date,
        member_orders.first_order_at,
        member_orders.first_valid_order_at,
        {{ to_business_date('member_orders.first_valid_order_at') }} as first_valid_order_date,
        member_orders.last_valid_order_at,
        {{ to_business_date('member_orders.last_valid_order_at') }} as last_valid_order_date,
        member_orders.first_valid_order_channel,
        coalesce(member_orders.valid_orders, 0) as valid_orders,
        coalesce(member_orders.sales_paid, 0) as sales_paid,
        coalesce(member_orders.sales_net, 0) as sales_net
    from members
    left join first_visits on members.member_key = first_visits.member_key
    left join member_orders on members.member_key = member_orders.member_key
)

select * from final
