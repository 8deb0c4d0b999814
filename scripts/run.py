"""The README's run command (`make run`): build a dataset into its DuckDB warehouse and print the summary.

    python scripts/run.py --data demo            # generate the demo data if missing, build, summarise
    python scripts/run.py --data online_retail   # the real UCI Online Retail export
    python scripts/run.py --data demo --rebuild  # rebuild even if code and data are unchanged

A second run with unchanged code and data reuses the published warehouse and only prints the
summary. The build runs every model and data test; unit tests belong to the test command.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Sequence

sys.path.insert(0, str(Path(__file__).resolve().parent))
from project import DATASETS, PROJECT_DIR, build_and_publish, dbt, dbt_env, ensure_raw, is_up_to_date  # noqa: E402
from report import render  # noqa: E402
from summary import print_summary  # noqa: E402


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", choices=sorted(DATASETS), default="demo", help="dataset to build (default: demo)")
    parser.add_argument("--rebuild", action="store_true", help="build even if the warehouse is current")
    parser.add_argument("--docs-only", action="store_true", help="only generate the dbt docs site (target/index.html)")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    dataset = DATASETS[args.data]
    ensure_raw(dataset)
    if args.docs_only:
        dbt(["docs", "generate", "--static"], dbt_env(dataset, dataset.warehouse_path))
        print("dbt docs: target/static_index.html")
        return 0
    if is_up_to_date(dataset) and not args.rebuild:
        print(f"[{dataset.name}] warehouse {dataset.warehouse_path} is current (code and data unchanged): not rebuilt")
    else:
        print(f"[{dataset.name}] building {dataset.warehouse_path} ...", flush=True)
        seconds = build_and_publish(dataset, ["build", "--exclude", "test_type:unit"])
        print(f"[{dataset.name}] built and published in {seconds:.0f} s")
    print_summary(dataset.warehouse_path, dataset.name)
    report = PROJECT_DIR / "target" / "report" / f"{dataset.name}.html"
    report.parent.mkdir(parents=True, exist_ok=True)
    report.write_text(render(dataset.warehouse_path, dataset.name), encoding="utf-8")
    print(f"\nReport (funnel, retention heat map, channel quadrants, sales decomposition, RFM map): {report}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
