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
      with 'all'). Distinct counts are recomputed per period and rollup, never summed. The
      marts read two small intermediates built once for all three: the additive session
      counts per day (int_session_conversion_days) and the buying and registering visitors
      per day (int_conversion_visitor_days).
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

conversion_visitor_days as (
    select * from {{ ref('int_conversion_visitor_days') }}
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

-- distinct: buying visitors and registered new visitors, recomputed per period and rollup
visitor_facts as (
    select
        visitor_period.{{ period_column }},
        conversion_visitor_days.channel,
        conversion_visitor_days.platform,
        case when conversion_visitor_days.is_buyer then conversion_visitor_days.visitor_id end as buying_visitor_id,
        -- new in the period: first seen in the same period as the registration
        case
            when
                conversion_visitor_days.has_registration
                and first_seen_period.{{ period_column }} = visitor_period.{{ period_column }}
                then conversion_visitor_days.visitor_id
        end as registered_new_visitor_id
    from conversion_visitor_days
    inner join dates as visitor_period on conversion_visitor_days.date_day = visitor_period.date_day
    inner join dates as first_seen_period on conversion_visitor_days.first_seen_date = first_seen_period.date_day
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
