{#- The accounting columns every base_shop__* model adds to its parsed columns. -#}
{% macro row_accounting_columns() -%}
    {{ return(['raw_key', 'row_status', 'quarantine_reason', 'raw_values']) }}
{%- endmacro %}

{#- The clean rows of a base model, without its accounting columns: the body of a stg_shop__* model. -#}
{% macro clean_rows(base_model, bookkeeping_columns=[]) -%}
    select {{ star_except(ref(base_model), row_accounting_columns() + bookkeeping_columns) }}
    from {{ ref(base_model) }}
    where row_status = 'clean'
{%- endmacro %}

{#- Every column of a relation except some. -#}
{% macro star_except(relation, except) -%}
    {{ return(adapter.dispatch('star_except', 'ecom_indicators')(relation, except)) }}
{%- endmacro %}

{% macro default__star_except(relation, except) -%}
    * exclude ({{ except | join(', ') }})
{%- endmacro %}

{% macro spark__star_except(relation, except) -%}
    {%- if not execute -%}{{ return('*') }}{%- endif -%}
    {%- set names = adapter.get_columns_in_relation(relation) | map(attribute='name') | reject('in', except) | list -%}
    {{ names | join(', ') }}
{%- endmacro %}
