-- Profit (利润) per month start; see macro profit_metrics.
{{ profit_metrics('month_start') }}
