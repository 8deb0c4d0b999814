-- Sessions (visits, 会话) of human visitors. A session's channel comes from its first event's
-- utm tags and referrer through seeds/channel_rules.csv (first matching rule by priority);
-- its member is the first member logged in during it (stitching the visitor's session to the
-- member who logs in). Incremental by the session's start date: a run recomputes the sessions
-- that started from the day before the first changed date (they may have gained events).
-- One row per session.

-- depends_on: {{ ref('base_shop__events') }}
{{ config(**incremental_by_date('session_date')) }}

with

events as (
    select *
    from {{ ref('int_events_sessionized') }}
    {%- if is_incremental() %}
    where event_date >= {{ reprocess_from(var('incremental_lookback_days')) }}
    {%- endif %}
),

channel_rules as (
    select * from {{ ref('channel_rules') }}
),

channels as (
    select * from {{ ref('channels') }}
),

sessions as (
    select
        session_id,
        visitor_id,
        min(session_start_at) as session_start_at,
        max(event_at) as session_end_at,
        min_by(member_key, session_event_number) filter (where member_key is not null) as member_key,

        ---------- the landing (first) event is the session's one is_session_start row; the exit
        -- (last) event has the highest session_event_number
        max(case when is_session_start then page_type end) as landing_page_type,
        max(case when is_session_start then page_url end) as landing_page_url,
        {{ last_value_by('page_type', 'session_event_number') }} as exit_page_type,
        max(case when is_session_start then platform end) as platform,
        max(case when is_session_start then utm_source end) as utm_source,
        max(case when is_session_start then utm_medium end) as utm_medium,
        max(case when is_session_start then utm_campaign end) as utm_campaign,
        max(case when is_session_start then referrer end) as referrer,

        ---------- counts
        count(*) as events,
        {{ count_where("event_type = 'page_view'") }} as page_views,
        {{ count_where("is_interaction") }} as interactions,
        {{ count_where("event_type = 'product_view'") }} as product_views,
        {{ count_where("event_type = 'add_to_cart'") }} as add_to_carts,
        {{ count_where("event_type = 'checkout_start'") }} as checkout_starts,
        {{ count_where("event_type = 'search'") }} as searches,
        {{ count_where("event_type = 'favorite'") }} as favorites,
        {{ count_where("event_type = 'cs_chat'") }} as cs_chats,
        {{ count_where("event_type = 'register'") }} as registrations,
        {{ count_where("event_type in ('sign_in', 'review', 'share')") }} as engagement_actions

    from events
    group by session_id, visitor_id
),

-- Channel rules run once per distinct traffic source, not once per session.
traffic_sources as (
    select distinct
        utm_medium,
        utm_source,
        {{ referrer_host('referrer') }} as referrer_host
    from sessions
),

matched_sources as (
    select
        traffic_sources.utm_medium,
        traffic_sources.utm_source,
        traffic_sources.referrer_host,
        channel_rules.channel,
        row_number() over (
            partition by traffic_sources.utm_medium, traffic_sources.utm_source, traffic_sources.referrer_host
            order by channel_rules.priority
        ) as rule_rank
    from traffic_sources
    inner join channel_rules
        on
            (channel_rules.utm_medium is null or traffic_sources.utm_medium = channel_rules.utm_medium)
            and (
                channel_rules.utm_source_pattern is null
                or traffic_sources.utm_source like channel_rules.utm_source_pattern
            )
            and (
                channel_rules.referrer_pattern is null
                or traffic_sources.referrer_host like channel_rules.referrer_pattern
            )
),

source_channels as (
    select
        {{ traffic_source_key('utm_medium', 'utm_source', 'referrer_host') }} as traffic_source_key,
        channel
    from matched_sources
    where rule_rank = 1
),

final as (
    select
        ---------- ids
        sessions.session_id,
        sessions.visitor_id,
        sessions.member_key,

        ---------- traffic source and platform
        source_channels.channel,
        channels.channel_group,
        channels.is_paid as is_paid_channel,
        sessions.utm_source,
        sessions.utm_medium,
        sessions.utm_campaign,
        sessions.referrer,
        sessions.platform,

        ---------- pages
        sessions.landing_page_type,
        sessions.landing_page_url,
        sessions.exit_page_type,

        ---------- counts and flags
        sessions.events,
        sessions.page_views,
        sessions.interactions,
        sessions.product_views,
        sessions.add_to_carts,
        sessions.checkout_starts,
        sessions.searches,
        sessions.favorites,
        sessions.cs_chats,
        sessions.registrations,
        sessions.engagement_actions,
        -- a bounce: one page view and nothing the visitor did (metric-definitions.md bounce_rate)
        sessions.page_views = 1 and sessions.interactions = 0 as is_bounce,

        ---------- time: duration is last event − first event; a one-event session lasts 0 s
        sessions.session_start_at,
        sessions.session_end_at,
        {{ to_business_date('sessions.session_start_at') }} as session_date,
        {{ to_business_date('sessions.session_end_at') }} as session_end_date,
        {{ dbt.datediff('sessions.session_start_at', 'sessions.session_end_at', 'second') }} as duration_s,  -- noqa: LT05
        {{ run_loaded_at() }} as loaded_at

    from sessions
    inner join source_channels
        on {{ traffic_source_key('sessions.utm_medium', 'sessions.utm_source', referrer_host('sessions.referrer')) }}
            = source_channels.traffic_source_key
    inner join channels on source_channels.channel = channels.channel
    {%- if is_incremental() %}
    where {{ to_business_date('sessions.session_start_at') }} >= {{ reprocess_from(var('incremental_lookback_days')) }}
    {%- endif %}
)

select * from final
