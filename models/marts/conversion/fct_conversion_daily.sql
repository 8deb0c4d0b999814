-- Conversion (转化) per date day × channel × platform, with 'all' rollups; see macro conversion_metrics.
{{ conversion_metrics('date_day') }}
