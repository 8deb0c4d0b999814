-- Repurchase by order count (the "magic number" analysis, 复购次数分析): for n = 1 .. 10, of
-- the members whose n-th valid order is mature — created at least next_order_maturity_days
-- (90) before as_of_date, so they have had that long to order again — the share with an
-- (n + 1)-th valid order at any time up to as_of_date: next_order_rate = P(order n + 1 | n orders).
-- Row '10+' pools n ≥ 10 (each buyer's 10th, 11th, ... mature order is one trial).
-- Magic number (神奇数字): the smallest n (1 .. 9) at which the rate stops rising materially,
-- next_order_rate(n + 1) − next_order_rate(n) < magic_number_min_rate_gain (0.02), both rates
-- known; is_magic_number is true on that row only (none when the rate never levels off).
-- One row per order count (1 .. 10, '10+').

with

as_of as (
    select
        as_of_date,
        cast({{ dbt.dateadd('day', -var('next_order_maturity_days'), 'as_of_date') }} as date) as maturity_cutoff_date
    from {{ ref('int_as_of_date') }}
),

valid_orders as (
    select
        orders.member_key,
        orders.valid_order_number,
        orders.created_date
    from {{ ref('int_orders') }} as orders
    cross join as_of
    where orders.is_valid and orders.member_key is not null and orders.created_date <= as_of.as_of_date
),

buyer_orders as (
    select
        member_key,
        count(*) as valid_orders
    from valid_orders
    group by member_key
),

-- mature n-th orders: one trial per buyer and n, a success when the buyer has an (n + 1)-th
trials as (
    select
        valid_orders.valid_order_number,
        buyer_orders.valid_orders > valid_orders.valid_order_number as has_next
    from valid_orders
    inner join buyer_orders on valid_orders.member_key = buyer_orders.member_key
    cross join as_of
    where valid_orders.created_date <= as_of.maturity_cutoff_date
),

-- n = 1 .. 10 each on its own row, and every n ≥ 10 pooled on '10+'
grouped_trials as (
    select
        cast(valid_order_number as {{ dbt.type_string() }}) as order_count_label,
        has_next
    from trials
    where valid_order_number <= 10
    union all
    select
        '10+' as order_count_label,
        has_next
    from trials
    where valid_order_number >= 10
),

order_counts as (
    select
        listed.order_count,
        listed.order_count_label,
        listed.is_pooled
    from (
        values
        (1, '1', false), (2, '2', false), (3, '3', false), (4, '4', false), (5, '5', false),
        (6, '6', false), (7, '7', false), (8, '8', false), (9, '9', false), (10, '10', false),
        (10, '10+', true)
    ) as listed (order_count, order_count_label, is_pooled)
),

aggregated as (
    select
        order_count_label,
        count(*) as buyers_reaching_n,
        {{ count_where('has_next') }} as buyers_with_next
    from grouped_trials
    group by order_count_label
),

rates as (
    select
        order_counts.order_count,
        order_counts.order_count_label,
        order_counts.is_pooled,
        coalesce(aggregated.buyers_reaching_n, 0) as buyers_reaching_n,
        coalesce(aggregated.buyers_with_next, 0) as buyers_with_next,
        {{ safe_divide('aggregated.buyers_with_next', 'aggregated.buyers_reaching_n') }} as next_order_rate
    from order_counts
    left join aggregated on order_counts.order_count_label = aggregated.order_count_label
),

gains as (
    select
        *,
        case
            when not is_pooled
                then lead(next_order_rate) over (partition by is_pooled order by order_count) - next_order_rate
        end as next_order_rate_gain
    from rates
),

magic as (
    select min(order_count) as magic_number
    from gains
    where next_order_rate_gain < {{ var('magic_number_min_rate_gain') }}
),

final as (
    select
        gains.order_count_label,
        gains.order_count,
        gains.is_pooled,
        gains.buyers_reaching_n,
        gains.buyers_with_next,
        gains.next_order_rate,
        gains.next_order_rate_gain,
        coalesce(not gains.is_pooled and gains.order_count = magic.magic_number, false) as is_magic_number
    from gains
    cross join magic
)

select * from final
