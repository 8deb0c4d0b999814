{#- A landing's campaign identity (utm source, medium, campaign); NULL when the event carries no utm tag. -#}
{% macro campaign_key(relation_alias) -%}
    case
        when coalesce({{ relation_alias }}.utm_source, {{ relation_alias }}.utm_medium, {{ relation_alias }}.utm_campaign) is not null
            then {{ dbt.concat([
                "coalesce(" ~ relation_alias ~ ".utm_source, '')", "'|'",
                "coalesce(" ~ relation_alias ~ ".utm_medium, '')", "'|'",
                "coalesce(" ~ relation_alias ~ ".utm_campaign, '')"]) }}
    end
{%- endmacro %}

{#- The last non-NULL value over a named window (the window's frame decides which rows count). -#}
{% macro last_non_null(expr, window_name) -%}
    {{ return(adapter.dispatch('last_non_null', 'ecom_indicators')(expr, window_name)) }}
{%- endmacro %}

{% macro default__last_non_null(expr, window_name) -%}
    last_value({{ expr }} ignore nulls) over {{ window_name }}
{%- endmacro %}

{% macro spark__last_non_null(expr, window_name) -%}
    last({{ expr }}, true) over {{ window_name }}
{%- endmacro %}
