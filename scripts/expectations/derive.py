"""Expectations that follow from the sources for every mart, without a hand-written line:

- column set: exactly the documented columns (manifest / YAML);
- grain: its columns are not NULL and unique together (the model's unique test);
- metric column types from the catalog unit, checked on the warehouse type (one schema frame per
  family): count -> an integer type; currency, ratio, seconds, hours, days, score -> an integer
  or decimal type; category -> text, boolean or integer codes;
- one value range per catalog placement: [min_value, max_value] (NULLs allowed: a NULL rate is
  the zero-denominator convention); a category's allowed values; a placement without any bound
  must at least be finite;
- date coverage: the distinct periods of a daily / weekly / monthly table are exactly the spine
  (intermediate.int_dates, first data date -> as_of_date), or within it for a sparse table.
"""

from __future__ import annotations

from typing import Any, Sequence

from .sources import Mart, Placement
from .spec import Spec, SuiteSpec

NUMERIC_UNITS = ("currency", "ratio", "seconds", "hours", "days", "score")
FINITE = 1e15  # the bound of a placement the catalog leaves unbounded: a finite number

# Period column -> the int_dates column whose distinct values are the spine of that grain.
PERIOD_COLUMNS = {
    "date_day": "date_day", "cohort_date": "date_day",
    "week_start": "week_start",
    "month_start": "month_start", "cohort_month": "month_start",
}


def column_set(mart: Mart) -> Spec:
    return Spec("ExpectTableColumnsToMatchSet", {"column_set": list(mart.columns), "exact_match": True},
                "Exactly the columns documented in the YAML.", "manifest")


def grain(mart: Mart) -> list[Spec]:
    """Key columns not NULL and unique together; nothing when the model declares no grain test."""
    if not mart.grain:
        return []
    specs = [
        Spec("ExpectColumnValuesToNotBeNull", {"column": key}, "A grain column is never NULL.", "manifest")
        for key in mart.grain
    ]
    if len(mart.grain) == 1:
        specs.append(Spec("ExpectColumnValuesToBeUnique", {"column": mart.grain[0]}, "One row per key.", "manifest"))
    else:
        specs.append(Spec("ExpectCompoundColumnsToBeUnique", {"column_list": list(mart.grain)},
                          f"One row per {' × '.join(mart.grain)}.", "manifest"))
    return specs


# Warehouse types (DuckDB information_schema) by class, and the classes each catalog unit allows.
TYPE_CLASS_SQL = """case
        when data_type in ('TINYINT', 'SMALLINT', 'INTEGER', 'BIGINT', 'HUGEINT',
                           'UTINYINT', 'USMALLINT', 'UINTEGER', 'UBIGINT', 'UHUGEINT') then 'integer'
        when data_type in ('FLOAT', 'REAL', 'DOUBLE') or data_type like 'DECIMAL%' then 'decimal'
        when data_type = 'VARCHAR' then 'text'
        when data_type = 'BOOLEAN' then 'boolean'
        else coalesce(data_type, 'missing')
    end"""
UNIT_TYPE_CLASSES = {
    "count": ("integer",),
    **{unit: ("integer", "decimal") for unit in NUMERIC_UNITS},
    "category": ("text", "boolean", "integer"),  # codes, flags, quadrant numbers; values pinned by a Values rule
}


def _sql_text(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def schema_suite(family: str, placements: Sequence[Placement]) -> SuiteSpec:
    """One frame per family: every metric placement of its marts with its warehouse type.

    DuckDB classifies each column's type (integer, decimal, text, boolean); one GX expectation
    checks every (unit, type class) pair against UNIT_TYPE_CLASSES, so a count stored as DOUBLE
    or a rate stored as text shows up as an unexpected row naming the model and column.
    """
    rows = ", ".join(
        f"({_sql_text(p.model)}, {_sql_text(p.column)}, {_sql_text(p.metric_id)}, {_sql_text(p.unit)})"
        for p in placements
    )
    query = f"""select placed.model, placed.column_name, placed.metric_id, placed.unit, columns.data_type,
    {TYPE_CLASS_SQL} as type_class
from (values {rows}) as placed (model, column_name, metric_id, unit)
left join information_schema.columns as columns
    on columns.table_schema = 'marts' and columns.table_name = placed.model and columns.column_name = placed.column_name
order by placed.model, placed.column_name"""
    pairs = [[unit, type_class] for unit, classes in UNIT_TYPE_CLASSES.items() for type_class in classes]
    suite = SuiteSpec(f"{family}.schema", family, "(schema)", query, ("model", "column_name"))
    suite.add(
        Spec("ExpectColumnValuesToNotBeNull", {"column": "data_type"},
             "Every metric the catalog places in these marts is a column of the warehouse.", "catalog", columns=()),
        Spec("ExpectColumnPairValuesToBeInSet",
             {"column_A": "unit", "column_B": "type_class", "value_pairs_set": pairs},
             "The warehouse type fits the catalog unit: count -> integer; currency, ratio, seconds, hours, "
             "days, score -> integer or decimal; category -> text, boolean or integer codes.", "catalog", columns=()),
    )
    return suite


def metric_range(placement: Placement, category_values: Sequence[Any] | None) -> Spec:
    """The placement's valid range (NULLs pass: GX map expectations skip missing values)."""
    column = placement.column
    if placement.unit == "category":
        if category_values is None:
            raise ValueError(f"category metric {placement.metric_id} on {placement.model}.{column}: "
                             "add a Values rule naming its allowed values")
        return Spec("ExpectColumnValuesToBeInSet", {"column": column, "value_set": list(category_values)},
                    f"{placement.metric_id}: one of the allowed values.", "catalog")
    low, high = placement.min_value, placement.max_value
    if low is None and high is None:
        return Spec("ExpectColumnValuesToBeBetween",
                    {"column": column, "min_value": -FINITE, "max_value": FINITE, "mostly": 1.0},
                    f"{placement.metric_id}: no catalog bound, so a finite number.", "catalog")
    return Spec("ExpectColumnValuesToBeBetween", {"column": column, "min_value": low, "max_value": high, "mostly": 1.0},
                f"{placement.metric_id}: in [{low}, {high}] (metric catalog).", "catalog")


def period_column(mart: Mart) -> str | None:
    return next((column for column in PERIOD_COLUMNS if column in mart.columns), None)


def date_coverage(mart: Mart, spine: dict[str, list[str]], sparse: bool) -> Spec | None:
    """Distinct periods = the spine's (dates as ISO text: frames carry dates as VARCHAR)."""
    column = period_column(mart)
    if column is None:
        return None
    periods = spine[PERIOD_COLUMNS[column]]
    if sparse:
        return Spec("ExpectColumnDistinctValuesToBeInSet", {"column": column, "value_set": periods},
                    f"Sparse: every {column} lies in the spine.", "spine")
    return Spec("ExpectColumnDistinctValuesToEqualSet", {"column": column, "value_set": periods},
                f"Every {column} of the spine ({periods[0]} .. {periods[-1]}) appears, no other.", "spine")
