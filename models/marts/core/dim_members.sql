-- Members (会员), one row per member registered on or before as_of_date: registration date and
-- channel, first visit, first valid order (date and channel), lifetime valid orders and money,
-- and the as-of-date classifications: RFM scores and segment (NULL when the member is not a
-- buyer of the last rfm_window_days), lifecycle stage and tier. Keys only: no PII, not even
-- masked (analyses join on member_key).

with

members as (
    select * from {{ ref('int_members') }}
),

rfm as (
    select * from {{ ref('int_member_rfm') }}
),

lifecycle as (
    select * from {{ ref('int_member_lifecycle') }}
),

tiers as (
    select * from {{ ref('int_member_tiers') }}
),

final as (
    select
        ---------- key
        members.member_key,

        ---------- registration and firsts
        members.registered_date,
        members.acquisition_channel,
        members.first_visit_date,
        members.first_valid_order_date,
        members.first_valid_order_channel,
        members.last_valid_order_date,

        ---------- lifetime totals (valid orders)
        members.valid_orders as lifetime_valid_orders,
        members.sales_paid as lifetime_sales_paid,
        members.sales_net as lifetime_sales_net,

        ---------- RFM as of as_of_date (buyers of the RFM window only)
        rfm.recency_days as rfm_recency_days,
        rfm.frequency as rfm_frequency,
        rfm.monetary as rfm_monetary,
        rfm.r_score,
        rfm.f_score,
        rfm.m_score,
        rfm.rfm_code,
        rfm.rfm_segment,
        rfm.rfm_segment_name_zh,

        ---------- lifecycle as of as_of_date
        lifecycle.days_since_last_order,
        lifecycle.lifecycle_stage,
        lifecycle.lifecycle_stage_name_zh,

        ---------- tier as of as_of_date
        tiers.spend_365d,
        tiers.engagement_actions_365d,
        tiers.tier,
        tiers.tier_name_zh
    from members
    -- int_member_lifecycle holds exactly the members registered on or before as_of_date
    inner join lifecycle on members.member_key = lifecycle.member_key
    left join tiers on members.member_key = tiers.member_key
    left join rfm on members.member_key = rfm.member_key
)

select * from final
