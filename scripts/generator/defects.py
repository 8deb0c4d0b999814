"""--dirty RATE: plant the defect catalogue of docs/raw_contract.md on the written clean tables.

Defects are *additive* (new rows that staging must remove, quarantine or flag) or
*repairable* (a clean row rewritten in an accepted format that parses to the same value).
Neither changes the clean data. Rules followed here:

* per table and kind: max(1, round(RATE × clean rows / kinds of the table)) planted rows
  (bot_visitor: that many events; test_order: that many orders);
* each planted row breaks exactly one staging rule and duplicates no other row: copies that
  must stay unique (exact duplicates, empty keys, conflicting duplicates) and the rows that
  get repaired are drawn WITHOUT replacement from one sample, so they are disjoint;
* additive rows are built from clean values and appended as a new part file; repaired
  rows are rewritten in place, so row order and every other row stay byte-identical;
* the defect stream is its own SeedSequence child: --dirty never changes a clean row.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
from raw_contract import TABLE_COLUMNS, TABLES, to_table, write_table

from . import textfmt as fmt
from .bots import USER_AGENTS as BOT_USER_AGENT_LIST
from .bots import simulate_bots, trim_to
from .calendar import DAY, UTC_OFFSET_SECONDS
from .model import PLATFORMS, code_aliases
from .output import Progress, Writer, read_part
from .simulate import HUMAN_UA, Streams, World, event_columns
from .texts import PAGE_PATHS, URL_PREFIX

Columns = dict[str, list[Any]]

KINDS: dict[str, tuple[str, ...]] = {
    "members": (
        "exact_duplicate",
        "stale_version",
        "missing_key",
        "malformed_key",
        "unparseable_timestamp",
        "mixed_timestamp_format",
        "mixed_case_code",
    ),
    "events": (
        "exact_duplicate",
        "missing_key",
        "malformed_key",
        "unparseable_timestamp",
        "future_timestamp",
        "unknown_code",
        "conflicting_duplicate",
        "event_before_registration",
        "late_event",
        "bot_visitor",
        "mixed_timestamp_format",
        "epoch_millis",
        "mixed_case_code",
        "padded_id",
    ),
    "orders": (
        "exact_duplicate",
        "stale_version",
        "missing_key",
        "malformed_key",
        "unparseable_timestamp",
        "future_timestamp",
        "unknown_code",
        "negative_amount",
        "test_order",
        "amount_as_text",
        "mixed_timestamp_format",
        "epoch_millis",
        "mixed_case_code",
        "padded_id",
    ),
    "order_items": (
        "exact_duplicate",
        "missing_key",
        "malformed_key",
        "negative_amount",
        "non_positive_quantity",
        "orphan_order_item",
        "amount_as_text",
        "padded_id",
    ),
    "returns": (
        "exact_duplicate",
        "missing_key",
        "malformed_key",
        "unparseable_timestamp",
        "unknown_code",
        "negative_amount",
        "orphan_return",
        "refund_exceeds_payment",
        "amount_as_text",
        "mixed_timestamp_format",
        "mixed_case_code",
    ),
    "products": ("exact_duplicate", "missing_key", "malformed_key", "amount_as_text"),
    "inventory_snapshots": ("exact_duplicate", "missing_key", "malformed_key"),
    "purchase_orders": ("exact_duplicate", "missing_key", "malformed_key", "amount_as_text"),
    "shipments": (
        "exact_duplicate",
        "missing_key",
        "malformed_key",
        "unparseable_timestamp",
        "inconsistent_timestamps",
        "orphan_shipment",
        "amount_as_text",
        "mixed_timestamp_format",
    ),
    "marketing_spend": (
        "exact_duplicate",
        "missing_key",
        "malformed_key",
        "negative_amount",
        "amount_as_text",
    ),
    "campaign_touches": ("exact_duplicate", "missing_key", "malformed_key"),
}
REPAIRS = ("amount_as_text", "mixed_timestamp_format", "epoch_millis", "mixed_case_code", "padded_id")
# Copies that must stay distinct from each other and from repaired rows (drawn without replacement).
UNIQUE_COPIES = ("exact_duplicate", "missing_key", "conflicting_duplicate")
# Copies of a clean row that get a new key or a broken value (drawn with replacement).
FREE_COPIES = (
    "malformed_key",
    "late_event",
    "unparseable_timestamp",
    "future_timestamp",
    "unknown_code",
    "negative_amount",
    "non_positive_quantity",
    "orphan_order_item",
    "orphan_return",
    "orphan_shipment",
)
# kind → (accounting bucket, rule or flag)
OUTCOME: dict[str, tuple[str, str | None]] = {
    "exact_duplicate": ("exact_duplicates", None),
    "stale_version": ("superseded", None),
    "missing_key": ("quarantined", "missing_key"),
    "malformed_key": ("quarantined", "malformed_key"),
    "unparseable_timestamp": ("quarantined", "invalid_timestamp"),
    "future_timestamp": ("quarantined", "future_timestamp"),
    "unknown_code": ("quarantined", "unknown_code"),
    "negative_amount": ("quarantined", "negative_amount"),
    "non_positive_quantity": ("quarantined", "non_positive_quantity"),
    "inconsistent_timestamps": ("quarantined", "inconsistent_timestamps"),
    "conflicting_duplicate": ("quarantined", "conflicting_duplicate"),
    "orphan_order_item": ("quarantined", "orphan_reference"),
    "orphan_return": ("quarantined", "orphan_reference"),
    "orphan_shipment": ("quarantined", "orphan_reference"),
    "refund_exceeds_payment": ("quarantined", "refund_exceeds_payment"),
    "event_before_registration": ("quarantined", "event_before_registration"),
    "late_event": ("quarantined", "late_event"),
    "test_order": ("flagged", "is_test"),
    "bot_visitor": ("flagged", "is_bot"),
}


@dataclass(frozen=True)
class Spec:
    """Where each kind of defect lands in a table."""

    key: str  # emptied (missing_key) / malformed (malformed_key)
    new_key: str | None = None  # id column of new-key rows
    id_prefix: str = ""
    id_width: int = 0
    timestamp: str | None = None  # unparseable / mixed format / epoch / future
    shifted: tuple[str, ...] = ()  # all timestamps moved together by future_timestamp
    code: str | None = None
    code_type: str | None = None
    amount: str | None = None
    padded: str | None = None


SPECS: dict[str, Spec] = {
    "members": Spec("member_id", "member_id", "M", 9, "registered_at", code="gender", code_type="gender"),
    "events": Spec(
        "event_id",
        "event_id",
        "E",
        12,
        "event_time",
        ("event_time",),
        "event_type",
        "event_type",
        padded="event_id",
    ),
    "orders": Spec(
        "order_id",
        "order_id",
        "O",
        11,
        "created_at",
        ("created_at", "paid_at", "updated_at"),
        "status",
        "order_status",
        "goods_amount",
        "order_id",
    ),
    "order_items": Spec("line_no", amount="unit_price", padded="order_id"),
    "returns": Spec(
        "return_id",
        "return_id",
        "R",
        10,
        "requested_at",
        code="status",
        code_type="return_status",
        amount="refund_amount",
    ),
    "products": Spec("sku_id", amount="list_price"),
    "inventory_snapshots": Spec("sku_id"),
    "purchase_orders": Spec("po_id", amount="amount"),
    "shipments": Spec("shipment_id", "shipment_id", "S", 10, "shipped_at", amount="logistics_fee"),
    "marketing_spend": Spec("campaign_id", amount="spend"),
    "campaign_touches": Spec("touch_id"),
}
UNKNOWN_CODES = {
    "event_type": ("click_banner", "scroll_depth", "video_play"),
    "order_status": ("on_hold", "partially_paid"),
    "return_status": ("escalated", "pending_review"),
}
BAD_TIMESTAMPS = ("not a date", "2025-02-30 10:00:00", "18/06/2025 20:01", "2025-13-45 25:61:00")
ORPHAN_ORDER_BASE = 97_000_000_000  # order numbers that exist nowhere
NEW_LINE_BASE = 1000  # line numbers of new lines on clean orders
EPOCH = datetime(1970, 1, 1)


# --- value formats ------------------------------------------------------------------------
def parse_local(text: str) -> datetime:
    return datetime.fromisoformat(text)


def local_seconds(text: str) -> int:
    return int((parse_local(text) - EPOCH).total_seconds())


def format_local(seconds: int) -> str:
    return (EPOCH + timedelta(seconds=int(seconds))).strftime("%Y-%m-%d %H:%M:%S")


def timestamp_variant(text: str, i: int) -> str:
    """An accepted format for the same instant (ISO offsets denote it exactly)."""
    t = parse_local(text)
    variants = (
        t.strftime("%Y/%m/%d %H:%M:%S"),
        t.strftime("%Y%m%d%H%M%S"),
        f"{t.year:04d}年{t.month:02d}月{t.day:02d}日 {t:%H:%M:%S}",
        t.strftime("%Y-%m-%dT%H:%M:%S+08:00"),
        (t - timedelta(seconds=UTC_OFFSET_SECONDS)).strftime("%Y-%m-%dT%H:%M:%SZ"),
    )
    return variants[i % len(variants)]


def epoch_millis(text: str) -> str:
    return str((local_seconds(text) - UTC_OFFSET_SECONDS) * 1000)


def amount_variant(text: str, i: int) -> str:
    value = Decimal(text)
    variants = (f"¥{value:,.2f}", f"{value:,.2f}元", f"CNY {value:.2f}", f"￥ {value:,.2f}")
    return variants[i % len(variants)]


def code_variant(code: str, code_type: str, i: int, aliases: dict[str, list[str]]) -> str:
    options = [f" {code.upper()} ", code.title()] + aliases.get(code, [])
    return options[i % len(options)]


def malformed_key(prefix: str, i: int) -> str:
    # Excel damage and placeholders: characters outside the id format (docs/raw_contract.md).
    variants = (f"#N/A-{i}", f"{i + 1}.23E+15", f"{prefix or 'K'}#{i:06d}", f"?{i}")
    return variants[i % len(variants)]


# --- planting -----------------------------------------------------------------------------
@dataclass
class Planter:
    """State of the defect injection of one run."""

    world: World
    writer: Writer
    tables: dict[str, dict[str, Any]]
    rate: float
    rngs: dict[str, np.random.Generator]
    fresh: dict[str, int] = field(default_factory=dict)  # next number of new keys per table
    test_lines: Columns = field(default_factory=dict)

    def count(self, table: str) -> int:
        clean = self.tables[table]["raw_rows"]
        return max(1, round(self.rate * clean / len(KINDS[table])))

    def new_ids(self, table: str, n: int) -> list[str]:
        spec = SPECS[table]
        start = self.fresh.get(table, 9 * 10 ** (spec.id_width - 1))
        self.fresh[table] = start + n
        return [f"{spec.id_prefix}{start + i:0{spec.id_width}d}" for i in range(n)]

    def next_number(self, name: str, base: int, n: int) -> list[int]:
        start = self.fresh.get(name, base)
        self.fresh[name] = start + n
        return list(range(start, start + n))


def source_count(planter: Planter, table: str) -> int:
    """Rows that may be copied or repaired: the clean rows (human events only)."""
    if table == "events":
        return planter.world.tally.human
    return planter.tables[table]["raw_rows"]


def select_rows(rng: np.random.Generator, n_source: int, wanted: dict[str, int]) -> dict[str, np.ndarray]:
    """Global row indices per kind: unique copies and repairs disjoint, the rest free."""
    chosen: dict[str, np.ndarray] = {}
    disjoint = [k for k in wanted if k in UNIQUE_COPIES or k in REPAIRS]
    total = sum(wanted[k] for k in disjoint)
    sample = (
        rng.choice(n_source, size=min(total, n_source), replace=False) if n_source else np.zeros(0, np.int64)
    )
    at = 0
    for kind in disjoint:
        chosen[kind] = np.sort(sample[at : at + wanted[kind]])
        at += wanted[kind]
    for kind in wanted:
        if kind in FREE_COPIES:
            chosen[kind] = (
                np.sort(rng.integers(0, n_source, wanted[kind])) if n_source else np.zeros(0, np.int64)
            )
    return chosen


def repair(table: str, kind: str, data: pa.Table, rows: np.ndarray, ordinal: int) -> pa.Table:
    """Rewrite `rows` of one column in an accepted format with the same parsed value."""
    spec = SPECS[table]
    column = {
        "amount_as_text": spec.amount,
        "mixed_timestamp_format": spec.timestamp,
        "epoch_millis": spec.timestamp,
        "mixed_case_code": spec.code,
        "padded_id": spec.padded,
    }[kind]
    assert column is not None, (table, kind)
    values = data.column(column).take(pa.array(rows)).to_pylist()
    aliases = code_aliases(spec.code_type) if kind == "mixed_case_code" and spec.code_type else {}
    new = []
    for i, value in enumerate(values):
        j = ordinal + i
        if kind == "amount_as_text":
            new.append(amount_variant(value, j))
        elif kind == "mixed_timestamp_format":
            new.append(timestamp_variant(value, j))
        elif kind == "epoch_millis":
            new.append(epoch_millis(value))
        elif kind == "mixed_case_code":
            new.append(code_variant(value, spec.code_type or "", j, aliases))
        else:
            new.append(f"  {value} ")
    mask = np.zeros(data.num_rows, dtype=bool)
    mask[rows] = True  # rows are sorted: replace_with_mask fills the masked slots in row order
    replaced = pc.replace_with_mask(data.column(column).combine_chunks(), pa.array(mask), pa.array(new, pa.string()))
    return data.set_column(data.schema.get_field_index(column), column, replaced)


def scan_parts(planter: Planter, table: str, chosen: dict[str, np.ndarray]) -> dict[str, Columns]:
    """One pass over the table's parts: apply repairs in place, collect clean source rows."""
    writer = planter.writer
    sources: dict[str, list[pa.Table]] = {k: [] for k in chosen if k not in REPAIRS}
    offset = 0
    ordinal = {k: 0 for k in REPAIRS}
    for part, path in enumerate(list(writer.parts[table])):
        clean = read_part(path)
        n = clean.num_rows
        data = clean
        for kind, rows in chosen.items():
            local = rows[(rows >= offset) & (rows < offset + n)] - offset
            if not len(local):
                continue
            if kind in REPAIRS:
                data = repair(table, kind, data, local, ordinal[kind])
                ordinal[kind] += len(local)
            else:
                sources[kind].append(clean.take(pa.array(local)))
        if data is not clean:
            write_table(writer.out, table, data, part=part, fmt=writer.fmt)
        offset += n
    return {
        k: (pa.concat_tables(v).to_pydict() if v else {c: [] for c in TABLE_COLUMNS[table]})
        for k, v in sources.items()
    }


def rows_of(columns: Columns) -> int:
    return len(next(iter(columns.values()), []))


def drop_repeats(rows: Columns, seen: set[tuple[Any, ...]]) -> Columns:
    """Drop planted rows identical to an earlier planted row (e.g. two snapshots that only
    differed by the key that missing_key empties): a planted row is never a duplicate."""
    names = list(rows)
    keep = []
    for i, row in enumerate(zip(*(rows[c] for c in names))):
        if row not in seen:
            seen.add(row)
            keep.append(i)
    if len(keep) == rows_of(rows):
        return rows
    return {c: [rows[c][i] for i in keep] for c in names}


# --- additive kinds built from copies -----------------------------------------------------
def with_new_keys(planter: Planter, table: str, rows: Columns) -> Columns:
    """Give copied rows a key that exists nowhere else (ids, line numbers or campaigns)."""
    n, spec = rows_of(rows), SPECS[table]
    if spec.new_key:
        rows[spec.new_key] = planter.new_ids(table, n)
    elif table == "order_items":
        rows["line_no"] = [str(x) for x in planter.next_number("line_no", NEW_LINE_BASE, n)]
    elif table == "marketing_spend":
        rows["campaign_id"] = [
            f"{c}_adj{x}" for c, x in zip(rows["campaign_id"], planter.next_number("adj", 1, n))
        ]
    else:
        raise ValueError(f"{table}: no new-key rule")
    return rows


def copy_kind(planter: Planter, table: str, kind: str, rows: Columns) -> Columns:
    spec, n = SPECS[table], rows_of(rows)
    if kind == "exact_duplicate":
        return rows
    if kind == "missing_key":
        rows[spec.key] = [None] * n
        return rows
    if kind == "malformed_key":
        start = planter.next_number(f"malformed_{table}", 0, n)
        rows[spec.key] = [malformed_key(spec.id_prefix, i) for i in start]
        return rows
    if kind in ("unparseable_timestamp", "future_timestamp", "unknown_code", "negative_amount", "late_event"):
        rows = with_new_keys(planter, table, rows)
    if kind == "unparseable_timestamp":
        rows[spec.timestamp] = [BAD_TIMESTAMPS[i % len(BAD_TIMESTAMPS)] for i in range(n)]
    elif kind == "future_timestamp":
        calendar = planter.world.calendar
        rng = planter.rngs[table]
        shift = (calendar.end_second - calendar.first_second) + 5 * 366 * DAY + rng.integers(DAY, 30 * DAY, n)
        for column in spec.shifted:
            rows[column] = [
                None if v is None else format_local(local_seconds(v) + int(s))
                for v, s in zip(rows[column], shift)
            ]
    elif kind == "unknown_code":
        codes = UNKNOWN_CODES[spec.code_type or ""]
        rows[spec.code] = [codes[i % len(codes)] for i in range(n)]
    elif kind == "late_event":
        # received 4–10 days after it happened: past late_event_max_days (3)
        rng = planter.rngs[table]
        late = rng.integers(4 * DAY, 10 * DAY, n)
        rows["received_at"] = [format_local(local_seconds(t) + int(s)) for t, s in zip(rows["event_time"], late)]
    elif kind == "negative_amount":
        rows[spec.amount] = [f"-{v}" if Decimal(v) > 0 else "-1.00" for v in rows[spec.amount]]
    elif kind == "non_positive_quantity":
        rows = with_new_keys(planter, table, rows)
        rows["quantity"] = ["0"] * n
    elif kind in ("orphan_order_item", "orphan_return", "orphan_shipment"):
        rows["order_id"] = [f"O{x:011d}" for x in planter.next_number("orphan", ORPHAN_ORDER_BASE, n)]
        if table != "order_items":
            rows = with_new_keys(planter, table, rows)
    elif kind == "conflicting_duplicate":
        rng = planter.rngs[table]
        later = rng.integers(1, 61, n)
        rows["event_time"] = [
            format_local(local_seconds(t) + int(s)) for t, s in zip(rows["event_time"], later)
        ]
        rows["page_type"] = ["category" if p == "home" else "home" for p in rows["page_type"]]
    elif kind == "inconsistent_timestamps":
        rows = with_new_keys(planter, table, rows)
        rng = planter.rngs[table]
        early = rng.integers(3600, 48 * 3600, n)
        rows["delivered_at"] = [
            format_local(local_seconds(t) - int(s)) for t, s in zip(rows["shipped_at"], early)
        ]
    elif kind == "stale_version":
        pass  # updated_at is set by the caller, which knows the gap to the next version
    return rows


# --- additive kinds built from the simulation ---------------------------------------------
def stale_candidates(world: World, table: str, data: pa.Table) -> tuple[np.ndarray, np.ndarray]:
    """Rows followed by a later version of the same key (≥ 2 s later) and that gap."""
    key = np.asarray(data.column(SPECS[table].key).to_pylist(), dtype=object)
    updated = data.column("updated_at").cast(pa.timestamp("s")).to_numpy().astype(np.int64)
    has_next = (key[:-1] == key[1:]) & (updated[1:] - updated[:-1] >= 2)
    rows = np.nonzero(has_next)[0]
    return rows, (updated[1:] - updated[:-1])[rows]


def plant_stale(planter: Planter, table: str, n: int) -> Columns:
    data = read_part(planter.writer.parts[table][0])
    rows, gap = stale_candidates(planter.world, table, data)
    rng = planter.rngs[table]
    pick = (
        np.sort(rng.choice(len(rows), size=min(n, len(rows)), replace=False))
        if len(rows)
        else np.zeros(0, np.int64)
    )
    src = data.take(pa.array(rows[pick])).to_pydict()
    offset = 1 + np.floor(rng.random(len(pick)) * (gap[pick] - 1)).astype(np.int64)
    src["updated_at"] = [format_local(local_seconds(t) + int(s)) for t, s in zip(src["updated_at"], offset)]
    return src


def plant_refund_exceeds(planter: Planter, n: int) -> Columns:
    w = planter.world
    end = w.calendar.end_second
    delivered = np.where(w.orders.ship2 >= 0, w.orders.deliver2, w.orders.deliver1)
    no_return = np.ones(len(w.orders), bool)
    no_return[w.returns["order"]] = False
    candidates = np.nonzero(w.valid & (w.orders.deliver1 >= 0) & (delivered <= end - 2 * DAY) & no_return)[0]
    rng = planter.rngs["returns"]
    pick = (
        np.sort(rng.choice(candidates, size=min(n, len(candidates)), replace=False))
        if len(candidates)
        else candidates
    )
    k = len(pick)
    room = end - DAY - delivered[pick]
    requested = (
        delivered[pick] + 3600 + np.floor(rng.random(k) * np.minimum(room - 3600, 10 * DAY)).astype(np.int64)
    )
    completed = requested + rng.integers(3600, DAY, k)
    first_line = np.searchsorted(w.orders.lines["order"], pick)
    refund = w.orders.pay[pick] + rng.integers(100, 5001, k)
    return {
        "return_id": planter.new_ids("returns", k),
        "order_id": [f"O{x:011d}" for x in w.order_no[pick]],
        "sku_id": [f"SKU{x + 1:06d}" for x in w.orders.lines["sku"][first_line]],
        "quantity": ["1"] * k,
        "refund_amount": fmt.money(refund).to_pylist(),
        "requested_at": [format_local(t) for t in requested],
        "completed_at": [format_local(t) for t in completed],
        "status": ["completed"] * k,
        "reason": ["七天无理由"] * k,
    }


def plant_before_registration(planter: Planter, n: int) -> Columns:
    w = planter.world
    rng = planter.rngs["events"]
    members = w.members
    pick = (
        np.sort(rng.choice(members.count, size=min(n, members.count), replace=False))
        if members.count
        else np.zeros(0, np.int64)
    )
    visitor = members.visitor[pick]
    registered = w.registered_at[visitor]
    time = registered - rng.integers(DAY, 30 * DAY + 1, len(pick))
    platform = w.pop.platform[visitor]
    return {
        "event_id": planter.new_ids("events", len(pick)),
        "visitor_id": [f"V{v + 1:010d}" for v in visitor],
        "member_id": [f"M{m + 1:09d}" for m in pick],
        "event_time": [format_local(t) for t in time],
        "event_type": ["page_view"] * len(pick),
        "page_type": ["home"] * len(pick),
        "page_url": [URL_PREFIX[p] + PAGE_PATHS[0] for p in platform],
        "platform": [PLATFORMS[p] for p in platform],
        "user_agent": [HUMAN_UA[u] for u in w.ua[visitor]],
    }


def plant_bots(planter: Planter, n_events: int) -> tuple[pa.Table, int]:
    """New crawler visitors (bot user agent) with exactly n_events events."""
    w = planter.world
    rng = planter.rngs["events"]
    first_visitor = w.pop.visitors + w.tally.bot_visitors + 1
    n_bots = max(1, n_events // 50)
    while True:
        bots = simulate_bots(rng, n_bots, first_visitor, w.calendar, w.catalog, w.model, crawler_only=True)
        if len(bots) >= n_events:
            break
        n_bots *= 2
    bots = trim_to(bots, n_events)
    ids = planter.new_ids("events", n_events)
    size = len(bots)
    columns = event_columns(
        visitor=bots.visitor,
        time=bots.time,
        event_type=np.zeros(size, np.int8),
        page_type=bots.page_type,
        sku=bots.sku,
        member=np.zeros(size, np.int64),
        platform=np.full(size, PLATFORMS.index("web"), np.int8),
        campaign=np.full(size, -1),
        referrer=np.full(size, -1),
        user_agent=bots.user_agent,
        ua_dictionary=BOT_USER_AGENT_LIST,
        first_id=0,
        campaigns=w.campaigns,
    )
    columns["event_id"] = pa.array(ids, pa.string())
    return to_table("events", columns), bots.n_visitors


def plant_test_orders(planter: Planter, n: int) -> Columns:
    """New paid orders flagged is_test (one version each), with 1–2 lines in order_items."""
    w = planter.world
    rng = planter.rngs["orders"]
    ids = planter.new_ids("orders", n)
    day = rng.integers(0, w.calendar.days, n)
    created = w.calendar.day_start(day) + rng.integers(10 * 3600, 18 * 3600, n)
    paid = created + rng.integers(60, 301, n)
    lines: Columns = {c: [] for c in TABLE_COLUMNS["order_items"]}
    goods = np.zeros(n, dtype=np.int64)
    for i in range(n):  # a handful of test orders
        skus = rng.choice(w.catalog.size, size=int(rng.integers(1, 3)), replace=False)
        for line_no, sku in enumerate(skus, start=1):
            price = int(w.catalog.price[sku])
            goods[i] += price
            lines["order_id"].append(ids[i])
            lines["line_no"].append(str(line_no))
            lines["sku_id"].append(f"SKU{sku + 1:06d}")
            lines["quantity"].append("1")
            lines["unit_price"].append(fmt.money(np.array([price])).to_pylist()[0])
            lines["discount_amount"].append("0.00")
    shipping = np.where(goods >= w.model.free_shipping_threshold * 100, 0, int(w.model.shipping_fee * 100))
    planter.test_lines = lines
    return {
        "order_id": ids,
        "member_id": [None] * n,
        "created_at": [format_local(t) for t in created],
        "paid_at": [format_local(t) for t in paid],
        "status": ["paid"] * n,
        "channel": ["direct"] * n,
        "platform": ["web"] * n,
        "coupon_id": [None] * n,
        "goods_amount": fmt.money(goods).to_pylist(),
        "discount_amount": ["0.00"] * n,
        "shipping_fee": fmt.money(shipping).to_pylist(),
        "pay_amount": fmt.money(goods + shipping).to_pylist(),
        "currency": ["CNY"] * n,
        "is_test": ["true"] * n,
        "updated_at": [format_local(t) for t in paid],
    }


# --- accounting ---------------------------------------------------------------------------
def account(stats: dict[str, Any], kind: str, planted: int, rows: int, clean_rows: int = 0) -> None:
    """Record a kind: `planted` in defects, `rows` raw rows added, their outcome."""
    stats["defects"][kind] = stats["defects"].get(kind, 0) + planted
    if kind in REPAIRS:
        stats["repaired"][kind] = stats["repaired"].get(kind, 0) + planted
        return
    stats["raw_rows"] += rows
    bucket, label = OUTCOME[kind]
    if bucket == "quarantined":
        stats["quarantined"][label] = stats["quarantined"].get(label, 0) + rows
    elif bucket == "flagged":
        stats["flagged"][label] = stats["flagged"].get(label, 0) + rows
        stats["clean_rows"] += clean_rows
        stats["superseded"] += rows - clean_rows
    else:
        stats[bucket] += rows


def plant_table(planter: Planter, table: str) -> None:
    stats = planter.tables[table]
    kinds = KINDS[table]
    wanted = {k: planter.count(table) for k in kinds}
    n_source = source_count(planter, table)
    chosen = select_rows(
        planter.rngs[table],
        n_source,
        {
            k: v
            for k, v in wanted.items()
            if k in UNIQUE_COPIES + FREE_COPIES + REPAIRS or k == "inconsistent_timestamps"
        },
    )
    if "inconsistent_timestamps" in kinds:  # needs a delivered shipment to copy
        delivered = np.nonzero(planter.world.pkgs.delivered <= planter.world.calendar.end_second)[0]
        n = wanted["inconsistent_timestamps"]
        chosen["inconsistent_timestamps"] = (
            np.sort(planter.rngs[table].choice(delivered, size=n)) if len(delivered) else delivered
        )
    sources = scan_parts(planter, table, chosen)
    for kind in kinds:
        if kind in REPAIRS:
            account(stats, kind, len(chosen.get(kind, ())), 0)
    extra: list[pa.Table] = []
    builders: dict[str, Callable[[int], Columns]] = {
        "stale_version": lambda n: plant_stale(planter, table, n),
        "refund_exceeds_payment": lambda n: plant_refund_exceeds(planter, n),
        "event_before_registration": lambda n: plant_before_registration(planter, n),
        "test_order": lambda n: plant_test_orders(planter, n),
    }
    seen: set[tuple[Any, ...]] = set()
    for kind in kinds:
        if kind in REPAIRS:
            continue
        if kind == "bot_visitor":
            bots, _visitors = plant_bots(planter, wanted[kind])
            extra.append(bots)
            account(stats, kind, bots.num_rows, bots.num_rows, clean_rows=bots.num_rows)
            continue
        rows = (
            builders[kind](wanted[kind])
            if kind in builders
            else copy_kind(planter, table, kind, sources[kind])
        )
        if kind != "exact_duplicate":
            rows = drop_repeats({c: rows.get(c, [None] * rows_of(rows)) for c in TABLE_COLUMNS[table]}, seen)
        n = rows_of(rows)
        extra.append(to_table(table, rows))
        account(stats, kind, n, n, clean_rows=n if kind == "test_order" else 0)
    if table == "order_items" and planter.test_lines:
        lines = rows_of(planter.test_lines)
        extra.append(to_table(table, planter.test_lines))
        account(stats, "test_order", lines, lines, clean_rows=lines)
    stats["defects"] = {k: stats["defects"][k] for k in (*kinds, "test_order") if k in stats["defects"]}
    stats["repaired"] = {k: stats["repaired"][k] for k in kinds if k in stats["repaired"]}
    additive = pa.concat_tables(extra) if extra else to_table(table, {})
    if additive.num_rows:
        planter.writer.write(table, additive)


def inject_defects(
    world: World, writer: Writer, tables: dict[str, dict[str, Any]], progress: Progress
) -> None:
    """Plant every kind of the catalogue in every table (orders before order_items, so
    test orders get their lines)."""
    children = Streams.from_seed(world.settings.seed).sequences["defects"].spawn(len(TABLES))
    rngs = {t: np.random.default_rng(s) for t, s in zip(TABLES, children)}
    planter = Planter(world, writer, tables, world.settings.dirty, rngs)
    order = ["orders"] + [t for t in TABLES if t != "orders"]
    for table in order:
        plant_table(planter, table)
        progress.say(f"defects: {table} {sum(tables[table]['defects'].values()):,} planted")
