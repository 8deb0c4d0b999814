{#-
    Deployment settings: --vars '{name: value}' beats the environment variable beats the default.
    (dbt does not render env_var() inside dbt_project.yml vars, hence this macro.)
    The raw location settings (raw_format, raw_path, raw_schema) live in the source YAML.
-#}
{% macro setting(name) -%}
    {%- set settings = {
        'raw_timezone': ('ECOM_RAW_TIMEZONE', 'Asia/Shanghai'),
        'business_timezone': ('ECOM_BUSINESS_TIMEZONE', 'Asia/Shanghai'),
        'currency': ('ECOM_CURRENCY', 'CNY'),
        'pii_hash_salt': ('ECOM_PII_SALT', 'ecom-indicators-demo-salt'),
        'load_timestamp': ('ECOM_LOAD_TIMESTAMP', ''),
        'as_of_date': ('ECOM_AS_OF_DATE', ''),
    } -%}
    {%- if name not in settings -%}
        {{ exceptions.raise_compiler_error("Unknown setting '" ~ name ~ "'; known: " ~ settings.keys() | join(', ')) }}
    {%- endif -%}
    {%- set env_name, default = settings[name] -%}
    {{ return(var(name, env_var(env_name, default))) }}
{%- endmacro %}
