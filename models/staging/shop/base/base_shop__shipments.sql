-- Every raw shipment, parsed, checked and resolved. A shipment must belong to a clean order.

with

-- inlined, not materialized: each reader scans the raw files again (cheap, columnar)
source as {{ not_materialized() }} (
    select * from {{ source('shop', 'shipments') }}
),

orders as (
    select order_id from {{ ref('stg_shop__orders') }}
),

raw_text as {{ not_materialized() }} (
    select {{ raw_text_columns('shipments') }}
    from source
),

{{ flag_repeated_keys('raw_text', 'raw_shipment_id') }},

parsed as {{ not_materialized() }} (
    select
        *,
        {{ raw_row_fingerprint('shipments') }} as row_fingerprint,

        ---------- ids
        raw_shipment_id as shipment_id,
        raw_order_id as order_id,
        raw_warehouse_id as warehouse_id,

        ---------- codes and strings
        lower(raw_carrier) as carrier,

        ---------- numerics
        {{ parse_integer('raw_shipped_qty') }} as shipped_qty,
        {{ parse_money('raw_logistics_fee') }} as logistics_fee,
        {{ parse_money('raw_warehouse_fee') }} as warehouse_fee,

        ---------- timestamps (UTC)
        {{ parse_timestamp('raw_shipped_at') }} as shipped_at,
        {{ parse_timestamp('raw_delivered_at') }} as delivered_at

    from flagged
),

checked as {{ not_materialized() }} (
    select
        *,
        {{ first_failing_rule([
            ("shipment_id is null or order_id is null", "missing_key"),
            (malformed_ids(["shipment_id", "order_id", "warehouse_id"]), "malformed_key"),
            ("shipped_at is null or " ~ failed_to_parse(["delivered_at"]), "invalid_timestamp"),
            (after_load_time(["shipped_at", "delivered_at"]), "future_timestamp"),
            ("shipped_qty is null or " ~ failed_to_parse(["logistics_fee", "warehouse_fee"]), "invalid_value"),
            ("logistics_fee < 0 or warehouse_fee < 0", "negative_amount"),
            ("shipped_qty <= 0", "non_positive_quantity"),
            ("delivered_at < shipped_at", "inconsistent_timestamps"),
        ]) }} as row_rule
    from parsed
),

resolved as (
    {{ resolve_rows('checked', ['shipment_id'], 'row_rule is null', 'shipped_at', repeated_flag='is_repeated_key') }}
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
        shipment_id,
        order_id,
        warehouse_id,

        ---------- codes and strings
        carrier,

        ---------- numerics
        shipped_qty,
        coalesce(logistics_fee, 0) as logistics_fee,
        coalesce(warehouse_fee, 0) as warehouse_fee,

        ---------- timestamps (UTC) and business dates
        shipped_at,
        {{ to_business_date('shipped_at') }} as shipped_date,
        delivered_at,
        {{ to_business_date('delivered_at') }} as delivered_date,

        ---------- row accounting
        raw_shipment_id as raw_key,
        row_status,
        quarantine_reason,
        {{ quarantine_raw_values('shipments') }} as raw_values

    from classified
)

select * from final
