-- Which visitors (devices) a member has used: a visitor is linked to a member once a session of
-- that visitor is logged in as the member. Used to attribute a member's orders to the visitor
-- sessions that led to them, including those before the member logged in or registered.
-- One row per visitor × member.

with

sessions as (
    select
        visitor_id,
        member_key,
        session_start_at
    from {{ ref('int_sessions') }}
    where member_key is not null
),

final as (
    select
        visitor_id,
        member_key,
        min(session_start_at) as first_linked_at
    from sessions
    group by visitor_id, member_key
)

select * from final
