-- Member base (会员规模) per date day: members registered that day and on or before it,
-- effective members (有效会员: a valid order in the last effective_member_window_days = 365
-- days, the day included), active members (a logged-in session or a valid order in the last
-- active_member_window_days = 30 days, the day included) and the active ratio.
-- Activity counts from the member's registration date on, so active ≤ registered.
-- Window counts are running sums of entries and exits (macro member_window_changes), never a
-- date × member join. One row per date of the spine.

with

members as (
    select
        member_key,
        registered_date
    from {{ ref('int_members') }}
),

dates as (
    select date_day from {{ ref('int_dates') }}
),

member_days as (
    select
        member_days.member_key,
        member_days.activity_date,
        member_days.valid_orders
    from {{ ref('int_member_days') }} as member_days
    inner join members
        on
            member_days.member_key = members.member_key
            and member_days.activity_date >= members.registered_date
),

-- every active day (logged-in session or valid order) with the member's next active day
active_days as (
    select
        activity_date,
        lead(activity_date) over (partition by member_key order by activity_date) as next_activity_date
    from member_days
),

-- every day with a valid order with the member's next such day
order_days as (
    select
        activity_date,
        lead(activity_date) over (partition by member_key order by activity_date) as next_activity_date
    from member_days
    where valid_orders > 0
),

changes as (
    -- registered: enters on the registration date, never leaves
    select
        'registered_members' as measure,
        registered_date as change_date,
        1 as change
    from members
    union all
    {{ member_window_changes('order_days', 'effective_members', var('effective_member_window_days')) }}
    union all
    {{ member_window_changes('active_days', 'active_members', var('active_member_window_days')) }}
),

running as (
    {{ running_change_totals('changes', ['registered_members', 'effective_members', 'active_members']) }}
),

new_members as (
    select
        registered_date as date_day,
        count(*) as new_members
    from members
    group by registered_date
),

final as (
    select
        dates.date_day,
        coalesce(new_members.new_members, 0) as new_members,
        running.registered_members,
        running.effective_members,
        running.active_members,
        {{ safe_divide('running.active_members', 'running.registered_members') }} as active_ratio
    from dates
    inner join running on dates.date_day = running.date_day
    left join new_members on dates.date_day = new_members.date_day
)

select * from final
