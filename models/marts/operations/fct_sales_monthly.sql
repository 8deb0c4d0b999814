-- Sales (销售) per month start × channel (last touch) × platform, with 'all' rollups;
-- distinct buyers recomputed per month; see macro sales_metrics.
{{ sales_metrics('month_start') }}
