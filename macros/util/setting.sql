{#-
    Deployment settings: --vars '{name: value}' beats the environment variable beats the default.
    (dbt does not render env_var() inside dbt_project.yml vars, hence this macro.)
    raw_schema is repeated in the source YAML, which cannot call macros.
-#}
{% macro setting(name) -%}
    {%- set settings = {
        'raw_format': ('ECOM_RAW_FORMAT', 'parquet'),
        'raw_path': ('ECOM_RAW_PATH', 'data/raw/demo'),
        'raw_schema': ('ECOM_RAW_SCHEMA', 'raw'),
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
