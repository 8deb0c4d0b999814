{#-
    Funnels (漏斗) in long format: one row per slice × step with the entries (or visitors)
    reaching the step, the step conversion rate (this step / the previous step) and the funnel
    conversion rate (this step / step 1). The steps are listed once here; every funnel model
    counts "reached step n" as a wide row of reached_step_<n> columns and unpivots it with
    funnel_long_columns(), so the two rates are written once.
-#}

{#- The session funnel (metric-definitions.md funnel): each step's code, Chinese name and, for
    the steps that are tracked events, the event type. -#}
{% macro session_funnel_steps() -%}
    {{ return([
        {'number': 1, 'step': 'session', 'name_zh': '访问', 'event_type': none},
        {'number': 2, 'step': 'product_view', 'name_zh': '浏览商品', 'event_type': 'product_view'},
        {'number': 3, 'step': 'add_to_cart', 'name_zh': '加入购物车', 'event_type': 'add_to_cart'},
        {'number': 4, 'step': 'checkout_start', 'name_zh': '提交结算', 'event_type': 'checkout_start'},
        {'number': 5, 'step': 'order_placed', 'name_zh': '下单', 'event_type': none},
        {'number': 6, 'step': 'paid', 'name_zh': '支付', 'event_type': none},
    ]) }}
{%- endmacro %}

{#- The product funnel: visitors of a product slice (category, brand, SKU) on a day. -#}
{% macro product_funnel_steps() -%}
    {{ return([
        {'number': 1, 'step': 'viewed', 'name_zh': '浏览商品'},
        {'number': 2, 'step': 'added_to_cart', 'name_zh': '加入购物车'},
        {'number': 3, 'step': 'ordered', 'name_zh': '下单'},
        {'number': 4, 'step': 'paid', 'name_zh': '支付'},
    ]) }}
{%- endmacro %}

{#- The steps as a relation (step_number, step, step_name_zh), to cross join a wide row with. -#}
{% macro funnel_steps_relation(steps) -%}
    {%- for step in steps %}
    select
        {{ step.number }} as step_number,
        cast('{{ step.step }}' as {{ dbt.type_string() }}) as step,
        cast('{{ step.name_zh }}' as {{ dbt.type_string() }}) as step_name_zh
    {{ 'union all' if not loop.last }}
    {%- endfor %}
{%- endmacro %}

{#- Entries of the session funnel reaching each step: int_funnel_entries.steps_reached ≥ n. -#}
{% macro funnel_reach_counts(steps_reached_column='steps_reached') -%}
    {%- for step in session_funnel_steps() %}
    {{ count_where(steps_reached_column ~ ' >= ' ~ step.number) }} as reached_step_{{ step.number }}
    {{- ',' if not loop.last }}
    {%- endfor %}
{%- endmacro %}

{#-
    The long columns of a funnel, for a wide relation `wide` (columns reached_step_1..n) cross
    joined with funnel_steps_relation() as `steps`:
    - <count_column>: the entries reaching the step (0 when the wide row is missing);
    - step_conversion_rate: reaching this step / reaching the previous step; NULL for step 1
      and when the previous step has no entry;
    - funnel_conversion_rate: reaching this step / reaching step 1; NULL when step 1 has none.
-#}
{% macro funnel_long_columns(steps, count_column, wide='wide') -%}
    case steps.step_number
        {%- for step in steps %}
        when {{ step.number }} then coalesce({{ wide }}.reached_step_{{ step.number }}, 0)
        {%- endfor %}
    end as {{ count_column }},
    case steps.step_number
        {%- for step in steps[1:] %}
        when {{ step.number }} then {{ safe_divide(wide ~ '.reached_step_' ~ step.number, wide ~ '.reached_step_' ~ (step.number - 1)) }}
        {%- endfor %}
    end as step_conversion_rate,
    case steps.step_number
        {%- for step in steps %}
        when {{ step.number }} then {{ safe_divide(wide ~ '.reached_step_' ~ step.number, wide ~ '.reached_step_1') }}
        {%- endfor %}
    end as funnel_conversion_rate
{%- endmacro %}

{#-
    The business dates a session funnel window can reach past its entry date: ceil(
    funnel_window_hours / 24) (24 h -> the entry date and the next one; assumes a business time
    zone without daylight saving, as Asia/Shanghai).
-#}
{% macro funnel_window_days() -%}
    {{ return(((var('funnel_window_hours') | float) / 24) | round(0, 'ceil') | int) }}
{%- endmacro %}

{#- The relation (day_offset) 0, 1, ... funnel_window_days(): an entry is paired with each. -#}
{% macro funnel_day_offsets() -%}
    {%- for offset in range(funnel_window_days() + 1) %}
    select {{ offset }} as day_offset
    {{- ' union all' if not loop.last }}
    {%- endfor %}
{%- endmacro %}
