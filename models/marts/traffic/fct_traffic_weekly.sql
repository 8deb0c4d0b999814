-- Traffic (流量) per week start × channel × platform, with 'all' rollups; see macro traffic_metrics.
{{ traffic_metrics('week_start') }}
