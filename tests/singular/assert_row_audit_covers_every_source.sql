-- Every raw table of the contract appears in the row audit exactly once (raw_table_names()
-- is a static list: this catches a table added to the contract but not to the list).
with

expected as (
    {%- for table_name in raw_contract_columns() %}
    select '{{ table_name }}' as source_table
    {{- "\n    union all" if not loop.last }}
    {%- endfor %}
),

audited as (
    select
        source_table,
        count(*) as audit_rows
    from {{ ref('stg_shop__row_audit') }}
    group by source_table
)

select
    coalesce(expected.source_table, audited.source_table) as source_table,
    audited.audit_rows
from expected
full outer join audited on expected.source_table = audited.source_table
where audited.audit_rows is null or audited.audit_rows != 1 or expected.source_table is null
