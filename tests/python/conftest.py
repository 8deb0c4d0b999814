"""Shared fixtures: built warehouses of the test datasets, each built once per session (and not
at all when the published warehouse is current for the code and data)."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any, Iterator

import duckdb
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))
from project import (  # noqa: E402
    DATASETS, PROJECT_DIR, Dataset, build_and_publish, ensure_raw, generated, is_up_to_date,
)

# The ci dataset without defects: same seed and scale, so its clean rows are the ci dataset's.
CI_CLEAN = generated("ci_clean", "--seed", "7", "--days", "120", "--members", "1500")


def built(dataset: Dataset, data_tests: bool = True) -> Path:
    """The dataset's published warehouse, built if not current: models and data tests, or the
    models only (`data_tests=False`) for datasets that serve as a comparison baseline, whose
    data tests would repeat what the ci build already proves."""
    ensure_raw(dataset, log=False)
    if not is_up_to_date(dataset):
        build_and_publish(
            dataset, ["build", "--exclude", "test_type:unit"] if data_tests else ["run"],
            target_path=PROJECT_DIR / "target" / dataset.name, quiet=True,
        )
    return dataset.warehouse_path


def manifest(dataset: Dataset) -> dict[str, Any]:
    return json.loads((dataset.raw_path / "manifest.json").read_text())


@pytest.fixture(scope="session")
def ci_warehouse() -> Path:
    return built(DATASETS["ci"])


@pytest.fixture(scope="session")
def ci_manifest() -> dict[str, Any]:
    ensure_raw(DATASETS["ci"], log=False)
    return manifest(DATASETS["ci"])


@pytest.fixture(scope="session")
def ci_clean_warehouse() -> Path:
    return built(CI_CLEAN, data_tests=False)


@pytest.fixture(scope="session")
def online_retail_warehouse() -> Path:
    return built(DATASETS["online_retail"])


@pytest.fixture(scope="session")
def online_retail_manifest() -> dict[str, Any]:
    ensure_raw(DATASETS["online_retail"], log=False)
    return manifest(DATASETS["online_retail"])


@pytest.fixture
def ci_db(ci_warehouse: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    connection = duckdb.connect(str(ci_warehouse), read_only=True)
    yield connection
    connection.close()
