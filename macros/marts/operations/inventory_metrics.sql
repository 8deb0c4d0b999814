{#-
    Inventory ratios of a period (库存周转): the one definition behind fct_sku_inventory_monthly
    (per SKU) and fct_inventory_monthly (per category), metric-definitions.md § Operations.
    Reads the columns opening_units, units_received, units_sold, opening_inventory_amount,
    closing_inventory_amount, cogs and days_in_period of the relation it is selected from.

    - sell_out_rate (售罄率) = units_sold / (opening_units + units_received); NULL when nothing
      was available or the opening is unknown.
    - average_inventory_amount = (opening + closing inventory at cost) / 2.
    - inventory_turnover (库存周转率) = cogs / average_inventory_amount.
    - days_of_inventory (库存天数) = average_inventory_amount / cogs × days_in_period.
-#}
{% macro inventory_period_ratios() -%}
    {%- set average_inventory = '(opening_inventory_amount + closing_inventory_amount) / 2' %}
    {{ safe_divide('units_sold', 'opening_units + units_received') }} as sell_out_rate,
    {{ average_inventory }} as average_inventory_amount,
    {{ safe_divide('cogs', average_inventory) }} as inventory_turnover,
    {{ safe_divide(average_inventory, 'cogs') }} * days_in_period as days_of_inventory
{%- endmacro %}
