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
    a key (`key_column`, the raw column's name) with a row of a new file, or has no key (rows
    without one are restaged every run). Asked at compile time, over the key column only;
    `seen_files` as staged_source_files() returns it. With no such row, the old files are not
    read at all.
-#}
{% macro seen_files_hold_rows_to_restage(raw_relation, seen_files, key_column) -%}
    {%- if not execute or not seen_files -%}{{ return(false) }}{%- endif -%}
    {#- the key and the file as raw_text_columns() and raw_source_file() read them -#}
    {%- set key = clean_text(adapter.quote(key_column)) -%}
    {%- set found = run_query(
        'select count(*) from ' ~ raw_relation ~ ' as seen where ' ~ raw_source_file('seen') ~ ' in (' ~ seen_files
        ~ ') and (' ~ key ~ ' is null or ' ~ key ~ ' in (select ' ~ key ~ ' from ' ~ raw_relation
        ~ ' as arrived where ' ~ raw_source_file('arrived') ~ ' not in (' ~ seen_files ~ ')))'
    ).columns[0].values()[0] -%}
    {{ return(found > 0) }}
{%- endmacro %}

{#-
    Incremental staging of a raw table keyed by `key_column` (base_shop__events, base_shop__orders):
    the CTEs, after a `raw_text` CTE with raw_<column> text columns and source_file, that end in
    `restaged`: on a full build every raw row; on an incremental run every raw row of a key that
    arrived since the model last ran, and the rows without a key (so that their duplicates count
    as in a full run). The caller writes the comma after it; the model is delete+insert on the
    key and deletes its rows without a key first.
    What arrived: with raw files, the rows of files not seen before (a re-delivered file is new
    rows: its duplicates are counted). With warehouse tables (raw_format table), the rows whose
    arrival time - the first parseable of `arrival_columns` (raw column names) - is after the
    latest `staged_arrival_column` of a clean staged row, minus incremental_overlap_minutes
    (restaging is idempotent); a cheap cast skips most old rows before the full parse.
-#}
{% macro restaged_raw_rows(raw_relation, key_column, arrival_columns, staged_arrival_column) -%}
{%- set raw_key = 'raw_' ~ key_column -%}
{%- if is_incremental() and setting('raw_format') != 'table' -%}
{%- set seen_files = staged_source_files() %}
{%- set restage_seen_rows = seen_files_hold_rows_to_restage(raw_relation, seen_files, key_column) %}
new_file_rows as {{ not_materialized() }} (
    select * from raw_text
    {%- if seen_files %}
    where source_file not in ({{ seen_files }})
    {%- endif %}
),
{%- if restage_seen_rows %}

new_keys as (
    select distinct new_file_rows.{{ raw_key }}
    from new_file_rows
),
{%- endif %}

restaged as {{ not_materialized() }} (
    select * from new_file_rows
    {%- if restage_seen_rows %}
    union all
    select * from raw_text
    where
        source_file in ({{ seen_files }})
        and ({{ raw_key }} in (select new_keys.{{ raw_key }} from new_keys) or {{ raw_key }} is null)
    {%- endif %}
)
{%- elif is_incremental() -%}
{%- set no_time = dbt.dateadd('day', 1, 'watermark.restage_after') %}
watermark as (
    select {{ dbt.dateadd('minute', -var('incremental_overlap_minutes'),
        "coalesce(max(" ~ staged_arrival_column ~ "), cast('1900-01-01' as " ~ dbt.type_timestamp() ~ "))") }} as restage_after
    from {{ this }}
    where row_status = 'clean'
),

new_keys as (
    select distinct raw_text.{{ raw_key }}
    from raw_text
    cross join watermark
    where
        coalesce(
            {%- for column in arrival_columns %}
            try_cast(raw_text.raw_{{ column }} as {{ dbt.type_timestamp() }}),
            {%- endfor %}
            {{ no_time }}
        ) > {{ dbt.dateadd('day', -1, 'watermark.restage_after') }}
        and coalesce(
            {%- for column in arrival_columns %}
            {{ parse_timestamp('raw_text.raw_' ~ column) }},
            {%- endfor %}
            {{ no_time }}
        ) > watermark.restage_after
),

restaged as {{ not_materialized() }} (
    select * from raw_text
    where
        {{ raw_key }} in (select new_keys.{{ raw_key }} from new_keys)
        or {{ raw_key }} is null
)
{%- else -%}
restaged as {{ not_materialized() }} (
    select * from raw_text
)
{%- endif -%}
{%- endmacro %}
