-- 日报 (daily tracking): the day's headline numbers of every family in one row, and the same
-- weekday a week earlier for the ones operators compare first. Every value is read from the
-- metric's home mart ('all' rollups); nothing is recomputed here. One row per date_day.

with

dates as (
    select
        date_day,
        day_of_week,
        is_weekend,
        calendar_event,
        is_promotion_peak
    from {{ ref('dim_date') }}
),

{{ report_source('traffic', 'fct_traffic_daily', 'date_day',
    ['uv', 'pv', 'new_visitors', 'sessions', 'bounce_rate', 'avg_session_duration_s'],
    "channel = 'all' and platform = 'all'") }}

{{ report_source('conversion', 'fct_conversion_daily', 'date_day',
    ['session_conversion_rate', 'transaction_conversion_rate', 'registration_conversion_rate', 'cart_conversion_rate'],
    "channel = 'all' and platform = 'all'") }}

{{ report_source('sales', 'fct_sales_daily', 'date_day',
    ['orders_placed', 'orders_valid', 'gmv_placed', 'sales_paid', 'refund_amount', 'sales_net', 'buyers',
     'new_buyers', 'aov', 'aov_per_order', 'units_per_order', 'price_per_item'],
    "channel = 'all' and platform = 'all'") }}

{{ report_source('marketing', 'fct_marketing_daily', 'date_day',
    ['spend', 'roas', 'cac_blended'], "channel = 'all'") }}

{{ report_source('profit', 'fct_profit_daily', 'date_day', ['gross_profit', 'gross_margin']) }}

{{ report_source('members', 'fct_members_daily', 'date_day', ['new_members', 'registered_members', 'active_members']) }}

joined as (
    select
        dates.*,
        traffic.uv,
        traffic.pv,
        traffic.new_visitors,
        traffic.sessions,
        traffic.bounce_rate,
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
        sales.aov,
        sales.aov_per_order,
        sales.units_per_order,
        sales.price_per_item,
        marketing.spend,
        marketing.roas,
        marketing.cac_blended,
        profit.gross_profit,
        profit.gross_margin,
        members.new_members,
        members.registered_members,
        members.active_members
    from dates
    left join traffic on dates.date_day = traffic.date_day
    left join conversion on dates.date_day = conversion.date_day
    left join sales on dates.date_day = sales.date_day
    left join marketing on dates.date_day = marketing.date_day
    left join profit on dates.date_day = profit.date_day
    left join members on dates.date_day = members.date_day
),

final as (
    select
        *,
        {{ earlier_values(
            ['uv', 'orders_valid', 'sales_paid', 'transaction_conversion_rate', 'aov'],
            [(7, 'last_week')], 'date_day') }}
    from joined
)

select * from final
