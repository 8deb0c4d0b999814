{#-
    The contract's columns of each raw table. A mirror of the source YAML, because unit tests
    render models without the dbt graph; the test assert_raw_contract_mirrors_sources fails
    when the two drift apart.
-#}
{% macro raw_contract_columns() -%}
    {{ return({
        'members': [
            'member_id', 'registered_at', 'acquisition_channel', 'gender', 'birth_date',
            'province', 'city', 'phone', 'email', 'real_name', 'address', 'updated_at'
        ],
        'events': [
            'event_id', 'visitor_id', 'member_id', 'event_time', 'event_type', 'page_type',
            'page_url', 'sku_id', 'platform', 'utm_source', 'utm_medium', 'utm_campaign',
            'referrer', 'user_agent', 'received_at'
        ],
        'orders': [
            'order_id', 'member_id', 'created_at', 'paid_at', 'status', 'channel', 'platform',
            'coupon_id', 'goods_amount', 'discount_amount', 'shipping_fee', 'pay_amount',
            'currency', 'is_test', 'updated_at'
        ],
        'order_items': [
            'order_id', 'line_no', 'sku_id', 'quantity', 'unit_price', 'discount_amount'
        ],
        'returns': [
            'return_id', 'order_id', 'sku_id', 'quantity', 'refund_amount', 'requested_at',
            'completed_at', 'status', 'reason'
        ],
        'products': [
            'sku_id', 'spu_id', 'sku_name', 'category_l1', 'category_l2', 'brand',
            'list_price', 'unit_cost', 'listed_at', 'delisted_at'
        ],
        'inventory_snapshots': [
            'snapshot_date', 'sku_id', 'warehouse_id', 'on_hand_qty', 'unit_cost'
        ],
        'purchase_orders': [
            'po_id', 'sku_id', 'quantity', 'amount', 'ordered_at', 'received_at',
            'received_qty'
        ],
        'shipments': [
            'shipment_id', 'order_id', 'warehouse_id', 'shipped_at', 'delivered_at', 'carrier',
            'shipped_qty', 'logistics_fee', 'warehouse_fee'
        ],
        'marketing_spend': [
            'spend_date', 'channel', 'campaign_id', 'spend', 'impressions', 'clicks'
        ],
        'campaign_touches': [
            'touch_id', 'campaign_id', 'member_id', 'sent_at', 'delivered_at', 'opened_at',
            'clicked_at'
        ],
    }) }}
{%- endmacro %}

{#- Columns an export may leave out: staging reads them as empty (they are marked optional in the YAML). -#}
{% macro raw_optional_columns() -%}
    {{ return({'events': ['received_at']}) }}
{%- endmacro %}

{#- The contract's columns of one raw table. -#}
{% macro raw_columns(table_name) -%}
    {{ return(raw_contract_columns()[table_name]) }}
{%- endmacro %}
