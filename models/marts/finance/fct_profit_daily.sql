-- Profit (利润) per date day; see macro profit_metrics.
{{ profit_metrics('date_day') }}
