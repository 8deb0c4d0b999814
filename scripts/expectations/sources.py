"""The single sources of truth the suites are derived from.

- the metric catalog seed (`seeds/metric_catalog.csv`): one row per metric placement, with its
  unit and valid range;
- the dbt manifest (`target/<data>/manifest.json`): the documented columns of every mart (meta
  `metric_id` or `dimension`), its grain (the `unique` / `unique_combination_of_columns` test
  without a `where`) and the unit tests with their `expect` rows. Without a manifest the same is
  read from the YAML under `models/` (no Jinja is rendered there; the mart YAML uses none).
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Iterator, Mapping

import duckdb
import yaml

GRAIN_TESTS = ("unique_combination_of_columns", "unique")


@dataclass(frozen=True)
class Placement:
    """One row of the metric catalog: a metric shown in one column of one model."""

    metric_id: str
    family: str
    unit: str
    model: str
    column: str
    is_home: bool
    min_value: float | None
    max_value: float | None


@dataclass(frozen=True)
class Mart:
    """A documented mart model: its folder (family), columns in order, metric columns, grain."""

    name: str
    family: str
    columns: tuple[str, ...]
    metrics: Mapping[str, str]  # column -> metric_id
    grain: tuple[str, ...]


@dataclass(frozen=True)
class UnitTest:
    """A dbt unit test: the model it tests and the columns its expected rows list."""

    name: str
    model: str
    expected_columns: frozenset[str]


@dataclass(frozen=True)
class Project:
    marts: Mapping[str, Mart]
    placements: tuple[Placement, ...]
    unit_tests: tuple[UnitTest, ...]
    origin: str  # where marts and unit tests were read from (manifest path or "YAML")


# ---------------------------------------------------------------------------- the catalog


def _number(text: str) -> float | None:
    return float(text) if text.strip() else None


def read_catalog(path: Path) -> tuple[Placement, ...]:
    with path.open(newline="", encoding="utf-8") as handle:
        return tuple(
            Placement(
                metric_id=row["metric_id"], family=row["family"], unit=row["unit"], model=row["model"],
                column=row["column_name"], is_home=row["is_home"].strip().lower() == "true",
                min_value=_number(row["min_value"]), max_value=_number(row["max_value"]),
            )
            for row in csv.DictReader(handle)
        )


# ---------------------------------------------------------------------------- unit test columns


def expected_columns(expect: Mapping[str, Any], project_dir: Path) -> frozenset[str]:
    """The columns a unit test's `expect` block lists, whatever its format (dict, csv, sql)."""
    rows = expect.get("rows")
    fmt = expect.get("format") or "dict"
    if fmt == "dict":
        return frozenset(key for row in rows or [] for key in row)
    if fmt == "csv":
        text = rows if isinstance(rows, str) else None
        if text is None and expect.get("fixture"):
            text = (project_dir / "tests" / "fixtures" / f"{expect['fixture']}.csv").read_text(encoding="utf-8")
        header = next(csv.reader(io.StringIO(text or "")), [])
        return frozenset(name.strip() for name in header)
    if fmt == "sql":
        # A self-contained query (values, range()): DuckDB names its columns without running it.
        with duckdb.connect() as connection:
            return frozenset(row[0] for row in connection.execute(f"describe {rows}").fetchall())
    raise ValueError(f"unknown unit test expect format {fmt!r}")


# ---------------------------------------------------------------------------- from the manifest


def _family(path: str) -> str | None:
    """`marts/<family>/model.sql` (manifest) or `models/marts/<family>/...` (YAML) -> family."""
    parts = Path(path).parts
    if "marts" not in parts:
        return None
    index = parts.index("marts")
    return parts[index + 1] if len(parts) > index + 2 else None


def _column_meta(column: Mapping[str, Any]) -> Mapping[str, Any]:
    return {**(column.get("meta") or {}), **((column.get("config") or {}).get("meta") or {})}


def _mart(name: str, family: str, columns: Iterable[Mapping[str, Any]], grain: tuple[str, ...]) -> Mart:
    columns = list(columns)
    metrics = {c["name"]: _column_meta(c)["metric_id"] for c in columns if _column_meta(c).get("metric_id")}
    return Mart(name, family, tuple(c["name"] for c in columns), metrics, grain)


def _grain_from_manifest_test(node: Mapping[str, Any]) -> tuple[str, ...] | None:
    metadata = node.get("test_metadata") or {}
    if metadata.get("name") not in GRAIN_TESTS or (node.get("config") or {}).get("where"):
        return None
    kwargs = metadata.get("kwargs") or {}
    return tuple(kwargs.get("combination_of_columns") or [kwargs.get("column_name")])


def from_manifest(manifest_path: Path, project_dir: Path) -> tuple[dict[str, Mart], tuple[UnitTest, ...]]:
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    models = {
        uid: node for uid, node in manifest["nodes"].items()
        if node["resource_type"] == "model" and _family(node["path"])
    }
    grains: dict[str, tuple[str, ...]] = {}
    for node in manifest["nodes"].values():
        if node["resource_type"] == "test" and node.get("attached_node") in models:
            grain = _grain_from_manifest_test(node)
            # The widest grain test wins (a model may also carry a single-column unique test).
            if grain and len(grain) >= len(grains.get(node["attached_node"], ())):
                grains[node["attached_node"]] = grain
    marts = {
        node["name"]: _mart(node["name"], _family(node["path"]) or "", node["columns"].values(), grains.get(uid, ()))
        for uid, node in models.items()
    }
    unit_tests = tuple(
        UnitTest(test["name"], test["model"], expected_columns(test.get("expect") or {}, project_dir))
        for test in manifest.get("unit_tests", {}).values()
    )
    return marts, unit_tests


# ---------------------------------------------------------------------------- from the YAML


def _yaml_files(models_dir: Path) -> Iterator[tuple[Path, Mapping[str, Any]]]:
    for path in sorted(models_dir.rglob("*.yml")):
        document = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        if isinstance(document, dict):
            yield path, document


def _test_name_and_args(test: Any) -> tuple[str, Mapping[str, Any]]:
    if isinstance(test, str):
        return test, {}
    name, body = next(iter(test.items()))
    body = body or {}
    return name, {**{k: v for k, v in body.items() if k != "arguments"}, **(body.get("arguments") or {})}


def _grain_from_yaml(model: Mapping[str, Any]) -> tuple[str, ...]:
    grain: tuple[str, ...] = ()
    for test in model.get("data_tests") or model.get("tests") or []:
        name, args = _test_name_and_args(test)
        if name == "unique_combination_of_columns" and not (args.get("config") or {}).get("where"):
            grain = max(grain, tuple(args["combination_of_columns"]), key=len)
    for column in model.get("columns") or []:
        for test in column.get("data_tests") or column.get("tests") or []:
            name, args = _test_name_and_args(test)
            if name == "unique" and not (args.get("config") or {}).get("where") and not grain:
                grain = (column["name"],)
    return grain


def from_yaml(project_dir: Path) -> tuple[dict[str, Mart], tuple[UnitTest, ...]]:
    models_dir = project_dir / "models"
    marts: dict[str, Mart] = {}
    unit_tests: list[UnitTest] = []
    for path, document in _yaml_files(models_dir):
        family = _family(str(path.relative_to(project_dir)))
        for model in document.get("models") or []:
            if family:
                marts[model["name"]] = _mart(model["name"], family, model.get("columns") or [], _grain_from_yaml(model))
        for test in document.get("unit_tests") or []:
            unit_tests.append(UnitTest(test["name"], test["model"], expected_columns(test.get("expect") or {}, project_dir)))
    return marts, tuple(unit_tests)


# ---------------------------------------------------------------------------- both


def load_project(project_dir: Path, manifest_path: Path | None) -> Project:
    """Marts and unit tests from the manifest when it exists, else from the YAML; the catalog."""
    placements = read_catalog(project_dir / "seeds" / "metric_catalog.csv")
    if manifest_path is not None and manifest_path.exists():
        marts, unit_tests = from_manifest(manifest_path, project_dir)
        origin = str(manifest_path)
    else:
        marts, unit_tests = from_yaml(project_dir)
        origin = "YAML under models/ (no manifest)"
    return Project(marts, placements, unit_tests, origin)
