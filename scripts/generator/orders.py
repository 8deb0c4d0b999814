"""Orders: lines and money at checkout, then the life after it (payment outcome, shipments,
deliveries, returns), and the CDC version rows of the `orders` export.

Orders are placed day by day (their creation time comes from the session's events), so
that deliveries are known before later sessions are expanded (reviews need a delivered
order). Returns are drawn once all orders exist.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from . import textfmt as fmt
from .calendar import DAY, Calendar
from .catalog import Catalog, SkuSampler
from .model import (
    CARRIERS,
    CHANNELS,
    ORDER_STATUSES,
    OS,
    PLATFORMS,
    RETURN_REASONS,
    RETURN_STATUSES,
    WAREHOUSES,
    Model,
)
from .population import categorical, exclusive_cumsum

UNPAID, CANCELLED, FRAUD, VALID = range(4)
HOUR = 3600
NONE = -1


def uniform_seconds(
    rng: np.random.Generator, low_days: float, high_days: float, n: int, unit: int = DAY
) -> np.ndarray:
    return np.rint(rng.uniform(low_days, high_days, n) * unit).astype(np.int64)


@dataclass
class Orders:
    """Column arrays of orders (index o) and lines (index l); lines are grouped by order."""

    cols: dict[str, np.ndarray] = field(default_factory=dict)
    lines: dict[str, np.ndarray] = field(default_factory=dict)

    def __len__(self) -> int:
        return len(self.cols.get("created", ()))

    def __getattr__(self, name: str) -> np.ndarray:
        cols = self.__dict__.get("cols", {})
        if name in cols:
            return cols[name]
        raise AttributeError(name)

    @staticmethod
    def concatenate(parts: list[Orders]) -> Orders:
        if not parts:
            return Orders()
        offset = exclusive_cumsum(np.array([len(p) for p in parts]))
        cols = {k: np.concatenate([p.cols[k] for p in parts]) for k in parts[0].cols}
        lines = {k: np.concatenate([p.lines[k] for p in parts]) for k in parts[0].lines}
        lines["order"] = np.concatenate([p.lines["order"] + offset[i] for i, p in enumerate(parts)])
        return Orders(cols, lines)


def draw_lines(
    rng: np.random.Generator, first_sku: np.ndarray, sampler: SkuSampler, model: Model
) -> tuple[np.ndarray, np.ndarray]:
    """Distinct SKUs per order (first = the session's SKU) → (line order index, line SKU)."""
    n = len(first_sku)
    most = min(model.max_lines, max(sampler.available, 1))
    n_lines = np.minimum(most, 1 + rng.poisson(model.extra_lines_poisson, n))
    skus = np.full((n, most), -1, dtype=np.int32)
    skus[:, 0] = first_sku
    for j in range(1, most):
        rows = np.nonzero(n_lines > j)[0]
        while len(rows):
            skus[rows, j] = sampler.draw(rng, len(rows))
            rows = rows[np.any(skus[rows, :j] == skus[rows, j : j + 1], axis=1)]
    order = np.repeat(np.arange(n), n_lines)
    line_no = np.arange(len(order)) - exclusive_cumsum(n_lines)[order]
    return order, skus[order, line_no]


def allocate(total: np.ndarray, weight: np.ndarray, order: np.ndarray, is_last: np.ndarray) -> np.ndarray:
    """Split integer `total` per order over its lines ∝ weight: floors, the last line takes the
    remainder (Σ lines = total exactly)."""
    order_weight = np.bincount(order, weights=weight).astype(np.int64)
    share = (total[order] * weight) // np.maximum(order_weight[order], 1)
    share = np.where(is_last, 0, share)
    rest = total - np.bincount(order, weights=share, minlength=len(total)).astype(np.int64)
    return np.where(is_last, rest[order], share)


def place_orders(
    rng: np.random.Generator,
    day: int,
    visitor: np.ndarray,
    session: np.ndarray,
    created: np.ndarray,
    paid: np.ndarray,
    first_sku: np.ndarray,
    channel: np.ndarray,
    platform: np.ndarray,
    warehouse: np.ndarray,
    sampler: SkuSampler,
    catalog: Catalog,
    calendar: Calendar,
    model: Model,
) -> Orders:
    """The orders of one day's converting sessions, with their whole future."""
    n = len(created)
    line_order, sku = draw_lines(rng, first_sku, sampler, model)
    n_lines = np.bincount(line_order, minlength=n)
    line_no = np.arange(len(line_order)) - exclusive_cumsum(n_lines)[line_order]
    quantity = 1 + rng.poisson(model.extra_quantity_poisson, len(line_order))
    price = catalog.price[sku]
    line_goods = price * quantity
    goods = np.bincount(line_order, weights=line_goods, minlength=n).astype(np.int64)
    promo_day = calendar.promotion[day] >= 0
    promo = np.rint(goods * rng.uniform(*model.promo_discount, n)).astype(np.int64) * promo_day
    coupon_value = rng.integers(model.coupon_yuan[0], model.coupon_yuan[1] + 1, n) * 100
    coupon_cap = ((goods - promo) * model.coupon_max_share_of_goods // 100).astype(np.int64) * 100
    coupon = np.where(rng.random(n) < model.coupon_share, np.minimum(coupon_value, coupon_cap), 0)
    discount = promo + coupon
    is_last = line_no == n_lines[line_order] - 1
    line_discount = allocate(discount, line_goods, line_order, is_last)
    after = goods - discount
    shipping = np.where(after >= model.free_shipping_threshold * 100, 0, int(model.shipping_fee * 100))

    # payment outcome
    is_paid = paid >= 0
    u = rng.random(n)
    outcome = np.where(
        ~is_paid,
        UNPAID,
        np.where(
            u < model.p_cancel_paid,
            CANCELLED,
            np.where(u < model.p_cancel_paid + model.p_fraud_paid, FRAUD, VALID),
        ),
    )
    final_at = np.select(
        [outcome == UNPAID, outcome == CANCELLED, outcome == FRAUD],
        [
            created + model.close_unpaid_after_seconds,
            paid + uniform_seconds(rng, *model.cancel_delay_hours, n, HOUR),
            paid + model.fraud_delay_seconds,
        ],
        NONE,
    )
    # shipments of valid orders (slower and longer in major promotions)
    major = bool(calendar.is_major[day])
    hours = np.clip(
        np.exp(np.log(model.ship_median_hours) + model.ship_sigma * rng.standard_normal(n)),
        *model.ship_hours_clip,
    )
    hours = hours * (model.major_promotion_ship_factor if major else 1.0)
    valid = outcome == VALID
    ship1 = np.where(valid, paid + np.rint(hours * HOUR).astype(np.int64), NONE)

    def transit(size: int) -> np.ndarray:
        days = uniform_seconds(rng, *model.transit_days, size)
        return days + (uniform_seconds(rng, *model.major_promotion_extra_transit_days, size) if major else 0)

    deliver1 = np.where(valid, ship1 + transit(n), NONE)
    units = np.bincount(line_order, weights=quantity, minlength=n).astype(np.int64)
    split = valid & (units >= 2) & (rng.random(n) < model.split_probability_if_splittable())
    missing_line = np.floor(rng.random(n) * n_lines).astype(np.int64)
    single = n_lines[line_order] == 1
    second_units = np.where(single, quantity - 1, np.where(line_no == missing_line[line_order], quantity, 0))
    second_units = second_units * split[line_order]
    ship2 = np.where(split, ship1 + uniform_seconds(rng, *model.second_package_days, n), NONE)
    deliver2 = np.where(split, ship2 + transit(n), NONE)
    carrier_share = np.asarray(model.carrier_share)
    cols = {
        "visitor": visitor.astype(np.int32),
        "session": session.astype(np.int64),
        "created": created,
        "paid": paid,
        "channel": channel.astype(np.int8),
        "platform": platform.astype(np.int8),
        "goods": goods,
        "discount": discount,
        "coupon": coupon,
        "shipping": shipping,
        "pay": after + shipping,
        "outcome": outcome.astype(np.int8),
        "final_at": final_at,
        "warehouse": warehouse.astype(np.int8),
        "units": units,
        "ship1": ship1,
        "deliver1": deliver1,
        "ship2": ship2,
        "deliver2": deliver2,
        "carrier1": categorical(rng, carrier_share, n).astype(np.int8),
        "carrier2": categorical(rng, carrier_share, n).astype(np.int8),
        "logistics1": uniform_seconds(rng, *model.logistics_fee, n, 100),
        "logistics2": uniform_seconds(rng, *model.logistics_fee, n, 100),
        "handling1": uniform_seconds(rng, *model.warehouse_fee, n, 100),
        "handling2": uniform_seconds(rng, *model.warehouse_fee, n, 100),
    }
    lines = {
        "order": line_order,
        "line_no": line_no + 1,
        "sku": sku,
        "quantity": quantity,
        "price": price,
        "discount": line_discount,
        "second_units": second_units,
    }
    return Orders(cols, lines)


def draw_returns(
    rng: np.random.Generator, orders: Orders, calendar: Calendar, model: Model
) -> dict[str, np.ndarray]:
    """One return request for p_return of the valid orders delivered completely by the end."""
    end = calendar.end_second
    delivered = np.where(orders.ship2 >= 0, orders.deliver2, orders.deliver1)
    eligible = (orders.outcome == VALID) & (delivered <= end) & (orders.deliver1 <= end)
    n = len(orders)
    returned = eligible & (rng.random(n) < model.p_return)
    n_lines = np.bincount(orders.lines["order"], minlength=n)
    pick = np.floor(rng.random(n) * n_lines).astype(np.int64)
    line = exclusive_cumsum(n_lines)[:-1] + pick
    requested = delivered + uniform_seconds(rng, *model.return_request_days, n)
    decided = requested + uniform_seconds(rng, *model.return_decision_days, n)
    completes = rng.random(n) < model.p_return_completed
    reason = categorical(rng, np.ones(len(RETURN_REASONS)), n)
    u_quantity = rng.random(n)
    keep = np.nonzero(returned & (requested <= end))[0]
    line = line[keep]
    line_quantity = orders.lines["quantity"][line]
    quantity = 1 + np.floor(u_quantity[keep] * line_quantity).astype(np.int64)
    line_paid = line_quantity * orders.lines["price"][line] - orders.lines["discount"][line]
    refund = (line_paid * quantity * 2 + line_quantity) // (2 * line_quantity)  # half up
    done = decided[keep] <= end
    status = np.where(done, np.where(completes[keep], 1, 2), 0)  # index into RETURN_STATUSES
    columns = {
        "order": keep,
        "sku": orders.lines["sku"][line],
        "quantity": quantity,
        "refund": refund,
        "requested": requested[keep],
        "completed": np.where(done & completes[keep], decided[keep], NONE),
        "status": status,
        "reason": reason[keep],
    }
    by_time = np.argsort(columns["requested"], kind="stable")  # return ids follow request time
    return {name: values[by_time] for name, values in columns.items()}


@dataclass
class OrderVersions:
    order: np.ndarray  # int64 order index
    status: np.ndarray  # int8 index into ORDER_STATUSES
    updated_at: np.ndarray  # int64


def order_versions(orders: Orders, calendar: Calendar, model: Model) -> OrderVersions:
    """CDC rows: one per status change that happened by the end of data, in order."""
    end = calendar.end_second
    valid = orders.outcome == VALID
    delivered = np.where(orders.ship2 >= 0, orders.deliver2, orders.deliver1)
    completed = delivered + model.completed_after_delivery_days * DAY
    candidates = (
        ("pending_payment", np.ones(len(orders), bool), orders.created),
        ("paid", orders.paid >= 0, orders.paid),
        ("closed", orders.outcome == UNPAID, orders.final_at),
        ("cancelled", orders.outcome == CANCELLED, orders.final_at),
        ("fraud", orders.outcome == FRAUD, orders.final_at),
        ("shipped", valid, orders.ship1),
        ("completed", valid & (orders.deliver1 <= end), completed),
    )
    order, status, time = [], [], []
    for name, has, at in candidates:
        rows = np.nonzero(has & (at <= end) & (at >= 0))[0]
        order.append(rows)
        status.append(np.full(len(rows), OS[name], dtype=np.int8))
        time.append(at[rows])
    order_all, status_all, time_all = (np.concatenate(a) for a in (order, status, time))
    sort = np.lexsort((time_all, order_all))
    return OrderVersions(order_all[sort], status_all[sort], time_all[sort])


def latest_status(versions: OrderVersions, n_orders: int) -> np.ndarray:
    last = np.full(n_orders, -1, dtype=np.int8)
    last[versions.order] = versions.status  # rows are sorted by time within an order
    return last


def is_valid(orders: Orders, last_status: np.ndarray) -> np.ndarray:
    """Valid as the data shows it: paid and not (yet) cancelled, fraud or closed."""
    bad = np.isin(last_status, [OS["cancelled"], OS["fraud"], OS["closed"]])
    return (orders.paid >= 0) & ~bad


def coupon_ids(orders: Orders) -> pa.Array:
    """`CPN_<yuan>OFF_<yyyymm>` for orders with a coupon, else null."""
    month = np.asarray(orders.created, dtype="datetime64[s]").astype("datetime64[M]").astype(np.int64)
    yyyymm = (1970 + month // 12) * 100 + month % 12 + 1
    label = fmt.join("CPN_", fmt.integers(orders.coupon // 100), "OFF_", fmt.integers(yyyymm))
    return pc.if_else(pa.array(orders.coupon > 0), label, fmt.NULL_STRING)


def orders_columns(
    orders: Orders, versions: OrderVersions, order_no: np.ndarray, member_no: np.ndarray
) -> dict[str, pa.Array]:
    o = versions.order
    shows_payment = versions.status != OS["pending_payment"]
    member = member_no[orders.visitor[o]]
    return {
        "order_id": fmt.fixed_ids("O", order_no[o], 11),
        "member_id": fmt.fixed_ids("M", member, 9, member > 0),
        "created_at": fmt.timestamps(orders.created[o]),
        "paid_at": fmt.timestamps(orders.paid[o], shows_payment & (orders.paid[o] >= 0)),
        "status": fmt.codes(ORDER_STATUSES, versions.status),
        "channel": fmt.codes(CHANNELS, orders.channel[o]),
        "platform": fmt.codes(PLATFORMS, orders.platform[o]),
        "coupon_id": coupon_ids(orders).take(pa.array(o)),
        "goods_amount": fmt.money(orders.goods[o]),
        "discount_amount": fmt.money(orders.discount[o]),
        "shipping_fee": fmt.money(orders.shipping[o]),
        "pay_amount": fmt.money(orders.pay[o]),
        "currency": fmt.codes(["CNY"], np.zeros(len(o), dtype=np.int8)),
        "is_test": fmt.booleans(np.zeros(len(o), dtype=bool)),
        "updated_at": fmt.timestamps(versions.updated_at),
    }


def order_items_columns(orders: Orders, order_no: np.ndarray) -> dict[str, pa.Array]:
    lines = orders.lines
    sort = np.lexsort((lines["line_no"], order_no[lines["order"]]))
    return {
        "order_id": fmt.fixed_ids("O", order_no[lines["order"]][sort], 11),
        "line_no": fmt.integers(lines["line_no"][sort]),
        "sku_id": fmt.fixed_ids("SKU", lines["sku"][sort] + 1, 6),
        "quantity": fmt.integers(lines["quantity"][sort]),
        "unit_price": fmt.money(lines["price"][sort]),
        "discount_amount": fmt.money(lines["discount"][sort]),
    }


@dataclass
class Packages:
    order: np.ndarray
    second: np.ndarray  # bool: the second package of a split order
    shipped: np.ndarray
    delivered: np.ndarray
    units: np.ndarray
    carrier: np.ndarray
    logistics: np.ndarray
    handling: np.ndarray


def packages(orders: Orders, calendar: Calendar) -> Packages:
    """Packages that left a warehouse by the end of data, in shipping order."""
    end = calendar.end_second
    n = len(orders)
    second_units = np.bincount(
        orders.lines["order"], weights=orders.lines["second_units"], minlength=n
    ).astype(np.int64)
    first = np.nonzero((orders.ship1 >= 0) & (orders.ship1 <= end))[0]
    second = np.nonzero((orders.ship2 >= 0) & (orders.ship2 <= end))[0]
    order = np.concatenate([first, second])
    is_second = np.concatenate([np.zeros(len(first), bool), np.ones(len(second), bool)])

    def pick(one: np.ndarray, two: np.ndarray) -> np.ndarray:
        return np.concatenate([one[first], two[second]])

    shipped = pick(orders.ship1, orders.ship2)
    sort = np.lexsort((order, shipped))
    return Packages(
        order=order[sort],
        second=is_second[sort],
        shipped=shipped[sort],
        delivered=pick(orders.deliver1, orders.deliver2)[sort],
        units=pick(orders.units - second_units, second_units)[sort],
        carrier=pick(orders.carrier1, orders.carrier2)[sort],
        logistics=pick(orders.logistics1, orders.logistics2)[sort],
        handling=pick(orders.handling1, orders.handling2)[sort],
    )


def shipments_columns(
    orders: Orders, pkgs: Packages, order_no: np.ndarray, calendar: Calendar
) -> dict[str, pa.Array]:
    delivered = pkgs.delivered <= calendar.end_second
    return {
        "shipment_id": fmt.fixed_ids("S", np.arange(1, len(pkgs.order) + 1), 10),
        "order_id": fmt.fixed_ids("O", order_no[pkgs.order], 11),
        "warehouse_id": fmt.codes(WAREHOUSES, orders.warehouse[pkgs.order]),
        "shipped_at": fmt.timestamps(pkgs.shipped),
        "delivered_at": fmt.timestamps(pkgs.delivered, delivered),
        "carrier": fmt.codes(CARRIERS, pkgs.carrier),
        "shipped_qty": fmt.integers(pkgs.units),
        "logistics_fee": fmt.money(pkgs.logistics),
        "warehouse_fee": fmt.money(pkgs.handling),
    }


def returns_columns(returns: dict[str, np.ndarray], order_no: np.ndarray) -> dict[str, pa.Array]:
    n = len(returns["order"])
    return {
        "return_id": fmt.fixed_ids("R", np.arange(1, n + 1), 10),
        "order_id": fmt.fixed_ids("O", order_no[returns["order"]], 11),
        "sku_id": fmt.fixed_ids("SKU", returns["sku"] + 1, 6),
        "quantity": fmt.integers(returns["quantity"]),
        "refund_amount": fmt.money(returns["refund"]),
        "requested_at": fmt.timestamps(returns["requested"]),
        "completed_at": fmt.timestamps(returns["completed"], returns["completed"] >= 0),
        "status": fmt.codes(RETURN_STATUSES, returns["status"]),
        "reason": fmt.codes(RETURN_REASONS, returns["reason"]),
    }
