{#-
    Parsers for raw text values (docs/raw_contract.md § Value formats).
    Each returns NULL when the value is empty or does not parse; the staging rules then
    decide whether a NULL is allowed or sends the row to quarantine.
-#}

{#-
    The value as trimmed text, empty -> NULL. Raw columns may arrive typed (Parquet), so cast
    first. Only values with an outer space pay for trim (which copies every string it touches:
    a fifth of staging events' CPU time when applied to every value).
-#}
{% macro clean_text(expr) -%}
    {%- set text = 'cast(' ~ expr ~ ' as ' ~ dbt.type_string() ~ ')' -%}
    nullif(case when {{ text }} like ' %' or {{ text }} like '% ' then trim({{ text }}) else {{ text }} end, '')
{%- endmacro %}

{#- Trimmed, lower-cased code, ready to look up in seed code_mapping. -#}
{% macro clean_code(expr) -%}
    lower({{ clean_text(expr) }})
{%- endmacro %}

{#- True when a (cleaned) id has the contract's id format. -#}
{% macro is_valid_id(expr) -%}
    {{ regex_full_match(expr, "[A-Za-z0-9_.:-]+( [A-Za-z0-9_.:-]+)*") }}
{%- endmacro %}

{% macro regex_full_match(expr, pattern) -%}
    {{ return(adapter.dispatch('regex_full_match', 'ecom_indicators')(expr, pattern)) }}
{%- endmacro %}

{% macro default__regex_full_match(expr, pattern) -%}
    regexp_full_match({{ expr }}, '{{ pattern }}')
{%- endmacro %}

{% macro spark__regex_full_match(expr, pattern) -%}
    ({{ expr }} rlike '^(?:{{ pattern | replace("\\", "\\\\") }})$')
{%- endmacro %}

{#-
    Timestamp text -> UTC timestamp (without time zone).
    Epoch values and values with an offset are absolute; anything else is local time in
    setting('raw_timezone'). The common shape (YYYY-MM-DD HH:MM:SS, local) is recognised first
    by a LIKE, so that only unusual values pay for the regular expressions.
-#}
{% macro parse_timestamp(expr) -%}
    {{ return(adapter.dispatch('parse_timestamp', 'ecom_indicators')(expr)) }}
{%- endmacro %}

{% macro default__parse_timestamp(expr) -%}
    case
        when {{ expr }} is null then null
        when {{ expr }} like '____-__-__ __:__:__'
            then {{ shift_time_zone('try_cast(' ~ expr ~ ' as timestamp)', setting('raw_timezone'), 'UTC') }}
        when {{ expr }} like '%Z' or regexp_matches({{ expr }}, '^.{10}.*[+-]\d\d(:?\d\d)?$')
            then timezone('UTC', try_cast({{ expr }} as timestamptz))
        when regexp_full_match({{ expr }}, '\d{13}') then epoch_ms(cast({{ expr }} as bigint))
        when regexp_full_match({{ expr }}, '\d{10}') then make_timestamp(cast({{ expr }} as bigint) * 1000000)
        else {{ shift_time_zone(
            "coalesce(try_cast(" ~ expr ~ " as timestamp), try_strptime(" ~ expr
                ~ ", ['%Y%m%d%H%M%S', '%Y年%m月%d日 %H:%M:%S']))",
            setting('raw_timezone'), 'UTC') }}
    end
{%- endmacro %}

{% macro spark__parse_timestamp(expr) -%}
    case
        when {{ expr }} is null then null
        when {{ expr }} like '%Z' or {{ expr }} rlike '^.{10}.*[+-]\\d\\d(:?\\d\\d)?$'
            then try_to_timestamp({{ expr }})
        when {{ expr }} rlike '^\\d{13}$' then timestamp_millis(cast({{ expr }} as bigint))
        when {{ expr }} rlike '^\\d{10}$' then timestamp_seconds(cast({{ expr }} as bigint))
        else to_utc_timestamp(coalesce(
            try_to_timestamp({{ expr }}),
            try_to_timestamp({{ expr }}, 'yyyy/MM/dd HH:mm:ss'),
            try_to_timestamp({{ expr }}, 'yyyyMMddHHmmss'),
            try_to_timestamp({{ expr }}, "yyyy'年'MM'月'dd'日' HH:mm:ss")
        ), '{{ setting('raw_timezone') }}')
    end
{%- endmacro %}

{#-
    Date text -> date. A plain date (YYYY-MM-DD, YYYY/MM/DD, YYYYMMDD, YYYY年MM月DD日) is a
    business-local date already; any accepted timestamp stands for the business date it falls on.
-#}
{% macro parse_date(expr) -%}
    coalesce({{ parse_plain_date(expr) }}, {{ to_business_date(parse_timestamp(expr)) }})
{%- endmacro %}

{% macro parse_plain_date(expr) -%}
    {{ return(adapter.dispatch('parse_plain_date', 'ecom_indicators')(expr)) }}
{%- endmacro %}

{% macro default__parse_plain_date(expr) -%}
    case
        when {{ regex_full_match(expr, '[0-9]{4}([-/]?[0-9]{2}){2}|[0-9]{4}年[0-9]{2}月[0-9]{2}日') }}
            then cast(try_strptime(replace(replace({{ expr }}, '/', '-'), '年', '-'),
                ['%Y-%m-%d', '%Y%m%d', '%Y-%m-%d日', '%Y-%m月%d日']) as date)
    end
{%- endmacro %}

{% macro spark__parse_plain_date(expr) -%}
    {#- try_to_date is Spark 4 only; a timestamp at midnight, cast, is the same date -#}
    cast(coalesce(
        try_to_timestamp({{ expr }}, 'yyyy-MM-dd'),
        try_to_timestamp({{ expr }}, 'yyyy/MM/dd'),
        try_to_timestamp({{ expr }}, 'yyyyMMdd'),
        try_to_timestamp({{ expr }}, "yyyy'年'MM'月'dd'日'")
    ) as date)
{%- endmacro %}

{#-
    Money text -> decimal. Currency signs and codes and spaces are removed; a comma is a
    thousands separator only in groups of three digits, so a decimal comma ('1.234,50') does
    not parse rather than being misread as 1.2345.
-#}
{% macro parse_money(expr) -%}
    {%- set bare = regex_replace_all(expr, '[¥￥$£€\\s]|CNY|RMB|GBP|USD|元', '') -%}
    case
        when {{ regex_full_match(bare, '[+-]?([0-9]+|[0-9]{1,3}(,[0-9]{3})+)([.][0-9]+)?') }}
            then try_cast(replace({{ bare }}, ',', '') as {{ money_type() }})
    end
{%- endmacro %}

{#- Replace every match of a regular expression (DuckDB needs the 'g' flag, Spark does it by default). -#}
{% macro regex_replace_all(expr, pattern, replacement) -%}
    {{ return(adapter.dispatch('regex_replace_all', 'ecom_indicators')(expr, pattern, replacement)) }}
{%- endmacro %}

{% macro default__regex_replace_all(expr, pattern, replacement) -%}
    regexp_replace({{ expr }}, '{{ pattern }}', '{{ replacement }}', 'g')
{%- endmacro %}

{% macro spark__regex_replace_all(expr, pattern, replacement) -%}
    regexp_replace({{ expr }}, '{{ pattern | replace("\\", "\\\\") }}', '{{ replacement }}')
{%- endmacro %}

{#- Money: four decimals, because unit prices below a cent exist (0.001 in real exports). -#}
{% macro money_type() -%}
    decimal(18, 4)
{%- endmacro %}

{#- Integer text -> bigint: digits with an optional sign and '.0' ('3.0' is 3; '2.5' and '1.23E+15' do not parse). -#}
{% macro parse_integer(expr) -%}
    case
        when {{ regex_full_match(expr, '[+-]?[0-9]+([.]0+)?') }}
            then cast(cast({{ expr }} as decimal(20, 4)) as bigint)
    end
{%- endmacro %}

{#- Boolean text -> boolean (NULL when empty or not a boolean word). -#}
{% macro parse_boolean(expr) -%}
    case
        when lower({{ expr }}) in ('true', 't', '1', 'yes', 'y', '是') then true
        when lower({{ expr }}) in ('false', 'f', '0', 'no', 'n', '否') then false
    end
{%- endmacro %}
