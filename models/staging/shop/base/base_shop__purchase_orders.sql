-- Every raw purchase (采购) line, parsed, checked and resolved.

with

source as (
    select * from {{ source('shop', 'purchase_orders') }}
),

raw_text as (
    select {{ raw_text_columns('purchase_orders') }}
    from source
),

parsed as (
    select
        *,
        {{ raw_row_fingerprint('purchase_orders') }} as row_fingerprint,

        ---------- ids
        raw_po_id as po_id,
        raw_sku_id as sku_id,

        ---------- numerics
        {{ parse_integer('raw_quantity') }} as quantity,
        {{ parse_money('raw_amount') }} as amount,
        {{ parse_integer('raw_received_qty') }} as received_qty,

        ---------- timestamps (UTC)
        {{ parse_timestamp('raw_ordered_at') }} as ordered_at,
        {{ parse_timestamp('raw_received_at') }} as received_at

    from raw_text
),

checked as (
    select
        *,
        {{ first_failing_rule([
            ("po_id is null or sku_id is null", "missing_key"),
            (malformed_ids(["po_id", "sku_id"]), "malformed_key"),
            ("ordered_at is null or " ~ failed_to_parse(["received_at"]), "invalid_timestamp"),
            (after_load_time(["ordered_at", "received_at"]), "future_timestamp"),
            ("quantity is null or amount is null or " ~ failed_to_parse(["received_qty"]), "invalid_value"),
            ("amount < 0", "negative_amount"),
            ("quantity <= 0 or received_qty < 0", "non_positive_quantity"),
            ("received_at < ordered_at", "inconsistent_timestamps"),
        ]) }} as row_rule
    from parsed
),

resolved as (
    {{ resolve_rows('checked', ['po_id', 'sku_id'], 'row_rule is null', 'ordered_at') }}
),

classified as (
    select
        *,
        {{ row_status('row_rule') }} as row_status,
        {{ quarantine_reason('row_rule') }} as quarantine_reason
    from resolved
),

final as (
    select
        ---------- ids
        {{ dbt.concat(["po_id", "'#'", "sku_id"]) }} as po_line_id,
        po_id,
        sku_id,

        ---------- numerics
        quantity,
        amount,
        received_qty,

        ---------- timestamps (UTC) and business dates
        ordered_at,
        {{ to_business_date('ordered_at') }} as ordered_date,
        received_at,
        {{ to_business_date('received_at') }} as received_date,

        ---------- row accounting
        {{ dbt.concat(["coalesce(raw_po_id, '')", "'#'", "coalesce(raw_sku_id, '')"]) }} as raw_key,
        row_status,
        quarantine_reason,
        {{ quarantine_raw_values('purchase_orders') }} as raw_values

    from classified
)

select * from final
