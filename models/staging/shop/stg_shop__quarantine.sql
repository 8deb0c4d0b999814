-- Every raw row that broke a rule, from every raw table: where it came from, its key, the
-- first rule it broke and its raw values (PII masked). Nothing is dropped silently.

with

unioned as (
    {%- for table_name in raw_table_names() %}
    select
        '{{ table_name }}' as source_table,
        raw_key,
        quarantine_reason,
        raw_values
    from {{ ref('base_shop__' ~ table_name) }}
    where row_status = 'quarantined'
    {{- "\n    union all" if not loop.last }}
    {%- endfor %}
)

select * from unioned
