-- Traffic (流量) per date day × channel × platform, with 'all' rollups; see macro traffic_metrics.

-- depends_on: {{ ref('base_shop__events') }}
{{ traffic_metrics('date_day') }}
