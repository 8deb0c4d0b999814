{#-
    Incremental event models (design: README § Incremental runs, DECISIONS.md).

    base_shop__events re-stages only the events received since its last run, and every older
    raw row that shares an event id with them (so duplicates and conflicts resolve exactly as
    in a full run); each row it writes carries loaded_at = the run's start. Every model built
    on events is partitioned by a business date and, on an incremental run, recomputes whole
    partitions from the earliest date touched by rows (re)staged since it last ran, minus a
    lookback: DuckDB replaces the partitions with delete+insert on the date key, Spark with
    insert_overwrite partitioned by the date. Models that need all history stay tables.
-#}

{#- Config of a model partitioned by `date_column` and rebuilt partition by partition. -#}
{% macro incremental_by_date(date_column) -%}
    {{ return(adapter.dispatch('incremental_by_date', 'ecom_indicators')(date_column)) }}
{%- endmacro %}

{% macro default__incremental_by_date(date_column) -%}
    {{ return({
        'materialized': 'incremental',
        'incremental_strategy': 'delete+insert',
        'unique_key': date_column,
        'on_schema_change': 'fail',
    }) }}
{%- endmacro %}

{% macro spark__incremental_by_date(date_column) -%}
    {{ return({
        'materialized': 'incremental',
        'incremental_strategy': 'insert_overwrite',
        'partition_by': [date_column],
        'file_format': 'parquet',
        'on_schema_change': 'fail',
    }) }}
{%- endmacro %}

{#- When this run (re)computed a row: the run's start, the same for every model of the run. -#}
{% macro run_loaded_at() -%}
    cast('{{ run_started_at.strftime("%Y-%m-%d %H:%M:%S") }}' as {{ dbt.type_timestamp() }})
{%- endmacro %}

{#-
    The first business date an incremental run recomputes: the earliest event date among the
    staged events (any status) restaged since this model last ran, minus `lookback_days`.
    NULL when nothing changed (then nothing is recomputed). Only meaningful inside
    {% raw %}{% if is_incremental() %}{% endraw %}.
-#}
{% macro reprocess_from(lookback_days=0) -%}
    (
        select cast({{ dbt.dateadd('day', -lookback_days, 'min(event_date)') }} as date)
        from {{ ref('base_shop__events') }}
        where loaded_at > (select max(loaded_at) from {{ this }})
    )
{%- endmacro %}

{#- A text key that sorts events by time, then id (the order events are processed in). -#}
{% macro event_sequence_key(time_column, id_column) -%}
    {{ return(adapter.dispatch('event_sequence_key', 'ecom_indicators')(time_column, id_column)) }}
{%- endmacro %}

{% macro default__event_sequence_key(time_column, id_column) -%}
    concat(strftime({{ time_column }}, '%Y%m%d%H%M%S.%f'), '|', {{ id_column }})
{%- endmacro %}

{% macro spark__event_sequence_key(time_column, id_column) -%}
    concat(date_format({{ time_column }}, 'yyyyMMddHHmmss.SSSSSS'), '|', {{ id_column }})
{%- endmacro %}
