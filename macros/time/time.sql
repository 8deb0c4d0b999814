{#- Time conventions (metric-definitions.md § Conventions): store UTC, bucket by business-local date. -#}

{#- UTC timestamp -> local timestamp in setting('business_timezone'). -#}
{% macro to_business_time(expr) -%}
    {{ return(adapter.dispatch('to_business_time', 'ecom_indicators')(expr)) }}
{%- endmacro %}

{% macro default__to_business_time(expr) -%}
    {{ shift_time_zone(expr, 'UTC', setting('business_timezone')) }}
{%- endmacro %}

{% macro spark__to_business_time(expr) -%}
    from_utc_timestamp({{ expr }}, '{{ setting('business_timezone') }}')
{%- endmacro %}

{#- UTC timestamp -> business-local date. -#}
{% macro to_business_date(expr) -%}
    cast({{ to_business_time(expr) }} as date)
{%- endmacro %}

{#- Timestamps after this are 'future' (quarantined): setting('load_timestamp') or the build's clock. -#}
{% macro load_timestamp() -%}
    {%- if setting('load_timestamp') not in ('', none) -%}
        cast('{{ setting("load_timestamp") }}' as {{ dbt.type_timestamp() }})
    {%- else -%}
        {{ utc_now() }}
    {%- endif -%}
{%- endmacro %}

{#- The build's clock in UTC (without time zone), whatever the session's time zone is. -#}
{% macro utc_now() -%}
    {{ return(adapter.dispatch('utc_now', 'ecom_indicators')()) }}
{%- endmacro %}

{% macro default__utc_now() -%}
    timezone('UTC', current_timestamp)
{%- endmacro %}

{% macro spark__utc_now() -%}
    to_utc_timestamp(current_timestamp(), current_timezone())
{%- endmacro %}

{#-
    A timestamp without time zone read in time zone `from_zone`, as the same instant in `to_zone`
    (DuckDB; one of the two zones is UTC). ICU's conversion costs ~100 ns a value, most of the
    cost of a business date over tens of millions of events, so where a zone has kept one UTC
    offset since some date (no DST: Asia/Shanghai since 1991), values from then on are shifted by
    that offset, and only older values go through ICU: the same result, a fraction of the cost.
-#}
{% macro shift_time_zone(expr, from_zone, to_zone) -%}
    {%- set zone = to_zone if from_zone == 'UTC' else from_zone -%}
    {%- set icu = "timezone('" ~ to_zone ~ "', timezone('" ~ from_zone ~ "', " ~ expr ~ "))" -%}
    {%- set fixed = fixed_utc_offset(zone) if from_zone == 'UTC' or to_zone == 'UTC' else none -%}
    {%- if fixed is none -%}
        {{ icu }}
    {%- else -%}
        {#- the boundary as a UTC instant or as local time, whichever `expr` is -#}
        {%- set since = fixed.since_utc if from_zone == 'UTC' else fixed.since_local -%}
        {%- set minutes = fixed.offset_minutes if from_zone == 'UTC' else -fixed.offset_minutes -%}
        case
            when {{ expr }} >= cast('{{ since }}' as {{ dbt.type_timestamp() }})
                then {{ dbt.dateadd('minute', minutes, expr) }}
            else {{ icu }}
        end
    {%- endif -%}
{%- endmacro %}

{#-
    {offset_minutes, since_local, since_utc} when `zone` has had one UTC offset from `since` up to
    2037 (the end of the tz database's rules), else none (the zone observes daylight saving time).
    Read from the tz database dbt ships (pytz), sampled on the 1st and 15th of every month back
    from 2037: `since` is the sample after the latest one with another offset, so every change
    (a DST season, a month-long Ramadan suspension, a new standard offset) lies before it.
-#}
{% macro fixed_utc_offset(zone) -%}
    {%- if not execute -%}{{ return(none) }}{%- endif -%}
    {%- set tz = modules.pytz.timezone(zone) -%}
    {%- set datetime = modules.datetime.datetime -%}
    {%- set offset = tz.utcoffset(datetime(2037, 12, 15)) -%}
    {%- set found = {'since': datetime(1970, 1, 1)} -%}
    {%- set samples = [] -%}
    {%- for year in range(2037, 1969, -1) -%}
        {%- for month in range(12, 0, -1) -%}
            {%- do samples.append(datetime(year, month, 15)) -%}
            {%- do samples.append(datetime(year, month, 1)) -%}
        {%- endfor -%}
    {%- endfor -%}
    {%- for sample in samples -%}
        {%- if tz.utcoffset(sample) != offset -%}
            {%- do found.update({'since': loop.previtem}) -%}
            {%- break -%}
        {%- endif -%}
    {%- endfor -%}
    {%- if found.since.year >= 2037 -%}{{ return(none) }}{%- endif -%}
    {%- set minutes = (offset.days * 86400 + offset.seconds) // 60 -%}
    {{ return({
        'offset_minutes': minutes,
        'since_local': found.since.strftime('%Y-%m-%d %H:%M:%S'),
        'since_utc': (found.since - modules.datetime.timedelta(minutes=minutes)).strftime('%Y-%m-%d %H:%M:%S'),
    }) }}
{%- endmacro %}

{#-
    The time from `start` to `end` in `unit` (hour or day), fractional, as a double: an exact
    decimal literal divisor would make Spark round the quotient to 6 decimal places.
-#}
{% macro elapsed(start, end, unit) -%}
    {{ dbt.datediff(start, end, 'second') }} / cast({{ {'hour': 3600, 'day': 86400}[unit] }} as double)
{%- endmacro %}
