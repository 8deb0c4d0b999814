{#- Layers get their own schemas (staging, intermediate, marts ...) under their plain names. -#}
{% macro generate_schema_name(custom_schema_name, node) -%}
    {{ (custom_schema_name or target.schema) | trim }}
{%- endmacro %}
