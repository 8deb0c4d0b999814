"""Smoke test of scripts/benchmark.py at a tiny scale: the full dbt run and the bare SQL.

About 30 s on an idle 2-core machine (dbt's fixed costs dominate: seed ~9 s, the run ~17 s).
It runs in the normal suite; set ECOM_SKIP_BENCHMARK_TEST=1 to skip it. The parse, build and
incremental steps only wrap dbt commands and are left out to keep the suite short
(test_incremental.py covers the replay).
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import duckdb
import pytest

import benchmark  # scripts/ is on sys.path (conftest)

pytestmark = pytest.mark.skipif(os.environ.get("ECOM_SKIP_BENCHMARK_TEST") == "1",
                                reason="ECOM_SKIP_BENCHMARK_TEST=1")

ARGS = ["--name", "bench_pytest", "--members", "300", "--days", "20", "--steps", "full,bare"]


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> dict:
    out = tmp_path_factory.mktemp("benchmark") / "bench.json"
    assert benchmark.main([*ARGS, "--out", str(out)]) == 0
    return json.loads(out.read_text())


def test_report_has_every_section(report: dict) -> None:
    for key in ("name", "command", "machine", "settings", "scale", "results", "steps", "slowest_models", "models"):
        assert key in report, key
    assert report["command"].startswith("python scripts/benchmark.py --name bench_pytest")
    assert report["settings"] == {"threads": 2, "duckdb_threads": 2, "memory_limit": "7GB",
                                  "preserve_insertion_order": False}
    assert report["machine"]["cpu_count"] >= 1 and report["machine"]["memory_total_gb"] > 0
    assert report["machine"]["duckdb"] == duckdb.__version__
    scale = report["scale"]
    assert scale["events"] > 0 and scale["orders"] > 0 and scale["members"] > 0
    assert scale["raw_rows"]["events"] == scale["events"] and len(scale["raw_rows"]) == 11


def test_steps_are_timed(report: dict) -> None:
    steps = {step["label"]: step for step in report["steps"]}
    assert set(steps) == {"dbt seed", "full build: dbt run", "bare SQL: one DuckDB connection"}
    for step in steps.values():
        assert step["seconds"] > 0 and step["peak_rss_gb"] > 0 and step["returncode"] == 0


def test_results_compare_dbt_with_the_bare_sql(report: dict) -> None:
    results = report["results"]
    assert results["full_build_seconds"] > 0 and results["bare_seconds"] > 0
    assert results["dbt_run_over_bare"] == pytest.approx(results["full_build_seconds"] / results["bare_seconds"])
    assert results["events_per_second"] == pytest.approx(report["scale"]["events"] / results["full_build_seconds"])
    assert results["parse_seconds"] is None and results["incremental_seconds"] is None  # not requested
    assert results["dbt_overhead_seconds"] == pytest.approx(results["full_build_seconds"] - results["bare_seconds"])
    models = report["models"]
    assert len(models) > 60
    assert all(m["dbt_seconds"] > 0 and m["bare_seconds"] is not None and m["bare_seconds"] >= 0 for m in models)
    assert len(report["slowest_models"]) == benchmark.SLOWEST
    seconds = [m["dbt_seconds"] for m in report["slowest_models"]]
    assert seconds == sorted(seconds, reverse=True)


def test_warehouses_are_removed(report: dict) -> None:
    workdir = Path(benchmark.BENCH_DIR) / report["name"]
    assert not any((workdir / folder).exists() for folder in ("dbt", "seeded", "bare"))


def test_markdown_table_has_one_row_per_report(report: dict) -> None:
    table = benchmark.markdown_table([report]).splitlines()
    assert len(table) == 3 and table[2].startswith(f"| {report['scale']['events'] / 1e6:.1f} M")
    assert f"{report['results']['dbt_run_over_bare']:.2f}" in table[2] and report["command"] in table[2]


def test_readme_table_is_the_recorded_results() -> None:
    """README § Benchmarks quotes benchmarks/*.json through --table, row for row: a number edited
    by hand, or a JSON re-measured without updating the README, fails here."""
    project = Path(benchmark.__file__).resolve().parent.parent
    recorded = sorted((project / "benchmarks").glob("*.json"))
    assert recorded, "no recorded benchmark results"
    table = benchmark.markdown_table([json.loads(path.read_text()) for path in recorded])
    readme = (project / "README.md").read_text()
    assert table in readme
