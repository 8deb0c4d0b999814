-- Marketing efficiency (营销效率) per month start × channel, with an 'all' rollup; see macro marketing_metrics.
{{ marketing_metrics('month_start') }}
