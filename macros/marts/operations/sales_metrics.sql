{#-
    Sales metrics (销售指标) by period × dimensions with 'all' rollups: the one definition behind
    fct_sales_daily, _weekly and _monthly (channel × platform) and fct_sales_decomposition_daily
    and _monthly (buyer_type) (metric-definitions.md § Operations and § Conventions).

    - Orders are dated by creation (created_date): every figure of a period is about the orders
      placed in it, as they stand at as_of_date (a refund of a later day lowers sales_net of the
      day the order was placed).
    - States: placed = non-test; valid = paid, not cancelled / closed / fraud, not test; invalid =
      every order with an invalid_reason (unpaid_timeout, cancelled, fraud and test: test orders
      are outside placed but counted among the invalid), pending = placed, neither valid nor
      invalid yet. Hence orders_placed + orders_invalid_test = orders_valid + orders_invalid +
      orders_pending.
    - Money is item amounts after discounts, without shipping (int_orders.sales_amount);
      refund_amount is the completed refunds of the period's valid orders; sales_net =
      sales_paid − refund_amount.
    - Buyers are distinct buyer_key with a valid order (a guest order is its own buyer),
      recomputed for every period and rollup, never summed. A buyer is new in a period when
      their first-ever valid order falls in it, returning when they had a valid order in an
      earlier period (buyer_type of each order: 'returning' iff the buyer's first valid order
      is in an earlier period, else 'new'), so new + returning = buyers in every slice.

    sales_metrics_ctes(period_column, dimensions) emits the CTEs (ending with `sales_metrics`),
    for models that add columns of their own; sales_metrics() is the whole query.
    period_column: date_day | week_start | month_start. dimensions: a mapping from a column of
    the classified orders (channel, platform or buyer_type) to the SQL query listing its values
    for the spine.
-#}

{#- The spine values of buyer_type (the decomposition's split). -#}
{% macro sales_buyer_types() -%}
    select 'new' as buyer_type union all select 'returning' as buyer_type
{%- endmacro %}

{% macro sales_metrics(period_column, dimensions=none) -%}
{%- set dimensions = dimensions or {
    'channel': 'select channel from ' ~ ref('channels'),
    'platform': 'select platform from ' ~ ref('platforms'),
} %}

with

{{ sales_metrics_ctes(period_column, dimensions) }}

select * from sales_metrics

{%- endmacro %}

{% macro sales_metrics_ctes(period_column, dimensions) -%}
{%- set names = dimensions.keys() | list %}

sales_orders as (
    select
        order_id,
        buyer_key,
        is_test,
        is_placed,
        is_valid,
        is_pending,
        invalid_reason,
        coalesce(last_touch_channel, 'unknown') as channel,
        coalesce(platform, 'unknown') as platform,
        sales_amount,
        refund_amount,
        units,
        created_date
    from {{ ref('int_orders') }}
),

sales_first_valid_orders as (
    select
        buyer_key,
        created_date as first_valid_date
    from {{ ref('int_orders') }}
    where is_first_valid_order
),

sales_dates as (
    select date_day, week_start, month_start from {{ ref('int_dates') }}
),

sales_classified as (
    select
        order_period.{{ period_column }},
        sales_orders.*,
        -- returning: the buyer's first valid order lies in an earlier period; else new
        case
            when first_valid_period.{{ period_column }} < order_period.{{ period_column }} then 'returning'
            else 'new'
        end as buyer_type
    from sales_orders
    inner join sales_dates as order_period on sales_orders.created_date = order_period.date_day
    left join sales_first_valid_orders on sales_orders.buyer_key = sales_first_valid_orders.buyer_key
    left join sales_dates as first_valid_period
        on sales_first_valid_orders.first_valid_date = first_valid_period.date_day
),

sales_aggregated as (
    select
        {{ period_column }},
        {{ rollup_columns(names) }},
        {{ count_where('is_placed') }} as orders_placed,
        {{ count_where('is_valid') }} as orders_valid,
        {{ count_where('invalid_reason is not null') }} as orders_invalid,
        {{ count_where("invalid_reason = 'unpaid_timeout'") }} as orders_invalid_unpaid,
        {{ count_where("invalid_reason = 'cancelled'") }} as orders_invalid_cancelled,
        {{ count_where("invalid_reason = 'fraud'") }} as orders_invalid_fraud,
        {{ count_where("invalid_reason = 'test'") }} as orders_invalid_test,
        {{ count_where('is_pending') }} as orders_pending,
        sum(case when is_placed then sales_amount else 0 end) as gmv_placed,
        sum(case when is_valid then sales_amount else 0 end) as sales_paid,
        sum(case when is_valid then refund_amount else 0 end) as refund_amount,
        count(distinct case when is_valid then buyer_key end) as buyers,
        count(distinct case when is_valid and buyer_type = 'new' then buyer_key end) as new_buyers,
        cast(sum(case when is_valid then units else 0 end) as {{ dbt.type_bigint() }}) as units
    from sales_classified
    group by {{ rollup_grouping_sets([period_column], names) }}
),

sales_spine as (
    {{ rollup_spine(dimensions, period_column) }}
),

sales_metrics as (
    select
        sales_spine.{{ period_column }},
        {%- for name in names %}
        sales_spine.{{ name }},
        {%- endfor %}
        coalesce(sales_aggregated.orders_placed, 0) as orders_placed,
        coalesce(sales_aggregated.orders_valid, 0) as orders_valid,
        coalesce(sales_aggregated.orders_invalid, 0) as orders_invalid,
        coalesce(sales_aggregated.orders_invalid_unpaid, 0) as orders_invalid_unpaid,
        coalesce(sales_aggregated.orders_invalid_cancelled, 0) as orders_invalid_cancelled,
        coalesce(sales_aggregated.orders_invalid_fraud, 0) as orders_invalid_fraud,
        coalesce(sales_aggregated.orders_invalid_test, 0) as orders_invalid_test,
        coalesce(sales_aggregated.orders_pending, 0) as orders_pending,
        coalesce(sales_aggregated.gmv_placed, 0) as gmv_placed,
        coalesce(sales_aggregated.sales_paid, 0) as sales_paid,
        coalesce(sales_aggregated.refund_amount, 0) as refund_amount,
        coalesce(sales_aggregated.sales_paid, 0) - coalesce(sales_aggregated.refund_amount, 0) as sales_net,
        coalesce(sales_aggregated.buyers, 0) as buyers,
        coalesce(sales_aggregated.new_buyers, 0) as new_buyers,
        coalesce(sales_aggregated.buyers, 0) - coalesce(sales_aggregated.new_buyers, 0) as returning_buyers,
        coalesce(sales_aggregated.units, 0) as units,
        {{ safe_divide('sales_aggregated.sales_paid', 'sales_aggregated.buyers') }} as aov,
        {{ safe_divide('sales_aggregated.sales_paid', 'sales_aggregated.orders_valid') }} as aov_per_order,
        {{ safe_divide('sales_aggregated.sales_paid', 'sales_aggregated.units') }} as price_per_item,
        {{ safe_divide('sales_aggregated.units', 'sales_aggregated.orders_valid') }} as units_per_order
    from sales_spine
    left join sales_aggregated
        on
            sales_spine.{{ period_column }} = sales_aggregated.{{ period_column }}
            {%- for name in names %}
            and sales_spine.{{ name }} = sales_aggregated.{{ name }}
            {%- endfor %}
)

{%- endmacro %}
