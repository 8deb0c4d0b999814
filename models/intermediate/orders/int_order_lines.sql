-- Order lines with their product (SPU, category, brand) and cost. One row per order line.

with

lines as (
    select * from {{ ref('stg_shop__order_items') }}
),

products as (
    select * from {{ ref('stg_shop__products') }}
),

final as (
    select
        lines.order_line_id,
        lines.order_id,
        lines.line_no,
        lines.sku_id,
        coalesce(products.spu_id, lines.sku_id) as spu_id,
        coalesce(products.category_l1, 'unknown') as category_l1,
        coalesce(products.category_l2, 'unknown') as category_l2,
        coalesce(products.brand, 'unknown') as brand,
        lines.quantity,
        lines.unit_price,
        lines.discount_amount,
        lines.line_amount,
        lines.is_gift,
        products.unit_cost,
        -- cost of goods sold; NULL when the product's cost is unknown (never guessed)
        lines.quantity * products.unit_cost as line_cogs
    from lines
    left join products on lines.sku_id = products.sku_id
)

select * from final
