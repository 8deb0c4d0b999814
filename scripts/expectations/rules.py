"""The vocabulary of the hand-written rules (build.py turns each into GX specs).

What the sources cannot say is written per family (traffic.py ...) with these few shapes:

- `AtMost(low, high)`: `low ≤ high` on every row where both are known — a GX column-pair
  expectation on the mart frame itself.
- `Identity(name, expression, uses, tolerance)`: an arithmetic rule (`sales_net = sales_paid −
  refund_amount`, the sales decomposition, a value read from its home mart) computed by DuckDB
  into a column of the model's *checks* frame; GX then expects |error| ≤ tolerance. NULL errors
  (a factor is NULL: the zero-denominator convention) are not checked.
- `Monotone(column, along)`: funnel steps never increase, running totals never decrease — the
  step-to-step change is computed in SQL with `lag()` over the rest of the grain.
- `InputBound(model, sql, relation)`: the row count (or a column sum) against a number computed
  from the input layers (intermediate, staging, reference seeds).
- `Values(model, column, sql)`: the column's values lie in a set read from a seed (or, with
  `mode="contains"`, every value of the input appears).

A rule without `models` applies to every mart of its family (and every reporting set) that has
all the columns it uses; with `models` it applies to those marts only.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, Union

Equalities = tuple[tuple[str, object], ...]  # a row condition: column = value and ...

# Counts of the input the row-count bounds are built from (one number each, DuckDB SQL).
DAYS = "(select count(*) from intermediate.int_dates)"
WEEKS = "(select count(distinct week_start) from intermediate.int_dates)"
MONTHS = "(select count(distinct month_start) from intermediate.int_dates)"
CHANNELS = "(select count(*) from reference.channels)"
PLATFORMS = "(select count(*) from reference.platforms)"
PAGE_TYPES = "(select count(*) from reference.page_types)"
CATEGORIES = "(select count(distinct category_l1) from marts.dim_products)"
AS_OF_DATE = "(select as_of_date from intermediate.int_as_of_date)"


def rows_per_period(period: str, *factors: str) -> str:
    """SQL for `periods × factor × ...` (each rollup dimension counted with its 'all' value)."""
    return " * ".join([{"day": DAYS, "week": WEEKS, "month": MONTHS}[period], *factors])


def with_all(count_sql: str) -> str:
    """A dimension's values plus its 'all' rollup."""
    return f"({count_sql} + 1)"


@dataclass(frozen=True)
class AtMost:
    low: str
    high: str
    about: str
    where: Equalities = ()  # only the rows where every (column, value) holds
    models: tuple[str, ...] | None = None

    @property
    def uses(self) -> tuple[str, ...]:
        return (self.low, self.high)


@dataclass(frozen=True)
class Identity:
    name: str
    expression: str  # DuckDB SQL over the model's columns (table alias `m`) and `join`
    uses: tuple[str, ...]
    about: str
    tolerance: float = 0.0
    join: str = ""
    models: tuple[str, ...] | None = None


@dataclass(frozen=True)
class Monotone:
    column: str
    along: str
    direction: Literal["non_increasing", "non_decreasing"]
    about: str
    where: str = ""  # SQL filter of the rows compared, e.g. "not is_pooled"
    models: tuple[str, ...] | None = None
    partition_by: tuple[str, ...] | None = None  # default: the grain without `along`

    @property
    def name(self) -> str:
        return f"{self.column}_change_along_{self.along}"

    @property
    def uses(self) -> tuple[str, ...]:
        return (self.column, self.along)


@dataclass(frozen=True)
class InputBound:
    model: str
    sql: str  # one number from the input layers
    relation: Literal["=", "<=", ">="]
    about: str
    column: str | None = None  # None: the row count; else the column's sum
    where: Equalities = ()  # sum over the rows where every (column, value) holds
    tolerance: float = 0.0


@dataclass(frozen=True)
class Values:
    model: str
    column: str
    sql: str  # values, one per row
    about: str
    mode: Literal["in", "contains"] = "in"  # every value is one of them / every one of them appears


Rule = Union[AtMost, Identity, Monotone, InputBound, Values]


def applies(rule: AtMost | Identity | Monotone, model: str, columns: tuple[str, ...], family_match: bool) -> bool:
    """A column rule applies to a mart it names, or (unscoped) to a mart of its family or a
    reporting set that has every column the rule uses."""
    if rule.models is not None:
        return model in rule.models
    return family_match and set(rule.uses) <= set(columns)
