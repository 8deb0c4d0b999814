-- Every raw CRM touch (push / SMS / e-mail to a member), parsed, checked and resolved.

with

-- inlined, not materialized: each reader scans the raw files again (cheap, columnar)
source as {{ not_materialized() }} (
    select * from {{ source('shop', 'campaign_touches') }}
),

raw_text as {{ not_materialized() }} (
    select {{ raw_text_columns('campaign_touches') }}
    from source
),

{{ flag_repeated_keys('raw_text', 'raw_touch_id') }},

parsed as {{ not_materialized() }} (
    select
        *,
        {{ raw_row_fingerprint('campaign_touches') }} as row_fingerprint,

        ---------- ids
        raw_touch_id as touch_id,
        raw_campaign_id as campaign_id,
        raw_member_id as member_id,

        ---------- timestamps (UTC)
        {{ parse_timestamp('raw_sent_at') }} as sent_at,
        {{ parse_timestamp('raw_delivered_at') }} as delivered_at,
        {{ parse_timestamp('raw_opened_at') }} as opened_at,
        {{ parse_timestamp('raw_clicked_at') }} as clicked_at

    from flagged
),

checked as {{ not_materialized() }} (
    select
        *,
        {{ first_failing_rule([
            ("touch_id is null or campaign_id is null or member_id is null", "missing_key"),
            (malformed_ids(["touch_id", "campaign_id", "member_id"]), "malformed_key"),
            ("sent_at is null or " ~ failed_to_parse(["delivered_at", "opened_at", "clicked_at"]), "invalid_timestamp"),
            (after_load_time(["sent_at", "delivered_at", "opened_at", "clicked_at"]), "future_timestamp"),
            ("delivered_at < sent_at or opened_at < sent_at or clicked_at < sent_at", "inconsistent_timestamps"),
        ]) }} as row_rule
    from parsed
),

resolved as (
    {{ resolve_rows('checked', ['touch_id'], 'row_rule is null', 'sent_at', repeated_flag='is_repeated_key') }}
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
        touch_id,
        campaign_id,
        {{ hash_member_id('member_id') }} as member_key,

        ---------- timestamps (UTC) and business dates
        sent_at,
        {{ to_business_date('sent_at') }} as sent_date,
        delivered_at,
        opened_at,
        clicked_at,

        ---------- row accounting
        raw_touch_id as raw_key,
        row_status,
        quarantine_reason,
        {{ quarantine_raw_values('campaign_touches') }} as raw_values

    from classified
)

select * from final
