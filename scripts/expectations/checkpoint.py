"""Run the suites as great-expectations checkpoints over pandas frames of the warehouse.

Offline by construction: an ephemeral context (no project folder, no GX Cloud), analytics off
(`GX_ANALYTICS_ENABLED=false` and `analytics_enabled=False`), and one Data Docs site on the local
filesystem. GX's SQL path to DuckDB returns no rows (stack notes), so every frame is read with
DuckDB (read-only) into pandas and validated as a dataframe asset.

A dataframe is a runtime parameter of a checkpoint run, shared by every validation definition
the checkpoint holds; so each suite (one frame) has its own checkpoint, and Data Docs are built
once after all of them ran.
"""

from __future__ import annotations

import os

os.environ["GX_ANALYTICS_ENABLED"] = "false"  # read when great_expectations is imported

import operator  # noqa: E402
import shutil  # noqa: E402
import time  # noqa: E402
from dataclasses import dataclass, field  # noqa: E402
from functools import reduce  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Any, Sequence  # noqa: E402

import duckdb  # noqa: E402
import great_expectations as gx  # noqa: E402
import great_expectations.expectations as gxe  # noqa: E402
import pandas as pd  # noqa: E402
from great_expectations.data_context.types.base import (  # noqa: E402
    DataContextConfig,
    InMemoryStoreBackendDefaults,
    ProgressBarsConfig,
)
from great_expectations.expectations.row_conditions import Column  # noqa: E402

from .spec import Spec, SuiteSpec  # noqa: E402

SITE = "local_site"
SHOWN_VALUES = 5
DOCS_CONTENT = ("index.html", "expectations", "validations", "static")  # what a site build writes


@dataclass(frozen=True)
class Failure:
    suite: str
    label: str
    about: str
    detail: str


@dataclass
class SuiteOutcome:
    suite: SuiteSpec
    evaluated: int = 0
    failures: list[Failure] = field(default_factory=list)


@dataclass
class RunOutcome:
    suites: list[SuiteOutcome]
    docs_index: Path | None
    seconds: float

    @property
    def success(self) -> bool:
        return all(not outcome.failures for outcome in self.suites)


def offline_context(docs_dir: Path) -> Any:
    """An in-memory context whose only Data Docs site is a folder on this machine."""
    site = {
        "class_name": "SiteBuilder",
        "show_how_to_buttons": False,
        "store_backend": {"class_name": "TupleFilesystemStoreBackend", "base_directory": str(docs_dir)},
        "site_index_builder": {"class_name": "DefaultSiteIndexBuilder"},
    }
    config = DataContextConfig(
        analytics_enabled=False,
        progress_bars=ProgressBarsConfig(globally=False),
        store_backend_defaults=InMemoryStoreBackendDefaults(init_temp_docs_sites=False),
        data_docs_sites={SITE: site},
    )
    return gx.get_context(mode="ephemeral", project_config=config)


def row_condition(pairs: Sequence[Sequence[Any]]) -> Any:
    """[[column, value], ...] -> the GX condition `column == value and ...`."""
    conditions = [Column(column) == value for column, value in pairs]
    return reduce(operator.and_, conditions)


def to_expectation(spec: Spec, position: int) -> Any:
    """The GX expectation; `meta.spec` is its position in the suite, to find the spec of a result."""
    expectation_class = getattr(gxe, spec.expectation)
    kwargs = dict(spec.kwargs)
    if "row_condition" in kwargs:
        kwargs["row_condition"] = row_condition(kwargs["row_condition"])
    meta = {"spec": position, "origin": spec.origin, "columns": list(spec.columns)}
    return expectation_class(**kwargs, notes=spec.about, meta=meta)


def read_frame(connection: duckdb.DuckDBPyConnection, query: str) -> pd.DataFrame:
    """The frame of a suite; an empty frame (no columns) when the mart is not in the warehouse."""
    return connection.sql(query).df() if query else pd.DataFrame()


def _detail(result: Any) -> str:
    exception = result.exception_info or {}
    if isinstance(exception, dict) and exception.get("raised_exception"):
        return f"error: {str(exception.get('exception_message'))[:300]}"
    outcome = result.result or {}
    if "unexpected_count" in outcome:
        values = outcome.get("partial_unexpected_list") or []
        where = outcome.get("partial_unexpected_index_list") or []
        shown = [f"{value!r} at {key}" if key else repr(value)
                 for value, key in zip(values[:SHOWN_VALUES], list(where[:SHOWN_VALUES]) + [None] * SHOWN_VALUES)]
        return f"{outcome['unexpected_count']} of {outcome.get('element_count')} rows unexpected: {'; '.join(shown)}"
    observed = outcome.get("observed_value")
    if isinstance(observed, (list, tuple)) and len(observed) > SHOWN_VALUES * 4:
        observed = f"{list(observed[:SHOWN_VALUES * 4])} ... ({len(observed)} values)"
    details = outcome.get("details") or {}
    mismatched = details.get("mismatched") if isinstance(details, dict) else None
    return f"observed {observed!r}" + (f"; mismatched {mismatched}" if mismatched else "")


def _result_format(keys: Sequence[str], frame: pd.DataFrame) -> dict[str, Any]:
    result_format: dict[str, Any] = {"result_format": "SUMMARY", "partial_unexpected_count": SHOWN_VALUES}
    if keys and set(keys) <= set(frame.columns):
        result_format["unexpected_index_column_names"] = list(keys)
    return result_format


def run_suite(context: Any, datasource: Any, suite: SuiteSpec, frame: pd.DataFrame) -> SuiteOutcome:
    asset = datasource.add_dataframe_asset(name=suite.name)
    batch_definition = asset.add_batch_definition_whole_dataframe("frame")
    gx_suite = context.suites.add(
        gx.ExpectationSuite(name=suite.name, expectations=[to_expectation(spec, position) for position, spec in enumerate(suite.specs)])
    )
    validation = context.validation_definitions.add(
        gx.ValidationDefinition(name=suite.name, data=batch_definition, suite=gx_suite)
    )
    checkpoint = context.checkpoints.add(gx.Checkpoint(
        name=suite.name, validation_definitions=[validation], result_format=_result_format(suite.keys, frame),
    ))
    result = checkpoint.run(batch_parameters={"dataframe": frame})
    outcome = SuiteOutcome(suite)
    for validation_result in result.run_results.values():
        for expectation_result in validation_result.results:
            outcome.evaluated += 1
            if not expectation_result.success:
                position = (expectation_result.expectation_config.meta or {}).get("spec")
                spec = suite.specs[position] if isinstance(position, int) else None
                label = spec.label if spec else expectation_result.expectation_config.type
                about = spec.about if spec else ""
                outcome.failures.append(Failure(suite.name, label, about, _detail(expectation_result)))
    return outcome


def clear_docs(docs_dir: Path) -> None:
    """Remove an earlier run's Data Docs (only what a site build writes), so the index lists this run."""
    docs_dir.mkdir(parents=True, exist_ok=True)
    for name in DOCS_CONTENT:
        path = docs_dir / name
        if path.is_dir():
            shutil.rmtree(path)
        elif path.exists():
            path.unlink()


def run_checkpoints(suites: Sequence[SuiteSpec], warehouse: Path, docs_dir: Path) -> RunOutcome:
    """Validate every suite against its frame of the warehouse; build Data Docs in `docs_dir`."""
    started = time.perf_counter()
    clear_docs(docs_dir)
    context = offline_context(docs_dir)
    datasource = context.data_sources.add_pandas("marts")
    outcomes = []
    with duckdb.connect(str(warehouse), read_only=True) as connection:
        for suite in suites:
            outcomes.append(run_suite(context, datasource, suite, read_frame(connection, suite.query)))
    context.build_data_docs(site_names=[SITE])
    index = docs_dir / "index.html"
    return RunOutcome(outcomes, index if index.exists() else None, time.perf_counter() - started)
