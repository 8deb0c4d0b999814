-- Distinct visitors per business date × product slice (category_l1 × brand, with 'all'
-- rollups) who viewed the slice, and of them those who favorited, added to cart, ordered or
-- paid for it that day (macros/marts/conversion/product_conversion.sql), on the spine of every
-- date × every slice of the catalogue or of the visitors' actions, zero where nobody acted.
-- The one grouping pass over int_visitor_product_days behind both the product funnel and
-- product-level conversion. One row per date_day × category_l1 × brand.

with

{{ product_visitor_counts([], ['category_l1', 'brand']) }},

slices as (
    select {{ rollup_columns(['category_l1', 'brand']) }}
    from (
        select
            coalesce(category_l1, 'unknown') as category_l1,
            coalesce(brand, 'unknown') as brand
        from {{ ref('stg_shop__products') }}
        union
        select
            category_l1,
            brand
        from {{ ref('int_visitor_product_days') }}
    ) as listed
    group by {{ rollup_grouping_sets([], ['category_l1', 'brand']) }}
),

spine as (
    select
        dates.date_day,
        slices.category_l1,
        slices.brand
    from {{ ref('int_dates') }} as dates
    cross join slices
),

final as (
    select
        spine.date_day,
        spine.category_l1,
        spine.brand,
        coalesce(slice_counts.viewing_visitors, 0) as viewing_visitors,
        coalesce(slice_counts.favoriting_visitors, 0) as favoriting_visitors,
        coalesce(slice_counts.carting_visitors, 0) as carting_visitors,
        coalesce(slice_counts.buying_visitors, 0) as buying_visitors,
        coalesce(slice_counts.reached_step_1, 0) as reached_step_1,
        coalesce(slice_counts.reached_step_2, 0) as reached_step_2,
        coalesce(slice_counts.reached_step_3, 0) as reached_step_3,
        coalesce(slice_counts.reached_step_4, 0) as reached_step_4
    from spine
    left join slice_counts
        on
            spine.date_day = slice_counts.date_day
            and spine.category_l1 = slice_counts.category_l1
            and spine.brand = slice_counts.brand
)

select * from final
