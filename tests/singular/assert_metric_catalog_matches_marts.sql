-- The metric catalog (seeds/metric_catalog.csv) and the marts' YAML agree in both directions.
-- (That the warehouse holds exactly the documented columns is checked after the build, by
-- tests/python/test_metric_catalog.py.) One row per problem:
--   column_without_role     a documented mart column that is neither a metric, a dimension nor
--                           bookkeeping (loaded_at of an incremental mart)
--   column_without_text     a documented mart column without a description
--   metric_not_in_catalog   a YAML metric column whose (model, column, metric_id) is not in the catalog
--   catalog_not_in_yaml     a catalog row whose model column is not documented with that metric_id
--   home_count              a metric_id with other than exactly one home model
{%- set documented = [] %}
{%- if execute %}
{%- for node in graph.nodes.values() if node.resource_type == 'model' and node.path.startswith('marts/') %}
{%- for column in node.columns.values() %}
    {%- do documented.append({
        'model': node.name,
        'column': column.name,
        'metric_id': column.meta.get('metric_id'),
        'is_dimension': column.meta.get('dimension', false),
        'is_bookkeeping': column.meta.get('bookkeeping', false),
        'has_text': (column.description | trim | length) > 0,
    }) %}
{%- endfor %}
{%- endfor %}
{%- endif %}

with

-- one VALUES list: a union of ~1,000 one-row selects took Spark's analyzer minutes
documented as (
    select
        documented_columns.model_name,
        documented_columns.column_name,
        cast(documented_columns.metric_id as {{ dbt.type_string() }}) as metric_id,
        documented_columns.is_dimension,
        documented_columns.is_bookkeeping,
        documented_columns.has_text
    from (
        values
        {%- for row in documented %}
        (
            '{{ row.model }}',
            '{{ row.column }}',
            {{ "'" ~ row.metric_id ~ "'" if row.metric_id else 'null' }},
            {{ 'true' if row.is_dimension else 'false' }},
            {{ 'true' if row.is_bookkeeping else 'false' }},
            {{ 'true' if row.has_text else 'false' }}
        ){{ "," if not loop.last }}
        {%- endfor %}
    ) as documented_columns (model_name, column_name, metric_id, is_dimension, is_bookkeeping, has_text)
),

catalog as (
    select * from {{ ref('metric_catalog') }}
),

problems as (
    select
        'column_without_role' as problem,
        model_name,
        column_name
    from documented
    where metric_id is null and not is_dimension and not is_bookkeeping

    union all
    select
        'column_without_text' as problem,
        model_name,
        column_name
    from documented
    where not has_text

    union all
    select
        'metric_not_in_catalog' as problem,
        documented.model_name,
        documented.column_name
    from documented
    left join catalog
        on
            documented.model_name = catalog.model
            and documented.column_name = catalog.column_name
            and documented.metric_id = catalog.metric_id
    where documented.metric_id is not null and catalog.metric_id is null

    union all
    select
        'catalog_not_in_yaml' as problem,
        catalog.model,
        catalog.column_name
    from catalog
    left join documented
        on
            catalog.model = documented.model_name
            and catalog.column_name = documented.column_name
            and catalog.metric_id = documented.metric_id
    where documented.column_name is null

    union all
    select
        'home_count' as problem,
        metric_id,
        cast(count_if(is_home) as {{ dbt.type_string() }}) as column_name
    from catalog
    group by metric_id
    having count_if(is_home) != 1
)

select * from problems
