{#-
    The last date of the calendar month `months_after` months after the month starting on
    month_start (a date on the first of a month): month_end_date(m) is the end of m itself,
    month_end_date(m, 1) the end of the next month. months_after may be a number or a SQL
    expression. A window that ends on it is complete when this date is on or before as_of_date.
-#}
{% macro month_end_date(month_start, months_after=0) -%}
    cast({{ dbt.dateadd('day', -1, dbt.dateadd('month', '(' ~ months_after ~ ') + 1', month_start)) }} as date)
{%- endmacro %}
