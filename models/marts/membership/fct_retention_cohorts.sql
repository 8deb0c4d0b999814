-- Day-N retention (次日/3日/7日/30日留存) by cohort date × cohort basis × channel × platform,
-- with 'all' rollups.
--   cohort_basis 'visitor': visitors new on d0 (first-ever event, int_visitors.first_seen_date)
--     by their acquisition channel and first platform; active on a day = any event that day
--     (int_visitor_days; bots are already out).
--   cohort_basis 'member': members registered on d0 by their registration channel; platform is
--     always 'all'; active on a day = a logged-in session or a valid order (int_member_days).
-- Retained on day N = active on exactly d0 + N (calendar days); counts by macro
-- cohort_retention_counts. retained_dN and retention_dN are NULL until d0 + N ≤ as_of_date.
-- Every cohort date × channel × platform of the spine is a row; an empty cohort has
-- cohort_size 0 and NULL rates.
-- One row per cohort_basis × cohort_date × channel × platform.

with

as_of as (
    select as_of_date from {{ ref('int_as_of_date') }}
),

visitor_cohorts as (
    select
        visitors.visitor_id as entity_id,
        visitors.first_seen_date as cohort_date,
        visitors.acquisition_channel as channel,
        visitors.first_platform as platform
    from {{ ref('int_visitors') }} as visitors
    cross join as_of
    where visitors.first_seen_date <= as_of.as_of_date
),

visitor_activity as (
    select
        visitor_id as entity_id,
        activity_date
    from {{ ref('int_visitor_days') }}
),

member_cohorts as (
    select
        members.member_key as entity_id,
        members.registered_date as cohort_date,
        members.acquisition_channel as channel
    from {{ ref('int_members') }} as members
    cross join as_of
    where members.registered_date <= as_of.as_of_date
),

member_activity as (
    select
        member_key as entity_id,
        activity_date
    from {{ ref('int_member_days') }}
),

visitor_counts as (
    {{ cohort_retention_counts('visitor_cohorts', 'visitor_activity', ['channel', 'platform']) }}
),

member_counts as (
    {{ cohort_retention_counts('member_cohorts', 'member_activity', ['channel']) }}
),

counts as (
    select
        'visitor' as cohort_basis,
        cohort_date,
        channel,
        platform,
        cohort_size,
        retained_d1,
        retained_d3,
        retained_d7,
        retained_d30
    from visitor_counts
    union all
    select
        'member' as cohort_basis,
        cohort_date,
        channel,
        {{ rollup_value() }} as platform,
        cohort_size,
        retained_d1,
        retained_d3,
        retained_d7,
        retained_d30
    from member_counts
),

visitor_spine as (
    {{ rollup_spine({
        'channel': 'select channel from ' ~ ref('channels'),
        'platform': 'select platform from ' ~ ref('platforms'),
    }) }}
),

member_spine as (
    {{ rollup_spine({'channel': 'select channel from ' ~ ref('channels')}) }}
),

spine as (
    select
        'visitor' as cohort_basis,
        date_day as cohort_date,
        channel,
        platform
    from visitor_spine
    union all
    select
        'member' as cohort_basis,
        date_day as cohort_date,
        channel,
        {{ rollup_value() }} as platform
    from member_spine
),

-- day N of a cohort is complete once d0 + N ≤ as_of_date
matured_spine as (
    select
        spine.*,
        cast({{ dbt.dateadd('day', 1, 'spine.cohort_date') }} as date) <= as_of.as_of_date as is_complete_d1,
        cast({{ dbt.dateadd('day', 3, 'spine.cohort_date') }} as date) <= as_of.as_of_date as is_complete_d3,
        cast({{ dbt.dateadd('day', 7, 'spine.cohort_date') }} as date) <= as_of.as_of_date as is_complete_d7,
        cast({{ dbt.dateadd('day', 30, 'spine.cohort_date') }} as date) <= as_of.as_of_date as is_complete_d30
    from spine
    cross join as_of
),

joined as (
    select
        matured_spine.*,
        coalesce(counts.cohort_size, 0) as cohort_size,
        coalesce(counts.retained_d1, 0) as retained_d1,
        coalesce(counts.retained_d3, 0) as retained_d3,
        coalesce(counts.retained_d7, 0) as retained_d7,
        coalesce(counts.retained_d30, 0) as retained_d30
    from matured_spine
    left join counts
        on
            matured_spine.cohort_basis = counts.cohort_basis
            and matured_spine.cohort_date = counts.cohort_date
            and matured_spine.channel = counts.channel
            and matured_spine.platform = counts.platform
),

final as (
    select
        cohort_basis,
        cohort_date,
        channel,
        platform,
        cohort_size,
        case when is_complete_d1 then retained_d1 end as retained_d1,
        case when is_complete_d3 then retained_d3 end as retained_d3,
        case when is_complete_d7 then retained_d7 end as retained_d7,
        case when is_complete_d30 then retained_d30 end as retained_d30,
        case when is_complete_d1 then {{ safe_divide('retained_d1', 'cohort_size') }} end as retention_d1,
        case when is_complete_d3 then {{ safe_divide('retained_d3', 'cohort_size') }} end as retention_d3,
        case when is_complete_d7 then {{ safe_divide('retained_d7', 'cohort_size') }} end as retention_d7,
        case when is_complete_d30 then {{ safe_divide('retained_d30', 'cohort_size') }} end as retention_d30
    from joined
)

select * from final
