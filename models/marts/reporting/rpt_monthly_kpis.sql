-- 月报 (monthly KPIs): the month's key numbers of all five families in one row — traffic,
-- conversion, sales, membership, inventory, marketing and profit — with the previous month and
-- the same month a year earlier for the headline ones. Member counts are taken on the month's
-- last day of data. Every value is read from the metric's home mart. One row per month_start.

with

months as (
    select
        month_start,
        max(date_day) as month_last_date
    from {{ ref('dim_date') }}
    group by month_start
),

{{ report_source('traffic', 'fct_traffic_monthly', 'month_start',
    ['uv', 'pv', 'new_visitors', 'sessions', 'bounce_rate', 'pages_per_visitor'],
    "channel = 'all' and platform = 'all'") }}

{{ report_source('conversion', 'fct_conversion_monthly', 'month_start',
    ['session_conversion_rate', 'transaction_conversion_rate', 'registration_conversion_rate'],
    "channel = 'all' and platform = 'all'") }}

{{ report_source('sales', 'fct_sales_monthly', 'month_start',
    ['orders_placed', 'orders_valid', 'orders_invalid', 'gmv_placed', 'sales_paid', 'refund_amount', 'sales_net',
     'buyers', 'new_buyers', 'returning_buyers', 'aov', 'aov_per_order', 'units_per_order', 'price_per_item'],
    "channel = 'all' and platform = 'all'") }}

{{ report_source('repurchase', 'fct_repurchase_monthly', 'month_start',
    ['repurchase_rate', 'avg_purchases_per_buyer', 'buyback_rate']) }}

{{ report_source('member_value', 'fct_member_value_monthly', 'month_start', ['arpu', 'arppu']) }}

members as (
    select
        date_day,
        registered_members,
        effective_members,
        active_members,
        active_ratio
    from {{ ref('fct_members_daily') }}
),

{{ report_source('sell_through', 'fct_sku_sell_through_monthly', 'month_start',
    ['sku_sell_through'], "category_l1 = 'all'") }}

{{ report_source('inventory', 'fct_inventory_monthly', 'month_start',
    ['sell_out_rate', 'inventory_turnover', 'days_of_inventory'], "category_l1 = 'all'") }}

{{ report_source('marketing', 'fct_marketing_monthly', 'month_start',
    ['spend', 'cac_paid', 'cac_blended', 'cost_to_sales', 'roas', 'roi'], "channel = 'all'") }}

{{ report_source('profit', 'fct_profit_monthly', 'month_start',
    ['gross_profit', 'gross_margin', 'logistics_fee_ratio', 'warehouse_fee_ratio']) }}

joined as (
    select
        months.month_start,
        traffic.uv,
        traffic.pv,
        traffic.new_visitors,
        traffic.sessions,
        traffic.bounce_rate,
        traffic.pages_per_visitor,
        conversion.session_conversion_rate,
        conversion.transaction_conversion_rate,
        conversion.registration_conversion_rate,
        sales.orders_placed,
        sales.orders_valid,
        sales.orders_invalid,
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
        repurchase.repurchase_rate,
        repurchase.avg_purchases_per_buyer,
        repurchase.buyback_rate,
        member_value.arpu,
        member_value.arppu,
        members.registered_members,
        members.effective_members,
        members.active_members,
        members.active_ratio,
        sell_through.sku_sell_through,
        inventory.sell_out_rate,
        inventory.inventory_turnover,
        inventory.days_of_inventory,
        marketing.spend,
        marketing.cac_paid,
        marketing.cac_blended,
        marketing.cost_to_sales,
        marketing.roas,
        marketing.roi,
        profit.gross_profit,
        profit.gross_margin,
        profit.logistics_fee_ratio,
        profit.warehouse_fee_ratio
    from months
    left join traffic on months.month_start = traffic.month_start
    left join conversion on months.month_start = conversion.month_start
    left join sales on months.month_start = sales.month_start
    left join repurchase on months.month_start = repurchase.month_start
    left join member_value on months.month_start = member_value.month_start
    left join members on months.month_last_date = members.date_day
    left join sell_through on months.month_start = sell_through.month_start
    left join inventory on months.month_start = inventory.month_start
    left join marketing on months.month_start = marketing.month_start
    left join profit on months.month_start = profit.month_start
),

final as (
    select
        *,
        {{ earlier_values(
            ['uv', 'transaction_conversion_rate', 'sales_paid', 'buyers', 'aov', 'repurchase_rate', 'roas'],
            [(1, 'previous_month'), (12, 'last_year')], 'month_start') }}
    from joined
)

select * from final
