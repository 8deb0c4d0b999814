-- The products (SKUs) a visitor ordered or paid for on a business date: order lines of
-- non-test orders of a member linked to the visitor (int_visitor_members), by the order's
-- creation date; paid = the order has paid_at. The order half of int_visitor_product_days,
-- rebuilt every run: an old order can be paid or flagged later, and a visitor linked to a
-- member by a later login. Guest orders reach no visitor: a guest cannot be linked.
-- One row per visitor × SKU × business date with at least one such order.

with

final as (
    select
        visitor_members.visitor_id,
        lines.sku_id,
        orders.created_date as activity_date,
        count(distinct lines.order_id) as orders_placed,
        count(distinct case when orders.paid_at is not null then lines.order_id end) as orders_paid
    from {{ ref('int_order_lines') }} as lines
    inner join {{ ref('int_orders') }} as orders on lines.order_id = orders.order_id
    inner join {{ ref('int_visitor_members') }} as visitor_members on orders.member_key = visitor_members.member_key
    where orders.is_placed
    group by visitor_members.visitor_id, lines.sku_id, orders.created_date
)

select * from final
