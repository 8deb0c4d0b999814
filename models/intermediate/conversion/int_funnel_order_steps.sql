-- Steps 5 and 6 of the session funnel (漏斗) for the entries that reached step 4 (checkout):
--   5 order placed: the first non-test order of a member linked to the visitor
--     (int_visitor_members), created at or after step 4 and at most funnel_window_hours after
--     step 1 (the boundary itself counts),
--   6 paid: that same order's paid_at, inside the window.
-- One row per entry that reached step 5.
--
-- A table, rebuilt every run: orders are a snapshot whose rows change (payment, test flags)
-- and a visitor may be linked to a member later, so any entry's order steps can change. It is
-- small (only checkout entries with an order), so int_funnel_entries is a view over it and the
-- incremental event steps rather than a copy of every entry. Each checkout entry is paired with
-- the business dates its window can reach (funnel_day_offsets) and joined to the linked
-- members' orders by equality on (member_key, created_date); the exact window is then applied.

with

checkout_entries as (
    select
        session_id,
        visitor_id,
        entry_date,
        step_4_at,
        window_end_at
    from {{ ref('int_funnel_event_steps') }}
    where step_4_at is not null
),

visitor_members as (
    select
        visitor_id,
        member_key
    from {{ ref('int_visitor_members') }}
),

orders as (
    select
        order_id,
        member_key,
        created_at,
        created_date,
        paid_at
    from {{ ref('int_orders') }}
    where is_placed and member_key is not null
),

day_offsets as (
    {{ funnel_day_offsets() }}
),

checkout_entry_days as (
    select
        checkout_entries.session_id,
        checkout_entries.visitor_id,
        checkout_entries.step_4_at,
        checkout_entries.window_end_at,
        cast(
            {{ dbt.dateadd('day', 'day_offsets.day_offset', 'checkout_entries.entry_date') }} as date
        ) as candidate_date
    from checkout_entries
    cross join day_offsets
),

-- step 5: orders of the visitor's members placed at or after step 4 inside the window
order_candidates as (
    select
        checkout_entry_days.session_id,
        checkout_entry_days.window_end_at,
        orders.order_id,
        orders.created_at,
        orders.paid_at,
        row_number() over (
            partition by checkout_entry_days.session_id order by orders.created_at, orders.order_id
        ) as order_rank
    from checkout_entry_days
    inner join visitor_members on checkout_entry_days.visitor_id = visitor_members.visitor_id
    inner join orders
        on
            visitor_members.member_key = orders.member_key
            and checkout_entry_days.candidate_date = orders.created_date
    where
        orders.created_at >= checkout_entry_days.step_4_at
        and orders.created_at <= checkout_entry_days.window_end_at
),

final as (
    select
        session_id,
        order_id,
        created_at as step_5_at,
        case when paid_at <= window_end_at then paid_at end as step_6_at
    from order_candidates
    where order_rank = 1
)

select * from final
