{#-
    Profit (利润) by period: the one definition behind fct_profit_daily and fct_profit_monthly
    (metric-definitions.md § Finance).

    - Orders are dated by created_date and stand as at as_of_date: sales, refunds and COGS of
      the orders placed in the period, whenever the refund happened.
    - Money of valid orders: sales_paid (items after discounts, no shipping), refund_amount,
      sales_net = sales_paid − refund_amount (may be negative: a refund can include shipping).
    - COGS is net of returns (int_orders.net_cogs) and unknown for an order when any of its
      lines has no unit cost. Gross profit is computed over the orders whose COGS is known
      (sales_net_with_cost − cogs_net) and NULL when the period has valid orders but none of them
      has a known cost; cost_coverage says which share of sales_net it covers, and gross_margin
      divides by the same covered sales_net, so the margin is not diluted by uncosted sales.
    - Logistics and warehouse fees: every placed (non-test) order's shipments, dated by the
      order's created_date (a fee is a cost even if the order later turned invalid).
    - Ratios over sales_net are NULL when sales_net ≤ 0 (safe_divide_positive).
    period_column: date_day | week_start | month_start.
-#}
{% macro profit_metrics(period_column) -%}

with

dates as (
    select date_day, week_start, month_start from {{ ref('int_dates') }}
),

orders as (
    select
        dates.{{ period_column }},
        orders.is_valid,
        orders.sales_amount,
        orders.refund_amount,
        orders.net_sales_amount,
        orders.net_cogs,
        orders.logistics_fee,
        orders.warehouse_fee
    from {{ ref('int_orders') }} as orders
    inner join dates on orders.created_date = dates.date_day
    where orders.is_placed
),

aggregated as (
    select
        {{ period_column }},
        {{ count_where('is_valid') }} as orders_valid,
        {{ count_where('is_valid and net_cogs is not null') }} as orders_with_cost,
        sum(case when is_valid then sales_amount else 0 end) as sales_paid,
        sum(case when is_valid then refund_amount else 0 end) as refund_amount,
        sum(case when is_valid then net_sales_amount else 0 end) as sales_net,
        sum(case when is_valid and net_cogs is not null then net_sales_amount else 0 end) as sales_net_with_cost,
        sum(case when is_valid then net_cogs else 0 end) as cogs_net,
        sum(logistics_fee) as logistics_fee,
        sum(warehouse_fee) as warehouse_fee
    from orders
    group by {{ period_column }}
),

spine as (
    select distinct {{ period_column }} from dates
),

joined as (
    select
        spine.{{ period_column }},
        coalesce(aggregated.sales_paid, 0) as sales_paid,
        coalesce(aggregated.refund_amount, 0) as refund_amount,
        coalesce(aggregated.sales_net, 0) as sales_net,
        coalesce(aggregated.sales_net_with_cost, 0) as sales_net_with_cost,
        coalesce(aggregated.cogs_net, 0) as cogs_net,
        -- over the orders with a known cost; NULL when there are orders and none is costed
        case
            when coalesce(aggregated.orders_valid, 0) = 0 or aggregated.orders_with_cost > 0
                then coalesce(aggregated.sales_net_with_cost, 0) - coalesce(aggregated.cogs_net, 0)
        end as gross_profit,
        coalesce(aggregated.logistics_fee, 0) as logistics_fee,
        coalesce(aggregated.warehouse_fee, 0) as warehouse_fee
    from spine
    left join aggregated on spine.{{ period_column }} = aggregated.{{ period_column }}
),

final as (
    select
        {{ period_column }},
        sales_paid,
        refund_amount,
        sales_net,
        sales_net_with_cost,
        cogs_net,
        gross_profit,
        {{ safe_divide_positive('gross_profit', 'sales_net_with_cost') }} as gross_margin,
        logistics_fee,
        warehouse_fee,
        {{ safe_divide_positive('logistics_fee', 'sales_net') }} as logistics_fee_ratio,
        {{ safe_divide_positive('warehouse_fee', 'sales_net') }} as warehouse_fee_ratio,
        {{ safe_divide_positive('sales_net_with_cost', 'sales_net') }} as cost_coverage
    from joined
)

select * from final

{%- endmacro %}
