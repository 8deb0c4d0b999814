-- Channel quadrants (渠道四象限) per month start × channel: traffic (uv, x) against transaction
-- conversion (y), each compared with its all-channel average over the channels with uv > 0
-- in the month, and the bubble size roas (sales_paid / spend, from finance).
--   average uv: the simple mean of the channels' uv (the size of an average channel);
--   average conversion: the uv-weighted mean of the channels' rates,
--     Σ buying_visitors / Σ uv (the conversion of an average visitor, not of a tiny channel).
-- A value equal to its average counts as high. Quadrants: 1 high traffic & high conversion
-- (明星渠道), 2 low traffic & high conversion (潜力渠道), 3 low traffic & low conversion
-- (问题渠道), 4 high traffic & low conversion (引流渠道); NULL for a channel with no uv.

with

traffic as (
    select
        month_start,
        channel,
        uv
    from {{ ref('fct_traffic_monthly') }}
    where platform = 'all' and channel != 'all'
),

conversion as (
    select
        month_start,
        channel,
        buying_visitors,
        transaction_conversion_rate
    from {{ ref('fct_conversion_monthly') }}
    where platform = 'all' and channel != 'all'
),

marketing as (
    select
        month_start,
        channel,
        roas
    from {{ ref('fct_marketing_monthly') }}
    where channel != 'all'
),

channel_months as (
    select
        traffic.month_start,
        traffic.channel,
        traffic.uv,
        conversion.buying_visitors,
        conversion.transaction_conversion_rate
    from traffic
    inner join conversion
        on
            traffic.month_start = conversion.month_start
            and traffic.channel = conversion.channel
),

averages as (
    select
        month_start,
        avg(uv) as avg_uv,
        {{ safe_divide('sum(buying_visitors)', 'sum(uv)') }} as avg_transaction_conversion_rate
    from channel_months
    where uv > 0
    group by month_start
),

quadrants as (
    select
        channel_months.month_start,
        channel_months.channel,
        channel_months.uv,
        channel_months.transaction_conversion_rate,
        averages.avg_uv,
        averages.avg_transaction_conversion_rate,
        case
            when channel_months.uv = 0 then null
            when channel_months.uv >= averages.avg_uv
                and channel_months.transaction_conversion_rate >= averages.avg_transaction_conversion_rate then 1
            when channel_months.transaction_conversion_rate >= averages.avg_transaction_conversion_rate then 2
            when channel_months.uv < averages.avg_uv then 3
            else 4
        end as channel_quadrant,
        marketing.roas
    from channel_months
    left join averages on channel_months.month_start = averages.month_start
    left join marketing
        on
            channel_months.month_start = marketing.month_start
            and channel_months.channel = marketing.channel
),

final as (
    select
        month_start,
        channel,
        uv,
        transaction_conversion_rate,
        avg_uv,
        avg_transaction_conversion_rate,
        channel_quadrant,
        case channel_quadrant
            when 1 then '明星渠道'
            when 2 then '潜力渠道'
            when 3 then '问题渠道'
            when 4 then '引流渠道'
        end as quadrant_name_zh,
        roas
    from quadrants
)

select * from final
