{#-
    PII never leaves staging in clear (design.md § Raw data contract). Member ids are
    replaced by a salted hash (member_key) and contact data is masked for display.
-#}

{#- Salted hash of a member id; NULL stays NULL (a guest has no member). -#}
{% macro hash_member_id(expr) -%}
    case when {{ expr }} is not null then
        {{ dbt.hash(dbt.concat(["'" ~ setting('pii_hash_salt') ~ "|'", expr])) }}
    end
{%- endmacro %}

{#- Digits of a phone number: 13812345678 -> 138****5678; a 86 / 0086 country code is dropped first. -#}
{% macro mask_phone(digits) -%}
    {%- set national -%}
        case
            when length({{ digits }}) = 13 and {{ digits }} like '86%' then substr({{ digits }}, 3)
            when length({{ digits }}) = 15 and {{ digits }} like '0086%' then substr({{ digits }}, 5)
            else {{ digits }}
        end
    {%- endset -%}
    case when length({{ national }}) >= 7
        then concat(substr({{ national }}, 1, 3), '****', substr({{ national }}, length({{ national }}) - 3, 4))
    end
{%- endmacro %}

{#- zhang.wei@qq.com -> z***@qq.com -#}
{% macro mask_email(expr) -%}
    case when {{ expr }} like '%_@_%'
        then concat(substr({{ expr }}, 1, 1), '***@', {{ dbt.split_part(expr, "'@'", 2) }})
    end
{%- endmacro %}

{#- 张伟 -> 张* ; an address keeps its first six characters (province and city). -#}
{% macro mask_prefix(expr, keep) -%}
    case when {{ expr }} is not null then concat(substr({{ expr }}, 1, {{ keep }}), '***') end
{%- endmacro %}
