"""The great-expectations checkpoint over the marts (the test command's `expect` step).

Reads the DuckDB warehouse read-only (run it after dbt has finished), validates every mart against
its suites, writes Data Docs HTML into --docs, prints a summary per suite and the failed
expectations with a few unexpected values, then the metric coverage. Exits 1 when any
expectation failed. No network: an ephemeral GX context, analytics off, Data Docs on disk.

The suites (scripts/expectations) are derived from the project's sources of truth — documented
columns and grains from the dbt manifest (or the YAML), types and value ranges from the metric
catalog seed, the date spine from intermediate.int_dates — plus the hand-written rules of each
family: cross-column inequalities, identities (the sales decomposition, net = paid − refunds),
monotone funnel steps and row counts relative to the input.

Examples:
  scripts/check_expectations.py --data ci
  scripts/check_expectations.py --warehouse /tmp/copy.duckdb --manifest target/ci/manifest.json --docs /tmp/docs
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import defaultdict
from pathlib import Path
from typing import TYPE_CHECKING, Sequence

import duckdb

sys.path.insert(0, str(Path(__file__).resolve().parent))
from expectations.build import build_suites  # noqa: E402
from expectations.inputs import add_arguments, resolve  # noqa: E402
from expectations.sources import load_project  # noqa: E402
from metric_coverage import coverages, report  # noqa: E402
from project import PROJECT_DIR  # noqa: E402

if TYPE_CHECKING:
    from expectations.checkpoint import SuiteOutcome


def summary(outcomes: Sequence[SuiteOutcome]) -> str:
    """Per suite: expectations and failures; then per family; then every failure."""
    lines = [f"{'suite':<58} {'expectations':>12} {'failed':>7}"]
    families: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for outcome in outcomes:
        suite, evaluated, failed = outcome.suite, outcome.evaluated, len(outcome.failures)
        lines.append(f"{suite.name:<58} {evaluated:>12} {failed:>7}")
        families[suite.family][0] += evaluated
        families[suite.family][1] += failed
    lines.append("")
    lines.append(f"{'family':<58} {'expectations':>12} {'failed':>7}")
    for family, (evaluated, failed) in families.items():
        lines.append(f"{family:<58} {evaluated:>12} {failed:>7}")
    total = sum(evaluated for evaluated, _ in families.values()), sum(failed for _, failed in families.values())
    lines.append(f"{'total':<58} {total[0]:>12} {total[1]:>7}")
    failures = [failure for outcome in outcomes for failure in outcome.failures]
    if failures:
        lines.append("")
        lines.append(f"FAILED expectations ({len(failures)}):")
        for failure in failures:
            lines.append(f"  {failure.suite}: {failure.label}")
            lines.append(f"      why: {failure.about}")
            lines.append(f"      got: {failure.detail}")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    add_arguments(parser)
    parser.add_argument("--docs", type=Path, help="Data Docs folder (default target/gx/NAME)")
    args = parser.parse_args(argv)
    inputs = resolve(args, args.docs)
    started = time.perf_counter()

    project = load_project(PROJECT_DIR, inputs.manifest)
    with duckdb.connect(str(inputs.warehouse), read_only=True) as connection:
        suites = build_suites(project, connection)
    print(f"great-expectations checkpoint over {inputs.warehouse} "
          f"({len(suites)} suites, {sum(len(s.specs) for s in suites)} expectations; marts from {project.origin})",
          flush=True)

    from expectations.checkpoint import run_checkpoints  # imports great_expectations (slow)

    outcome = run_checkpoints(suites, inputs.warehouse, inputs.docs)
    print(summary(outcome.suites))
    print(f"Data Docs: {outcome.docs_index or inputs.docs}")
    print(report(coverages(project, suites)))
    verdict = "passed" if outcome.success else "FAILED"
    print(f"checkpoint {verdict} in {time.perf_counter() - started:.1f} s")
    return 0 if outcome.success else 1


if __name__ == "__main__":
    sys.exit(main())
