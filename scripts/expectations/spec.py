"""GX-free descriptions of expectations and suites.

A `Spec` names a great-expectations expectation class and its arguments; `checkpoint.py` turns it
into the GX object. Keeping the suites as plain data lets `metric_coverage.py` read which mart
columns they check without importing great-expectations (a 15-second import here).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Mapping

# Expectation arguments that name the mart columns an expectation checks.
COLUMN_ARGUMENTS = ("column", "column_A", "column_B", "column_list")


@dataclass(frozen=True)
class Spec:
    """One expectation: GX class name, its arguments, why it exists, the mart columns it checks.

    A `row_condition` argument is a list of [column, value] pairs, all of which must hold (GX
    `Condition` objects are built from it). `columns` is what the coverage check counts. It defaults to the column arguments; a check on a
    derived column (an identity error computed in SQL) names the mart columns it was computed from.
    Table-level expectations (column set, row count) check no particular column.
    """

    expectation: str
    kwargs: Mapping[str, Any]
    about: str
    origin: str  # "catalog", "manifest", "spine", "rule:<family>", "input"
    columns: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if not self.columns:
            object.__setattr__(self, "columns", self.targets)

    @property
    def targets(self) -> tuple[str, ...]:
        """The frame columns the expectation's arguments name."""
        named: list[str] = []
        for argument in COLUMN_ARGUMENTS:
            value = self.kwargs.get(argument)
            named.extend([value] if isinstance(value, str) else list(value or []))
        return tuple(named)

    @property
    def label(self) -> str:
        """Short text for the console: expectation and the frame columns it names."""
        return f"{self.expectation}({', '.join(self.targets) or 'table'})"


@dataclass
class SuiteSpec:
    """A suite over one frame: a mart (`query` = the mart) or a mart's derived checks.

    `query` is DuckDB SQL against the warehouse; `keys` are the columns that identify a row (shown
    with unexpected values).
    """

    name: str
    family: str
    model: str
    query: str
    keys: tuple[str, ...]
    specs: list[Spec] = field(default_factory=list)

    def add(self, *specs: Spec) -> None:
        self.specs.extend(specs)
