"""Benchmark the dbt build at a chosen scale (docs/benchmark.md).

Generates (or reuses) a raw dataset, then measures, each in its own child process with wall
time, CPU time and peak RSS:

  parse        dbt's fixed overhead: `dbt parse --no-partial-parse`, and a `dbt run` that
               selects nothing (start-up + partial parse, what every invocation pays)
  full         `dbt seed`, then `dbt run` of the whole model DAG on a fresh warehouse: the
               full build; per-model timings from dbt's run_results.json
  bare         the same compiled SQL of every model (from that run), in DAG order, in ONE
               DuckDB connection with the same threads / memory_limit: the physical limit
               of this SQL without dbt (needs `full` in the same invocation)
  build        `dbt build --exclude test_type:unit` (models + data tests) on a fresh warehouse
  incremental  a raw folder replayed by scripts/raw_batches.py up to the day before the last
               simulated day, a full `dbt run` on it, then that day's received events and order
               versions appended and the incremental `dbt run` timed

    python scripts/benchmark.py --members 20000 --days 120
    python scripts/benchmark.py --members 500000 --days 365 --steps full,bare --memory-limit 7GB
    python scripts/benchmark.py --members 300 --days 20 --steps parse,full,bare --out /tmp/b.json

Prints a table and writes JSON (default benchmarks/<name>.json). Warehouses live in
data/warehouse/benchmark/<name>/ and are removed at the end unless --keep-warehouses.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shlex
import shutil
import subprocess
import sys
import time
from dataclasses import asdict, dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any, Sequence

sys.path.insert(0, str(Path(__file__).resolve().parent))
from project import PROJECT_DIR, RAW_DIR, VENV_BIN, WAREHOUSE_DIR, Dataset, dbt_env, ensure_raw, generated, python  # noqa: E402

STEPS = ("parse", "full", "bare", "build", "incremental")
BENCH_DIR = WAREHOUSE_DIR / "benchmark"
RESULTS_DIR = PROJECT_DIR / "benchmarks"
SLOWEST = 15

# The targets (2 cores, 24 GB, 50M events / 2M orders / 500k members over 365 days).
# Reported against, never asserted: at other scales they are only a reference.
TARGETS = {
    "dbt_run_over_bare": ("≤", 1.15),
    "peak_rss_gb": ("≤", 8.0),
    "incremental_over_full": ("≤", 0.10),
    "events_per_second": ("≥", 250_000),
}


# --------------------------------------------------------------------------- measuring


@dataclass
class Measured:
    """One child process: wall and CPU seconds, peak RSS (the largest process of its tree)."""

    label: str
    seconds: float
    cpu_seconds: float
    peak_rss_gb: float
    returncode: int
    log: str
    notes: str = ""
    info: bool = False  # a preparation step, not one of the benchmark's results
    load_average: float = 0.0  # 1-minute load average when the step ended (other jobs inflate wall time)
    extra: dict[str, Any] = field(default_factory=dict)


def measure(label: str, command: Sequence[str], env: dict[str, str] | None, log: Path, check: bool = True,
            info: bool = False) -> Measured:
    """Run `command` with its output to `log`; os.wait4 gives the child's own resource usage
    (ru_maxrss: the peak RSS of the child or of the largest descendant it waited for)."""
    log.parent.mkdir(parents=True, exist_ok=True)
    with log.open("w") as out:
        started = time.perf_counter()
        process = subprocess.Popen(list(command), cwd=PROJECT_DIR, env=env, stdout=out, stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    result = Measured(
        label=label, seconds=seconds, cpu_seconds=usage.ru_utime + usage.ru_stime,
        peak_rss_gb=usage.ru_maxrss / 1024**2, returncode=process.returncode, log=str(log), info=info,
        load_average=os.getloadavg()[0],
    )
    if check and process.returncode != 0:
        tail = log.read_text(errors="replace")[-5000:]
        raise RuntimeError(f"{label}: `{shlex.join(command)}` failed (exit {process.returncode}); log {log}\n{tail}")
    return result


def dbt_command(*args: str) -> list[str]:
    return [str(VENV_BIN / "dbt"), *args]


# --------------------------------------------------------------------------- dbt artefacts


def load_json(path: Path) -> dict[str, Any]:
    return json.loads(path.read_text())


def model_results(run_results: dict[str, Any]) -> list[dict[str, Any]]:
    """The executed models of a run_results.json: id, seconds, compiled SQL, relation."""
    models = []
    for result in run_results["results"]:
        if not result["unique_id"].startswith("model."):
            continue
        execute = next((t for t in result.get("timing", []) if t["name"] == "execute"), None)
        models.append({
            "unique_id": result["unique_id"],
            "name": result["unique_id"].split(".")[-1],
            "status": result["status"],
            "seconds": result["execution_time"],
            "started_at": execute["started_at"] if execute else None,
            "compiled_code": result.get("compiled_code") or "",
            "relation_name": result.get("relation_name"),
        })
    return models


def status_counts(run_results: dict[str, Any]) -> dict[str, dict[str, int]]:
    """{resource type: {status: count}} of a run_results.json."""
    counts: dict[str, dict[str, int]] = {}
    for result in run_results["results"]:
        kind = result["unique_id"].split(".")[0]
        counts.setdefault(kind, {})
        counts[kind][result["status"]] = counts[kind].get(result["status"], 0) + 1
    return counts


def dag_order(models: list[dict[str, Any]], manifest: dict[str, Any]) -> list[dict[str, Any]]:
    """The models in a topological order of the manifest's ref graph (ties: dbt's start order)."""
    by_id = {m["unique_id"]: m for m in models}
    rank = {uid: i for i, uid in enumerate(sorted(by_id, key=lambda u: (by_id[u]["started_at"] or "", u)))}
    parents = {uid: {p for p in manifest["nodes"][uid]["depends_on"]["nodes"] if p in by_id} for uid in by_id}
    order: list[dict[str, Any]] = []
    done: set[str] = set()
    while len(order) < len(by_id):
        ready = sorted((uid for uid in by_id if uid not in done and parents[uid] <= done), key=rank.__getitem__)
        if not ready:
            raise RuntimeError("the model graph has a cycle")
        for uid in ready:  # one wave of ready models, in dbt's order
            order.append(by_id[uid])
            done.add(uid)
    return order


def copy_database(source: Path, target: Path) -> None:
    """Copy a (closed) DuckDB file and its WAL, if any. The file name (the catalog) is kept."""
    target.parent.mkdir(parents=True, exist_ok=True)
    for suffix in ("", ".wal"):
        origin = Path(str(source) + suffix)
        if origin.exists():
            shutil.copyfile(origin, Path(str(target) + suffix))


# --------------------------------------------------------------------------- bare SQL


def bare_worker(spec_path: Path) -> int:
    """Run the compiled SQL of every model, in order, in one DuckDB connection; write timings."""
    import duckdb

    spec = load_json(spec_path)
    timings: list[dict[str, Any]] = []
    started = time.perf_counter()
    connection = duckdb.connect(spec["database"], config={
        "threads": int(spec["duckdb_threads"]), "memory_limit": spec["memory_limit"],
        "preserve_insertion_order": False,
    })
    for schema in spec["schemas"]:
        connection.execute(f'create schema if not exists "{schema}"')
    for statement in spec["raw_views"]:  # the project's on-run-start: views over the raw files
        connection.execute(statement)
    setup = time.perf_counter() - started
    for model in spec["models"]:
        sql = model["compiled_code"].rstrip().rstrip(";")
        kind = "view" if model["materialized"] == "view" else "table"
        began = time.perf_counter()
        connection.execute(f"create or replace {kind} {model['relation_name']} as (\n{sql}\n)")
        timings.append({"unique_id": model["unique_id"], "seconds": time.perf_counter() - began})
    began = time.perf_counter()
    connection.execute("checkpoint")
    connection.close()
    checkpoint = time.perf_counter() - began
    total = time.perf_counter() - started
    Path(spec["result"]).write_text(json.dumps({
        "seconds": total, "setup_seconds": setup, "checkpoint_seconds": checkpoint, "models": timings,
    }, indent=1))
    return 0


def raw_view_statements(warehouse: Path, schemas: set[str]) -> list[str]:
    """The CREATE VIEW statements of the raw views dbt's on-run-start made in `warehouse`."""
    import duckdb

    connection = duckdb.connect(str(warehouse), read_only=True)
    try:
        rows = connection.execute(
            "select sql from duckdb_views() where database_name = current_database() and not internal "
            f"and schema_name in ({', '.join('?' for _ in schemas)}) order by schema_name, view_name",
            sorted(schemas),
        ).fetchall()
    finally:
        connection.close()
    statements = []
    for (sql,) in rows:
        sql = sql.strip().rstrip(";")
        if sql.upper().startswith("CREATE VIEW"):
            sql = "CREATE OR REPLACE VIEW" + sql[len("CREATE VIEW"):]
        statements.append(sql)
    return statements


# --------------------------------------------------------------------------- the benchmark


class Benchmark:
    def __init__(self, args: argparse.Namespace, argv: Sequence[str]) -> None:
        self.args = args
        self.argv = list(argv)
        self.name = args.name or (
            f"bench_m{args.members}_d{args.days}" + (f"_s{args.seed}" if args.seed != 42 else "")
            + (f"_c{args.conversion_scale:g}" if args.conversion_scale != 1 else "")
            + (f"_r{args.retention_scale:g}" if args.retention_scale != 1 else "")
            + (f"_p{args.pages_per_session:g}" if args.pages_per_session is not None else "")
        )
        generator_args = ["--seed", str(args.seed), "--members", str(args.members), "--days", str(args.days)]
        if args.start_date:
            generator_args += ["--start-date", args.start_date]
        if args.conversion_scale != 1:
            generator_args += ["--conversion-scale", f"{args.conversion_scale:g}"]
        if args.retention_scale != 1:
            generator_args += ["--retention-scale", f"{args.retention_scale:g}"]
        if args.pages_per_session is not None:
            generator_args += ["--pages-per-session", f"{args.pages_per_session:g}"]
        self.dataset = generated(self.name, *generator_args)
        self.workdir = BENCH_DIR / self.name
        self.target = PROJECT_DIR / "target" / "benchmark" / self.name
        self.warehouse = self.workdir / "dbt" / f"{self.name}.duckdb"
        self.seeded = self.workdir / "seeded" / f"{self.name}.duckdb"
        self.steps: list[Measured] = []
        self.out: dict[str, Any] = {}
        self.full_models: list[dict[str, Any]] = []
        self.manifest: dict[str, Any] = {}

    # ---- helpers

    def env(self, dataset: Dataset, warehouse: Path) -> dict[str, str]:
        return dbt_env(dataset, warehouse, self.target, {
            "ECOM_THREADS": str(self.args.threads),
            "ECOM_DUCKDB_THREADS": str(self.args.duckdb_threads),
            "ECOM_MEMORY_LIMIT": self.args.memory_limit,
        })

    def log(self, name: str) -> Path:
        return self.workdir / "logs" / f"{name}.log"

    def record(self, measured: Measured) -> Measured:
        self.steps.append(measured)
        print(f"  {measured.label:<34} {measured.seconds:8.1f} s  {measured.peak_rss_gb:5.2f} GB  {measured.notes}",
              flush=True)
        return measured

    def keep_run_results(self, name: str) -> dict[str, Any]:
        """Copy the target's run_results.json into the workdir and return it."""
        results = load_json(self.target / "run_results.json")
        shutil.copyfile(self.target / "run_results.json", self.workdir / f"{name}.run_results.json")
        return results

    # ---- steps

    def generate(self) -> None:
        raw = self.dataset.raw_path
        if self.args.skip_generate:
            if not (raw / "manifest.json").exists():
                raise SystemExit(f"--skip-generate: no complete raw data in {raw} (no manifest.json)")
            print(f"[{self.name}] reusing raw data {raw}", flush=True)
            return
        started = time.perf_counter()
        ensure_raw(self.dataset)
        self.out["generate_seconds"] = round(time.perf_counter() - started, 1)

    def parse(self) -> None:
        env = self.env(self.dataset, self.warehouse)
        measured = measure("dbt parse --no-partial-parse", dbt_command("parse", "--no-partial-parse"), env,
                           self.log("parse"))
        perf = self.target / "perf_info.json"
        if perf.exists():
            info = load_json(perf)
            measured.notes = f"{info.get('path_count', '?')} files parsed"
            measured.extra = {k: info.get(k) for k in ("load_all_elapsed", "path_count", "is_partial_parse_enabled")}
        self.record(measured)
        measured = measure("dbt run --select none", dbt_command("run", "--select", "none"), env, self.log("run_none"))
        measured.notes = "per-invocation overhead (partial parse)"
        self.record(measured)

    def full(self) -> None:
        for folder in ("dbt", "seeded"):
            shutil.rmtree(self.workdir / folder, ignore_errors=True)
        self.warehouse.parent.mkdir(parents=True, exist_ok=True)
        env = self.env(self.dataset, self.warehouse)
        seed = measure("dbt seed", dbt_command("seed"), env, self.log("seed"), info=True)
        seed.notes = "reference tables (not in the full build)"
        self.record(seed)
        copy_database(self.warehouse, self.seeded)
        run = measure("full build: dbt run", dbt_command("run"), env, self.log("full_run"))
        results = self.keep_run_results("full_run")
        self.manifest = load_json(self.target / "manifest.json")
        self.full_models = model_results(results)
        events = self.scale()["events"]
        run.extra = {
            "models": len(self.full_models), "statuses": status_counts(results),
            "sum_model_seconds": sum(m["seconds"] for m in self.full_models),
            "events_per_second": events / run.seconds,
            "warehouse_gb": self.warehouse.stat().st_size / 1024**3,
        }
        run.notes = (f"{len(self.full_models)} models, {events / run.seconds:,.0f} events/s, "
                     f"Σ model times {run.extra['sum_model_seconds']:.0f} s")
        self.record(run)

    def bare(self) -> None:
        if not self.full_models:
            raise SystemExit("the bare step needs the full step in the same invocation (--steps full,bare)")
        database = self.workdir / "bare" / f"{self.name}.duckdb"
        shutil.rmtree(database.parent, ignore_errors=True)
        copy_database(self.seeded, database)
        nodes = self.manifest["nodes"]
        ordered = dag_order([m for m in self.full_models if m["status"] == "success"], self.manifest)
        source_schemas = {s["schema"] for s in self.manifest["sources"].values()}
        spec = {
            "database": str(database), "duckdb_threads": self.args.duckdb_threads,
            "memory_limit": self.args.memory_limit,
            "schemas": sorted(source_schemas | {nodes[m["unique_id"]]["schema"] for m in ordered}),
            "raw_views": raw_view_statements(self.warehouse, source_schemas),
            "models": [{
                "unique_id": m["unique_id"], "relation_name": m["relation_name"],
                "materialized": nodes[m["unique_id"]]["config"]["materialized"], "compiled_code": m["compiled_code"],
            } for m in ordered],
            "result": str(self.workdir / "bare.result.json"),
        }
        spec_path = self.workdir / "bare.spec.json"
        spec_path.write_text(json.dumps(spec))
        measured = measure("bare SQL: one DuckDB connection",
                           [python(), str(Path(__file__).resolve()), "--bare-worker", str(spec_path)], None,
                           self.log("bare"))
        result = load_json(Path(spec["result"]))
        bare_seconds = {t["unique_id"]: t["seconds"] for t in result["models"]}
        for model in self.full_models:
            model["bare_seconds"] = bare_seconds.get(model["unique_id"])
        process_seconds = measured.seconds
        measured.seconds = result["seconds"]  # the SQL itself: connect to checkpoint, without Python start-up
        measured.extra = {
            "process_seconds": process_seconds, "setup_seconds": result["setup_seconds"],
            "checkpoint_seconds": result["checkpoint_seconds"], "models": len(result["models"]),
            "sum_model_seconds": sum(bare_seconds.values()),
        }
        measured.notes = f"{len(result['models'])} models in DAG order; process {process_seconds:.1f} s"
        self.record(measured)
        if not self.args.keep_warehouses:
            shutil.rmtree(database.parent, ignore_errors=True)

    def build(self) -> None:
        database = self.workdir / "build" / f"{self.name}.duckdb"
        shutil.rmtree(database.parent, ignore_errors=True)
        if self.seeded.exists():
            copy_database(self.seeded, database)
        else:
            database.parent.mkdir(parents=True)
            measure("dbt seed (build)", dbt_command("seed"), self.env(self.dataset, database), self.log("build_seed"))
        measured = measure("dbt build (data tests, no unit)", dbt_command("build", "--exclude", "test_type:unit"),
                           self.env(self.dataset, database), self.log("build"), check=False)
        results = self.keep_run_results("build")
        counts = status_counts(results)
        tests = counts.get("test", {})
        test_seconds = sum(r["execution_time"] for r in results["results"] if r["unique_id"].startswith("test."))
        measured.extra = {"statuses": counts, "sum_test_seconds": test_seconds}
        measured.notes = (f"{sum(tests.values())} tests: " + ", ".join(f"{n} {s}" for s, n in sorted(tests.items()))
                          + f"; Σ test times {test_seconds:.0f} s")
        if measured.returncode != 0:
            measured.notes += f"; exit {measured.returncode}"
        self.record(measured)
        if not self.args.keep_warehouses:
            shutil.rmtree(database.parent, ignore_errors=True)

    def incremental(self) -> None:
        import raw_batches

        source = self.dataset.raw_path
        daily = Dataset(f"{self.name}_daily", ("scripts/raw_batches.py",))
        database = self.workdir / "incremental" / f"{daily.name}.duckdb"
        shutil.rmtree(database.parent, ignore_errors=True)
        database.parent.mkdir(parents=True)
        days = raw_batches.receive_days(source)
        end_date = load_json(source / "manifest.json")["generator"]["end_date"]
        day = end_date if end_date in days else days[-1]
        until = days[days.index(day) - 1]
        later = days[days.index(day) + 1:]
        started = time.perf_counter()
        initial_rows = raw_batches.initial(source, daily.raw_path, until)
        initial_events = initial_rows["events"]
        prepare = time.perf_counter() - started
        print(f"  (replayed {initial_events:,} events received up to {until} into {daily.raw_path} in {prepare:.0f} s)",
              flush=True)
        env = self.env(daily, database)
        measure("incremental: dbt seed", dbt_command("seed"), env, self.log("incremental_seed"))
        base = measure("incremental: base full dbt run", dbt_command("run"), env, self.log("incremental_base"),
                       info=True)
        base.notes = f"history up to {until}: {initial_events:,} events"
        self.record(base)
        appended_rows = raw_batches.append(source, daily.raw_path, day)
        appended = appended_rows["events"]
        run = measure("incremental: dbt run (+1 day)", dbt_command("run"), env, self.log("incremental_run"))
        results = self.keep_run_results("incremental_run")
        models = model_results(results)
        nodes = load_json(self.target / "manifest.json")["nodes"]
        by_kind: dict[str, dict[str, float]] = {}
        for model in models:
            kind = nodes[model["unique_id"]]["config"]["materialized"]
            entry = by_kind.setdefault(kind, {"models": 0, "sum_seconds": 0.0})
            entry["models"] += 1
            entry["sum_seconds"] += model["seconds"]
        slowest = sorted(models, key=lambda m: -m["seconds"])[:10]
        run.extra = {
            "day": day, "initial_until": until, "appended_events": appended, "initial_events": initial_events,
            "appended_order_versions": appended_rows["orders"], "initial_order_versions": initial_rows["orders"],
            "receive_days_left_out": later, "base_run_seconds": base.seconds, "by_materialization": by_kind,
            "slowest_models": [{"model": m["name"], "materialized": nodes[m["unique_id"]]["config"]["materialized"],
                                "seconds": round(m["seconds"], 2)} for m in slowest],
        }
        run.notes = f"{appended:,} events and {appended_rows['orders']:,} order versions received on {day}; " + ", ".join(
            f"{k} {v['models']}: {v['sum_seconds']:.0f} s" for k, v in sorted(by_kind.items()))
        self.record(run)
        if not self.args.keep_warehouses:
            shutil.rmtree(database.parent, ignore_errors=True)
            shutil.rmtree(daily.raw_path, ignore_errors=True)

    # ---- report

    def scale(self) -> dict[str, Any]:
        manifest = load_json(self.dataset.raw_path / "manifest.json")
        tables = manifest["tables"]
        events = tables["events"]
        return {
            "members_target": manifest["generator"]["members_target"], "days": manifest["generator"]["days"],
            "seed": manifest["generator"]["seed"], "start_date": manifest["generator"]["start_date"],
            "end_date": manifest["generator"]["end_date"], "dirty_rate": manifest["generator"]["dirty_rate"],
            "conversion_scale": manifest["generator"]["args"].get("conversion_scale"),
            "retention_scale": manifest["generator"]["args"].get("retention_scale", 1.0),
            "pages_per_session": manifest["generator"]["args"].get("pages_per_session"),
            "events": events["raw_rows"], "bot_events": events.get("flagged", {}).get("is_bot"),
            # orders and members are change-data exports: several rows (versions) per key
            "orders": tables["orders"]["raw_rows"], "members": tables["members"]["raw_rows"],
            "distinct_orders": tables["orders"]["clean_rows"], "distinct_members": tables["members"]["clean_rows"],
            "raw_rows": {name: table["raw_rows"] for name, table in tables.items()},
            "raw_gb": sum(p.stat().st_size for p in self.dataset.raw_path.rglob("*") if p.is_file()) / 1024**3,
        }

    def machine(self) -> dict[str, Any]:
        import duckdb

        memory = next((line.split()[1] for line in Path("/proc/meminfo").read_text().splitlines()
                       if line.startswith("MemTotal:")), None) if Path("/proc/meminfo").exists() else None
        cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                    if line.startswith("model name")), None) if Path("/proc/cpuinfo").exists() else None
        return {
            "cpu_count": os.cpu_count(), "cpu_model": cpu,
            "memory_total_gb": round(int(memory) / 1024**2, 1) if memory else None,
            "platform": platform.platform(), "python": platform.python_version(), "duckdb": duckdb.__version__,
            "dbt_core": metadata.version("dbt-core"), "dbt_duckdb": metadata.version("dbt-duckdb"),
        }

    def summary(self) -> dict[str, Any]:
        by_label = {m.label: m for m in self.steps}
        run = by_label.get("full build: dbt run")
        bare = by_label.get("bare SQL: one DuckDB connection")
        incremental = by_label.get("incremental: dbt run (+1 day)")
        base_seconds = incremental.extra["base_run_seconds"] if incremental else None
        results: dict[str, Any] = {
            "full_build_seconds": run.seconds if run else None,
            "bare_seconds": bare.seconds if bare else None,
            "dbt_run_over_bare": run.seconds / bare.seconds if run and bare else None,
            # CPU seconds (user + system) hardly depend on other jobs sharing the cores
            "dbt_run_over_bare_cpu": run.cpu_seconds / bare.cpu_seconds if run and bare else None,
            "events_per_second": run.extra["events_per_second"] if run else None,
            "incremental_seconds": incremental.seconds if incremental else None,
            # against the full run of the same replayed folder, run just before it
            "incremental_over_full": incremental.seconds / base_seconds if incremental else None,
            "incremental_over_full_step": incremental.seconds / run.seconds if incremental and run else None,
            "peak_rss_gb": max((m.peak_rss_gb for m in self.steps if not m.info), default=None),
            "parse_seconds": by_label["dbt parse --no-partial-parse"].seconds if "dbt parse --no-partial-parse" in by_label else None,
            "invocation_overhead_seconds": by_label["dbt run --select none"].seconds if "dbt run --select none" in by_label else None,
        }
        none = by_label.get("dbt run --select none")
        if run and bare:  # what dbt adds to the SQL, and the part of it beyond start-up (per model)
            results["dbt_overhead_seconds"] = run.seconds - bare.seconds
            if none:
                results["dbt_overhead_per_model_seconds"] = (
                    (run.seconds - bare.seconds - none.seconds) / max(1, run.extra["models"]))
        if build := by_label.get("dbt build (data tests, no unit)"):
            results["dbt_build_seconds"] = build.seconds
        return results

    def slowest(self) -> list[dict[str, Any]]:
        nodes = self.manifest.get("nodes", {})
        ranked = sorted(self.full_models, key=lambda m: -m["seconds"])
        return [{
            "model": m["name"], "materialized": nodes.get(m["unique_id"], {}).get("config", {}).get("materialized"),
            "dbt_seconds": round(m["seconds"], 2),
            "bare_seconds": round(m["bare_seconds"], 2) if m.get("bare_seconds") is not None else None,
        } for m in ranked[:SLOWEST]]

    def print_report(self, report: dict[str, Any]) -> None:
        print(f"\n{self.name}: {report['scale']['events']:,} events, {report['scale']['orders']:,} orders, "
              f"{report['scale']['members']:,} member rows; threads {self.args.threads}, duckdb threads "
              f"{self.args.duckdb_threads}, memory_limit {self.args.memory_limit}")
        print(f"\n| {'step':<34} | {'seconds':>8} | {'CPU s':>7} | {'peak RSS GB':>11} | {'load':>4} | notes")
        print(f"|{'-' * 36}|{'-' * 10}|{'-' * 9}|{'-' * 13}|{'-' * 6}|------")
        for m in self.steps:
            label = f"({m.label})" if m.info else m.label
            print(f"| {label:<34} | {m.seconds:8.1f} | {m.cpu_seconds:7.1f} | {m.peak_rss_gb:11.2f} "
                  f"| {m.load_average:4.1f} | {m.notes}")
        results = report["results"]
        print("\ntarget (at 50M events)         measured")
        for key, (sign, limit) in TARGETS.items():
            value = results.get(key)
            if value is None:
                continue
            verdict = "met" if (value <= limit if sign == "≤" else value >= limit) else "NOT met"
            shown = f"{value:,.0f}" if key == "events_per_second" else f"{value:.3f}"
            print(f"  {key:<24} {sign} {limit:<9} {shown:>10}  {verdict}")
        if "dbt_overhead_seconds" in results:
            per_model = results.get("dbt_overhead_per_model_seconds")
            print(f"  dbt run − bare SQL = {results['dbt_overhead_seconds']:.1f} s"
                  + (f" (start-up {results['invocation_overhead_seconds']:.1f} s, then {per_model:.2f} s per model)"
                     if per_model is not None else ""))
        if report["slowest_models"]:
            print(f"\nslowest models of the full run (dbt run_results; bare = same SQL alone)")
            print(f"  {'model':<44} {'materialized':<12} {'dbt s':>8} {'bare s':>8}")
            for m in report["slowest_models"]:
                bare = f"{m['bare_seconds']:8.2f}" if m["bare_seconds"] is not None else "       -"
                print(f"  {m['model']:<44} {m['materialized'] or '':<12} {m['dbt_seconds']:8.2f} {bare}")

    def run(self) -> dict[str, Any]:
        started_at = time.strftime("%Y-%m-%dT%H:%M:%S%z")
        load_before = os.getloadavg()
        self.generate()
        if load_before[0] > 1.5:
            print(f"warning: load average {load_before[0]:.1f} on {os.cpu_count()} cores: other jobs are running, "
                  "wall times will be inflated (compare CPU seconds)", flush=True)
        self.workdir.mkdir(parents=True, exist_ok=True)
        print(f"[{self.name}] benchmarking {', '.join(self.args.steps)} (logs in {self.workdir / 'logs'})", flush=True)
        for step in STEPS:
            if step in self.args.steps:
                getattr(self, step)()
        report = {
            "name": self.name,
            "command": shlex.join(["python", "scripts/benchmark.py", *self.argv]),
            "started_at": started_at,
            "finished_at": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
            "load_average": {"before": [round(x, 2) for x in load_before],
                             "after": [round(x, 2) for x in os.getloadavg()]},
            "machine": self.machine(),
            "settings": {"threads": self.args.threads, "duckdb_threads": self.args.duckdb_threads,
                         "memory_limit": self.args.memory_limit, "preserve_insertion_order": False},
            "scale": self.scale(),
            "generate_seconds": self.out.get("generate_seconds"),
            "results": self.summary(),
            "targets": {key: {"sign": sign, "limit": limit} for key, (sign, limit) in TARGETS.items()},
            "steps": [{k: (round(v, 3) if isinstance(v, float) else v) for k, v in asdict(m).items()} for m in self.steps],
            "slowest_models": self.slowest(),
            "models": [{"model": m["name"], "dbt_seconds": round(m["seconds"], 3),
                        "bare_seconds": round(m["bare_seconds"], 3) if m.get("bare_seconds") is not None else None}
                       for m in self.full_models],
        }
        self.print_report(report)
        out = self.args.out or RESULTS_DIR / f"{self.name}.json"
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(json.dumps(report, indent=1) + "\n")
        print(f"\nwrote {out}")
        if not self.args.keep_warehouses:
            for folder in ("dbt", "seeded"):
                shutil.rmtree(self.workdir / folder, ignore_errors=True)
        return report


def markdown_table(reports: Sequence[dict[str, Any]]) -> str:
    """The README's Benchmarks table: one row per JSON report, smallest scale first."""
    def number(value: Any, digits: int = 1) -> str:
        return "–" if value is None else f"{value:,.{digits}f}"

    lines = [
        "| events | orders (rows) | members (rows) | full `dbt run` s | bare SQL s | dbt / bare | events/s | +1 day s | +1 day / full | peak RSS GB | command |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    for report in sorted(reports, key=lambda r: r["scale"]["events"]):
        scale, results = report["scale"], report["results"]
        lines.append(" | ".join([
            f"| {scale['events'] / 1e6:.1f} M", f"{scale['distinct_orders']:,} ({scale['orders']:,})",
            f"{scale['distinct_members']:,} ({scale['members']:,})",
            number(results["full_build_seconds"]), number(results["bare_seconds"]),
            number(results["dbt_run_over_bare"], 2), number(results["events_per_second"], 0),
            number(results["incremental_seconds"]), number(results["incremental_over_full"], 2),
            number(results["peak_rss_gb"], 2), f"`{report['command']}` |",
        ]))
    return "\n".join(lines)


def parse_steps(value: str) -> list[str]:
    steps = [s.strip() for s in value.split(",") if s.strip()]
    if steps == ["all"]:
        return list(STEPS)
    unknown = [s for s in steps if s not in STEPS]
    if unknown:
        raise argparse.ArgumentTypeError(f"unknown step(s) {', '.join(unknown)}; known: {', '.join(STEPS)}")
    return steps


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    scale = parser.add_argument_group("scale (scripts/generate_raw.py)")
    scale.add_argument("--members", type=int, default=20000, help="members at the end (default 20000)")
    scale.add_argument("--days", type=int, default=120, help="simulated days (default 120)")
    scale.add_argument("--seed", type=int, default=42, help="generator seed (default 42)")
    scale.add_argument("--start-date", help="first simulated day (generator default 2025-06-01)")
    scale.add_argument("--conversion-scale", type=float, default=1.0,
                       help="more orders per event: multiplies the add-to-cart probability (default 1)")
    scale.add_argument("--retention-scale", type=float, default=1.0,
                       help="more sessions and orders per member: multiplies the day-N activity (default 1)")
    scale.add_argument("--pages-per-session", type=float,
                       help="mean page views of an engaged session (generator default 4.5)")
    scale.add_argument("--name", help="dataset name (default bench_m<members>_d<days>[_s<seed>][_c<scale>][_r<scale>][_p<pages>])")
    scale.add_argument("--skip-generate", action="store_true",
                       help="reuse data/raw/<name> as it is (even if the generator changed since)")
    settings = parser.add_argument_group("settings (profiles/profiles.yml)")
    settings.add_argument("--threads", type=int, default=2, help="dbt threads, ECOM_THREADS (default 2)")
    settings.add_argument("--duckdb-threads", type=int, default=2, help="DuckDB threads, ECOM_DUCKDB_THREADS (default 2)")
    settings.add_argument("--memory-limit", default="7GB", help="DuckDB memory_limit, ECOM_MEMORY_LIMIT (default 7GB)")
    parser.add_argument("--steps", type=parse_steps, default=list(STEPS),
                        help=f"comma-separated subset of {','.join(STEPS)} (default all; bare needs full)")
    parser.add_argument("--out", type=Path, help="JSON result file (default benchmarks/<name>.json)")
    parser.add_argument("--keep-warehouses", action="store_true",
                        help="keep the warehouses in data/warehouse/benchmark/<name>/ (default: removed)")
    parser.add_argument("--table", type=Path, nargs="+", metavar="JSON",
                        help="print the markdown table of these result files (README § Benchmarks) and exit")
    parser.add_argument("--bare-worker", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if "bare" in args.steps and "full" not in args.steps:
        parser.error("the bare step runs the SQL compiled by the full step: add full to --steps")
    return args


def main(argv: Sequence[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    args = parse_args(argv)
    if args.bare_worker:
        return bare_worker(args.bare_worker)
    if args.table:
        print(markdown_table([load_json(path) for path in args.table]))
        return 0
    Benchmark(args, argv).run()
    return 0


if __name__ == "__main__":
    sys.exit(main())
