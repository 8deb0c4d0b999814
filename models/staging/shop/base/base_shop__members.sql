-- Every raw member row, parsed, checked and resolved. Members are a CDC export: the
-- latest valid version of a member wins. PII is masked here and never leaves staging in
-- clear, not even in the quarantine's raw values.

with

source as (
    select * from {{ source('shop', 'members') }}
),

channel_codes as (
    select
        raw_code,
        code
    from {{ ref('code_mapping') }}
    where code_type = 'channel'
),

gender_codes as (
    select
        raw_code,
        code
    from {{ ref('code_mapping') }}
    where code_type = 'gender'
),

raw_text as (
    select {{ raw_text_columns('members') }}
    from source
),

parsed as (
    select
        raw_text.*,
        {{ raw_row_fingerprint('members') }} as row_fingerprint,

        ---------- ids
        raw_text.raw_member_id as member_id,

        ---------- codes and strings
        coalesce(channel_codes.code, 'unknown') as acquisition_channel,
        coalesce(gender_codes.code, 'unknown') as gender,
        raw_text.raw_province as province,
        raw_text.raw_city as city,

        ---------- PII, masked
        {{ mask_phone(regex_replace_all('raw_text.raw_phone', '[^0-9]', '')) }} as phone_masked,
        {{ mask_email('raw_text.raw_email') }} as email_masked,
        {{ mask_prefix('raw_text.raw_real_name', 1) }} as real_name_masked,
        {{ mask_prefix('raw_text.raw_address', 6) }} as address_masked,

        ---------- dates: an unparseable birth date is optional data, so it becomes empty
        -- rather than costing the member row (exports often hold '0000-00-00').
        cast(extract(year from {{ parse_date('raw_text.raw_birth_date') }}) as integer) as birth_year,

        ---------- timestamps (UTC)
        {{ parse_timestamp('raw_text.raw_registered_at') }} as registered_at,
        {{ parse_timestamp('raw_text.raw_updated_at') }} as updated_at

    from raw_text
    left join channel_codes on lower(raw_text.raw_acquisition_channel) = channel_codes.raw_code
    left join gender_codes on lower(raw_text.raw_gender) = gender_codes.raw_code
),

checked as (
    select
        *,
        {{ first_failing_rule([
            ("member_id is null", "missing_key"),
            (malformed_ids(["member_id"]), "malformed_key"),
            ("registered_at is null or updated_at is null", "invalid_timestamp"),
            (after_load_time(["registered_at", "updated_at"]), "future_timestamp"),
        ]) }} as row_rule
    from parsed
),

resolved as (
    {{ resolve_rows('checked', ['member_id'], 'row_rule is null', 'updated_at desc') }}
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
        {{ hash_member_id('member_id') }} as member_key,

        ---------- codes and strings
        acquisition_channel,
        gender,
        province,
        city,
        birth_year,

        ---------- PII, masked
        phone_masked,
        email_masked,
        real_name_masked,
        address_masked,

        ---------- timestamps (UTC) and business dates
        registered_at,
        {{ to_business_date('registered_at') }} as registered_date,
        updated_at,

        ---------- row accounting
        raw_member_id as raw_key,
        row_status,
        quarantine_reason,
        {{ quarantine_raw_values('members', masked={
            'phone': 'phone_masked', 'email': 'email_masked',
            'real_name': 'real_name_masked', 'address': 'address_masked'}) }} as raw_values

    from classified
)

select * from final
