{#- Time conventions (metric-definitions.md § Conventions): store UTC, bucket by business-local date. -#}

{#- UTC timestamp -> local timestamp in setting('business_timezone'). -#}
{% macro to_business_time(expr) -%}
    {{ return(adapter.dispatch('to_business_time', 'ecom_indicators')(expr)) }}
{%- endmacro %}

{% macro default__to_business_time(expr) -%}
    timezone('{{ setting('business_timezone') }}', timezone('UTC', {{ expr }}))
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
