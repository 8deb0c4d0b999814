-- Profit (利润) per week start (Monday); see macro profit_metrics.
{{ profit_metrics('week_start') }}
