-- What a human visitor did with a product (SKU) on a business date in tracked events: product
-- views, favourites and add-to-carts of events carrying the sku_id. The event half of
-- int_visitor_product_days; incremental by date, as it reads events alone.
-- One row per visitor × SKU × business date with at least one of these events.

-- depends_on: {{ ref('base_shop__events') }}
{{ config(**incremental_by_date('activity_date')) }}

with

events as (
    select
        visitor_id,
        sku_id,
        event_date,
        event_type
    from {{ ref('int_events_sessionized') }}
    {%- if is_incremental() %}
    where event_date >= {{ reprocess_from() }}
    {%- endif %}
),

product_events as (
    select *
    from events
    where
        sku_id is not null
        and event_type in ('product_view', 'favorite', 'add_to_cart')
),

final as (
    select
        visitor_id,
        sku_id,
        event_date as activity_date,
        {{ count_where("event_type = 'product_view'") }} as product_views,
        {{ count_where("event_type = 'favorite'") }} as favorites,
        {{ count_where("event_type = 'add_to_cart'") }} as add_to_carts,
        {{ run_loaded_at() }} as loaded_at
    from product_events
    group by visitor_id, sku_id, event_date
)

select * from final
