-- Visitors (访客) with their first visit: when, from which channel and platform, on which
-- landing page, and the member they were first seen logged in as. One row per human visitor.

with

sessions as (
    select * from {{ ref('int_sessions') }}
),

final as (
    select
        visitor_id,
        min(session_start_at) as first_seen_at,
        {{ to_business_date('min(session_start_at)') }} as first_seen_date,
        {{ first_value_by('channel', 'session_start_at') }} as acquisition_channel,
        {{ first_value_by('platform', 'session_start_at') }} as first_platform,
        {{ first_value_by('landing_page_type', 'session_start_at') }} as first_landing_page_type,
        min_by(member_key, session_start_at) filter (where member_key is not null) as member_key,
        count(*) as sessions,
        max(session_end_at) as last_seen_at
    from sessions
    group by visitor_id
)

select * from final
