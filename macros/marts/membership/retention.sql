{#-
    Day-N retention counts of cohorts by cohort date × dimensions, with 'all' rollups (grouping
    sets, so an entity is counted once in every rollup).
    cohorts: relation or CTE (entity_id, cohort_date, <dimensions>), one row per entity, the
    cohort date being its day 0; activity: relation or CTE (entity_id, activity_date), one row
    per entity and active date. An entity is retained on day N when it is active on exactly
    cohort_date + N (calendar days); activity on other days does not count. Returns
    cohort_date, the dimensions, cohort_size and retained_d<N> for N in `days` (次日/3日/7日/30日
    by default); the caller decides which N are complete (cohort_date + N ≤ as_of_date).
    Only activity within the largest N days after day 0 is read: one join, no cohort × date grid.
-#}
{% macro cohort_retention_counts(cohorts, activity, dimensions, days=[1, 3, 7, 30]) -%}
    select
        cohort_date,
        {{ rollup_columns(dimensions) }},
        count(*) as cohort_size
        {%- for n in days %},
        {{ count_where('is_active_d' ~ n ~ ' = 1') }} as retained_d{{ n }}
        {%- endfor %}
    from (
        select
            cohorts.entity_id,
            cohorts.cohort_date,
            {%- for dimension in dimensions %}
            cohorts.{{ dimension }},
            {%- endfor %}
            {%- for n in days %}
            coalesce(returns.is_active_d{{ n }}, 0) as is_active_d{{ n }}{{ "," if not loop.last }}
            {%- endfor %}
        from {{ cohorts }} as cohorts
        left join (
            -- one row per entity active on some day after day 0 (up to the largest N): which N
            select
                cohorts.entity_id
                {%- for n in days %},
                max(case when {{ dbt.datediff('cohorts.cohort_date', 'activity.activity_date', 'day') }} = {{ n }} then 1 else 0 end)
                    as is_active_d{{ n }}
                {%- endfor %}
            from {{ cohorts }} as cohorts
            inner join {{ activity }} as activity
                on
                    cohorts.entity_id = activity.entity_id
                    and activity.activity_date > cohorts.cohort_date
                    and activity.activity_date <= cast({{ dbt.dateadd('day', days | max, 'cohorts.cohort_date') }} as date)
            group by cohorts.entity_id
        ) as returns on cohorts.entity_id = returns.entity_id
    ) as flagged
    group by {{ rollup_grouping_sets(['cohort_date'], dimensions) }}
{%- endmacro %}
