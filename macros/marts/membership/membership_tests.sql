{#-
    A share column sums to 1 over the model (every row is a category of one whole: RFM segments,
    lifecycle stages, tiers). Passes when the sum is NULL (no member or buyer at all, every
    share NULL). Fails with the sum otherwise.
-#}
{% test membership_shares_sum_to_one(model, column_name, tolerance=0.000001) %}
select share_total
from (
    select sum({{ column_name }}) as share_total
    from {{ model }}
) as totals
where share_total is not null
    and abs(share_total - 1) > {{ tolerance }}
{% endtest %}

{#-
    Every RFM buyer is in exactly one segment (buyers_column: the buyers count of fct_rfm_segments):
    - the segment rules of seeds/rfm_segments.csv cover every score combination 1–5 × 1–5 × 1–5,
      so no buyer can fall through the rules;
    - int_member_rfm has one row per buyer;
    - Σ buyers over the segments = the members with a valid order in the RFM window
      (rfm_window_days up to as_of_date), counted here straight from int_orders.
    Fails with one row per broken condition.
-#}
{% test rfm_every_buyer_in_one_segment(model, buyers_column='buyers') %}
with

as_of as (
    select as_of_date from {{ ref('int_as_of_date') }}
),

scores as (
    select score from (values (1), (2), (3), (4), (5)) as listed (score)
),

uncovered_cells as (
    select count(*) as cells
    from scores as r
    cross join scores as f
    cross join scores as m
    where not exists (
        select 1
        from {{ ref('rfm_segments') }} as rules
        where
            r.score between rules.r_score_min and rules.r_score_max
            and f.score between rules.f_score_min and rules.f_score_max
            and m.score between rules.m_score_min and rules.m_score_max
    )
),

scored as (
    select
        count(*) as scored_rows,
        count(distinct member_key) as scored_buyers
    from {{ ref('int_member_rfm') }}
),

window_buyers as (
    select count(distinct orders.member_key) as buyers
    from {{ ref('int_orders') }} as orders
    cross join as_of
    where
        orders.is_valid
        and orders.member_key is not null
        and orders.created_date > {{ dbt.dateadd('day', -var('rfm_window_days'), 'as_of.as_of_date') }}
        and orders.created_date <= as_of.as_of_date
),

segmented as (
    select coalesce(sum({{ buyers_column }}), 0) as buyers from {{ model }}
)

select 'score combinations matching no segment rule' as failure, uncovered_cells.cells as observed
from uncovered_cells
where uncovered_cells.cells > 0
union all
select 'buyers scored more than once', scored.scored_rows - scored.scored_buyers
from scored
where scored.scored_rows != scored.scored_buyers
union all
select 'segment buyers differ from the buyers of the RFM window', segmented.buyers - window_buyers.buyers
from segmented
cross join window_buyers
where segmented.buyers != window_buyers.buyers
{% endtest %}
