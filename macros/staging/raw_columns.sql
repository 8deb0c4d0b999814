{#- Every contract column as trimmed text, named raw_<column>. -#}
{% macro raw_text_columns(table_name) -%}
    {%- for column in raw_columns(table_name) %}
    {{ clean_text(adapter.quote(column)) }} as raw_{{ column }}{{ "," if not loop.last }}
    {%- endfor %}
{%- endmacro %}

{#- Fingerprint of the whole raw row (see row_resolution.sql). -#}
{% macro raw_row_fingerprint(table_name) -%}
    {%- set columns = [] -%}
    {%- for column in raw_columns(table_name) -%}{%- do columns.append('raw_' ~ column) -%}{%- endfor -%}
    {{ row_fingerprint(columns) }}
{%- endmacro %}

{#-
    The raw values of a quarantined row as JSON, keyed by contract column names; NULL for
    rows that are not quarantined. `masked` maps a PII column to the masked expression
    written instead of its clear value.
-#}
{% macro quarantine_raw_values(table_name, masked={}) -%}
    {%- set values = {} -%}
    {%- for column in raw_columns(table_name) -%}
        {%- do values.update({column: masked.get(column, 'raw_' ~ column)}) -%}
    {%- endfor -%}
    case when row_status = 'quarantined' then {{ json_object(values) }} end
{%- endmacro %}

{#-
    The file a raw row arrived in (DuckDB's file views carry it as `filename`; Spark knows it
    while it reads the row); NULL for warehouse tables.
-#}
{% macro raw_source_file(relation_alias) -%}
    {%- if setting('raw_format') != 'table' -%}
        {{ adapter.dispatch('raw_file_name', 'ecom_indicators')(relation_alias) }}
    {%- else -%}
        cast(null as {{ dbt.type_string() }})
    {%- endif -%}
{%- endmacro %}

{% macro default__raw_file_name(relation_alias) -%}
    {{ relation_alias }}.filename
{%- endmacro %}

{% macro spark__raw_file_name(relation_alias) -%}
    input_file_name()
{%- endmacro %}
