{#- A JSON text of named values: keeps a quarantined row's raw values readable in one column. -#}
{% macro json_object(columns) -%}
    {{ return(adapter.dispatch('json_object', 'ecom_indicators')(columns)) }}
{%- endmacro %}

{% macro default__json_object(columns) -%}
    cast(to_json(struct_pack(
        {%- for name, expr in columns.items() %}
        "{{ name }}" := {{ expr }}{{ "," if not loop.last }}
        {%- endfor %}
    )) as {{ dbt.type_string() }})
{%- endmacro %}

{#- Spark leaves out null fields unless told: a quarantined row shows every raw column -#}
{% macro spark__json_object(columns) -%}
    to_json(named_struct(
        {%- for name, expr in columns.items() %}
        '{{ name }}', {{ expr }}{{ "," if not loop.last }}
        {%- endfor %}
    ), map('ignoreNullFields', 'false'))
{%- endmacro %}
