-- The churn window lives in two places: var churn_window_days (churn_rate) and the
-- lifecycle seed's 'churned' rule. Fails when they disagree.
select
    lifecycle_stage,
    min_days_since_last_order
from {{ ref('lifecycle_stages') }}
where lifecycle_stage = 'churned' and min_days_since_last_order != {{ var('churn_window_days') }}
