-- Every raw order line, parsed, checked and resolved. A line must belong to a clean order.

with

source as (
    select * from {{ source('shop', 'order_items') }}
),

orders as (
    select order_id from {{ ref('stg_shop__orders') }}
),

raw_text as (
    select {{ raw_text_columns('order_items') }}
    from source
),

parsed as (
    select
        *,
        {{ raw_row_fingerprint('order_items') }} as row_fingerprint,

        ---------- ids
        raw_order_id as order_id,
        {{ parse_integer('raw_line_no') }} as line_no,
        raw_sku_id as sku_id,

        ---------- numerics
        {{ parse_integer('raw_quantity') }} as quantity,
        {{ parse_money('raw_unit_price') }} as unit_price,
        {{ parse_money('raw_discount_amount') }} as discount_amount

    from raw_text
),

checked as (
    select
        *,
        {{ first_failing_rule([
            ("order_id is null or raw_line_no is null or sku_id is null", "missing_key"),
            (malformed_ids(["order_id", "sku_id"]) ~ " or line_no is null", "malformed_key"),
            ("quantity is null or unit_price is null or " ~ failed_to_parse(["discount_amount"]), "invalid_value"),
            ("unit_price < 0 or discount_amount < 0", "negative_amount"),
            ("quantity <= 0", "non_positive_quantity"),
        ]) }} as row_rule
    from parsed
),

resolved as (
    {{ resolve_rows('checked', ['order_id', 'line_no'], 'row_rule is null', 'sku_id') }}
),

classified as (
    select
        resolved.*,
        {%- set orphan_rule = "case when orders.order_id is null then 'orphan_reference' end" %}
        {{ row_status('row_rule', orphan_rule) }} as row_status,
        {{ quarantine_reason('row_rule', orphan_rule) }} as quarantine_reason
    from resolved
    left join orders on resolved.order_id = orders.order_id
),

final as (
    select
        ---------- ids
        {{ dbt.concat(["order_id", "'#'", dbt.safe_cast("line_no", dbt.type_string())]) }} as order_line_id,
        order_id,
        line_no,
        sku_id,

        ---------- numerics
        quantity,
        unit_price,
        coalesce(discount_amount, 0) as discount_amount,
        quantity * unit_price - coalesce(discount_amount, 0) as line_amount,

        ---------- booleans: a free line is a gift (赠品), a real line of the order
        unit_price = 0 as is_gift,

        ---------- row accounting
        {{ dbt.concat(["coalesce(raw_order_id, '')", "'#'", "coalesce(raw_line_no, '')"]) }} as raw_key,
        row_status,
        quarantine_reason,
        {{ quarantine_raw_values('order_items') }} as raw_values

    from classified
)

select * from final
