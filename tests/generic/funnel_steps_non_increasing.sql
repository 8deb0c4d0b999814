{#-
    A long-format funnel never gains entries along its steps: within each partition (the
    slice's keys), the count at step n is at most the count at the previous step. Fails on
    every row where a step has more than the step before it.
-#}
{% test funnel_steps_non_increasing(model, column_name, partition_by, step_column='step_number') %}
with

ordered as (
    select
        {{ partition_by | join(', ') }},
        {{ step_column }},
        {{ column_name }} as reaching_step,
        lag({{ column_name }}) over (
            partition by {{ partition_by | join(', ') }} order by {{ step_column }}
        ) as reaching_previous_step
    from {{ model }}
)

select *
from ordered
where reaching_step > reaching_previous_step
{% endtest %}
