-- Marketing efficiency (营销效率) per week start (Monday) × channel, with an 'all' rollup; see macro marketing_metrics.
{{ marketing_metrics('week_start') }}
