{#- One row per date (column date_day) from start to end inclusive; start and end are SQL date expressions. -#}
{% macro date_spine(start_date, end_date) -%}
    {{ return(adapter.dispatch('date_spine', 'ecom_indicators')(start_date, end_date)) }}
{%- endmacro %}

{% macro default__date_spine(start_date, end_date) -%}
    select cast(generated.date_day as date) as date_day
    from generate_series(
        cast({{ start_date }} as date), cast({{ end_date }} as date), interval 1 day
    ) as generated (date_day)
{%- endmacro %}

{% macro spark__date_spine(start_date, end_date) -%}
    select explode(sequence(cast({{ start_date }} as date), cast({{ end_date }} as date), interval 1 day)) as date_day
{%- endmacro %}

{#- ISO day of week: Monday = 1 ... Sunday = 7. -#}
{% macro day_of_week(expr) -%}
    {{ return(adapter.dispatch('day_of_week', 'ecom_indicators')(expr)) }}
{%- endmacro %}

{% macro default__day_of_week(expr) -%}
    cast(isodow({{ expr }}) as integer)
{%- endmacro %}

{% macro spark__day_of_week(expr) -%}
    cast(((dayofweek({{ expr }}) + 5) % 7) + 1 as integer)
{%- endmacro %}
