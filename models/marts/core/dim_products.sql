-- Products (商品维度) for BI: one row per SKU that appears anywhere in the data (the product
-- export, order lines, stock snapshots or purchase orders), with its SPU, name, category,
-- brand, list price, unit cost, listing dates, and its sales life: first and last sale date,
-- lifetime units and sales (valid orders by order date, up to as_of_date). A SKU missing from
-- the product export has category 'unknown' (as in int_order_lines and int_sku_days).

with

products as (
    select * from {{ ref('stg_shop__products') }}
),

as_of as (
    select as_of_date from {{ ref('int_as_of_date') }}
),

skus as (
    select sku_id from products
    union
    select sku_id from {{ ref('int_order_lines') }}
    union
    select sku_id from {{ ref('stg_shop__inventory_snapshots') }}
    union
    select sku_id from {{ ref('stg_shop__purchase_orders') }}
),

sales as (
    select
        lines.sku_id,
        min(orders.created_date) as first_sale_date,
        max(orders.created_date) as last_sale_date,
        cast(sum(lines.quantity) as {{ dbt.type_bigint() }}) as lifetime_units,
        sum(lines.line_amount) as lifetime_sales_paid
    from {{ ref('int_order_lines') }} as lines
    inner join {{ ref('int_orders') }} as orders on lines.order_id = orders.order_id
    cross join as_of
    where orders.is_valid and orders.created_date <= as_of.as_of_date
    group by lines.sku_id
),

final as (
    select
        skus.sku_id,
        coalesce(products.spu_id, skus.sku_id) as spu_id,
        products.sku_name,
        coalesce(products.category_l1, 'unknown') as category_l1,
        coalesce(products.category_l2, 'unknown') as category_l2,
        coalesce(products.brand, 'unknown') as brand,
        products.list_price,
        products.unit_cost,
        products.listed_date,
        products.delisted_date,
        products.sku_id is not null as is_in_product_export,
        -- on sale at as_of_date (the rule of int_sku_days.is_listed)
        coalesce(products.listed_date, as_of.as_of_date) <= as_of.as_of_date
        and (products.delisted_date is null or products.delisted_date > as_of.as_of_date) as is_listed_at_as_of,
        sales.first_sale_date,
        sales.last_sale_date,
        coalesce(sales.lifetime_units, 0) as lifetime_units,
        coalesce(sales.lifetime_sales_paid, 0) as lifetime_sales_paid
    from skus
    cross join as_of
    left join products on skus.sku_id = products.sku_id
    left join sales on skus.sku_id = sales.sku_id
)

select * from final
