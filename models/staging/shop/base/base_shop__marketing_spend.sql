-- Every raw marketing spend row (channel × campaign × day), parsed, checked and resolved.

with

source as (
    select * from {{ source('shop', 'marketing_spend') }}
),

channel_codes as (
    select
        raw_code,
        code
    from {{ ref('code_mapping') }}
    where code_type = 'channel'
),

raw_text as (
    select {{ raw_text_columns('marketing_spend') }}
    from source
),

parsed as (
    select
        raw_text.*,
        {{ raw_row_fingerprint('marketing_spend') }} as row_fingerprint,

        ---------- ids and codes
        -- the key: the mapped channel, so 'SEM' and 'paid_search' rows of one day and campaign
        -- are one key (a conflict), never two clean rows counting the spend twice
        coalesce(channel_codes.code, lower(raw_text.raw_channel)) as channel_code,
        coalesce(channel_codes.code, 'unknown') as channel,
        raw_text.raw_campaign_id as campaign_id,

        ---------- numerics
        {{ parse_money('raw_text.raw_spend') }} as spend,
        {{ parse_integer('raw_text.raw_impressions') }} as impressions,
        {{ parse_integer('raw_text.raw_clicks') }} as clicks,

        ---------- dates (business-local)
        {{ parse_date('raw_text.raw_spend_date') }} as spend_date

    from raw_text
    left join channel_codes on lower(raw_text.raw_channel) = channel_codes.raw_code
),

checked as (
    select
        *,
        {{ first_failing_rule([
            ("raw_spend_date is null or channel_code is null or campaign_id is null", "missing_key"),
            (malformed_ids(["campaign_id"]), "malformed_key"),
            ("spend_date is null", "invalid_timestamp"),
            (after_load_date(["spend_date"]), "future_timestamp"),
            ("spend is null or " ~ failed_to_parse(["impressions", "clicks"]), "invalid_value"),
            ("spend < 0 or impressions < 0 or clicks < 0", "negative_amount"),
        ]) }} as row_rule
    from parsed
),

resolved as (
    {{ resolve_rows('checked', ['spend_date', 'channel_code', 'campaign_id'], 'row_rule is null', 'spend desc') }}
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
        ---------- ids and codes
        channel,
        campaign_id,

        ---------- numerics
        spend,
        coalesce(impressions, 0) as impressions,
        coalesce(clicks, 0) as clicks,

        ---------- dates (business-local)
        spend_date,

        ---------- row accounting
        {{ dbt.concat(["coalesce(raw_spend_date, '')", "'|'", "coalesce(raw_channel, '')",
            "'|'", "coalesce(raw_campaign_id, '')"]) }} as raw_key,
        row_status,
        quarantine_reason,
        {{ quarantine_raw_values('marketing_spend') }} as raw_values

    from classified
)

select * from final
