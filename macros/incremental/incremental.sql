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

{#-
    The first period an incremental mart by `period_column` (date_day, week_start or
    month_start of int_dates) recomputes: the period holding reprocess_from(lookback_days),
    and never later than the last period the mart holds, because the date spine grows with
    as_of_date even on a run without new events. Everything when the mart is empty.
-#}
{% macro reprocess_periods_from(period_column, lookback_days=0) -%}
    {%- set grain = {'date_day': 'day', 'week_start': 'week', 'month_start': 'month'}[period_column] -%}
    (
        select
            case
                when held.last_period is null then cast('1900-01-01' as date)
                when changed.first_period < held.last_period then changed.first_period
                else held.last_period
            end
        from
            (select max({{ period_column }}) as last_period from {{ this }}) as held
        cross join (
            select cast({{ dbt.date_trunc(grain, reprocess_from(lookback_days)) }} as date) as first_period
        ) as changed
    )
{%- endmacro %}

{#-
    Incremental staging of events from files (base_shop__events): the files this model has
    staged, as a SQL list of text literals, read at compile time so that a filter on the file
    name prunes the reader's file list (old files are not opened at all). '' when none.
-#}
{% macro staged_source_files() -%}
    {%- if not execute -%}{{ return('') }}{%- endif -%}
    {%- set files = run_query(
        'select distinct source_file from ' ~ this ~ ' where source_file is not null order by 1'
    ).columns[0].values() -%}
    {%- set literals = [] -%}
    {%- for file in files -%}{%- do literals.append("'" ~ (file | replace("'", "''")) ~ "'") -%}{%- endfor -%}
    {{ return(literals | join(', ')) }}
{%- endmacro %}

{#-
    Whether any raw row of an already staged file must be restaged with the new ones: it shares
    an event id with a row of a new file, or has no id (rows without one are restaged every
    run). Usually none, and then the old files are not read at all. Asked at compile time,
    over the id column only; `seen_files` as staged_source_files() returns it.
-#}
{% macro seen_files_hold_rows_to_restage(raw_relation, seen_files) -%}
    {%- if not execute or not seen_files -%}{{ return(false) }}{%- endif -%}
    {#- the id and the file as raw_text_columns() and raw_source_file() read them -#}
    {%- set event_id = clean_text(adapter.quote('event_id')) -%}
    {%- set found = run_query(
        'select count(*) from ' ~ raw_relation ~ ' as seen where ' ~ raw_source_file('seen') ~ ' in (' ~ seen_files
        ~ ') and (' ~ event_id ~ ' is null or ' ~ event_id ~ ' in (select ' ~ event_id ~ ' from ' ~ raw_relation
        ~ ' as arrived where ' ~ raw_source_file('arrived') ~ ' not in (' ~ seen_files ~ ')))'
    ).columns[0].values()[0] -%}
    {{ return(found > 0) }}
{%- endmacro %}
