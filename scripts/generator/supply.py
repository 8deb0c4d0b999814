"""Inventory and purchasing: a daily (s, S)-style replenishment loop over SKU × warehouse.

Stock never limits sales here (orders ship regardless); the snapshots clip at zero, so late
or short purchase orders show up as stock-outs (on_hand 0) — what inventory marts measure.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pyarrow as pa

from . import textfmt as fmt
from .calendar import Calendar
from .catalog import Catalog
from .model import WAREHOUSES, Model
from .orders import Orders, Packages


@dataclass
class Supply:
    pair_sku: np.ndarray  # int32[p]
    pair_warehouse: np.ndarray  # int8[p]
    on_hand: np.ndarray  # int64[p, days] end-of-day stock
    po: dict[str, np.ndarray]  # purchase-order lines


def stock_pairs(rng: np.random.Generator, n_skus: int, model: Model) -> tuple[np.ndarray, np.ndarray]:
    """Each SKU is stocked in 1–3 warehouses; the first one listed is its primary."""
    n_wh = len(WAREHOUSES)
    order = np.argsort(rng.random((n_skus, n_wh)), axis=1)
    count = rng.integers(model.warehouses_per_sku[0], model.warehouses_per_sku[1] + 1, n_skus)
    stocked = np.arange(n_wh)[None, :] < count[:, None]
    sku = np.repeat(np.arange(n_skus), count).astype(np.int32)
    warehouse = order[stocked].astype(np.int8)
    return sku, warehouse


def units_shipped(
    orders: Orders,
    pkgs: Packages,
    pair_index: np.ndarray,
    primary_pair: np.ndarray,
    n_pairs: int,
    calendar: Calendar,
) -> np.ndarray:
    """Units leaving each pair per day. A line whose SKU is not stocked in the order's
    warehouse is taken from the SKU's primary warehouse (an internal transfer)."""
    lines = orders.lines
    shipped = np.zeros((n_pairs, calendar.days), dtype=np.int64)
    order = lines["order"]
    pair = pair_index[lines["sku"], orders.warehouse[order]]
    pair = np.where(pair >= 0, pair, primary_pair[lines["sku"]])
    first_units = lines["quantity"] - lines["second_units"]
    for is_second, units in ((False, first_units), (True, lines["second_units"])):
        shipped_at = np.full(len(orders), -1, dtype=np.int64)
        mine = pkgs.second == is_second
        shipped_at[pkgs.order[mine]] = pkgs.shipped[mine]
        at = shipped_at[order]
        take = (at >= 0) & (units > 0)
        np.add.at(shipped, (pair[take], calendar.day_of(at[take])), units[take])
    return shipped


def simulate_supply(
    rng: np.random.Generator,
    catalog: Catalog,
    orders: Orders,
    pkgs: Packages,
    calendar: Calendar,
    model: Model,
) -> Supply:
    pair_sku, pair_wh = stock_pairs(rng, catalog.size, model)
    n_pairs, days = len(pair_sku), calendar.days
    pair_index = np.full((catalog.size, len(WAREHOUSES)), -1, dtype=np.int64)
    pair_index[pair_sku, pair_wh] = np.arange(n_pairs)
    primary_pair = np.searchsorted(pair_sku, np.arange(catalog.size))  # first pair of each SKU
    shipped = units_shipped(orders, pkgs, pair_index, primary_pair, n_pairs, calendar)
    demand = np.maximum(shipped.sum(axis=1) / days, 0.05)  # the planner's forecast per day
    reorder_point = model.reorder_point_days * demand
    order_up_to = model.order_up_to_days * demand
    stock = np.ceil(model.initial_stock_days * demand).astype(np.int64)
    on_order = np.zeros(n_pairs, dtype=np.int64)
    arriving = np.zeros((n_pairs, days), dtype=np.int64)  # received units by day
    settling = np.zeros((n_pairs, days), dtype=np.int64)  # ordered units settled by day
    on_hand = np.zeros((n_pairs, days), dtype=np.int64)
    po_parts: list[dict[str, np.ndarray]] = []
    for day in range(days):
        stock = np.maximum(0, stock + arriving[:, day] - shipped[:, day])
        on_order -= settling[:, day]
        on_hand[:, day] = stock
        need = np.nonzero(stock + on_order < reorder_point)[0]
        if not len(need):
            continue
        quantity = np.maximum(1, np.ceil(order_up_to[need] - stock[need] - on_order[need])).astype(np.int64)
        lead = rng.integers(model.lead_time_days[0], model.lead_time_days[1] + 1, len(need))
        late = rng.random(len(need)) < model.p_late_po
        lead = lead + late * rng.integers(model.late_extra_days[0], model.late_extra_days[1] + 1, len(need))
        short = rng.random(len(need)) < model.p_short_delivery
        received = np.where(
            short, np.floor(quantity * rng.uniform(*model.short_delivery_share, len(need))), quantity
        ).astype(np.int64)
        arrival = day + lead
        inside = arrival < days
        np.add.at(arriving, (need[inside], arrival[inside]), received[inside])
        np.add.at(settling, (need[inside], arrival[inside]), quantity[inside])
        on_order[need] += quantity
        ordered_at = calendar.day_start(day) + 17 * 3600 + rng.integers(0, 3600, len(need))
        received_at = calendar.day_start(arrival) + 9 * 3600 + rng.integers(0, 8 * 3600, len(need))
        po_parts.append(
            {
                "pair": need,
                "quantity": quantity,
                "ordered_at": ordered_at,
                "received_at": np.where(inside, received_at, -1),
                "received": np.where(inside, received, -1),
            }
        )
    po = (
        {k: np.concatenate([p[k] for p in po_parts]) for k in po_parts[0]}
        if po_parts
        else {
            k: np.zeros(0, dtype=np.int64)
            for k in ("pair", "quantity", "ordered_at", "received_at", "received")
        }
    )
    return Supply(pair_sku=pair_sku, pair_warehouse=pair_wh, on_hand=on_hand, po=po)


def inventory_columns(supply: Supply, catalog: Catalog, calendar: Calendar) -> dict[str, pa.Array]:
    """One row per day × SKU × warehouse."""
    n_pairs, days = supply.on_hand.shape
    day = np.repeat(np.arange(days), n_pairs)
    pair = np.tile(np.arange(n_pairs), days)
    sku = supply.pair_sku[pair]
    return {
        "snapshot_date": fmt.dates(calendar.day_start(day)),
        "sku_id": fmt.fixed_ids("SKU", sku + 1, 6),
        "warehouse_id": fmt.codes(WAREHOUSES, supply.pair_warehouse[pair]),
        "on_hand_qty": fmt.integers(supply.on_hand.T.reshape(-1)),
        "unit_cost": fmt.money(catalog.cost[sku]),
    }


def purchase_order_columns(supply: Supply, catalog: Catalog, calendar: Calendar) -> dict[str, pa.Array]:
    """PO lines; one PO per warehouse and day groups that day's reorders of the warehouse."""
    po = supply.po
    sku = supply.pair_sku[po["pair"]]
    warehouse = supply.pair_warehouse[po["pair"]]
    day = calendar.day_of(po["ordered_at"])
    sort = np.lexsort((sku, warehouse, day))
    group = day[sort] * len(WAREHOUSES) + warehouse[sort]
    po_no = np.cumsum(np.diff(group, prepend=-1) != 0)
    received = po["received_at"][sort] >= 0
    return {
        "po_id": fmt.fixed_ids("PO", po_no, 8),
        "sku_id": fmt.fixed_ids("SKU", sku[sort] + 1, 6),
        "quantity": fmt.integers(po["quantity"][sort]),
        "amount": fmt.money(po["quantity"][sort] * catalog.cost[sku[sort]]),
        "ordered_at": fmt.timestamps(po["ordered_at"][sort]),
        "received_at": fmt.timestamps(po["received_at"][sort], received),
        "received_qty": fmt.integers(po["received"][sort], received),
    }
