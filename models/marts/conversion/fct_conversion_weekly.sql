-- Conversion (转化) per week start (Monday) × channel × platform, with 'all' rollups; see macro conversion_metrics.
{{ conversion_metrics('week_start') }}
