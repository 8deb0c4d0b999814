-- RFM scores of the buyers of the last rfm_window_days (365) up to as_of_date, and their
-- segment. R = days since the last valid order, F = valid orders, M = sales_net, all within
-- the window. R and M are quintiles by rank, so tied values share a score (recency reversed:
-- 5 = most recent); F uses fixed order-count thresholds because most buyers tie at one order.
-- The segment is the first rule of seeds/rfm_segments.csv (by priority) the scores meet.
-- One row per buyer.

{%- set f_thresholds = var('rfm_frequency_thresholds') %}

with

as_of as (
    select as_of_date from {{ ref('int_as_of_date') }}
),

window_orders as (
    select
        orders.member_key,
        orders.created_date,
        orders.net_sales_amount
    from {{ ref('int_orders') }} as orders
    cross join as_of
    where
        orders.is_valid
        and orders.member_key is not null
        and orders.created_date > {{ dbt.dateadd('day', -var('rfm_window_days'), 'as_of.as_of_date') }}
        and orders.created_date <= as_of.as_of_date
),

buyers as (
    select
        window_orders.member_key,
        -- (noqa: LT05 counts dbt.datediff's multi-line duckdb rendering as one long line)
        {{ dbt.datediff('max(window_orders.created_date)', 'max(as_of.as_of_date)', 'day') }}  -- noqa: LT05
            as recency_days,
        count(*) as frequency,
        sum(window_orders.net_sales_amount) as monetary
    from window_orders
    cross join as_of
    group by window_orders.member_key
),

scored as (
    select
        *,
        5 - cast(floor(5.0 * (rank() over (order by recency_days) - 1) / count(*) over ()) as integer) as r_score,
        case
            {%- for threshold in f_thresholds | reverse %}
            when frequency >= {{ threshold }} then {{ f_thresholds | length + 1 - loop.index0 }}
            {%- endfor %}
            else 1
        end as f_score,
        1 + cast(floor(5.0 * (rank() over (order by monetary) - 1) / count(*) over ()) as integer) as m_score
    from buyers
),

segmented as (
    select
        scored.*,
        segments.rfm_segment,
        segments.rfm_segment_name_zh,
        row_number() over (partition by scored.member_key order by segments.priority) as rule_rank
    from scored
    inner join {{ ref('rfm_segments') }} as segments
        on
            scored.r_score between segments.r_score_min and segments.r_score_max
            and scored.f_score between segments.f_score_min and segments.f_score_max
            and scored.m_score between segments.m_score_min and segments.m_score_max
),

final as (
    select
        member_key,
        recency_days,
        frequency,
        monetary,
        r_score,
        f_score,
        m_score,
        {{ dbt.concat(['cast(r_score as ' ~ dbt.type_string() ~ ')', 'cast(f_score as ' ~ dbt.type_string() ~ ')',
            'cast(m_score as ' ~ dbt.type_string() ~ ')']) }} as rfm_code,
        rfm_segment,
        rfm_segment_name_zh
    from segmented
    where rule_rank = 1
)

select * from final
