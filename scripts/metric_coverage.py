"""Metric coverage: is every metric of the catalog pinned by a unit test and checked by an expectation?

  unit tests     a metric is covered when a dbt unit test of its HOME model (is_home in
                 seeds/metric_catalog.csv) lists the metric's column in its `expect` rows
                 (read from the manifest's unit_test nodes, or from the YAML);
  expectations   a metric is covered when some expectation of the great-expectations checkpoint
                 (scripts/expectations) checks the metric's column on a model the catalog
                 places it in (table-level expectations such as the column set do not count).

Coverage counts distinct metric ids. Prints `unit tests: covered/total (pct)` and
`expectations: covered/total (pct)` and the uncovered metrics; exits 1 unless both are 100 %.
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Sequence

import duckdb

sys.path.insert(0, str(Path(__file__).resolve().parent))
from expectations.build import build_suites  # noqa: E402
from expectations.inputs import add_arguments, resolve  # noqa: E402
from expectations.sources import Project, load_project  # noqa: E402
from expectations.spec import SuiteSpec  # noqa: E402
from project import PROJECT_DIR  # noqa: E402


@dataclass(frozen=True)
class Coverage:
    kind: str
    total: int
    uncovered: dict[str, str]  # metric_id -> why

    @property
    def covered(self) -> int:
        return self.total - len(self.uncovered)

    @property
    def complete(self) -> bool:
        return not self.uncovered

    def line(self) -> str:
        percent = 100.0 * self.covered / self.total if self.total else 100.0
        return f"{self.kind}: {self.covered}/{self.total} ({percent:.1f} %)"


def unit_test_coverage(project: Project) -> Coverage:
    """Metrics whose home column appears in the expected rows of a unit test of the home model."""
    tested: dict[str, set[str]] = defaultdict(set)
    for test in project.unit_tests:
        tested[test.model] |= test.expected_columns
    metrics = {placement.metric_id for placement in project.placements}
    homes = {p.metric_id: p for p in project.placements if p.is_home}
    uncovered = {}
    for metric in sorted(metrics):
        home = homes.get(metric)
        if home is None:
            uncovered[metric] = "no home placement in the catalog"
        elif home.column not in tested.get(home.model, set()):
            uncovered[metric] = f"no unit test of {home.model} expects column {home.column}"
    return Coverage("unit tests", len(metrics), uncovered)


def expectation_coverage(project: Project, suites: Iterable[SuiteSpec]) -> Coverage:
    """Metrics with an expectation on their column in some model they are placed in."""
    checked: set[tuple[str, str]] = {
        (suite.model, column) for suite in suites for spec in suite.specs for column in spec.columns
    }
    placements = defaultdict(list)
    for placement in project.placements:
        placements[placement.metric_id].append(placement)
    uncovered = {
        metric: "no expectation on " + ", ".join(f"{p.model}.{p.column}" for p in places)
        for metric, places in sorted(placements.items())
        if not any((p.model, p.column) in checked for p in places)
    }
    return Coverage("expectations", len(placements), uncovered)


def report(coverages: Sequence[Coverage]) -> str:
    lines = ["metric coverage (metrics covered / metrics in catalog):"]
    for coverage in coverages:
        lines.append(f"  {coverage.line()}")
        lines.extend(f"    uncovered {metric}: {why}" for metric, why in coverage.uncovered.items())
    return "\n".join(lines)


def coverages(project: Project, suites: Sequence[SuiteSpec]) -> list[Coverage]:
    return [unit_test_coverage(project), expectation_coverage(project, suites)]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    add_arguments(parser)
    inputs = resolve(parser.parse_args(argv))
    project = load_project(PROJECT_DIR, inputs.manifest)
    with duckdb.connect(str(inputs.warehouse), read_only=True) as connection:
        suites = build_suites(project, connection)
    results = coverages(project, suites)
    print(report(results))
    return 0 if all(coverage.complete for coverage in results) else 1


if __name__ == "__main__":
    sys.exit(main())
