"""Project plumbing shared by run.py, test.py, benchmark.py and the pytest suites.

Datasets (raw folders), the environment a dbt build needs, the dbt invocation itself, and
publication: a build writes to `<name>.building.duckdb` and only a successful build replaces
the published `<name>.duckdb`, so readers never see a half-built or failed warehouse.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Mapping, Sequence

import duckdb

PROJECT_DIR = Path(__file__).resolve().parent.parent
VENV_BIN = PROJECT_DIR / ".venv" / "bin"
RAW_DIR = PROJECT_DIR / "data" / "raw"
WAREHOUSE_DIR = PROJECT_DIR / "data" / "warehouse"

# What a build depends on: if none of these changed since the last successful build of a
# dataset, `make run` reuses the published warehouse instead of rebuilding it.
BUILD_INPUTS = ("models", "macros", "seeds", "tests/generic", "tests/singular", "dbt_project.yml", "profiles")


@dataclass(frozen=True)
class Dataset:
    """A raw dataset: where it lives, how to make it, and the settings its build needs."""

    name: str
    make_command: tuple[str, ...]  # arguments after the python interpreter
    env: Mapping[str, str] = field(default_factory=dict)

    @property
    def raw_path(self) -> Path:
        return RAW_DIR / self.name

    @property
    def warehouse_path(self) -> Path:
        return WAREHOUSE_DIR / f"{self.name}.duckdb"


def generated(name: str, *generator_args: str) -> Dataset:
    """A dataset written by the generator into data/raw/<name>."""
    return Dataset(name, ("scripts/generate_raw.py", "--out", f"data/raw/{name}", "--quiet", *generator_args))


DATASETS: dict[str, Dataset] = {
    # The demo: the generator's defaults (200 days, ~4,000 members), clean.
    "demo": generated("demo"),
    # The real UCI Online Retail export (UK shop: London time, GBP).
    "online_retail": Dataset(
        "online_retail",
        ("scripts/load_online_retail.py", "--out", "data/raw/online_retail"),
        {"ECOM_RAW_TIMEZONE": "Europe/London", "ECOM_BUSINESS_TIMEZONE": "Europe/London", "ECOM_CURRENCY": "GBP"},
    ),
    # The test command's dataset: small, with 5 % defects of every kind.
    "ci": generated("ci", "--seed", "7", "--days", "120", "--members", "1500", "--dirty", "0.05"),
}


def python() -> str:
    """The project's interpreter (the virtualenv's, when it exists)."""
    venv_python = VENV_BIN / "python"
    return str(venv_python) if venv_python.exists() else sys.executable


def _maker_fingerprint(dataset: Dataset) -> str:
    """A hash of the command that makes the raw data and of the code it runs."""
    digest = hashlib.sha256(json.dumps(dataset.make_command).encode())
    script = PROJECT_DIR / dataset.make_command[0]
    code = [script, PROJECT_DIR / "scripts" / "raw_contract.py", PROJECT_DIR / "models" / "staging" / "shop" / "_shop__sources.yml"]
    if script.name == "generate_raw.py":
        code += sorted((PROJECT_DIR / "scripts" / "generator").glob("*.py"))
    for path in code:
        digest.update(path.read_bytes())
    return digest.hexdigest()


def ensure_raw(dataset: Dataset, log: bool = True) -> Path:
    """Make the dataset's raw folder unless it is complete (the manifest is written last) and was
    made by the current generator or loader with the same arguments."""
    stamp = dataset.raw_path / ".made_by"
    fingerprint = _maker_fingerprint(dataset)
    current = (dataset.raw_path / "manifest.json").exists() and stamp.exists() and stamp.read_text() == fingerprint
    if not current:
        if log:
            print(f"[{dataset.name}] writing raw data: {' '.join(dataset.make_command)}", flush=True)
        subprocess.run([python(), *dataset.make_command], cwd=PROJECT_DIR, check=True)
        stamp.write_text(fingerprint)
    return dataset.raw_path


def dbt_env(
    dataset: Dataset, warehouse: Path, target_path: Path | None = None, extra: Mapping[str, str] | None = None
) -> dict[str, str]:
    """Environment of a dbt command building `dataset` into `warehouse`."""
    env = dict(os.environ)
    env.update(
        DBT_PROFILES_DIR=str(PROJECT_DIR / "profiles"),
        DBT_SEND_ANONYMOUS_USAGE_STATS="false",
        ECOM_RAW_PATH=str(dataset.raw_path),
        ECOM_DUCKDB_PATH=str(warehouse),
    )
    env.update(dataset.env)
    if target_path is not None:
        env["DBT_TARGET_PATH"] = str(target_path)
        env["DBT_LOG_PATH"] = str(target_path / "logs")
    if extra:
        env.update(extra)
    return env


def sqlfluff_lint(paths: Sequence[str], env: Mapping[str, str], quiet: bool = False) -> subprocess.CompletedProcess[str]:
    """sqlfluff over `paths` with the dbt templater of `env` (two processes); quiet captures the output."""
    command = [str(VENV_BIN / "sqlfluff"), "lint", *paths, "--processes", "2"]
    return subprocess.run(command, cwd=PROJECT_DIR, env=dict(env), text=True, capture_output=quiet)


def dbt(
    args: Sequence[str], env: Mapping[str, str], quiet: bool = False, venv_bin: Path = VENV_BIN, cwd: Path = PROJECT_DIR,
) -> subprocess.CompletedProcess[str]:
    """Run a dbt command in the project (with the dbt of `venv_bin`, from `cwd`); raise with its
    output when it fails."""
    command = [str(venv_bin / "dbt"), *args, "--project-dir", str(PROJECT_DIR)]
    result = subprocess.run(command, cwd=cwd, env=dict(env), text=True, capture_output=quiet)
    if result.returncode != 0:
        detail = (result.stdout or "")[-6000:] if quiet else ""
        raise RuntimeError(f"`dbt {' '.join(args)}` failed (exit {result.returncode}).\n{detail}")
    return result


def code_fingerprint(dataset: Dataset) -> str:
    """A hash of the project code a build of the dataset runs (and the dataset's settings)."""
    digest = hashlib.sha256()
    for name in BUILD_INPUTS:
        root = PROJECT_DIR / name
        paths = [root] if root.is_file() else sorted(p for p in root.rglob("*") if p.is_file())
        for path in paths:
            digest.update(str(path.relative_to(PROJECT_DIR)).encode())
            digest.update(path.read_bytes())
    digest.update(json.dumps(dict(sorted(dataset.env.items()))).encode())
    return digest.hexdigest()


def data_fingerprint(dataset: Dataset) -> str:
    """A hash of the raw files' names, sizes and times (files appended to a table change it)."""
    digest = hashlib.sha256()
    for path in sorted(p for p in dataset.raw_path.rglob("*") if p.is_file()):
        stat = path.stat()
        digest.update(f"{path.relative_to(dataset.raw_path)}|{stat.st_size}|{stat.st_mtime_ns}".encode())
    return digest.hexdigest()


def _stamp_path(warehouse: Path) -> Path:
    return warehouse.with_suffix(".build.json")


def _stamp(dataset: Dataset) -> dict[str, str]:
    path = _stamp_path(dataset.warehouse_path)
    return json.loads(path.read_text()) if dataset.warehouse_path.exists() and path.exists() else {}


def is_up_to_date(dataset: Dataset) -> bool:
    """The published warehouse was built from exactly the current code and raw data."""
    stamp = _stamp(dataset)
    return stamp.get("code") == code_fingerprint(dataset) and stamp.get("data") == data_fingerprint(dataset)


def build_and_publish(
    dataset: Dataset, dbt_args: Sequence[str] = ("build",), extra_env: Mapping[str, str] | None = None,
    target_path: Path | None = None, quiet: bool = False,
) -> float:
    """dbt seed + `dbt_args` into a building copy, then publish it atomically. Returns seconds.

    When only the raw data changed since the published build (files appended), the building
    copy starts from the published warehouse and incremental models process what is new; when
    the code changed, it starts empty (a full refresh). A failed build leaves the published
    warehouse untouched.
    """
    WAREHOUSE_DIR.mkdir(parents=True, exist_ok=True)
    published = dataset.warehouse_path
    building = published.with_name(f"{dataset.name}.building.duckdb")
    building.unlink(missing_ok=True)
    if published.exists() and _stamp(dataset).get("code") == code_fingerprint(dataset):
        shutil.copyfile(published, building)
    env = dbt_env(dataset, building, target_path, extra_env)
    started = time.perf_counter()
    dbt(["seed", "--quiet"], env, quiet=quiet)
    dbt(list(dbt_args), env, quiet=quiet)
    seconds = time.perf_counter() - started
    os.replace(building, published)
    _stamp_path(published).write_text(json.dumps({
        "code": code_fingerprint(dataset),
        "data": data_fingerprint(dataset),
        "built_at": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "seconds": round(seconds, 1),
    }))
    return seconds


# Columns saying when and from which file a row was (re)computed: bookkeeping, never content,
# and different between two builds of the same data by design.
BOOKKEEPING = ("loaded_at", "source_file")


def comparable_columns(connection: duckdb.DuckDBPyConnection, catalog: str, relation: str, skip: tuple[str, ...] = ()) -> str:
    """The select list to compare a relation across two warehouses: every column but `skip` and
    the BOOKKEEPING ones, doubles to 10 significant digits (parallel aggregation sums doubles in no fixed order, so the
    last bits vary between two runs over the same rows; integers and decimals stay exact)."""
    schema, table = relation.split(".")
    columns = connection.execute(
        "select column_name, data_type from information_schema.columns "
        "where table_catalog = ? and table_schema = ? and table_name = ? order by ordinal_position",
        [catalog, schema, table],
    ).fetchall()
    return ", ".join(
        f"printf('%.10g', \"{name}\") as \"{name}\"" if data_type in ("DOUBLE", "FLOAT") else f'"{name}"'
        for name, data_type in columns if name not in skip + BOOKKEEPING
    )


def differing_rows(connection: duckdb.DuckDBPyConnection, left: str, right: str, relation: str,
                   skip: tuple[str, ...] = ()) -> tuple[int, int]:
    """(rows only in left, rows only in right) of a relation in two attached warehouses (EXCEPT ALL)."""
    columns = comparable_columns(connection, right, relation, skip)
    return connection.execute(f"""
        select
            (select count(*) from (select {columns} from {left}.{relation} except all select {columns} from {right}.{relation})),
            (select count(*) from (select {columns} from {right}.{relation} except all select {columns} from {left}.{relation}))
    """).fetchone()
