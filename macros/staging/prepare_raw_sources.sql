{#-
    on-run-start. With raw files (raw_format parquet or csv), register each raw table of the
    contract as a view <raw_schema>.<table> over its folder, so the dbt sources (and unit
    test fixtures, and analysts) see ordinary relations. Then check that every table and
    every contract column is there, and stop with one message naming all that is missing,
    rather than crash deep inside a staging model.
-#}
{% macro prepare_raw_sources() -%}
    {%- if not execute or flags.WHICH not in ('run', 'build', 'test') -%}{{ return('') }}{%- endif -%}
    {%- set raw_format = setting('raw_format') -%}
    {%- set raw_schema = setting('raw_schema') -%}
    {%- if raw_format not in ('parquet', 'csv', 'table') -%}
        {{ exceptions.raise_compiler_error("raw_format must be parquet, csv or table, not '" ~ raw_format ~ "'") }}
    {%- endif -%}
    {%- if raw_format != 'table' -%}
        {%- do run_query('create schema if not exists ' ~ raw_schema) -%}
    {%- endif -%}
    {%- set problems = [] -%}
    {%- for table_name, columns in raw_contract_columns().items() -%}
        {#- Spark has no database level: its targets define none -#}
        {%- set relation = api.Relation.create(
            database=target.database if target.database is defined else none, schema=raw_schema, identifier=table_name) -%}
        {%- if raw_format == 'table' -%}
            {%- set found = adapter.get_relation(relation.database, relation.schema, relation.identifier) -%}
            {%- set problem = 'no table ' ~ relation if found is none else none -%}
        {%- else -%}
            {%- set problem = register_raw_files(relation, setting('raw_path') ~ '/' ~ table_name, raw_format) -%}
        {%- endif -%}
        {%- if problem is none -%}
            {%- set present = run_query('select * from ' ~ relation ~ ' limit 0').column_names | map('lower') | list -%}
            {%- set missing = columns | reject('in', present) | list -%}
            {%- set optional = raw_optional_columns().get(table_name, []) | select('in', missing) | list -%}
            {%- if optional and raw_format != 'table' -%}
                {#- an export without an optional column: the view supplies it, empty -#}
                {%- do register_raw_files(relation, setting('raw_path') ~ '/' ~ table_name, raw_format, optional) -%}
                {%- set missing = missing | reject('in', optional) | list -%}
            {%- endif -%}
            {%- if missing -%}
                {%- set problem = 'missing column(s) ' ~ missing | join(', ')
                    ~ (' (optional ones may be empty, but the table needs the column)' if optional else '') -%}
            {%- endif -%}
        {%- endif -%}
        {%- if problem is not none -%}{%- do problems.append(table_name ~ ': ' ~ problem) -%}{%- endif -%}
    {%- endfor -%}
    {%- if problems -%}
        {{ exceptions.raise_compiler_error(
            "The raw exports do not meet the raw data contract (docs/raw_contract.md):\n  - "
            ~ problems | join("\n  - ")
            ~ "\nEvery table must exist; a table you cannot fill is an empty file with the header.") }}
    {%- endif -%}
    {{ return('') }}
{%- endmacro %}

{#-
    Create or replace the view over a raw table's folder, adding `empty_columns` as NULL text;
    returns a problem sentence or none.
-#}
{% macro register_raw_files(relation, folder, raw_format, empty_columns=[]) -%}
    {{ return(adapter.dispatch('register_raw_files', 'ecom_indicators')(relation, folder, raw_format, empty_columns)) }}
{%- endmacro %}

{% macro default__register_raw_files(relation, folder, raw_format, empty_columns=[]) -%}
    {%- set pattern = folder ~ '/*.' ~ raw_format -%}
    {%- set files = run_query("select count(*) from glob('" ~ pattern ~ "')").columns[0].values()[0] -%}
    {%- if files == 0 -%}{{ return('no files match ' ~ pattern) }}{%- endif -%}
    {#- filename: each raw row knows the file it arrived in (incremental staging of events) -#}
    {%- set reader = "read_parquet('" ~ pattern ~ "', union_by_name = true, filename = true)" if raw_format == 'parquet'
        else "read_csv('" ~ pattern ~ "', header = true, all_varchar = true, union_by_name = true, filename = true)" -%}
    {%- set extra = [] -%}
    {%- for column in empty_columns -%}{%- do extra.append(', cast(null as varchar) as ' ~ column) -%}{%- endfor -%}
    {%- do run_query('create or replace view ' ~ relation ~ ' as select *' ~ extra | join('') ~ ' from ' ~ reader) -%}
    {{ return(none) }}
{%- endmacro %}

{% macro spark__register_raw_files(relation, folder, raw_format, empty_columns=[]) -%}
    {#- Spark reads the folder as an external table; the contract view on top adds empty columns. -#}
    {%- set files = relation.incorporate(path={'identifier': relation.identifier ~ '__files'}) -%}
    {%- set options = "options (header 'true')" if raw_format == 'csv' else '' -%}
    {%- do run_query('drop table if exists ' ~ files) -%}
    {%- do run_query('create table ' ~ files ~ ' using ' ~ raw_format ~ ' ' ~ options ~ " location '" ~ folder ~ "'") -%}
    {%- set extra = [] -%}
    {%- for column in empty_columns -%}{%- do extra.append(', cast(null as string) as ' ~ column) -%}{%- endfor -%}
    {%- do run_query('create or replace view ' ~ relation ~ ' as select *' ~ extra | join('') ~ ' from ' ~ files) -%}
    {{ return(none) }}
{%- endmacro %}
