{#-
    Conversion metrics (转化指标) by period × channel × platform with 'all' rollups: the one
    definition behind fct_conversion_daily, _weekly and _monthly (metric-definitions.md §
    Conversion). period_column: date_day | week_start | month_start.

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
      with 'all'). Distinct counts are recomputed per period and rollup, never summed; the
      additive session counts are summed from int_session_conversion_days (one pass over the
      sessions for all three marts), the distinct visitors read only the converting sessions
      and the register events.
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

session_conversion_days as (
    select * from {{ ref('int_session_conversion_days') }}
),

sessions as (
    select session_id, visitor_id, session_date, channel, platform
    from {{ ref('int_sessions') }}
),

paid_order_sessions as (
    {{ paid_order_sessions() }}
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

-- additive: the daily session counts (int_session_conversion_days) summed per period and rollup
session_days as (
    select
        session_period.{{ period_column }},
        session_conversion_days.*
    from session_conversion_days
    inner join dates as session_period on session_conversion_days.session_date = session_period.date_day
),

session_counts as (
    select
        {{ period_column }},
        {{ rollup_columns(['channel', 'platform']) }},
        cast(sum(sessions_with_paid_order) as {{ dbt.type_bigint() }}) as sessions_with_paid_order,
        cast(sum(cs_sessions) as {{ dbt.type_bigint() }}) as cs_sessions,
        cast(sum(favorite_sessions) as {{ dbt.type_bigint() }}) as favorite_sessions,
        cast(sum(cart_sessions) as {{ dbt.type_bigint() }}) as cart_sessions
    from session_days
    group by {{ rollup_grouping_sets([period_column], ['channel', 'platform']) }}
),

-- distinct: buying visitors (the visitors of the converting sessions) and registered new visitors
buyer_facts as (
    select
        session_period.{{ period_column }},
        sessions.channel,
        sessions.platform,
        sessions.visitor_id as buying_visitor_id,
        cast(null as {{ dbt.type_string() }}) as registered_new_visitor_id
    from sessions
    inner join paid_order_sessions on sessions.session_id = paid_order_sessions.session_id
    inner join dates as session_period on sessions.session_date = session_period.date_day
),

registration_facts as (
    select
        registration_period.{{ period_column }},
        sessions.channel,
        sessions.platform,
        cast(null as {{ dbt.type_string() }}) as buying_visitor_id,
        registrations.visitor_id as registered_new_visitor_id
    from registrations
    inner join sessions on registrations.session_id = sessions.session_id
    inner join visitors on registrations.visitor_id = visitors.visitor_id
    inner join dates as registration_period on registrations.event_date = registration_period.date_day
    inner join dates as first_seen_period on visitors.first_seen_date = first_seen_period.date_day
    -- new in the period: first seen in the same period as the registration
    where first_seen_period.{{ period_column }} = registration_period.{{ period_column }}
),

visitor_facts as (
    select * from buyer_facts
    union all
    select * from registration_facts
),

visitor_counts as (
    select
        {{ period_column }},
        {{ rollup_columns(['channel', 'platform']) }},
        count(distinct buying_visitor_id) as buying_visitors,
        count(distinct registered_new_visitor_id) as registered_new_visitors
    from visitor_facts
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
        coalesce(session_counts.sessions_with_paid_order, 0) as sessions_with_paid_order,
        coalesce(visitor_counts.buying_visitors, 0) as buying_visitors,
        coalesce(visitor_counts.registered_new_visitors, 0) as registered_new_visitors,
        coalesce(session_counts.cs_sessions, 0) as cs_sessions,
        coalesce(session_counts.favorite_sessions, 0) as favorite_sessions,
        coalesce(session_counts.cart_sessions, 0) as cart_sessions
    from traffic
    left join session_counts
        on
            traffic.{{ period_column }} = session_counts.{{ period_column }}
            and traffic.channel = session_counts.channel
            and traffic.platform = session_counts.platform
    left join visitor_counts
        on
            traffic.{{ period_column }} = visitor_counts.{{ period_column }}
            and traffic.channel = visitor_counts.channel
            and traffic.platform = visitor_counts.platform
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

{#- The sessions in which a paid (paid_at set), non-test order was placed, once each. -#}
{% macro paid_order_sessions() -%}
    select distinct order_session_id as session_id
    from {{ ref('int_orders') }}
    where is_placed and paid_at is not null and order_session_id is not null
{%- endmacro %}
