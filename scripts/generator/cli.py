"""Command line: arguments, the run, the manifest and the final summary."""

from __future__ import annotations

import argparse
import dataclasses
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

from raw_contract import TABLES

from . import __doc__ as MODEL_DOC
from .defects import inject_defects
from .manifest import clean_accounting, parameters, write_manifest
from .model import MODEL, Model
from .output import Progress, Writer, clear_parts
from .simulate import Settings, World, run_simulation
from .truths import expected_truths, realized_truths

VERSION = 1


def positive_int(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError("must be ≥ 1")
    return value


def share(text: str) -> float:
    value = float(text)
    if not 0.0 <= value < 1.0:
        raise argparse.ArgumentTypeError("must be in [0, 1)")
    return value


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="generate_raw.py",
        description=(
            "Generate a synthetic e-commerce shop (members, tracked events, orders, shipments, "
            "returns, products, inventory, purchasing, marketing) as the eleven raw tables of "
            "docs/raw_contract.md, with planted truths in manifest.json. Same arguments → "
            "byte-identical tables. --dirty plants the defect catalogue on top of the clean "
            "data without changing a single clean row."
        ),
        epilog=(
            "Model: "
            + " ".join((MODEL_DOC or "").split())
            + " Details, parameters and measured speed: docs/generator.md."
        ),
        formatter_class=argparse.ArgumentDefaultsHelpFormatter,
    )
    parser.add_argument(
        "--out",
        type=Path,
        default=Path("data/raw/demo"),
        help="output folder (one sub-folder per table; old part files are replaced, nothing else is deleted)",
    )
    parser.add_argument("--seed", type=int, default=42, help="random seed")
    parser.add_argument(
        "--start-date",
        type=date.fromisoformat,
        default=date(2025, 6, 1),
        help="first simulated day (YYYY-MM-DD)",
    )
    parser.add_argument("--days", type=positive_int, default=200, help="number of simulated days")
    parser.add_argument(
        "--members",
        type=positive_int,
        default=4000,
        help="approximate number of registered members at the end (calibrates the number of new visitors)",
    )
    parser.add_argument(
        "--dirty",
        type=share,
        default=0.0,
        help="defect rate: per table and defect kind, max(1, round(RATE × clean rows / kinds)) planted rows; 0 = clean",
    )
    parser.add_argument("--skus", type=positive_int, default=400, help="number of SKUs in the catalogue")
    parser.add_argument(
        "--pages-per-session", type=float, default=4.5, help="mean page views of an engaged session (≥ 2)"
    )
    parser.add_argument(
        "--conversion-scale",
        type=float,
        default=1.0,
        help="multiplies the add-to-cart probability (capped at 0.9)",
    )
    parser.add_argument(
        "--retention-scale",
        type=float,
        default=1.0,
        help="multiplies every visitor's engagement λ, hence the day-N activity probability "
        "(capped at 1): more sessions and repeat orders per visitor",
    )
    parser.add_argument(
        "--bot-share", type=share, default=0.01, help="bot visitors as a share of human visitors"
    )
    parser.add_argument(
        "--format",
        dest="fmt",
        choices=("parquet", "csv"),
        default="parquet",
        help="file format of the part files",
    )
    parser.add_argument("--quiet", action="store_true", help="no progress lines on stderr")
    return parser


def settings_from(args: argparse.Namespace) -> Settings:
    if args.pages_per_session < 2.0:
        raise SystemExit("--pages-per-session must be ≥ 2")
    if args.conversion_scale <= 0:
        raise SystemExit("--conversion-scale must be > 0")
    if args.retention_scale <= 0:
        raise SystemExit("--retention-scale must be > 0")
    return Settings(
        out=args.out,
        seed=args.seed,
        start_date=args.start_date,
        days=args.days,
        members=args.members,
        dirty=args.dirty,
        skus=args.skus,
        pages_per_session=args.pages_per_session,
        conversion_scale=args.conversion_scale,
        retention_scale=args.retention_scale,
        bot_share=args.bot_share,
        fmt=args.fmt,
        quiet=args.quiet,
    )


def model_for(settings: Settings) -> Model:
    """The model with --retention-scale applied to the engagement levels, so that the expected
    day-N retention in the manifest's truths follows it."""
    if settings.retention_scale == 1.0:
        return MODEL
    levels = tuple(level * settings.retention_scale for level in MODEL.lambda_levels)
    return dataclasses.replace(MODEL, lambda_levels=levels)


def cli_values(settings: Settings) -> dict[str, Any]:
    return {
        "out": str(settings.out),
        "seed": settings.seed,
        "start_date": settings.start_date.isoformat(),
        "days": settings.days,
        "members": settings.members,
        "dirty": settings.dirty,
        "skus": settings.skus,
        "pages_per_session": settings.pages_per_session,
        "conversion_scale": settings.conversion_scale,
        "retention_scale": settings.retention_scale,
        "bot_share": settings.bot_share,
        "format": settings.fmt,
    }


def build_manifest(world: World, tables: dict[str, dict[str, Any]]) -> dict[str, Any]:
    s = world.settings
    cli = cli_values(s)
    return {
        "generator": {
            "version": VERSION,
            "seed": s.seed,
            "start_date": s.start_date.isoformat(),
            "end_date": world.calendar.end.isoformat(),
            "days": s.days,
            "members_target": s.members,
            "dirty_rate": s.dirty,
            "raw_timezone": "Asia/Shanghai",
            "args": cli,
            "calibration": {
                "pilot_visitors": world.pilot_visitors,
                "member_fraction": world.pilot_member_fraction,
                "new_visitors": world.pop.visitors,
            },
        },
        "tables": tables,
        "parameters": parameters(world.model, cli),
        "truths": {
            "expected": expected_truths(world.model, s.conversion_scale),
            "realized": realized_truths(world),
        },
    }


def main(argv: Sequence[str] | None = None) -> int:
    settings = settings_from(build_parser().parse_args(argv))
    progress = Progress(settings.quiet)
    settings.out.mkdir(parents=True, exist_ok=True)
    clear_parts(settings.out)
    # the manifest is written last: a run that stops half-way must not leave the old one
    (settings.out / "manifest.json").unlink(missing_ok=True)
    writer = Writer(settings.out, settings.fmt)
    world = run_simulation(settings, writer, progress, model_for(settings))
    tables = clean_accounting(
        dict(world.table_rows),
        distinct_keys={"orders": len(world.orders), "members": world.members.count},
        flagged={
            "events": {"is_bot": world.tally.bots},
            "orders": {"is_test": 0},
            "order_items": {"is_test": 0},
        },
    )
    if settings.dirty > 0:
        progress.say(f"planting defects at rate {settings.dirty}")
        inject_defects(world, writer, tables, progress)
    write_manifest(settings.out / "manifest.json", build_manifest(world, tables))
    summary = ", ".join(f"{t} {tables[t]['raw_rows']:,}" for t in TABLES)
    print(f"generated {settings.out}: {summary} rows in {progress.elapsed():.1f} s")
    return 0
