-- Every raw product (SKU) row, parsed, checked and resolved.

with

source as (
    select * from {{ source('shop', 'products') }}
),

raw_text as (
    select {{ raw_text_columns('products') }}
    from source
),

parsed as (
    select
        *,
        {{ raw_row_fingerprint('products') }} as row_fingerprint,

        ---------- ids
        raw_sku_id as sku_id,
        coalesce(raw_spu_id, raw_sku_id) as spu_id,

        ---------- strings
        raw_sku_name as sku_name,
        coalesce(raw_category_l1, 'uncategorised') as category_l1,
        coalesce(raw_category_l2, raw_category_l1, 'uncategorised') as category_l2,
        coalesce(raw_brand, 'unbranded') as brand,

        ---------- numerics
        {{ parse_money('raw_list_price') }} as list_price,
        {{ parse_money('raw_unit_cost') }} as unit_cost,

        ---------- timestamps (UTC)
        {{ parse_timestamp('raw_listed_at') }} as listed_at,
        {{ parse_timestamp('raw_delisted_at') }} as delisted_at

    from raw_text
),

checked as (
    select
        *,
        -- No future rule: a SKU may be scheduled to go on sale or off it (docs/raw_contract.md).
        {{ first_failing_rule([
            ("sku_id is null", "missing_key"),
            (malformed_ids(["sku_id", "spu_id"]), "malformed_key"),
            (failed_to_parse(["listed_at", "delisted_at"]), "invalid_timestamp"),
            (failed_to_parse(["list_price", "unit_cost"]), "invalid_value"),
            ("list_price < 0 or unit_cost < 0", "negative_amount"),
            ("delisted_at < listed_at", "inconsistent_timestamps"),
        ]) }} as row_rule
    from parsed
),

resolved as (
    {{ resolve_rows('checked', ['sku_id'], 'row_rule is null', 'listed_at') }}
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
        spu_id,

        ---------- strings
        sku_name,
        category_l1,
        category_l2,
        brand,

        ---------- numerics
        list_price,
        unit_cost,

        ---------- timestamps (UTC) and business dates
        listed_at,
        {{ to_business_date('listed_at') }} as listed_date,
        delisted_at,
        {{ to_business_date('delisted_at') }} as delisted_date,

        ---------- row accounting
        raw_sku_id as raw_key,
        row_status,
        quarantine_reason,
        {{ quarantine_raw_values('products') }} as raw_values

    from classified
)

select * from final
