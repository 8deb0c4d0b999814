-- Traffic (流量) per date day × channel × platform, with 'all' rollups; see macro traffic_metrics.
{{ traffic_metrics('date_day') }}
