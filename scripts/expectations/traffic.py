"""Traffic (流量): the hand-written rules. Ranges, types, grain and date coverage are derived."""

from __future__ import annotations

from .rules import DAYS, PAGE_TYPES, PLATFORMS, CHANNELS, AtMost, Identity, InputBound, Rule, Values, rows_per_period, with_all

FAMILY = "traffic"

# Online users: the model's window is var online_window_minutes = 15 (its name says so).
WINDOWS_PER_DAY = "(24 * 60 / 15)"
BOT_REASONS_IN_MART = "(select count(distinct bot_reason) from marts.fct_bot_traffic_daily)"
ALL_ROLLUP = "channel = 'all' and platform = 'all'"

RULES: tuple[Rule, ...] = (
    AtMost("bounced_sessions", "sessions", "A bounce is a session."),
    AtMost("new_visitors", "uv", "New visitors are visitors of the period."),
    AtMost("returning_visitors", "uv", "Returning visitors are visitors of the period."),
    Identity(
        "returning_visitors_error", "m.returning_visitors - (m.uv - m.new_visitors)",
        ("returning_visitors", "uv", "new_visitors"), "Returning visitors = uv − new visitors.",
    ),
    # A period's visitors are recounted over the period, never summed from days: uv of a week or
    # month ('all' rollup) is the number of distinct visitors active in it.
    *(
        Identity(
            "uv_minus_distinct_active_visitors", f"case when m.channel = 'all' and m.platform = 'all' then m.uv - v.visitors end",
            ("uv",), "Weekly and monthly uv = distinct visitors active in the period (recounted, not summed).",
            join=f"left join (select date_trunc('{period}', activity_date) as {period}_start, count(distinct visitor_id) as visitors"
                 f" from intermediate.int_visitor_days group by 1) as v using ({period}_start)",
            models=(model,),
        )
        for period, model in (("week", "fct_traffic_weekly"), ("month", "fct_traffic_monthly"))
    ),
    AtMost("bounced_entry_sessions", "entry_sessions", "A bounced entry is an entry."),
    AtMost("dau", "wau", "Every visitor of the day is in the trailing 7 days."),
    AtMost("wau", "mau", "Every visitor of the trailing 7 days is in the trailing 30 days."),
    Identity(
        "dau_minus_traffic_uv", "m.dau - t.uv", ("dau",),
        "DAU is fct_traffic_daily.uv of the day (channel = platform = 'all').",
        join=f"left join (select date_day, uv from marts.fct_traffic_daily where {ALL_ROLLUP}) as t using (date_day)",
        models=("fct_active_users_daily",),
    ),
    AtMost("bot_visitors", "bot_events", "A bot visitor-day has at least one event."),
    Identity(
        "online_users_above_dau", "greatest(m.online_users - a.dau, 0)", ("online_users",),
        "Visitors online in one window of the day are at most the day's active visitors (platform 'all').",
        join="left join marts.fct_active_users_daily as a on a.date_day = m.date_day and m.platform = 'all'",
        models=("fct_online_users_15min",),
    ),
    Identity(
        "window_outside_date", "case when cast(m.window_start as date) = m.date_day then 0 else 1 end",
        ("online_users",), "A 15-minute window lies inside its business date.",
        models=("fct_online_users_15min",),
    ),
    # Row counts against the input: the date spine × every seed value + the 'all' rollup.
    InputBound("fct_traffic_daily", rows_per_period("day", with_all(CHANNELS), with_all(PLATFORMS)), "=",
               "Every date × (channels + all) × (platforms + all)."),
    InputBound("fct_traffic_weekly", rows_per_period("week", with_all(CHANNELS), with_all(PLATFORMS)), "=",
               "Every week × (channels + all) × (platforms + all)."),
    InputBound("fct_traffic_monthly", rows_per_period("month", with_all(CHANNELS), with_all(PLATFORMS)), "=",
               "Every month × (channels + all) × (platforms + all)."),
    InputBound("fct_landing_page_bounce_daily", rows_per_period("day", with_all(PAGE_TYPES), with_all(PLATFORMS)), "=",
               "Every date × (page types + all) × (platforms + all)."),
    InputBound("fct_online_users_15min", rows_per_period("day", WINDOWS_PER_DAY, with_all(PLATFORMS)), "=",
               "Every 15-minute window of every date × (platforms + all)."),
    InputBound("fct_active_users_daily", DAYS, "=", "One row per date of the spine."),
    InputBound("fct_bot_traffic_daily", rows_per_period("day", BOT_REASONS_IN_MART), "=",
               "Every date × every reason of the mart (the known reasons and 'all'): a complete grid."),
    Values("fct_bot_traffic_daily", "bot_reason", "select distinct bot_reason from intermediate.int_bot_visitor_days",
           "Every reason the input assigns appears.", mode="contains"),
)
