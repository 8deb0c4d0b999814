{#-
    Counts of members "in a trailing window" on every date of the spine, without a date × member
    explosion (fct_members_daily, fct_churn_monthly). The trick (the same one as
    trailing_window_exit_date of the traffic family, whose exit date it uses):

    A member with active days a1 < a2 < ... is in the window (d − W, d] of date d when some
    a_i ∈ (d − W, d], i.e. d ∈ [a_i, a_i + W). The half-open ranges
        [a_i, min(a_{i+1}, a_i + W))
    are disjoint for one member and their union is the union of the [a_i, a_i + W). So every
    member-day contributes +1 on a_i and −1 on min(a_{i+1}, a_i + W), and the number of
    members in the window on d is the running sum of these changes up to d: one pass over the
    member-days, O(member-days + dates), whatever W is.

    A window delayed by D days ((d − D − W, d − D]) shifts both changes by D.
-#}

{#-
    The +1 / −1 changes of one windowed measure, in long form (measure, change_date, change).
    member_days: a relation or CTE with activity_date and next_activity_date (the member's next
    activity date, NULL for the last one).
-#}
{% macro member_window_changes(member_days, measure, window_days, delay_days=0) -%}
    select
        '{{ measure }}' as measure,
        cast({{ dbt.dateadd('day', delay_days, 'activity_date') }} as date) as change_date,
        1 as change
    from {{ member_days }}
    union all
    select
        '{{ measure }}' as measure,
        cast({{ dbt.dateadd('day', delay_days, trailing_window_exit_date('activity_date', 'next_activity_date', window_days)) }} as date) as change_date,
        -1 as change
    from {{ member_days }}
{%- endmacro %}

{#-
    The running total of each measure's changes on every date of int_dates: the changes dated on
    or before the date, earlier than the spine's first date included (members registered before
    the data starts), later than as_of_date ignored. changes: relation or CTE (measure,
    change_date, change); measures: the measure names, one output column each (bigint).
    Works on a sparse spine too: the running sum runs over the union of spine and change dates.
-#}
{% macro running_change_totals(changes, measures) -%}
    select
        date_day,
        {%- for measure in measures %}
        {{ measure }}{{ "," if not loop.last }}
        {%- endfor %}
    from (
        select
            timeline.date_day,
            max(timeline.is_spine_date) as is_spine_date,
            {%- for measure in measures %}
            cast(sum(sum(timeline.{{ measure }}_change)) over (
                order by timeline.date_day rows between unbounded preceding and current row
            ) as {{ dbt.type_bigint() }}) as {{ measure }}{{ "," if not loop.last }}
            {%- endfor %}
        from (
            select
                date_day,
                1 as is_spine_date
                {%- for measure in measures %},
                0 as {{ measure }}_change
                {%- endfor %}
            from {{ ref('int_dates') }}
            union all
            select
                changes.change_date as date_day,
                0 as is_spine_date
                {%- for measure in measures %},
                case when changes.measure = '{{ measure }}' then changes.change else 0 end as {{ measure }}_change
                {%- endfor %}
            from {{ changes }} as changes
            where changes.change_date <= (select as_of_date from {{ ref('int_as_of_date') }})
        ) as timeline
        group by timeline.date_day
    ) as running
    where is_spine_date = 1
{%- endmacro %}
