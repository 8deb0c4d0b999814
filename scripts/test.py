"""The README's test command (`make test`, what CI runs): every check, in order, with a verdict.

  1. lint     sqlfluff over models, macros' callers and singular tests
  2. build    the `ci` dataset (small, 5 % defects of every kind): dbt build with every data
              test and every unit test, published to data/warehouse/ci.duckdb
  3. expect   the great-expectations checkpoint over the ci marts (Data Docs in target/gx)
  4. pytest   generator, loader, row accounting against the manifest, dirty = clean marts,
              planted truths, the Online Retail build, incremental = full refresh

Every step runs even if an earlier one failed (CI should show all failures); the exit code is
non-zero when any failed. `--only STEP ...` runs a subset.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path
from typing import Callable, Sequence

import duckdb

sys.path.insert(0, str(Path(__file__).resolve().parent))
from project import DATASETS, PROJECT_DIR, build_and_publish, dbt_env, ensure_raw, python, sqlfluff_lint  # noqa: E402

LINT_PATHS = ("models", "tests/singular", "analyses")  # sqlfluff refuses a missing path; git keeps no empty folder


def lint() -> None:
    dataset = DATASETS["ci"]
    ensure_raw(dataset)
    # The dbt templater renders each model against the warehouse it connects to: where an
    # incremental model's relation exists, is_incremental() is true. An empty warehouse made
    # here renders the full-refresh SQL on every machine as in a fresh clone (CI); the
    # incremental branches are linted by tests/python/test_incremental.py against the warehouse
    # its runs built. Made before linting, as two lint processes must not race to create it.
    target = PROJECT_DIR / "target" / "lint"
    unbuilt = target / "unbuilt.duckdb"
    target.mkdir(parents=True, exist_ok=True)
    unbuilt.unlink(missing_ok=True)
    duckdb.connect(str(unbuilt)).close()
    env = dbt_env(dataset, unbuilt, target)
    paths = [path for path in LINT_PATHS if (PROJECT_DIR / path).is_dir()]
    sqlfluff_lint(paths, env).check_returncode()


def build() -> None:
    dataset = DATASETS["ci"]
    ensure_raw(dataset)
    build_and_publish(dataset, ["build"], target_path=PROJECT_DIR / "target" / "ci")


def expect() -> None:
    subprocess.run([python(), "scripts/check_expectations.py", "--data", "ci"], cwd=PROJECT_DIR, check=True)


def pytest() -> None:
    subprocess.run([python(), "-m", "pytest", "tests/python", "-q", "-p", "no:cacheprovider", "--durations=12"], cwd=PROJECT_DIR, check=True)


STEPS: dict[str, Callable[[], None]] = {"lint": lint, "build": build, "expect": expect, "pytest": pytest}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--only", nargs="+", choices=list(STEPS), help="run only these steps")
    args = parser.parse_args(argv)
    results: list[tuple[str, bool, float]] = []
    for name, step in STEPS.items():
        if args.only and name not in args.only:
            continue
        print(f"\n===== {name}", flush=True)
        started = time.perf_counter()
        try:
            step()
            ok = True
        except (subprocess.CalledProcessError, RuntimeError) as error:
            print(error, file=sys.stderr)
            ok = False
        results.append((name, ok, time.perf_counter() - started))
    print("\n===== summary")
    for name, ok, seconds in results:
        print(f"  {name:<8} {'ok' if ok else 'FAILED':<7} {seconds:7.0f} s")
    return 0 if all(ok for _, ok, _ in results) else 1


if __name__ == "__main__":
    sys.exit(main())
