{#-
    numerator / denominator as a double; NULL unless the denominator is > 0. For ratios over
    money that can turn negative (sales_net after refunds that include shipping), where a
    negative base would flip the ratio's sign and meaning.
-#}
{% macro safe_divide_positive(numerator, denominator) -%}
    {{ safe_divide(numerator, 'case when ' ~ denominator ~ ' > 0 then ' ~ denominator ~ ' end') }}
{%- endmacro %}
