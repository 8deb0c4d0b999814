-- Conversion (转化) per month start × channel × platform, with 'all' rollups; see macro conversion_metrics.
{{ conversion_metrics('month_start') }}
