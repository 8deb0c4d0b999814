-- Sales (销售) per week start (Monday) × channel (last touch) × platform, with 'all' rollups;
-- distinct buyers recomputed per week; see macro sales_metrics.
{{ sales_metrics('week_start') }}
