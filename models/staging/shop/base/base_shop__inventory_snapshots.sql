-- Every raw end-of-day stock row (SKU × warehouse × day), parsed, checked and resolved.

with

source as (
    select * from {{ source('shop', 'inventory_snapshots') }}
),

raw_text as (
    select {{ raw_text_columns('inventory_snapshots') }}
    from source
),

parsed as (
    select
        *,
        {{ raw_row_fingerprint('inventory_snapshots') }} as row_fingerprint,

        ---------- ids
        raw_sku_id as sku_id,
        raw_warehouse_id as warehouse_id,

        ---------- numerics
        {{ parse_integer('raw_on_hand_qty') }} as on_hand_qty,
        {{ parse_money('raw_unit_cost') }} as unit_cost,

        ---------- dates (business-local)
        {{ parse_date('raw_snapshot_date') }} as snapshot_date

    from raw_text
),

checked as (
    select
        *,
        {{ first_failing_rule([
            ("raw_snapshot_date is null or sku_id is null or warehouse_id is null", "missing_key"),
            (malformed_ids(["sku_id", "warehouse_id"]), "malformed_key"),
            ("snapshot_date is null", "invalid_timestamp"),
            (after_load_date(["snapshot_date"]), "future_timestamp"),
            ("on_hand_qty is null or " ~ failed_to_parse(["unit_cost"]), "invalid_value"),
            ("on_hand_qty < 0 or unit_cost < 0", "negative_amount"),
        ]) }} as row_rule
    from parsed
),

resolved as (
    {{ resolve_rows('checked', ['snapshot_date', 'sku_id', 'warehouse_id'], 'row_rule is null', 'on_hand_qty') }}
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
        sku_id,
        warehouse_id,

        ---------- numerics
        on_hand_qty,
        unit_cost,

        ---------- dates (business-local)
        snapshot_date,

        ---------- row accounting
        {{ dbt.concat(["coalesce(raw_snapshot_date, '')", "'|'", "coalesce(raw_sku_id, '')",
            "'|'", "coalesce(raw_warehouse_id, '')"]) }} as raw_key,
        row_status,
        quarantine_reason,
        {{ quarantine_raw_values('inventory_snapshots') }} as raw_values

    from classified
)

select * from final
