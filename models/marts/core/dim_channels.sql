-- Marketing channels (渠道) for BI: one row per channel of seeds/channels.csv with its Chinese
-- name, group and paid flag, plus the rollup row 'all' that every fact by channel carries, so
-- facts join to this dimension without losing their totals.

with

channels as (
    select * from {{ ref('channels') }}
),

final as (
    select
        channel,
        channel_name_zh,
        channel_group,
        is_paid,
        false as is_rollup,
        description
    from channels

    union all

    select
        {{ rollup_value() }} as channel,
        '全部渠道' as channel_name_zh,
        {{ rollup_value() }} as channel_group,
        cast(null as boolean) as is_paid,
        true as is_rollup,
        'Rollup row: all channels together (distinct counts recomputed, not summed)' as description
)

select * from final
