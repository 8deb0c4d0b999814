-- Lifecycle stages (会员生命周期) as of as_of_date: the registered members per stage of
-- seeds/lifecycle_stages.csv (rules: int_member_lifecycle) and their share of registered
-- members. Every stage of the seed is a row, 0 when empty (macro category_breakdown).
-- One row per lifecycle stage.

{{ category_breakdown(
    categories='select lifecycle_stage, lifecycle_stage_name_zh, priority as lifecycle_stage_priority from ' ~ ref('lifecycle_stages'),
    key='lifecycle_stage',
    entities=ref('int_member_lifecycle'),
    count_name='members',
    share_name='member_share',
) }}
