-- Client platforms (平台) for BI: one row per platform of seeds/platforms.csv with its Chinese
-- name, plus the rollup row 'all' that every fact by platform carries.

with

platforms as (
    select * from {{ ref('platforms') }}
),

final as (
    select
        platform,
        platform_name_zh,
        false as is_rollup,
        description
    from platforms

    union all

    select
        {{ rollup_value() }} as platform,
        '全部平台' as platform_name_zh,
        true as is_rollup,
        'Rollup row: all platforms together (distinct counts recomputed, not summed)' as description
)

select * from final
