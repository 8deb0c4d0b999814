{#-
    Conversion metrics (转化指标) by period × channel × platform with 'all' rollups: the one
    definition behind fct_conversion_daily and fct_conversion_monthly
    (metric-definitions.md § Conversion). period_column: date_day | week_start | month_start.

    - Session facts are dated by the session's start date and carry its channel and platform;
      a session converts when a paid (paid_at set), non-test order was placed in it
      (int_orders.order_session_id). Buyers are counted as visitor ids (the visitor of that
      session), so that buyers / uv compares one id kind.
    - A registered new visitor of a period is a visitor first seen in the period with a
      register event in the period, counted on the channel and platform of the session the
      register event happened in: that session is active in the period, so the visitor is
      among the new visitors of the same slice and the rate is ≤ 1 by construction.
    - Denominators (sessions, uv, new_visitors) have their home in traffic and are read from
      fct_traffic_<grain>, which also serves as the spine (every period × channel × platform,
      with 'all'). Distinct counts are recomputed per period and rollup, never summed.
-#}
{% macro conversion_metrics(period_column) -%}

{%- set traffic_model = {
    'date_day': 'fct_traffic_daily',
    'week_start': 'fct_traffic_weekly',
    'month_start': 'fct_traffic_monthly',
}[period_column] %}

with

traffic as (
    select {{ period_column }}, channel, platform, sessions, uv, new_visitors
    from {{ ref(traffic_model) }}
),

sessions as (
    select session_id, visitor_id, session_date, channel, platform, cs_chats, favorites, add_to_carts
    from {{ ref('int_sessions') }}
),

paid_order_sessions as (
    select distinct order_session_id as session_id
    from {{ ref('int_orders') }}
    where is_placed and paid_at is not null and order_session_id is not null
),

registrations as (
    select session_id, visitor_id, event_date
    from {{ ref('int_events_sessionized') }}
    where event_type = 'register'
),

visitors as (
    select visitor_id, first_seen_date from {{ ref('int_visitors') }}
),

dates as (
    select date_day, week_start, month_start from {{ ref('int_dates') }}
),

session_facts as (
    select
        session_period.{{ period_column }},
        sessions.channel,
        sessions.platform,
        sessions.visitor_id,
        paid_order_sessions.session_id is not null as has_paid_order,
        sessions.cs_chats > 0 as has_cs_chat,
        sessions.favorites > 0 as has_favorite,
        sessions.add_to_carts > 0 as has_cart,
        cast(null as {{ dbt.type_string() }}) as registered_new_visitor_id
    from sessions
    inner join dates as session_period on sessions.session_date = session_period.date_day
    left join paid_order_sessions on sessions.session_id = paid_order_sessions.session_id
),

registration_facts as (
    select
        registration_period.{{ period_column }},
        sessions.channel,
        sessions.platform,
        cast(null as {{ dbt.type_string() }}) as visitor_id,
        false as has_paid_order,
        false as has_cs_chat,
        false as has_favorite,
        false as has_cart,
        registrations.visitor_id as registered_new_visitor_id
    from registrations
    inner join sessions on registrations.session_id = sessions.session_id
    inner join visitors on registrations.visitor_id = visitors.visitor_id
    inner join dates as registration_period on registrations.event_date = registration_period.date_day
    inner join dates as first_seen_period on visitors.first_seen_date = first_seen_period.date_day
    -- new in the period: first seen in the same period as the registration
    where first_seen_period.{{ period_column }} = registration_period.{{ period_column }}
),

facts as (
    select * from session_facts
    union all
    select * from registration_facts
),

aggregated as (
    select
        {{ period_column }},
        {{ rollup_columns(['channel', 'platform']) }},
        {{ count_where('has_paid_order') }} as sessions_with_paid_order,
        count(distinct case when has_paid_order then visitor_id end) as buying_visitors,
        count(distinct registered_new_visitor_id) as registered_new_visitors,
        {{ count_where('has_cs_chat') }} as cs_sessions,
        {{ count_where('has_favorite') }} as favorite_sessions,
        {{ count_where('has_cart') }} as cart_sessions
    from facts
    group by {{ rollup_grouping_sets([period_column], ['channel', 'platform']) }}
),

joined as (
    select
        traffic.{{ period_column }},
        traffic.channel,
        traffic.platform,
        traffic.sessions,
        traffic.uv,
        traffic.new_visitors,
        coalesce(aggregated.sessions_with_paid_order, 0) as sessions_with_paid_order,
        coalesce(aggregated.buying_visitors, 0) as buying_visitors,
        coalesce(aggregated.registered_new_visitors, 0) as registered_new_visitors,
        coalesce(aggregated.cs_sessions, 0) as cs_sessions,
        coalesce(aggregated.favorite_sessions, 0) as favorite_sessions,
        coalesce(aggregated.cart_sessions, 0) as cart_sessions
    from traffic
    left join aggregated
        on
            traffic.{{ period_column }} = aggregated.{{ period_column }}
            and traffic.channel = aggregated.channel
            and traffic.platform = aggregated.platform
),

final as (
    select
        {{ period_column }},
        channel,
        platform,

        ---------- session conversion
        sessions,
        sessions_with_paid_order,
        {{ safe_divide('sessions_with_paid_order', 'sessions') }} as session_conversion_rate,

        ---------- transaction conversion (buyers as visitor ids)
        uv,
        buying_visitors,
        {{ safe_divide('buying_visitors', 'uv') }} as transaction_conversion_rate,

        ---------- registration conversion
        new_visitors,
        registered_new_visitors,
        {{ safe_divide('registered_new_visitors', 'new_visitors') }} as registration_conversion_rate,

        ---------- sessions with an action
        cs_sessions,
        {{ safe_divide('cs_sessions', 'sessions') }} as cs_conversion_rate,
        favorite_sessions,
        {{ safe_divide('favorite_sessions', 'sessions') }} as favorite_conversion_rate,
        cart_sessions,
        {{ safe_divide('cart_sessions', 'sessions') }} as cart_conversion_rate

    from joined
)

select * from final

{%- endmacro %}
