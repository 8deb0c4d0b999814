-- Row accounting per raw table: raw rows counted straight from the source, and what
-- staging made of them. raw_rows = clean + exact duplicates + superseded + quarantined is
-- tested, so a row lost or doubled anywhere in staging fails the build.

with

raw_counts as (
    {%- for table_name in raw_table_names() %}
    select
        '{{ table_name }}' as source_table,
        count(*) as raw_rows
    from {{ source('shop', table_name) }}
    {{- "\n    union all" if not loop.last }}
    {%- endfor %}
),

status_counts as (
    {%- for table_name in raw_table_names() %}
    select
        '{{ table_name }}' as source_table,
        count(*) as resolved_rows,
        {{ count_where("row_status = 'clean'") }} as clean_rows,
        {{ count_where("row_status = 'exact_duplicate'") }} as exact_duplicate_rows,
        {{ count_where("row_status = 'superseded'") }} as superseded_rows,
        {{ count_where("row_status = 'quarantined'") }} as quarantined_rows
    from {{ ref('base_shop__' ~ table_name) }}
    {{- "\n    union all" if not loop.last }}
    {%- endfor %}
),

final as (
    select
        raw_counts.source_table,
        raw_counts.raw_rows,
        status_counts.resolved_rows,
        status_counts.clean_rows,
        status_counts.exact_duplicate_rows,
        status_counts.superseded_rows,
        status_counts.quarantined_rows
    from raw_counts
    inner join status_counts on raw_counts.source_table = status_counts.source_table
)

select * from final
