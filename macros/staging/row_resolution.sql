{#-
    Row resolution shared by every base_shop__* model: which raw rows are exact duplicates,
    which are superseded versions or conflicting duplicates of a key, which are clean.

    One window pass per table: rows of a key are ordered valid-first, then by the table's
    preference (latest version first, or earliest event first), then by a fingerprint of
    the whole raw row. Identical rows are therefore adjacent, so an exact duplicate is a
    row whose fingerprint equals its predecessor's; any valid row after the first
    distinct valid row of its key is superseded (versioned tables) or conflicting.
-#}

{#- A 64-bit fingerprint of a raw row (only ever compared within one key). -#}
{% macro row_fingerprint(columns) -%}
    {{ return(adapter.dispatch('row_fingerprint', 'ecom_indicators')(columns)) }}
{%- endmacro %}

{% macro default__row_fingerprint(columns) -%}
    hash({{ columns | join(', ') }})
{%- endmacro %}

{% macro spark__row_fingerprint(columns) -%}
    xxhash64({{ columns | join(', ') }})
{%- endmacro %}

{#-
    The body of a `resolved` CTE: every row of `relation` with two more columns,
      is_exact_copy  - true for the 2nd, 3rd ... copy of an identical raw row
      key_rank       - dense rank of the row's distinct content within its key (1 = kept)
    `is_valid` is a boolean SQL expression (the row passes every row-level rule).
    Nearly every key occurs once, so only the rows of keys that repeat go through the window
    (sorting every wide row by key was most of the cost of staging events); the others are
    their key's only row: not a copy, rank 1. Keys compare NULL-safely, so identical rows with
    a missing key are still exact duplicates of each other.
    `repeated_flag`: a boolean column of `relation` that already says whether the row's key
    repeats (see repeated_key_flag), so that `relation` is read once per branch and never
    grouped here: with an inlined `relation`, a large table is not materialized in memory.
-#}
{% macro resolve_rows(relation, key_columns, is_valid, preference_order, fingerprint='row_fingerprint', repeated_flag=none) -%}
    {%- set window -%}
        partition by {{ key_columns | join(', ') }}
        order by case when {{ is_valid }} then 0 else 1 end, {{ preference_order }}, {{ fingerprint }}
    {%- endset -%}
    {%- set repeated -%}
        exists (
            select 1
            from ({{ repeated_keys(relation, key_columns) }}) as repeated_keys
            where
            {%- for column in key_columns %}
                {{ null_safe_equal('repeated_keys.' ~ column, relation ~ '.' ~ column) }}{{ " and" if not loop.last }}
            {%- endfor %}
        )
    {%- endset -%}
    {%- if repeated_flag -%}{%- set repeated = relation ~ '.' ~ repeated_flag -%}{%- endif -%}
    select
        {{ relation }}.*,
        false as is_exact_copy,
        cast(1 as {{ dbt.type_bigint() }}) as key_rank
    from {{ relation }}
    where not {{ repeated }}

    union all

    select
        {{ relation }}.*,
        coalesce({{ fingerprint }} = lag({{ fingerprint }}) over ({{ window }}), false) as is_exact_copy,
        dense_rank() over ({{ window }}) as key_rank
    from {{ relation }}
    where {{ repeated }}
{%- endmacro %}

{#-
    `relation` with one more column, is_repeated_key: whether its key occurs in more than one
    row (NULL keys count as one key) - the `repeated_flag` of resolve_rows. `key_column` is a
    column of `relation` with the value the key will have; `repeated` is a CTE holding
    repeated_keys(relation, [key_column]), computed once however often this body is inlined.
-#}
{% macro repeated_key_flag(relation, key_column, repeated) -%}
    select
        {{ relation }}.*,
        coalesce({{ repeated }}.is_repeated_key, false) as is_repeated_key
    from {{ relation }}
    left join (select {{ key_column }}, true as is_repeated_key from {{ repeated }}) as {{ repeated }}
        on {{ null_safe_equal(repeated ~ '.' ~ key_column, relation ~ '.' ~ key_column) }}
{%- endmacro %}

{#-
    Two CTEs for a large raw table, to put between its raw text CTE and its parsing:
    `repeated_keys` (the keys of `relation` that repeat, on the raw key column `key_column`,
    which must be the value the parsed key takes) and `flagged` (`relation` with
    is_repeated_key). Parse from `flagged` in CTEs that are not materialized and pass
    repeated_flag='is_repeated_key' to resolve_rows: the keys are then grouped once, the raw
    rows are never held in memory, and only the rows of repeated keys are sorted. The caller
    writes the comma after them.
-#}
{% macro flag_repeated_keys(relation, key_column) -%}
repeated_keys as (
    {{ repeated_keys(relation, [key_column]) }}
),

flagged as {{ not_materialized() }} (
    {{ repeated_key_flag(relation, key_column, 'repeated_keys') }}
)
{%- endmacro %}

{#- The keys of `relation` held by more than one row (a NULL key is one key). -#}
{% macro repeated_keys(relation, key_columns) -%}
    select {{ key_columns | join(', ') }}
    from {{ relation }}
    group by {{ key_columns | join(', ') }}
    having count(*) > 1
{%- endmacro %}

{#-
    Keyword after `<cte name> as`: asks the engine to inline the CTE into each query reading it
    rather than materialize it (DuckDB materializes a CTE read twice, holding a whole raw table
    in memory). Spark always inlines CTEs and knows no such keyword.
-#}
{% macro not_materialized() -%}
    {{ return(adapter.dispatch('not_materialized', 'ecom_indicators')()) }}
{%- endmacro %}

{% macro default__not_materialized() -%}
    not materialized
{%- endmacro %}

{% macro spark__not_materialized() -%}
{%- endmacro %}

{#- a = b, where NULL equals NULL. -#}
{% macro null_safe_equal(left, right) -%}
    {{ return(adapter.dispatch('null_safe_equal', 'ecom_indicators')(left, right)) }}
{%- endmacro %}

{% macro default__null_safe_equal(left, right) -%}
    {{ left }} is not distinct from {{ right }}
{%- endmacro %}

{% macro spark__null_safe_equal(left, right) -%}
    {{ left }} <=> {{ right }}
{%- endmacro %}

{#-
    The first rule a row breaks: rules is a list of (condition, rule_name) pairs in the
    order of docs/raw_contract.md. NULL when the row breaks none.
-#}
{% macro first_failing_rule(rules) -%}
    case
        {%- for condition, rule_name in rules %}
        when {{ condition }} then '{{ rule_name }}'
        {%- endfor %}
    end
{%- endmacro %}

{#-
    Final status of a raw row. versioned=true: a later valid version supersedes earlier
    ones; versioned=false: a second distinct valid row of a key is a conflicting duplicate.
-#}
{% macro row_status(row_rule, related_rule='null', versioned=false) -%}
    case
        when is_exact_copy then 'exact_duplicate'
        when {{ row_rule }} is not null then 'quarantined'
        when key_rank > 1 then {{ "'superseded'" if versioned else "'quarantined'" }}
        when {{ related_rule }} is not null then 'quarantined'
        else 'clean'
    end
{%- endmacro %}

{% macro quarantine_reason(row_rule, related_rule='null', versioned=false) -%}
    case
        when is_exact_copy then null
        when {{ row_rule }} is not null then {{ row_rule }}
        when key_rank > 1 then {{ "null" if versioned else "'conflicting_duplicate'" }}
        else {{ related_rule }}
    end
{%- endmacro %}
