-- What a human visitor did with a product (SKU) on a business date: viewed it, favorited it,
-- added it to the cart (int_visitor_product_event_days, incremental), and ordered it or paid
-- for it (int_visitor_product_order_days, rebuilt every run), with the product's category and
-- brand. The building block of the product funnel and of product-level conversion (visitors
-- with an action on the product / visitors who viewed it). A view: a table would copy every
-- visitor-product-day of the year on every run to refresh the few with an order.
-- One row per visitor × SKU × business date with at least one of these actions.

{{ config(materialized='view') }}

with

products as (
    select
        sku_id,
        category_l1,
        brand
    from {{ ref('stg_shop__products') }}
),

event_days as (
    select
        visitor_id,
        sku_id,
        activity_date,
        product_views,
        favorites,
        add_to_carts
    from {{ ref('int_visitor_product_event_days') }}
),

order_days as (
    select * from {{ ref('int_visitor_product_order_days') }}
),

actions as (
    select
        coalesce(event_days.visitor_id, order_days.visitor_id) as visitor_id,
        coalesce(event_days.sku_id, order_days.sku_id) as sku_id,
        coalesce(event_days.activity_date, order_days.activity_date) as activity_date,
        cast(coalesce(event_days.product_views, 0) as {{ dbt.type_bigint() }}) as product_views,
        cast(coalesce(event_days.favorites, 0) as {{ dbt.type_bigint() }}) as favorites,
        cast(coalesce(event_days.add_to_carts, 0) as {{ dbt.type_bigint() }}) as add_to_carts,
        cast(coalesce(order_days.orders_placed, 0) as {{ dbt.type_bigint() }}) as orders_placed,
        cast(coalesce(order_days.orders_paid, 0) as {{ dbt.type_bigint() }}) as orders_paid
    from event_days
    full outer join order_days
        on
            event_days.visitor_id = order_days.visitor_id
            and event_days.sku_id = order_days.sku_id
            and event_days.activity_date = order_days.activity_date
),

final as (
    select
        ---------- ids and the product's category and brand ('unknown' when not in products)
        actions.visitor_id,
        actions.sku_id,
        actions.activity_date,
        coalesce(products.category_l1, 'unknown') as category_l1,
        coalesce(products.brand, 'unknown') as brand,

        ---------- counts
        actions.product_views,
        actions.favorites,
        actions.add_to_carts,
        actions.orders_placed,
        actions.orders_paid,

        ---------- flags
        actions.product_views > 0 as has_viewed,
        actions.favorites > 0 as has_favorited,
        actions.add_to_carts > 0 as has_added_to_cart,
        actions.orders_placed > 0 as has_ordered,
        actions.orders_paid > 0 as has_paid

    from actions
    left join products on actions.sku_id = products.sku_id
)

select * from final
