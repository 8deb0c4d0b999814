"""Metric coverage (scripts/metric_coverage.py): every catalog metric is pinned by a unit test of its
home model and checked by an expectation of the checkpoint."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import duckdb
import pytest

from conftest import PROJECT_DIR
from expectations.build import build_suites
from expectations.sources import Placement, Project, UnitTest, load_project
from expectations.spec import SuiteSpec
from metric_coverage import expectation_coverage, unit_test_coverage

MANIFEST = PROJECT_DIR / "target" / "ci" / "manifest.json"


@pytest.fixture(scope="module")
def project(ci_warehouse: Path) -> Project:
    return load_project(PROJECT_DIR, MANIFEST)


@pytest.fixture(scope="module")
def suites(project: Project, ci_warehouse: Path) -> list[SuiteSpec]:
    with duckdb.connect(str(ci_warehouse), read_only=True) as connection:
        return build_suites(project, connection)


def test_every_metric_has_a_unit_test_of_its_home_model(project: Project) -> None:
    coverage = unit_test_coverage(project)
    print(coverage.line())
    assert coverage.uncovered == {}


def test_every_metric_has_an_expectation(project: Project, suites: list[SuiteSpec]) -> None:
    coverage = expectation_coverage(project, suites)
    print(coverage.line())
    assert coverage.uncovered == {}


def test_coverage_sees_a_metric_without_unit_test_or_expectation(project: Project, suites: list[SuiteSpec]) -> None:
    """A catalog metric placed on a model no unit test or suite knows is uncovered by both."""
    orphan = Placement("orphan_metric", "operations", "count", "fct_nowhere", "orphan", True, 0, None)
    extended = dataclasses.replace(project, placements=(*project.placements, orphan))
    assert set(unit_test_coverage(extended).uncovered) == {"orphan_metric"}
    assert set(expectation_coverage(extended, suites).uncovered) == {"orphan_metric"}


def test_a_unit_test_of_another_model_does_not_cover_the_home(project: Project) -> None:
    """Listing the column in a unit test of a non-home model does not count."""
    home = next(p for p in project.placements if p.is_home and p.metric_id == "orders_valid")
    others = tuple(t for t in project.unit_tests if t.model != home.model)
    elsewhere = UnitTest("elsewhere", "fct_returns_daily", frozenset({home.column}))
    extended = dataclasses.replace(project, unit_tests=(*others, elsewhere))
    assert "orders_valid" in unit_test_coverage(extended).uncovered
