-- DAU (fct_active_users_daily, from int_visitor_days) and UV (fct_traffic_daily, channel =
-- platform = 'all', from int_session_days × int_sessions) count the same visitors from two
-- paths: every date has both and they agree.
with

active as (
    select
        date_day,
        dau
    from {{ ref('fct_active_users_daily') }}
),

traffic as (
    select
        date_day,
        uv
    from {{ ref('fct_traffic_daily') }}
    where channel = {{ rollup_value() }} and platform = {{ rollup_value() }}
)

select
    coalesce(active.date_day, traffic.date_day) as date_day,
    active.dau,
    traffic.uv
from active
full outer join traffic on active.date_day = traffic.date_day
where active.dau is null or traffic.uv is null or active.dau != traffic.uv
