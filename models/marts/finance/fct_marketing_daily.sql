-- Marketing efficiency (营销效率) per date day × channel, with an 'all' rollup; see macro marketing_metrics.
{{ marketing_metrics('date_day') }}
