-- Traffic (流量) per month start × channel × platform, with 'all' rollups; see macro traffic_metrics.
{{ traffic_metrics('month_start') }}
