-- Product-level conversion (商品转化) per date day × category_l1 × brand ('all' rollups), on
-- the date spine: visitors who viewed the slice, and of them those who favorited, added to
-- cart or paid for it the same day, with the per-product favourite, cart and transaction
-- conversion rates (visitors with the action on the slice / visitors who viewed it).
-- Counts: int_product_slice_days.

with

slice_days as (
    select * from {{ ref('int_product_slice_days') }}
),

final as (
    select
        date_day,
        category_l1,
        brand,
        viewing_visitors,
        favoriting_visitors,
        carting_visitors,
        buying_visitors,
        {{ safe_divide('favoriting_visitors', 'viewing_visitors') }} as favorite_conversion_rate,
        {{ safe_divide('carting_visitors', 'viewing_visitors') }} as cart_conversion_rate,
        {{ safe_divide('buying_visitors', 'viewing_visitors') }} as transaction_conversion_rate
    from slice_days
)

select * from final
