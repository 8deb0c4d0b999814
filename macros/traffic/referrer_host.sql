{#- Host of a referrer URL, lower-cased, without a leading www. ('https://www.baidu.com/s?wd=x' -> 'baidu.com'). -#}
{% macro referrer_host(expr) -%}
    nullif(regexp_replace(lower(regexp_extract({{ expr }}, '^(?:[A-Za-z][A-Za-z0-9+.-]*://)?([^/?#:]+)', 1)), '^www[.]', ''), '')
{%- endmacro %}

{#- One text key for a traffic source (NULL-safe equality for the join back to sessions). -#}
{% macro traffic_source_key(utm_medium, utm_source, referrer_host) -%}
    {{ dbt.concat([
        "coalesce(" ~ utm_medium ~ ", '')", "'|'",
        "coalesce(" ~ utm_source ~ ", '')", "'|'",
        "coalesce(" ~ referrer_host ~ ", '')"]) }}
{%- endmacro %}
