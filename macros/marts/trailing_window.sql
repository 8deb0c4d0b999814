{#-
    Trailing-window distinct counts (WAU, MAU) without a date × visitor explosion.

    A visitor is active in the trailing window of day t (days t − window_days + 1 .. t) when
    their latest active day on or before t is at most window_days − 1 days back. Take a
    visitor's active day d and their next active day n (NULL: none): d is that latest active
    day for t in d .. n − 1, and it keeps the visitor in the window for t in d .. d + window_days − 1.
    So the visitor-day (d, n) puts the visitor in the window on exactly the days
    d .. min(n, d + window_days) − 1, and these ranges of one visitor never overlap. The count
    on day t is then a running sum over the date spine of +1 on each d and −1 on each
    min(n, d + window_days): one row per visitor-day, no fan-out.

    trailing_window_exit_date: the first day the visitor-day no longer counts, min(n, d + window_days).
-#}
{% macro trailing_window_exit_date(active_date, next_active_date, window_days) -%}
    {%- set window_end = 'cast(' ~ dbt.dateadd('day', window_days, active_date) ~ ' as date)' -%}
    case
        when {{ next_active_date }} is not null and {{ next_active_date }} < {{ window_end }}
            then {{ next_active_date }}
        else {{ window_end }}
    end
{%- endmacro %}
