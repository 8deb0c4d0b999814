-- Every raw return / refund request, parsed, checked and resolved. A return must belong to
-- a clean order, and an order's refunds may not exceed what was paid for it.

with

source as (
    select * from {{ source('shop', 'returns') }}
),

orders as (
    select
        order_id,
        pay_amount
    from {{ ref('stg_shop__orders') }}
),

return_status_codes as (
    select
        code_mapping.raw_code,
        code_mapping.code as return_status,
        return_statuses.is_refunded
    from {{ ref('code_mapping') }} as code_mapping
    inner join {{ ref('return_statuses') }} as return_statuses
        on code_mapping.code = return_statuses.return_status
    where code_mapping.code_type = 'return_status'
),

raw_text as (
    select {{ raw_text_columns('returns') }}
    from source
),

parsed as (
    select
        raw_text.*,
        {{ raw_row_fingerprint('returns') }} as row_fingerprint,

        ---------- ids
        raw_text.raw_return_id as return_id,
        raw_text.raw_order_id as order_id,
        raw_text.raw_sku_id as sku_id,

        ---------- codes and strings
        return_status_codes.return_status,
        return_status_codes.is_refunded,
        raw_text.raw_reason as reason,

        ---------- numerics
        {{ parse_integer('raw_text.raw_quantity') }} as quantity,
        {{ parse_money('raw_text.raw_refund_amount') }} as refund_amount,

        ---------- timestamps (UTC)
        {{ parse_timestamp('raw_text.raw_requested_at') }} as requested_at,
        {{ parse_timestamp('raw_text.raw_completed_at') }} as completed_at

    from raw_text
    left join return_status_codes on lower(raw_text.raw_status) = return_status_codes.raw_code
),

checked as (
    select
        *,
        {{ first_failing_rule([
            ("return_id is null or order_id is null", "missing_key"),
            (malformed_ids(["return_id", "order_id", "sku_id"]), "malformed_key"),
            ("requested_at is null or " ~ failed_to_parse(["completed_at"]), "invalid_timestamp"),
            (after_load_time(["requested_at", "completed_at"]), "future_timestamp"),
            ("return_status is null", "unknown_code"),
            ("quantity is null or refund_amount is null", "invalid_value"),
            ("refund_amount < 0", "negative_amount"),
            ("quantity <= 0", "non_positive_quantity"),
            ("completed_at < requested_at", "inconsistent_timestamps"),
        ]) }} as row_rule
    from parsed
),

resolved as (
    {{ resolve_rows('checked', ['return_id'], 'row_rule is null', 'requested_at') }}
),

order_checked as (
    select
        resolved.*,
        orders.pay_amount as order_pay_amount,
        case when orders.order_id is null then 'orphan_reference' end as orphan_rule,
        -- Only returns that stand so far, and are not rejected or withdrawn, claim money.
        not resolved.is_exact_copy
        and resolved.row_rule is null
        and resolved.key_rank = 1
        and orders.order_id is not null
        and resolved.return_status not in ('rejected', 'cancelled') as claims_refund
    from resolved
    left join orders on resolved.order_id = orders.order_id
),

-- Refunds of an order in request order; the return that pushes the total past the payment
-- (and any after it) cannot be booked.
refund_checked as (
    select
        *,
        sum(case when claims_refund then refund_amount else 0 end) over (
            partition by order_id
            order by requested_at, return_id
            rows between unbounded preceding and current row
        ) as order_refund_running_total
    from order_checked
),

classified as (
    select
        *,
        {{ row_status('row_rule', 'related_rule') }} as row_status,
        {{ quarantine_reason('row_rule', 'related_rule') }} as quarantine_reason
    from (
        select
            *,
            coalesce(
                orphan_rule,
                case
                    when claims_refund and order_refund_running_total > order_pay_amount
                        then 'refund_exceeds_payment'
                end
            ) as related_rule
        from refund_checked
    ) as related
),

final as (
    select
        ---------- ids
        return_id,
        order_id,
        sku_id,

        ---------- codes and strings
        return_status,
        is_refunded,
        reason,

        ---------- numerics
        quantity,
        refund_amount,

        ---------- timestamps (UTC) and business dates
        requested_at,
        {{ to_business_date('requested_at') }} as requested_date,
        completed_at,
        {{ to_business_date('completed_at') }} as completed_date,

        ---------- row accounting
        raw_return_id as raw_key,
        row_status,
        quarantine_reason,
        {{ quarantine_raw_values('returns') }} as raw_values

    from classified
)

select * from final
