-- Each SKU on each day of the data: whether it was on sale, what it sold (valid orders, by
-- order date), what was received from purchasing, and its end-of-day stock at cost (Σ over
-- warehouses). The building block of sell-through, sell-out, turnover and days of inventory.
-- One row per SKU × business date, for SKUs that exist in products, orders or stock.

with

dates as (
    select date_day from {{ ref('int_dates') }}
),

products as (
    select * from {{ ref('stg_shop__products') }}
),

sales as (
    select
        lines.sku_id,
        orders.created_date as date_day,
        cast(sum(lines.quantity) as {{ dbt.type_bigint() }}) as units_sold,
        sum(lines.line_amount) as sales_paid,
        sum(lines.line_cogs) as cogs,
        count(distinct lines.order_id) as orders
    from {{ ref('int_order_lines') }} as lines
    inner join {{ ref('int_orders') }} as orders on lines.order_id = orders.order_id
    where orders.is_valid
    group by lines.sku_id, orders.created_date
),

stock as (
    select
        snapshots.sku_id,
        snapshots.snapshot_date as date_day,
        cast(sum(snapshots.on_hand_qty) as {{ dbt.type_bigint() }}) as on_hand_qty,
        sum(snapshots.on_hand_qty * coalesce(snapshots.unit_cost, products.unit_cost)) as inventory_cost
    from {{ ref('stg_shop__inventory_snapshots') }} as snapshots
    left join products on snapshots.sku_id = products.sku_id
    group by snapshots.sku_id, snapshots.snapshot_date
),

receipts as (
    select
        sku_id,
        received_date as date_day,
        cast(sum(received_qty) as {{ dbt.type_bigint() }}) as units_received,
        sum(amount * received_qty / quantity) as received_cost
    from {{ ref('stg_shop__purchase_orders') }}
    where received_date is not null
    group by sku_id, received_date
),

skus as (
    select sku_id from products
    union
    select sku_id from sales
    union
    select sku_id from stock
),

final as (
    select
        skus.sku_id,
        dates.date_day,
        coalesce(products.category_l1, 'unknown') as category_l1,
        coalesce(products.brand, 'unknown') as brand,
        -- A SKU missing from the product export is on sale only where it shows: sales or stock.
        case
            when products.sku_id is null then coalesce(sales.units_sold, 0) > 0 or coalesce(stock.on_hand_qty, 0) > 0
            else coalesce(products.listed_date, dates.date_day) <= dates.date_day
                and (products.delisted_date is null or products.delisted_date > dates.date_day)
        end as is_listed,
        coalesce(sales.units_sold, 0) as units_sold,
        coalesce(sales.sales_paid, 0) as sales_paid,
        sales.cogs,
        coalesce(sales.orders, 0) as orders,
        stock.on_hand_qty,
        stock.inventory_cost,
        coalesce(receipts.units_received, 0) as units_received,
        coalesce(receipts.received_cost, 0) as received_cost
    from skus
    cross join dates
    left join products on skus.sku_id = products.sku_id
    left join sales on skus.sku_id = sales.sku_id and dates.date_day = sales.date_day
    left join stock on skus.sku_id = stock.sku_id and dates.date_day = stock.date_day
    left join receipts on skus.sku_id = receipts.sku_id and dates.date_day = receipts.date_day
)

select * from final
