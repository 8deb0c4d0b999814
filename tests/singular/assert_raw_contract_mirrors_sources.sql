-- The macros raw_contract_columns() and raw_optional_columns() mirror the source YAML (unit
-- tests cannot read the graph). Returns one row per table whose column list differs; passes when none do.
{%- set mirror = raw_contract_columns() %}
{%- set differences = [] %}
{%- if execute %}
{%- for node in graph.sources.values() if node.source_name == 'shop' %}
    {%- set optional = node.columns.values() | selectattr('meta.optional', 'defined')
        | selectattr('meta.optional') | map(attribute='name') | list %}
    {%- if mirror.get(node.name) != (node.columns.keys() | list)
        or raw_optional_columns().get(node.name, []) != optional %}
        {%- do differences.append(node.name) %}
    {%- endif %}
{%- endfor %}
{%- for table_name in mirror if ('source.' ~ project_name ~ '.shop.' ~ table_name) not in graph.sources %}
    {%- do differences.append(table_name) %}
{%- endfor %}
{%- endif %}
select table_name
from (select 'none' as table_name) as placeholder
where false
{%- for table_name in differences %}
union all
select '{{ table_name }}' as table_name
{%- endfor %}
