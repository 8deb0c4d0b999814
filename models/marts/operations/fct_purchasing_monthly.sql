-- Purchasing (采购) per month start × category_l1, with the rollup 'all', dated by the month the
-- purchase order line was placed (ordered_date): distinct POs, units and amount ordered, units
-- received so far, the PO fill rate (units received / units ordered over the lines already
-- received) and the average lead time from order to receipt, in days, over the received lines.
-- A PO with SKUs of two categories counts once in each and once in 'all'.

with

purchase_lines as (
    select * from {{ ref('stg_shop__purchase_orders') }}
),

products as (
    select
        sku_id,
        category_l1
    from {{ ref('dim_products') }}
),

dates as (
    select
        date_day,
        month_start
    from {{ ref('int_dates') }}
),

lines as (
    select
        dates.month_start,
        coalesce(products.category_l1, 'unknown') as category_l1,
        purchase_lines.po_id,
        purchase_lines.quantity,
        purchase_lines.amount,
        purchase_lines.received_qty,
        purchase_lines.received_qty is not null as is_received,
        -- whole seconds, averaged before converting to days: a sum of integers does not depend
        -- on the order the engine adds rows in, so the mart is the same on every run
        case
            when purchase_lines.received_qty is not null and purchase_lines.received_at is not null
                then {{ dbt.datediff('purchase_lines.ordered_at', 'purchase_lines.received_at', 'second') }}  -- noqa: LT05
        end as lead_time_seconds
    from purchase_lines
    inner join dates on purchase_lines.ordered_date = dates.date_day
    left join products on purchase_lines.sku_id = products.sku_id
),

aggregated as (
    select
        month_start,
        {{ rollup_columns(['category_l1']) }},
        count(distinct po_id) as purchase_orders,
        cast(sum(quantity) as {{ dbt.type_bigint() }}) as units_ordered,
        sum(amount) as purchase_amount,
        cast(sum(case when is_received then received_qty else 0 end) as {{ dbt.type_bigint() }}) as units_received,
        cast(sum(case when is_received then quantity else 0 end) as {{ dbt.type_bigint() }})
            as units_ordered_received_lines,
        {{ count_where('is_received') }} as purchase_lines_received,
        avg(lead_time_seconds) / 86400.0 as avg_lead_time_days
    from lines
    group by {{ rollup_grouping_sets(['month_start'], ['category_l1']) }}
),

spine as (
    {{ rollup_spine({'category_l1': 'select category_l1 from ' ~ ref('dim_products')}, 'month_start') }}
),

final as (
    select
        spine.month_start,
        spine.category_l1,
        coalesce(aggregated.purchase_orders, 0) as purchase_orders,
        coalesce(aggregated.units_ordered, 0) as units_ordered,
        coalesce(aggregated.purchase_amount, 0) as purchase_amount,
        coalesce(aggregated.units_received, 0) as units_received,
        coalesce(aggregated.units_ordered_received_lines, 0) as units_ordered_received_lines,
        coalesce(aggregated.purchase_lines_received, 0) as purchase_lines_received,
        {{ safe_divide('aggregated.units_received', 'aggregated.units_ordered_received_lines') }} as po_fill_rate,
        aggregated.avg_lead_time_days
    from spine
    left join aggregated
        on spine.month_start = aggregated.month_start and spine.category_l1 = aggregated.category_l1
)

select * from final
