"""Where a run reads from: the warehouse file, the dbt manifest, the Data Docs folder.

`--data NAME` means data/warehouse/NAME.duckdb, target/NAME/manifest.json and target/gx/NAME;
`--warehouse PATH` points at any warehouse file (then the manifest is `--manifest`, or the YAML).
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from project import DATASETS, PROJECT_DIR  # noqa: E402


@dataclass(frozen=True)
class Inputs:
    name: str
    warehouse: Path
    manifest: Path | None
    docs: Path


def add_arguments(parser: argparse.ArgumentParser) -> None:
    source = parser.add_mutually_exclusive_group(required=True)
    source.add_argument("--data", choices=sorted(DATASETS), help="a dataset: reads data/warehouse/NAME.duckdb")
    source.add_argument("--warehouse", type=Path, help="any DuckDB warehouse file built by this project")
    parser.add_argument("--manifest", type=Path,
                        help="dbt manifest of that build (default with --data: target/NAME/manifest.json; "
                             "without one the YAML under models/ is read)")


def resolve(args: argparse.Namespace, docs: Path | None = None) -> Inputs:
    if args.data:
        name = args.data
        warehouse = DATASETS[name].warehouse_path
        manifest = args.manifest or PROJECT_DIR / "target" / name / "manifest.json"
    else:
        warehouse = args.warehouse.resolve()
        name = warehouse.stem
        manifest = args.manifest
    if not warehouse.exists():
        raise SystemExit(f"no warehouse at {warehouse}: build it first (scripts/run.py --data {name})")
    return Inputs(name, warehouse, manifest, docs or PROJECT_DIR / "target" / "gx" / name)
