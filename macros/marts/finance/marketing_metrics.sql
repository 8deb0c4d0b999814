{#-
    Marketing efficiency (营销效率) by period × channel with an 'all' rollup: the one definition
    behind fct_marketing_daily and fct_marketing_monthly (metric-definitions.md § Finance).

    - Spend is dated by its business date (spend_date) and belongs to the channel it was booked
      on; paid_spend is the spend of channels with is_paid in seeds/channels (crm is not paid
      acquisition, but its cost is marketing cost and counts in spend and cac_blended).
    - Orders are dated by created_date and attributed to their LAST-TOUCH channel
      (int_orders.last_touch_channel: the latest session of the buyer within the lookback, else
      the channel the platform recorded). Only valid orders count.
    - New buyers: valid orders that are their buyer's first-ever valid order
      (int_orders.is_first_valid_order; a guest order is always a new buyer).
    - Gross profit of the attributed orders: sales_net − COGS net of returns, NULL when any
      attributed order of the cell has an unknown unit cost (ROI must not be overstated or
      understated silently); 0 when there is no order.
    - uv comes from its home, the traffic mart of the same grain (platform = 'all').
    Distinct counts (new buyers) are recomputed for every period and rollup, never summed.
    period_column: date_day | week_start | month_start.
-#}
{% macro marketing_metrics(period_column) -%}
{%- set traffic_models = {
    'date_day': 'fct_traffic_daily',
    'week_start': 'fct_traffic_weekly',
    'month_start': 'fct_traffic_monthly',
} -%}

with

dates as (
    select date_day, week_start, month_start from {{ ref('int_dates') }}
),

channels as (
    select channel, is_paid from {{ ref('channels') }}
),

spend as (
    select
        dates.{{ period_column }},
        marketing_spend.channel,
        marketing_spend.spend,
        marketing_spend.impressions,
        marketing_spend.clicks,
        coalesce(channels.is_paid, false) as is_paid
    from {{ ref('stg_shop__marketing_spend') }} as marketing_spend
    inner join dates on marketing_spend.spend_date = dates.date_day
    left join channels on marketing_spend.channel = channels.channel
),

spend_aggregated as (
    select
        {{ period_column }},
        {{ rollup_columns(['channel']) }},
        sum(spend) as spend,
        sum(case when is_paid then spend else 0 end) as paid_spend,
        cast(sum(impressions) as {{ dbt.type_bigint() }}) as impressions,
        cast(sum(clicks) as {{ dbt.type_bigint() }}) as clicks
    from spend
    group by {{ rollup_grouping_sets([period_column], ['channel']) }}
),

orders as (
    select
        dates.{{ period_column }},
        orders.last_touch_channel as channel,
        orders.buyer_key,
        orders.is_first_valid_order,
        orders.sales_amount,
        orders.net_sales_amount,
        orders.net_cogs
    from {{ ref('int_orders') }} as orders
    inner join dates on orders.created_date = dates.date_day
    where orders.is_valid
),

orders_aggregated as (
    select
        {{ period_column }},
        {{ rollup_columns(['channel']) }},
        count(*) as orders_attributed,
        sum(sales_amount) as sales_attributed,
        count(distinct case when is_first_valid_order then buyer_key end) as new_buyers,
        sum(net_sales_amount - net_cogs) as gross_profit_costed,
        {{ count_where('net_cogs is null') }} as orders_without_cost
    from orders
    group by {{ rollup_grouping_sets([period_column], ['channel']) }}
),

traffic as (
    select {{ period_column }}, channel, uv
    from {{ ref(traffic_models[period_column]) }}
    where platform = {{ rollup_value() }}
),

spine as (
    {{ rollup_spine({'channel': 'select channel from ' ~ ref('channels')}, period_column) }}
),

joined as (
    select
        spine.{{ period_column }},
        spine.channel,
        coalesce(channels.is_paid, false) as is_paid,
        coalesce(spend_aggregated.spend, 0) as spend,
        coalesce(spend_aggregated.paid_spend, 0) as paid_spend,
        coalesce(spend_aggregated.impressions, 0) as impressions,
        coalesce(spend_aggregated.clicks, 0) as clicks,
        coalesce(traffic.uv, 0) as uv,
        coalesce(orders_aggregated.orders_attributed, 0) as orders_attributed,
        coalesce(orders_aggregated.sales_attributed, 0) as sales_attributed,
        coalesce(orders_aggregated.new_buyers, 0) as new_buyers,
        -- NULL as soon as one attributed order has an unknown cost; 0 without orders
        case
            when coalesce(orders_aggregated.orders_without_cost, 0) = 0
                then coalesce(orders_aggregated.gross_profit_costed, 0)
        end as gross_profit_attributed
    from spine
    left join channels on spine.channel = channels.channel
    left join spend_aggregated
        on
            spine.{{ period_column }} = spend_aggregated.{{ period_column }}
            and spine.channel = spend_aggregated.channel
    left join orders_aggregated
        on
            spine.{{ period_column }} = orders_aggregated.{{ period_column }}
            and spine.channel = orders_aggregated.channel
    left join traffic
        on
            spine.{{ period_column }} = traffic.{{ period_column }}
            and spine.channel = traffic.channel
),

final as (
    select
        {{ period_column }},
        channel,
        spend,
        paid_spend,
        impressions,
        clicks,
        {{ safe_divide('spend', 'clicks') }} as cost_per_click,
        uv,
        orders_attributed,
        sales_attributed,
        new_buyers,
        gross_profit_attributed,
        -- paid CAC: a channel's own spend if it is a paid channel (NULL otherwise); for 'all',
        -- the paid spend of every channel over every new buyer
        case
            when channel = {{ rollup_value() }} then {{ safe_divide('paid_spend', 'new_buyers') }}
            when is_paid then {{ safe_divide('spend', 'new_buyers') }}
        end as cac_paid,
        {{ safe_divide('spend', 'new_buyers') }} as cac_blended,
        {{ safe_divide('spend', 'uv') }} as cost_per_visitor,
        {{ safe_divide('spend', 'orders_attributed') }} as cost_per_order,
        {{ safe_divide('spend', 'sales_attributed') }} as cost_to_sales,
        {{ safe_divide('sales_attributed', 'spend') }} as roas,
        {{ safe_divide('gross_profit_attributed - spend', 'spend') }} as roi
    from joined
)

select * from final

{%- endmacro %}
