-- Membership tiers (会员等级) as of as_of_date: the registered members per tier of
-- seeds/member_tiers.csv (rules: int_member_tiers), their share of registered members and
-- their average net spend of the last 365 days. Every tier of the seed is a row, 0 when empty
-- (macro category_breakdown).
-- One row per tier.

{{ category_breakdown(
    categories='select tier, tier_name_zh, tier_rank from ' ~ ref('member_tiers'),
    key='tier',
    entities=ref('int_member_tiers'),
    count_name='members',
    share_name='member_share',
    averages={'avg_spend_365d': 'spend_365d'},
) }}
