-- Every raw order row, parsed, checked and resolved: one row per raw row with its status
-- (clean / exact_duplicate / superseded / quarantined). Orders are a CDC export: the
-- latest valid version of an order wins.
-- Incremental on DuckDB: status changes arrive as new rows, so a run restages the rows of the
-- orders with a version received since the last run, with every older row of those orders
-- (macros/incremental/incremental.sql); on other engines a table.

{{ config(
    materialized='incremental' if target.type == 'duckdb' else 'table',
    incremental_strategy='delete+insert',
    unique_key='order_id',
    on_schema_change='fail',
    pre_hook="{% if is_incremental() %}delete from {{ this }} where order_id is null{% endif %}",
) }}

with

-- inlined, not materialized: each reader scans the raw files again (cheap, columnar)
source as {{ not_materialized() }} (
    select * from {{ source('shop', 'orders') }}
),

order_status_codes as (
    select
        code_mapping.raw_code,
        code_mapping.code as order_status,
        order_statuses.status_group
    from {{ ref('code_mapping') }} as code_mapping
    inner join {{ ref('order_statuses') }} as order_statuses
        on code_mapping.code = order_statuses.order_status
    where code_mapping.code_type = 'order_status'
),

channel_codes as (
    select
        raw_code,
        code
    from {{ ref('code_mapping') }}
    where code_type = 'channel'
),

platform_codes as (
    select
        raw_code,
        code
    from {{ ref('code_mapping') }}
    where code_type = 'platform'
),

raw_text as {{ not_materialized() }} (
    select
        {{ raw_text_columns('orders') }},
        {{ raw_source_file('source') }} as source_file
    from source
),

-- The rows to restage: all of them on a full build, else every raw row of an order with a row
-- that arrived since the last run (files not staged yet, or rows updated since the latest one).
{{ restaged_raw_rows(source('shop', 'orders'), 'order_id', ['updated_at'], 'updated_at') }},

parsed as (
    select
        raw_text.*,
        {{ raw_row_fingerprint('orders') }} as row_fingerprint,

        ---------- ids
        raw_text.raw_order_id as order_id,
        raw_text.raw_member_id as member_id,
        raw_text.raw_coupon_id as coupon_id,

        ---------- codes
        order_status_codes.order_status,
        order_status_codes.status_group,
        coalesce(channel_codes.code, 'unknown') as channel,
        coalesce(platform_codes.code, 'unknown') as platform,
        upper(coalesce(raw_text.raw_currency, '{{ setting('currency') }}')) as currency,

        ---------- numerics
        {{ parse_money('raw_goods_amount') }} as goods_amount,
        {{ parse_money('raw_discount_amount') }} as discount_amount,
        {{ parse_money('raw_shipping_fee') }} as shipping_fee,
        {{ parse_money('raw_pay_amount') }} as pay_amount,

        ---------- booleans
        {{ parse_boolean('raw_is_test') }} as is_test,

        ---------- timestamps (UTC)
        {{ parse_timestamp('raw_created_at') }} as created_at,
        {{ parse_timestamp('raw_paid_at') }} as paid_at,
        {{ parse_timestamp('raw_updated_at') }} as updated_at

    from restaged as raw_text
    left join order_status_codes on lower(raw_text.raw_status) = order_status_codes.raw_code
    left join channel_codes on lower(raw_text.raw_channel) = channel_codes.raw_code
    left join platform_codes on lower(raw_text.raw_platform) = platform_codes.raw_code
),

checked as (
    select
        *,
        {{ first_failing_rule([
            ("order_id is null", "missing_key"),
            (malformed_ids(["order_id", "member_id"]), "malformed_key"),
            ("created_at is null or updated_at is null or " ~ failed_to_parse(["paid_at"]), "invalid_timestamp"),
            (after_load_time(["created_at", "paid_at", "updated_at"]), "future_timestamp"),
            ("order_status is null", "unknown_code"),
            ("goods_amount is null or pay_amount is null or "
                ~ failed_to_parse(["discount_amount", "shipping_fee", "is_test"]), "invalid_value"),
            ("goods_amount < 0 or discount_amount < 0 or shipping_fee < 0 or pay_amount < 0", "negative_amount"),
            ("paid_at < created_at", "inconsistent_timestamps"),
        ]) }} as row_rule
    from parsed
),

resolved as (
    {{ resolve_rows('checked', ['order_id'], 'row_rule is null', 'updated_at desc') }}
),

classified as (
    select
        *,
        {{ row_status('row_rule', versioned=true) }} as row_status,
        {{ quarantine_reason('row_rule', versioned=true) }} as quarantine_reason
    from resolved
),

final as (
    select
        ---------- ids
        order_id,
        {{ hash_member_id('member_id') }} as member_key,
        coupon_id,

        ---------- codes
        order_status,
        status_group,
        channel,
        platform,
        currency,

        ---------- numerics
        goods_amount,
        coalesce(discount_amount, 0) as discount_amount,
        coalesce(shipping_fee, 0) as shipping_fee,
        pay_amount,

        ---------- booleans
        member_id is null as is_guest,
        coalesce(is_test, false) as is_test,

        ---------- timestamps (UTC) and business dates
        created_at,
        {{ to_business_date('created_at') }} as created_date,
        paid_at,
        {{ to_business_date('paid_at') }} as paid_date,
        updated_at,

        ---------- row accounting
        {{ run_loaded_at() }} as loaded_at,
        source_file,
        raw_order_id as raw_key,
        row_status,
        quarantine_reason,
        {{ quarantine_raw_values('orders') }} as raw_values

    from classified
)

select * from final
