{#-
    Days after which the returns of an order are taken as final (退货成熟期): a constant, not a
    var, so that "mature" means the same in every run (DECISIONS.md § Return
    maturity). 7-day no-reason returns (七天无理由退货) run from delivery, and delivery plus refund
    processing add up to a few weeks; 45 days leaves a margin over the slowest return of the data
    (the demo generator, for one, completes every return within 45 days of the order).
-#}
{% macro return_maturity_days() -%}
    45
{%- endmacro %}
