-- 周报 (weekly analysis): the week's headline numbers of every family (distinct counts recomputed
-- for the week in the weekly marts, never summed from days), and the previous week for the
-- ones operators compare first. One row per week_start (Monday).

with

weeks as (
    select distinct week_start from {{ ref('dim_date') }}
),

{{ report_source('traffic', 'fct_traffic_weekly', 'week_start',
    ['uv', 'pv', 'new_visitors', 'returning_visitors', 'sessions', 'bounce_rate', 'pages_per_session',
     'avg_session_duration_s'],
    "channel = 'all' and platform = 'all'") }}

{{ report_source('conversion', 'fct_conversion_weekly', 'week_start',
    ['session_conversion_rate', 'transaction_conversion_rate', 'registration_conversion_rate', 'cart_conversion_rate'],
    "channel = 'all' and platform = 'all'") }}

{{ report_source('sales', 'fct_sales_weekly', 'week_start',
    ['orders_placed', 'orders_valid', 'gmv_placed', 'sales_paid', 'refund_amount', 'sales_net', 'buyers',
     'new_buyers', 'returning_buyers', 'aov', 'aov_per_order', 'units_per_order', 'price_per_item'],
    "channel = 'all' and platform = 'all'") }}

{{ report_source('marketing', 'fct_marketing_weekly', 'week_start',
    ['spend', 'cac_paid', 'cac_blended', 'cost_per_visitor', 'roas', 'roi'],
    "channel = 'all'") }}

{{ report_source('profit', 'fct_profit_weekly', 'week_start',
    ['gross_profit', 'gross_margin', 'logistics_fee_ratio', 'warehouse_fee_ratio']) }}

joined as (
    select
        weeks.week_start,
        traffic.uv,
        traffic.pv,
        traffic.new_visitors,
        traffic.returning_visitors,
        traffic.sessions,
        traffic.bounce_rate,
        traffic.pages_per_session,
        traffic.avg_session_duration_s,
        conversion.session_conversion_rate,
        conversion.transaction_conversion_rate,
        conversion.registration_conversion_rate,
        conversion.cart_conversion_rate,
        sales.orders_placed,
        sales.orders_valid,
        sales.gmv_placed,
        sales.sales_paid,
        sales.refund_amount,
        sales.sales_net,
        sales.buyers,
        sales.new_buyers,
        sales.returning_buyers,
        sales.aov,
        sales.aov_per_order,
        sales.units_per_order,
        sales.price_per_item,
        marketing.spend,
        marketing.cac_paid,
        marketing.cac_blended,
        marketing.cost_per_visitor,
        marketing.roas,
        marketing.roi,
        profit.gross_profit,
        profit.gross_margin,
        profit.logistics_fee_ratio,
        profit.warehouse_fee_ratio
    from weeks
    left join traffic on weeks.week_start = traffic.week_start
    left join conversion on weeks.week_start = conversion.week_start
    left join sales on weeks.week_start = sales.week_start
    left join marketing on weeks.week_start = marketing.week_start
    left join profit on weeks.week_start = profit.week_start
),

final as (
    select
        *,
        {{ earlier_values(
            ['uv', 'transaction_conversion_rate', 'orders_valid', 'sales_paid', 'aov', 'roas'],
            [(1, 'previous_week')], 'week_start') }}
    from joined
)

select * from final
