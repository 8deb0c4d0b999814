-- What a human visitor did with a product (SKU) on a business date: viewed it, favorited it,
-- added it to the cart (tracked events carrying the sku_id), and ordered it or paid for it
-- (order lines of non-test orders of a member linked to the visitor — int_visitor_members —
-- by the order's creation date; paid = the order has paid_at). The building block of the
-- product funnel and of product-level conversion (visitors with an action on the product /
-- visitors who viewed it). Guest orders reach no visitor: a guest cannot be linked.
-- One row per visitor × SKU × business date with at least one of these actions.

with

products as (
    select
        sku_id,
        category_l1,
        brand
    from {{ ref('stg_shop__products') }}
),

event_actions as (
    select
        visitor_id,
        sku_id,
        event_date as activity_date,
        {{ count_where("event_type = 'product_view'") }} as product_views,
        {{ count_where("event_type = 'favorite'") }} as favorites,
        {{ count_where("event_type = 'add_to_cart'") }} as add_to_carts,
        0 as orders_placed,
        0 as orders_paid
    from {{ ref('int_events_sessionized') }}
    where sku_id is not null and event_type in ('product_view', 'favorite', 'add_to_cart')
    group by visitor_id, sku_id, event_date
),

order_actions as (
    select
        visitor_members.visitor_id,
        lines.sku_id,
        orders.created_date as activity_date,
        0 as product_views,
        0 as favorites,
        0 as add_to_carts,
        count(distinct lines.order_id) as orders_placed,
        count(distinct case when orders.paid_at is not null then lines.order_id end) as orders_paid
    from {{ ref('int_order_lines') }} as lines
    inner join {{ ref('int_orders') }} as orders on lines.order_id = orders.order_id
    inner join {{ ref('int_visitor_members') }} as visitor_members on orders.member_key = visitor_members.member_key
    where orders.is_placed
    group by visitor_members.visitor_id, lines.sku_id, orders.created_date
),

unioned as (
    select * from event_actions
    union all
    select * from order_actions
),

actions as (
    select
        visitor_id,
        sku_id,
        activity_date,
        cast(sum(product_views) as {{ dbt.type_bigint() }}) as product_views,
        cast(sum(favorites) as {{ dbt.type_bigint() }}) as favorites,
        cast(sum(add_to_carts) as {{ dbt.type_bigint() }}) as add_to_carts,
        cast(sum(orders_placed) as {{ dbt.type_bigint() }}) as orders_placed,
        cast(sum(orders_paid) as {{ dbt.type_bigint() }}) as orders_paid
    from unioned
    group by visitor_id, sku_id, activity_date
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
