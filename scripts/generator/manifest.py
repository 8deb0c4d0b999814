"""manifest.json: per-table row accounting, the parameters and the planted truths."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from .model import CHANNEL_PARAMS, Model, channel_parameters

# Staging rules (docs/raw_contract.md) that can apply to each table, in rule order.
_RULE_TABLES: tuple[tuple[str, tuple[str, ...] | None], ...] = (
    ("missing_key", None),
    ("malformed_key", None),
    ("invalid_timestamp", None),
    ("future_timestamp", None),
    ("unknown_code", ("events", "orders", "returns")),
    ("late_event", ("events",)),
    (
        "invalid_value",
        (
            "orders",
            "order_items",
            "returns",
            "products",
            "inventory_snapshots",
            "purchase_orders",
            "shipments",
            "marketing_spend",
        ),
    ),
    (
        "negative_amount",
        ("orders", "order_items", "returns", "products", "purchase_orders", "shipments", "marketing_spend"),
    ),
    ("non_positive_quantity", ("order_items", "returns", "purchase_orders", "shipments")),
    ("inconsistent_timestamps", ("orders", "shipments", "purchase_orders", "returns")),
    (
        "conflicting_duplicate",
        (
            "events",
            "order_items",
            "returns",
            "products",
            "inventory_snapshots",
            "purchase_orders",
            "shipments",
            "marketing_spend",
            "campaign_touches",
        ),
    ),
    ("orphan_reference", ("order_items", "returns", "shipments")),
    ("refund_exceeds_payment", ("returns",)),
    ("event_before_registration", ("events",)),
)


def rules_for(table: str) -> tuple[str, ...]:
    return tuple(rule for rule, tables in _RULE_TABLES if tables is None or table in tables)


def clean_accounting(
    rows: dict[str, int], distinct_keys: dict[str, int], flagged: dict[str, dict[str, int]]
) -> dict[str, dict[str, Any]]:
    """Accounting of the clean export: CDC tables supersede all but the latest version."""
    tables = {}
    for table, raw in rows.items():
        clean = distinct_keys.get(table, raw)
        tables[table] = {
            "raw_rows": raw,
            "clean_rows": clean,
            "exact_duplicates": 0,
            "superseded": raw - clean,
            "quarantined": {rule: 0 for rule in rules_for(table)},
            "flagged": dict(flagged.get(table, {})),
            "repaired": {},
            "defects": {},
        }
    return tables


def parameters(model: Model, cli: dict[str, Any]) -> dict[str, Any]:
    return {
        "cli": cli,
        "channels": channel_parameters(),
        "model": model.as_dict(),
        "split_probability_if_splittable": model.split_probability_if_splittable(),
        "paid_channels_cpc": {c: p.cpc for c, p in CHANNEL_PARAMS.items() if p.cpc},
    }


def write_manifest(path: Path, manifest: dict[str, Any]) -> None:
    path.write_text(
        json.dumps(manifest, ensure_ascii=False, indent=2, sort_keys=False) + "\n", encoding="utf-8"
    )
