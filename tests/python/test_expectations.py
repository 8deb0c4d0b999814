"""The great-expectations checkpoint (scripts/check_expectations.py): it passes on the ci warehouse,
and on a deliberately broken copy it fails with exactly the expectations the breakage violates."""

from __future__ import annotations

import contextlib
import io
import re
import shutil
import socket
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator

import duckdb
import pytest

import check_expectations
from conftest import PROJECT_DIR
from expectations.sources import from_manifest, from_yaml

MANIFEST = PROJECT_DIR / "target" / "ci" / "manifest.json"
FAILURE_LINE = re.compile(r"^  (?P<suite>\S+): (?P<label>\S.*)$")

# Three breakages of a copy of the ci warehouse, each on rows chosen from the data itself.
BREAKAGES = (
    # A valid-order count doubled beyond the placed orders of its row.
    """update marts.fct_sales_daily set orders_valid = orders_valid * 2
       where (date_day, channel, platform) = (
           select (date_day, channel, platform) from marts.fct_sales_daily
           where orders_valid > 0 and orders_valid * 2 > orders_placed order by all limit 1)""",
    # A rate of 1.5 on the first day.
    """update marts.fct_traffic_daily set bounce_rate = 1.5
       where date_day = (select min(date_day) from marts.fct_traffic_daily) and channel = 'all' and platform = 'all'""",
    # A whole date missing from the spine of fct_traffic_daily.
    """delete from marts.fct_traffic_daily
       where date_day = (select min(date_day) + 10 from marts.fct_traffic_daily)""",
)
EXPECTED_FAILURES = {
    ("operations.fct_sales_daily", "ExpectColumnPairValuesAToBeGreaterThanB(orders_placed, orders_valid)"),
    ("operations.fct_sales_daily.checks", "ExpectColumnValuesToBeBetween(order_accounting_error)"),
    # the doubled orders_valid no longer matches the stored per-order ratios computed from it
    ("operations.fct_sales_daily.checks", "ExpectColumnValuesToBeBetween(aov_per_order_vs_sales_per_order)"),
    ("operations.fct_sales_daily.checks", "ExpectColumnValuesToBeBetween(units_per_order_vs_units)"),
    ("traffic.fct_traffic_daily", "ExpectColumnValuesToBeBetween(bounce_rate)"),
    ("traffic.fct_traffic_daily", "ExpectColumnDistinctValuesToEqualSet(date_day)"),
    ("traffic.fct_traffic_daily", "ExpectTableRowCountToEqual(table)"),
}


@dataclass(frozen=True)
class Run:
    exit_code: int
    output: str
    network_attempts: list[str] = field(default_factory=list)

    @property
    def failures(self) -> set[tuple[str, str]]:
        if "FAILED expectations" not in self.output:
            return set()
        # the block of failures ends where the Data Docs path and the coverage lines begin
        block = self.output.split("FAILED expectations", 1)[1].split("Data Docs:", 1)[0]
        lines = block.splitlines()
        return {(m["suite"], m["label"]) for m in map(FAILURE_LINE.match, lines) if m}


@contextlib.contextmanager
def no_network(attempts: list[str]) -> Iterator[None]:
    """Every socket connection or name lookup from Python is refused and recorded."""
    original_connect, original_lookup = socket.socket.connect, socket.getaddrinfo

    def refuse(*args: Any, **kwargs: Any) -> Any:
        attempts.append(repr(args[1:] if args and isinstance(args[0], socket.socket) else args))
        raise OSError("network access during the checkpoint")

    socket.socket.connect, socket.getaddrinfo = refuse, refuse  # type: ignore[method-assign, assignment]
    try:
        yield
    finally:
        socket.socket.connect, socket.getaddrinfo = original_connect, original_lookup  # type: ignore[method-assign]


def run_checkpoint(warehouse: Path, docs: Path) -> Run:
    output, attempts = io.StringIO(), []
    with no_network(attempts), contextlib.redirect_stdout(output):
        code = check_expectations.main(["--warehouse", str(warehouse), "--manifest", str(MANIFEST), "--docs", str(docs)])
    print(output.getvalue())  # visible with pytest -s and in the failure report
    return Run(code, output.getvalue(), attempts)


@pytest.fixture(scope="module")
def clean_run(ci_warehouse: Path, tmp_path_factory: pytest.TempPathFactory) -> Run:
    return run_checkpoint(ci_warehouse, tmp_path_factory.mktemp("gx") / "docs")


@pytest.fixture(scope="module")
def broken_run(ci_warehouse: Path, tmp_path_factory: pytest.TempPathFactory) -> Run:
    folder = tmp_path_factory.mktemp("broken")
    copy = folder / "broken.duckdb"
    shutil.copyfile(ci_warehouse, copy)
    with duckdb.connect(str(copy)) as connection:
        for statement in BREAKAGES:
            connection.execute(statement)
    return run_checkpoint(copy, folder / "docs")


def test_checkpoint_passes_on_the_ci_warehouse(clean_run: Run, tmp_path_factory: pytest.TempPathFactory) -> None:
    """Every expectation holds on the ci marts; Data Docs and the coverage line are written."""
    assert sorted(clean_run.failures) == []
    assert clean_run.exit_code == 0
    assert "checkpoint passed" in clean_run.output
    assert re.search(r"unit tests: \d+/\d+ \(", clean_run.output)
    assert re.search(r"expectations: \d+/\d+ \(", clean_run.output)


def test_checkpoint_makes_no_network_access(clean_run: Run, broken_run: Run) -> None:
    assert clean_run.network_attempts == [] and broken_run.network_attempts == []


def test_checkpoint_writes_data_docs(clean_run: Run) -> None:
    docs_line = next(line for line in clean_run.output.splitlines() if line.startswith("Data Docs: "))
    index = Path(docs_line.removeprefix("Data Docs: "))
    assert index.name == "index.html" and index.exists()
    assert any((index.parent / "validations").rglob("*.html"))


def test_checkpoint_fails_on_a_broken_copy_with_exactly_the_broken_expectations(broken_run: Run, clean_run: Run) -> None:
    """Doubling orders_valid, a bounce rate of 1.5 and a missing date each fail their expectations,
    and nothing else newly fails (failures the clean warehouse already has are set aside)."""
    assert broken_run.exit_code == 1
    assert broken_run.failures - clean_run.failures == EXPECTED_FAILURES


def test_yaml_fallback_reads_the_same_marts_as_the_manifest(ci_warehouse: Path) -> None:
    """Without a manifest the YAML gives the same columns, metrics, grains and unit tests."""
    manifest_marts, manifest_tests = from_manifest(MANIFEST, PROJECT_DIR)
    yaml_marts, yaml_tests = from_yaml(PROJECT_DIR)
    assert yaml_marts == manifest_marts
    assert sorted(yaml_tests, key=lambda t: t.name) == sorted(manifest_tests, key=lambda t: t.name)


def test_context_is_offline(tmp_path: Path) -> None:
    """Ephemeral context, analytics off, the only Data Docs site a local folder."""
    from expectations.checkpoint import SITE, offline_context

    context = offline_context(tmp_path)
    assert type(context).__name__ == "EphemeralDataContext"
    assert context.config.analytics_enabled is False
    site = context.config.data_docs_sites[SITE]["store_backend"]
    assert site == {"class_name": "TupleFilesystemStoreBackend", "base_directory": str(tmp_path)}
    assert list(context.config.data_docs_sites) == [SITE]
