{#-
    Online-user windows (当前在线, metric-definitions.md online_users): each business-local day
    is cut into windows of `minutes` minutes starting at local midnight, so a window never spans
    two dates. `minutes` must divide a day (1440) — 15, 30, 60 ... — else the last window of a
    day would be short and the windows' sizes would differ.
-#}

{% macro check_online_window_minutes(minutes) -%}
    {%- if (minutes | int) <= 0 or 1440 % (minutes | int) != 0 -%}
        {{ exceptions.raise_compiler_error("online_window_minutes must divide 1440 (a day); got " ~ minutes) }}
    {%- endif -%}
{%- endmacro %}

{#- The start of the window a local timestamp falls in: an event at exactly 10:15:00 starts the 10:15 window. -#}
{% macro online_window_start(local_timestamp, minutes) -%}
    {%- do check_online_window_minutes(minutes) -%}
    {%- set minute_of_day = '(extract(hour from ' ~ local_timestamp ~ ') * 60 + extract(minute from ' ~ local_timestamp ~ '))' -%}
    {{ dbt.dateadd(
        'minute',
        'floor(' ~ minute_of_day ~ ' / ' ~ minutes ~ ') * ' ~ minutes,
        'cast(' ~ dbt.date_trunc('day', local_timestamp) ~ ' as ' ~ dbt.type_timestamp() ~ ')'
    ) }}
{%- endmacro %}

{#- The offsets (minutes after local midnight) of a day's windows, as a query with column window_offset_minutes. -#}
{% macro online_window_offsets(minutes) -%}
    {%- do check_online_window_minutes(minutes) -%}
    select window_offset_minutes
    from (values
        {%- for offset in range(0, 1440, minutes | int) %}
        ({{ offset }}){{ "," if not loop.last }}
        {%- endfor %}
    ) as offsets (window_offset_minutes)
{%- endmacro %}
