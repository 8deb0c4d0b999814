"""Every mart's suites: the derived expectations plus the family rules, given the warehouse.

Each mart gets a suite over its own frame (`<family>.<model>`); a mart with identities or
monotone steps also gets a suite over its *checks* frame (`<family>.<model>.checks`): the grain
keys and the derived values DuckDB computes from the mart (identity errors, step-to-step
changes, differences from the home mart). Every pass/fail decision is a GX expectation on one of
these frames, so all of them appear in Data Docs.

Frames carry DATE and TIMESTAMP columns as ISO text: GX compares value sets by equality and
saves them as JSON, which pandas timestamps do not survive.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass
from typing import Any, Iterable, Sequence

import duckdb

from . import conversion, core, finance, membership, operations, reporting, traffic
from .derive import column_set, date_coverage, grain, metric_range, schema_suite
from .rules import AtMost, Identity, InputBound, Monotone, Rule, Values, applies
from .sources import Mart, Placement, Project
from .spec import Spec, SuiteSpec

FAMILY_RULES: dict[str, tuple[Rule, ...]] = {
    module.FAMILY: module.RULES for module in (traffic, conversion, operations, membership, finance, core, reporting)
}
# Tables whose periods are a subset of the spine (only days with activity appear).
SPARSE = frozenset({"fct_campaign_funnel_daily", "fct_sku_funnel_daily"})
REPORTING = "reporting"
TEMPORAL_TYPES = ("DATE", "TIMESTAMP")


@dataclass(frozen=True)
class Warehouse:
    """What the builder reads from the warehouse: mart column types, the spine, input numbers."""

    connection: duckdb.DuckDBPyConnection

    def column_types(self) -> dict[str, dict[str, str]]:
        types: dict[str, dict[str, str]] = defaultdict(dict)
        for table, column, data_type in self.connection.execute(
            "select table_name, column_name, data_type from information_schema.columns "
            "where table_schema = 'marts' order by table_name, ordinal_position"
        ).fetchall():
            types[table][column] = data_type
        return dict(types)

    def spine(self) -> dict[str, list[str]]:
        return {
            column: [row[0] for row in self.connection.execute(
                f"select distinct cast({column} as varchar) from intermediate.int_dates order by 1"
            ).fetchall()]
            for column in ("date_day", "week_start", "month_start")
        }

    def number(self, sql: str) -> float:
        value = self.connection.execute(f"select {sql}").fetchall()[0][0]
        return int(value) if float(value).is_integer() else float(value)

    def values(self, sql: str) -> list[Any]:
        return sorted({row[0] for row in self.connection.execute(sql).fetchall()}, key=str)


# ---------------------------------------------------------------------------- frames


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _select(column: str, data_type: str, alias: str = "") -> str:
    source = f"{alias}{_quote(column)}"
    if data_type.startswith(TEMPORAL_TYPES):
        return f"cast({source} as varchar) as {_quote(column)}"
    return source


def frame_query(model: str, types: dict[str, str], order: Sequence[str]) -> str:
    columns = ", ".join(_select(column, data_type) for column, data_type in types.items())
    order_by = f" order by {', '.join(map(_quote, order))}" if order else ""
    return f"select {columns} from marts.{_quote(model)}{order_by}"


def checks_query(model: str, types: dict[str, str], keys: Sequence[str], derived: Sequence[tuple[str, str]],
                 joins: Sequence[str]) -> str:
    """The grain keys and each derived value (`name`, SQL expression over `m` and the joins)."""
    selected = [_select(key, types.get(key, ""), "m.") for key in keys]
    selected += [f"{expression} as {_quote(name)}" for name, expression in derived]
    order_by = f" order by {', '.join('m.' + _quote(key) for key in keys)}" if keys else ""
    return f"select {', '.join(selected)} from marts.{_quote(model)} as m {' '.join(joins)}{order_by}"


# ---------------------------------------------------------------------------- rules -> specs


def at_most(rule: AtMost, family: str) -> Spec:
    kwargs: dict[str, Any] = {
        "column_A": rule.high, "column_B": rule.low, "or_equal": True, "ignore_row_if": "either_value_is_missing",
    }
    if rule.where:
        kwargs["row_condition"] = [list(pair) for pair in rule.where]
    return Spec("ExpectColumnPairValuesAToBeGreaterThanB", kwargs, f"{rule.low} ≤ {rule.high}: {rule.about}",
                f"rule:{family}")


def monotone_expression(rule: Monotone, keys: Sequence[str]) -> str:
    groups = rule.partition_by if rule.partition_by is not None else [key for key in keys if key != rule.along]
    partition = [f"m.{_quote(key)}" for key in groups]
    if rule.where:
        partition.append(f"({rule.where})")
    over = f"over ({'partition by ' + ', '.join(partition) + ' ' if partition else ''}order by m.{_quote(rule.along)})"
    change = f"m.{_quote(rule.column)} - lag(m.{_quote(rule.column)}) {over}"
    return f"case when {rule.where} then {change} end" if rule.where else change


def derived_spec(rule: Identity | Monotone, family: str) -> Spec:
    if isinstance(rule, Monotone):
        bounds = {"max_value": 0} if rule.direction == "non_increasing" else {"min_value": 0}
        return Spec("ExpectColumnValuesToBeBetween", {"column": rule.name, **bounds, "mostly": 1.0},
                    f"{rule.column} is {rule.direction.replace('_', '-')} along {rule.along}: {rule.about}",
                    f"rule:{family}", columns=rule.uses)
    return Spec("ExpectColumnValuesToBeBetween",
                {"column": rule.name, "min_value": -rule.tolerance, "max_value": rule.tolerance, "mostly": 1.0},
                f"{rule.about} (|error| ≤ {rule.tolerance:g})", f"rule:{family}", columns=rule.uses)


def input_bound(rule: InputBound, warehouse: Warehouse) -> Spec:
    value = warehouse.number(rule.sql)
    low = value - rule.tolerance if rule.relation in ("=", ">=") else None
    high = value + rule.tolerance if rule.relation in ("=", "<=") else None
    about = f"{rule.about} ({rule.relation} {value}: {rule.sql})"
    if rule.column is None:
        if rule.relation == "=":
            return Spec("ExpectTableRowCountToEqual", {"value": value}, about, "input")
        return Spec("ExpectTableRowCountToBeBetween", {"min_value": low, "max_value": high}, about, "input")
    kwargs: dict[str, Any] = {"column": rule.column, "min_value": low, "max_value": high}
    if rule.where:
        kwargs["row_condition"] = [list(pair) for pair in rule.where]
    return Spec("ExpectColumnSumToBeBetween", kwargs, about, "input")


def values_spec(rule: Values, values: list[Any]) -> Spec:
    if rule.mode == "contains":
        return Spec("ExpectColumnDistinctValuesToContainSet", {"column": rule.column, "value_set": values},
                    rule.about, "input")
    return Spec("ExpectColumnValuesToBeInSet", {"column": rule.column, "value_set": values}, rule.about, "input")


# ---------------------------------------------------------------------------- suites


def _unique(specs: Iterable[Spec]) -> list[Spec]:
    """Drop repeats (a reporting set meets the same rule from two families)."""
    seen: set[str] = set()
    kept = []
    for spec in specs:
        key = spec.expectation + json.dumps(spec.kwargs, sort_keys=True, default=str)
        if key not in seen:
            seen.add(key)
            kept.append(spec)
    return kept


def _marts(project: Project) -> dict[str, tuple[Mart, bool]]:
    """Documented marts, plus any model the catalog places a metric in without documenting it."""
    marts = {name: (mart, True) for name, mart in project.marts.items()}
    undocumented: dict[str, list[Placement]] = defaultdict(list)
    for placement in project.placements:
        if placement.model not in marts:
            undocumented[placement.model].append(placement)
    for name, placements in undocumented.items():
        columns = tuple(p.column for p in placements)
        marts[name] = (Mart(name, placements[0].family, columns, {p.column: p.metric_id for p in placements}, ()), False)
    return marts


def rules_for(mart: Mart) -> list[tuple[str, Rule]]:
    """(family, rule) for every rule that applies to the mart: the InputBound and Values rules
    naming it, and the column rules of its family (of every family for a reporting set)."""
    return [
        (rule_family, rule)
        for rule_family, family_rules in FAMILY_RULES.items() for rule in family_rules
        if isinstance(rule, (InputBound, Values)) and rule.model == mart.name
        or isinstance(rule, (AtMost, Identity, Monotone))
        and applies(rule, mart.name, mart.columns, rule_family == mart.family or mart.family == REPORTING)
    ]


def main_suite(mart: Mart, documented: bool, query: str) -> SuiteSpec:
    """The mart's own frame, with its column set and grain."""
    suite = SuiteSpec(f"{mart.family}.{mart.name}", mart.family, mart.name, query, mart.grain)
    if documented:
        suite.add(column_set(mart))
    else:
        suite.add(Spec("ExpectTableColumnsToMatchSet", {"column_set": list(mart.columns), "exact_match": False},
                       "The catalog places metrics here, but the model is not documented.", "catalog"))
    suite.add(*grain(mart))
    return suite


def mart_suites(mart: Mart, documented: bool, placements: Sequence[Placement], warehouse: Warehouse,
                types: dict[str, str], spine: dict[str, list[str]]) -> list[SuiteSpec]:
    """The mart's suite, and its checks suite when a derived rule applies."""
    main = main_suite(mart, documented, frame_query(mart.name, types, mart.grain) if types else "")
    rules = rules_for(mart)

    # One range per catalog placement (a category's range is its Values rule's set).
    category_values = {
        rule.column: warehouse.values(rule.sql) for _, rule in rules if isinstance(rule, Values) and rule.mode == "in"
    }
    for placement in placements:
        main.add(metric_range(placement, category_values.get(placement.column)))
    coverage = date_coverage(mart, spine, mart.name in SPARSE)
    if coverage:
        main.add(coverage)

    placed = {placement.column for placement in placements}
    derived: dict[str, str] = {}  # checks-frame column -> SQL
    joins: list[str] = []
    checks: list[Spec] = []
    for family, rule in rules:
        if isinstance(rule, AtMost):
            main.add(at_most(rule, family))
        elif isinstance(rule, InputBound):
            main.add(input_bound(rule, warehouse))
        elif isinstance(rule, Values):
            if not (rule.mode == "in" and rule.column in placed):  # else it is already the placement's range
                main.add(values_spec(rule, warehouse.values(rule.sql)))
        else:
            expression = monotone_expression(rule, mart.grain) if isinstance(rule, Monotone) else rule.expression
            if derived.setdefault(rule.name, expression) != expression:
                raise ValueError(f"{mart.name}: two different derived values named {rule.name}")
            if isinstance(rule, Identity) and rule.join and rule.join not in joins:
                joins.append(rule.join)
            checks.append(derived_spec(rule, family))
    main.specs = _unique(main.specs)
    if not (checks and types):
        return [main]
    query = checks_query(mart.name, types, mart.grain, list(derived.items()), joins)
    return [main, SuiteSpec(f"{main.name}.checks", mart.family, mart.name, query, mart.grain, _unique(checks))]


def build_suites(project: Project, connection: duckdb.DuckDBPyConnection) -> list[SuiteSpec]:
    """All suites, ordered by family and model."""
    warehouse = Warehouse(connection)
    types = warehouse.column_types()
    spine = warehouse.spine()
    placements: dict[str, list[Placement]] = defaultdict(list)
    for placement in project.placements:
        placements[placement.model].append(placement)
    marts = _marts(project)
    suites: list[SuiteSpec] = []
    for family in sorted({mart.family for mart, _ in marts.values()}):
        members = sorted(name for name, (mart, _) in marts.items() if mart.family == family)
        family_placements = [p for name in members for p in placements[name]]
        if family_placements:
            suites.append(schema_suite(family, family_placements))
        for name in members:
            mart, documented = marts[name]
            suites.extend(mart_suites(mart, documented, placements[name], warehouse, types.get(name, {}), spine))
    return suites
