{#- Conditions used in the rule lists of the base_shop__* models (docs/raw_contract.md § rules). -#}

{#- Some value was present in the raw row but did not parse (parsed column <c>, raw column raw_<c>). -#}
{% macro failed_to_parse(columns) -%}
    ({%- for column in columns -%}
        (raw_{{ column }} is not null and {{ column }} is null){{ " or " if not loop.last }}
    {%- endfor -%})
{%- endmacro %}

{#- Some timestamp lies after the load time. -#}
{% macro after_load_time(columns) -%}
    ({%- for column in columns -%}
        {{ column }} > {{ load_timestamp() }}{{ " or " if not loop.last }}
    {%- endfor -%})
{%- endmacro %}

{#- Some business-local date lies after the load time's business date. -#}
{% macro after_load_date(columns) -%}
    ({%- for column in columns -%}
        {{ column }} > {{ to_business_date(load_timestamp()) }}{{ " or " if not loop.last }}
    {%- endfor -%})
{%- endmacro %}

{#- Some id column (present) has characters outside the contract's id format. -#}
{% macro malformed_ids(columns) -%}
    ({%- for column in columns -%}
        ({{ column }} is not null and not {{ is_valid_id(column) }}){{ " or " if not loop.last }}
    {%- endfor -%})
{%- endmacro %}
