-- Product-level conversion (商品转化) per date day × category_l1 × brand ('all' rollups), on
-- the date spine: visitors who viewed the slice, and of them those who favorited, added to
-- cart or paid for it the same day, with the per-product favourite, cart and transaction
-- conversion rates (visitors with the action on the slice / visitors who viewed it).
-- Counts: macros/marts/conversion/product_conversion.sql.

with

{{ product_visitor_counts([], ['category_l1', 'brand']) }},

spine as (
    {{ product_slice_spine() }}
),

joined as (
    select
        spine.date_day,
        spine.category_l1,
        spine.brand,
        coalesce(slice_counts.viewing_visitors, 0) as viewing_visitors,
        coalesce(slice_counts.favoriting_visitors, 0) as favoriting_visitors,
        coalesce(slice_counts.carting_visitors, 0) as carting_visitors,
        coalesce(slice_counts.buying_visitors, 0) as buying_visitors
    from spine
    left join slice_counts
        on
            spine.date_day = slice_counts.date_day
            and spine.category_l1 = slice_counts.category_l1
            and spine.brand = slice_counts.brand
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
    from joined
)

select * from final
