-- shift_time_zone shifts by a fixed offset from the date a zone last changed its offset and
-- uses ICU before it: both sides give the tz database's answer, worked out by hand here.
-- Asia/Shanghai: +8, but +9 in the summers of 1986-1991 (1988: 10 April - 11 September).
-- Europe/London: +1 in summer (no fixed offset: ICU throughout). Asia/Kolkata: +5:30 since 1945.
-- DuckDB only (Spark converts natively).
{{ config(enabled=target.type == 'duckdb') }}

{%- set cases = [
    ('1988-07-01 12:00:00', 'Asia/Shanghai', 'UTC', '1988-07-01 03:00:00'),
    ('1988-07-01 03:00:00', 'UTC', 'Asia/Shanghai', '1988-07-01 12:00:00'),
    ('1991-10-01 00:00:00', 'Asia/Shanghai', 'UTC', '1991-09-30 16:00:00'),
    ('2025-06-01 10:00:00', 'Asia/Shanghai', 'UTC', '2025-06-01 02:00:00'),
    ('2025-06-01 16:00:00', 'UTC', 'Asia/Shanghai', '2025-06-02 00:00:00'),
    ('2025-07-01 12:00:00', 'Europe/London', 'UTC', '2025-07-01 11:00:00'),
    ('2025-01-15 12:00:00', 'UTC', 'Europe/London', '2025-01-15 12:00:00'),
    ('2025-06-01 00:00:00', 'UTC', 'Asia/Kolkata', '2025-06-01 05:30:00'),
] %}

with

shifted as (
    {%- for value, from_zone, to_zone, expected in cases %}
    select
        '{{ value }} {{ from_zone }} -> {{ to_zone }}' as conversion,
        {{ shift_time_zone("cast('" ~ value ~ "' as timestamp)", from_zone, to_zone) }} as converted,
        cast('{{ expected }}' as timestamp) as expected
    {{ 'union all' if not loop.last }}
    {%- endfor %}
)

select *
from shifted
where converted is distinct from expected
