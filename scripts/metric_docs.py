"""Write docs/metrics.md: where every metric of the definitions page lives, from the catalog seed.

    python scripts/metric_docs.py            # rewrite docs/metrics.md
    python scripts/metric_docs.py --check    # exit 1 if docs/metrics.md is out of date (the tests run this)

The page maps each metric name of ../shared/metric-definitions.md (first column of its tables)
to its home model and column, then lists every catalog metric per family with its Chinese name
and formula. seeds/metric_catalog.csv is the source of truth; this page is derived from it.
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
from pathlib import Path
from typing import Sequence

PROJECT_DIR = Path(__file__).resolve().parent.parent
CATALOG = PROJECT_DIR / "seeds" / "metric_catalog.csv"
DEFINITIONS = PROJECT_DIR.parent / "shared" / "metric-definitions.md"
OUTPUT = PROJECT_DIR / "docs" / "metrics.md"
FAMILIES = ("traffic", "conversion", "operations", "membership", "finance", "core")


def catalog_rows() -> list[dict[str, str]]:
    with CATALOG.open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def defined_names(path: Path) -> list[tuple[str, str]]:
    """(section, metric name) for every snake_case name in the first column of the definition tables."""
    names, section = [], ""
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("## "):
            section = line[3:].strip()
        if not line.startswith("|") or line.startswith("| metric") or line.startswith("|---"):
            continue
        cell = re.sub(r"\(.*?\)", "", line.split("|")[1])
        names += [(section, part.strip()) for part in cell.split(",") if re.fullmatch(r"[a-z][a-z0-9_]+", part.strip())]
    return names


def render(rows: list[dict[str, str]], definitions: list[tuple[str, str]]) -> str:
    homes = {row["metric_id"]: row for row in rows if row["is_home"] == "true"}
    by_column: dict[str, list[dict[str, str]]] = {}
    for row in rows:
        by_column.setdefault(row["column_name"], []).append(row)
    lines = [
        "# Metrics: where each one lives",
        "",
        "Generated from `seeds/metric_catalog.csv` by `python scripts/metric_docs.py` (the tests",
        "check it is current). The catalog is the source of truth: one row per metric and model it",
        "appears in, exactly one of them its home.",
        "",
        "## The definitions page → home model",
        "",
        "Every metric named in `../shared/metric-definitions.md`, with the model and column that",
        "defines it (a name that covers a set, such as a funnel, lists the set's columns).",
        "",
        "| section | metric | home model.column | 中文 |",
        "|---|---|---|---|",
    ]
    seen: set[str] = set()
    for section, name in definitions:
        # a name listed twice (bounce_rate overall and per landing page) is, the second time,
        # the other metric with that column name
        home = homes.get(name) if name not in seen else None
        if name in seen:
            others = [row for row in by_column.get(name, []) if row["is_home"] == "true" and row["metric_id"] != name]
            home = others[0] if others else None
        seen.add(name)
        placements = [home] if home else sorted(
            (row for row in by_column.get(name, []) if row["is_home"] == "true"), key=lambda row: row["model"])
        if not placements:  # a distribution: its median and p90 columns
            placements = [row for row in rows if row["is_home"] == "true"
                          and row["column_name"] in (f"{name}_median", f"{name}_p90")]
        if not placements:  # a set (the funnel): the columns it names
            placements = [row for row in rows if row["is_home"] == "true" and row["column_name"].startswith(name)]
        where = ", ".join(f"`{row['model']}.{row['column_name']}`" for row in placements) or "**missing**"
        chinese = placements[0]["name_zh"] if placements else ""
        lines.append(f"| {section} | `{name}` | {where} | {chinese} |")
    for family in FAMILIES:
        family_rows = sorted((row for row in homes.values() if row["family"] == family), key=lambda row: row["metric_id"])
        if not family_rows:
            continue
        lines += ["", f"## {family.capitalize()} — every catalog metric", "",
                  "| metric_id | 中文 | home model.column | unit | definition |", "|---|---|---|---|---|"]
        for row in family_rows:
            definition = row["definition"].replace("|", "\\|").replace("\n", " ")
            lines.append(f"| `{row['metric_id']}` | {row['name_zh']} | `{row['model']}.{row['column_name']}` "
                         f"| {row['unit']} | {definition} |")
    return "\n".join(lines) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--check", action="store_true", help="fail if docs/metrics.md is not current")
    args = parser.parse_args(argv)
    text = render(catalog_rows(), defined_names(DEFINITIONS))
    if args.check:
        current = OUTPUT.exists() and OUTPUT.read_text(encoding="utf-8") == text
        print("docs/metrics.md is current" if current else "docs/metrics.md is out of date: run scripts/metric_docs.py")
        return 0 if current else 1
    OUTPUT.write_text(text, encoding="utf-8")
    missing = text.count("**missing**")
    print(f"wrote {OUTPUT.relative_to(PROJECT_DIR)} ({missing} definition names without a home)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
