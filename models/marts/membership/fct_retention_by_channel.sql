-- Day-N retention pooled over every complete daily cohort, by cohort basis × channel × platform
-- (with the 'all' rollups of fct_retention_cohorts): for each N, the cohorts with
-- d0 + N ≤ as_of_date (those whose retained_dN is not NULL) are pooled, so
-- retention_dN = Σ retained_dN / Σ cohort_size — the cohort-size-weighted mean of the daily
-- cohorts' retention. Each N has its own set of complete cohorts (day 30 matures last).
-- One row per cohort_basis × channel × platform.

with

cohorts as (
    select * from {{ ref('fct_retention_cohorts') }}
),

pooled as (
    select
        cohort_basis,
        channel,
        platform,
        min(case when cohort_size > 0 then cohort_date end) as first_cohort_date,
        max(case when cohort_size > 0 then cohort_date end) as last_cohort_date,
        coalesce(sum(case when retained_d1 is not null then cohort_size end), 0) as cohort_size_d1,
        coalesce(sum(retained_d1), 0) as retained_d1,
        coalesce(sum(case when retained_d3 is not null then cohort_size end), 0) as cohort_size_d3,
        coalesce(sum(retained_d3), 0) as retained_d3,
        coalesce(sum(case when retained_d7 is not null then cohort_size end), 0) as cohort_size_d7,
        coalesce(sum(retained_d7), 0) as retained_d7,
        coalesce(sum(case when retained_d30 is not null then cohort_size end), 0) as cohort_size_d30,
        coalesce(sum(retained_d30), 0) as retained_d30
    from cohorts
    group by cohort_basis, channel, platform
),

final as (
    select
        cohort_basis,
        channel,
        platform,
        first_cohort_date,
        last_cohort_date,
        cast(cohort_size_d1 as {{ dbt.type_bigint() }}) as cohort_size_d1,
        cast(retained_d1 as {{ dbt.type_bigint() }}) as retained_d1,
        {{ safe_divide('retained_d1', 'cohort_size_d1') }} as retention_d1,
        cast(cohort_size_d3 as {{ dbt.type_bigint() }}) as cohort_size_d3,
        cast(retained_d3 as {{ dbt.type_bigint() }}) as retained_d3,
        {{ safe_divide('retained_d3', 'cohort_size_d3') }} as retention_d3,
        cast(cohort_size_d7 as {{ dbt.type_bigint() }}) as cohort_size_d7,
        cast(retained_d7 as {{ dbt.type_bigint() }}) as retained_d7,
        {{ safe_divide('retained_d7', 'cohort_size_d7') }} as retention_d7,
        cast(cohort_size_d30 as {{ dbt.type_bigint() }}) as cohort_size_d30,
        cast(retained_d30 as {{ dbt.type_bigint() }}) as retained_d30,
        {{ safe_divide('retained_d30', 'cohort_size_d30') }} as retention_d30
    from pooled
)

select * from final
