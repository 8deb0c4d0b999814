-- Bounce rate by landing page type (跳失率 by 着陆页): per date day × landing page type ×
-- platform, with 'all' rollups. A session is an entry on the page type of its first event and
-- is dated by its start date (as sessions are in fct_traffic_daily), so landing_page_type =
-- 'all' restates the day's overall bounce rate by platform. The denominator is entries on the
-- page type, never views of it (metric-definitions.md bounce_rate per landing_page_type).

with

sessions as (
    select
        session_date,
        landing_page_type,
        platform,
        is_bounce
    from {{ ref('int_sessions') }}
),

page_types as (
    select
        page_type,
        is_key_landing
    from {{ ref('page_types') }}
),

entries as (
    select
        session_date as date_day,
        {{ rollup_columns(['landing_page_type', 'platform']) }},
        count(*) as entry_sessions,
        {{ count_where('is_bounce') }} as bounced_entry_sessions
    from sessions
    group by {{ rollup_grouping_sets(['session_date'], ['landing_page_type', 'platform']) }}
),

-- every page type of the seed, landed on or not, so a page type nobody entered on is a row of zeros
spine as (
    {{ rollup_spine({
        'landing_page_type': 'select page_type as landing_page_type from ' ~ ref('page_types'),
        'platform': 'select platform from ' ~ ref('platforms'),
    }) }}
),

final as (
    select
        spine.date_day,
        spine.landing_page_type,
        spine.platform,
        -- NULL on the 'all' rows: the rollup is no page type
        page_types.is_key_landing,
        coalesce(entries.entry_sessions, 0) as entry_sessions,
        coalesce(entries.bounced_entry_sessions, 0) as bounced_entry_sessions,
        {{ safe_divide('entries.bounced_entry_sessions', 'entries.entry_sessions') }} as bounce_rate
    from spine
    left join entries
        on
            spine.date_day = entries.date_day
            and spine.landing_page_type = entries.landing_page_type
            and spine.platform = entries.platform
    left join page_types on spine.landing_page_type = page_types.page_type
)

select * from final
