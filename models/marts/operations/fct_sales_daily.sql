-- Sales (销售) per date day × channel (last touch) × platform, with 'all' rollups, orders dated
-- by creation; see macro sales_metrics.
{{ sales_metrics('date_day') }}
