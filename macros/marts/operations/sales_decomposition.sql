{#-
    The sales decomposition (销售额拆解) by period × buyer_type (new, returning, all): the one
    definition behind fct_sales_decomposition_daily and _monthly (metric-definitions.md § Operations).

        sales_paid = uv × order_conversion_rate × price_per_item × units_per_order
                   = uv × (orders_valid / uv) × (sales_paid / units) × (units / orders_valid)

    orders_valid, units, sales_paid, buyers, price_per_item and units_per_order come from the
    sales metrics (macro sales_metrics, split by buyer_type: new = first-ever valid order in the
    period). uv has its home in traffic and is read from fct_traffic_<grain> at channel =
    platform = 'all': the site's visitors of the period, the same for every buyer_type row
    (visitors cannot be split into new and returning buyers before they buy).
    period_column: date_day | month_start.
-#}
{% macro sales_decomposition(period_column) -%}

{%- set traffic_model = {
    'date_day': 'fct_traffic_daily',
    'week_start': 'fct_traffic_weekly',
    'month_start': 'fct_traffic_monthly',
}[period_column] %}

with

{{ sales_metrics_ctes(period_column, {'buyer_type': sales_buyer_types()}) }},

traffic as (
    select {{ period_column }}, uv
    from {{ ref(traffic_model) }}
    where channel = {{ rollup_value() }} and platform = {{ rollup_value() }}
),

final as (
    select
        sales_metrics.{{ period_column }},
        sales_metrics.buyer_type,
        coalesce(traffic.uv, 0) as uv,
        sales_metrics.orders_valid,
        sales_metrics.buyers,
        sales_metrics.units,
        sales_metrics.sales_paid,
        {{ safe_divide('sales_metrics.orders_valid', 'traffic.uv') }} as order_conversion_rate,
        sales_metrics.price_per_item,
        sales_metrics.units_per_order
    from sales_metrics
    left join traffic on sales_metrics.{{ period_column }} = traffic.{{ period_column }}
)

select * from final

{%- endmacro %}
