"""Planted truths: the parameters the marts should estimate (expected) and exact tallies of
the clean data (realized, bots and test orders excluded)."""

from __future__ import annotations

from typing import Any

import numpy as np

from .calendar import DAY
from .model import ACQUISITION_CHANNELS, CHANNEL_PARAMS, CHANNELS, PAID_CHANNELS, Model
from .population import PAID

RETENTION_DAYS = (1, 3, 7, 30)
NEXT_ORDER_MAX = 10


def expected_truths(model: Model, conversion_scale: float) -> dict[str, Any]:
    levels, weights = np.asarray(model.lambda_levels), np.asarray(model.lambda_weights)
    retention = {}
    for channel in ACQUISITION_CHANNELS:
        mult = CHANNEL_PARAMS[channel].retention_mult or 0.0
        retention[channel] = {
            str(n): float(
                np.sum(weights * np.minimum(1.0, levels * mult * model.retention_probability(float(n))))
            )
            for n in RETENTION_DAYS
        }
    conversion = {}
    for channel in CHANNELS:
        p = CHANNEL_PARAMS[channel]
        cart = min(model.p_cart_cap, model.p_cart_base * p.conversion_mult * conversion_scale)
        conversion[channel] = (
            (1 - p.bounce) * model.p_product_view * cart * model.p_checkout * model.p_order * model.p_paid
        )
    return {
        "retention_visitor": retention,
        "session_conversion_rate": conversion,
        "return_order_rate_mature": model.p_return * model.p_return_completed,
        "return_maturity_days": model.return_maturity_days,
        "cost_per_click": {c: CHANNEL_PARAMS[c].cpc for c in PAID_CHANNELS},
        "order_fill_rate": 1.0 - model.p_split,
    }


def by_channel(channel: np.ndarray, weights: np.ndarray | None = None, money: bool = False) -> dict[str, Any]:
    totals = np.bincount(channel.astype(np.int64), weights=weights, minlength=len(CHANNELS))
    if money:
        return {name: round(float(totals[i]) / 100, 2) for i, name in enumerate(CHANNELS)}
    return {name: int(round(totals[i])) for i, name in enumerate(CHANNELS)}


def next_order_rate(
    member: np.ndarray, created: np.ndarray, order_no: np.ndarray, cutoff: int
) -> dict[str, dict[str, int]]:
    """n = 1..10: members with ≥ n valid orders whose n-th one was created at or before the
    cutoff (end − 90 days), and how many of them have an (n+1)-th valid order."""
    sort = np.lexsort((order_no, created, member))
    member, created = member[sort], created[sort]
    first = np.r_[True, member[1:] != member[:-1]]
    start = np.maximum.accumulate(np.where(first, np.arange(len(member)), 0))
    rank = np.arange(len(member)) - start + 1  # n-th valid order of its member
    _, inverse, counts = np.unique(member, return_inverse=True, return_counts=True)
    count = counts[inverse]  # valid orders of the member
    result = {}
    for n in range(1, NEXT_ORDER_MAX + 1):
        nth = (rank == n) & (created <= cutoff)
        result[str(n)] = {"buyers": int(nth.sum()), "with_next": int((nth & (count > n)).sum())}
    return result


def realized_truths(world: Any) -> dict[str, Any]:
    """Exact tallies of the clean data (see docs/generator.md for each definition)."""
    pop, orders, valid, calendar = world.pop, world.orders, world.valid, world.calendar
    lines = orders.lines
    net = orders.goods - orders.discount
    valid_lines = valid[lines["order"]]
    member = world.members.member_no[orders.visitor]
    buyer_member, buyer_created, buyer_no = member[valid], orders.created[valid], world.order_no[valid]
    # first valid order of each buyer → the channel of the session it was placed in
    first_sort = np.lexsort((buyer_no, buyer_created, buyer_member))
    first = (
        first_sort[np.r_[True, buyer_member[first_sort][1:] != buyer_member[first_sort][:-1]]]
        if valid.any()
        else first_sort
    )
    spend_channel = np.array([c.channel for c in world.campaigns.items], dtype=np.int64)[
        world.spend["campaign"]
    ]
    completed = world.returns["status"] == 1
    return {
        "visitors": pop.visitors,
        "bot_visitors": world.tally.bot_visitors,
        "bot_events": world.tally.bots,
        "events": world.tally.human,
        "page_views": world.tally.page_views,
        "sessions": pop.sessions,
        "sessions_by_channel": by_channel(pop.s_channel),
        "converting_sessions_by_channel": by_channel(pop.s_channel[pop.s_stage == PAID]),
        "new_visitors_by_channel": by_channel(pop.channel),
        "members_registered": world.members.count,
        "orders_placed": len(orders),
        "orders_valid": int(valid.sum()),
        "gmv_placed": round(int(net.sum()) / 100, 2),
        "sales_paid": round(int(net[valid].sum()) / 100, 2),
        "units_valid": int(lines["quantity"][valid_lines].sum()),
        "buyers": int(len(np.unique(buyer_member))),
        "refund_amount_completed": round(int(world.returns["refund"][completed].sum()) / 100, 2),
        "spend_by_channel": by_channel(spend_channel, world.spend["spend"].astype(np.float64), money=True),
        "clicks_by_channel": by_channel(spend_channel, world.spend["clicks"].astype(np.float64)),
        "new_buyers_by_channel": by_channel(orders.channel[valid][first]),
        "sales_paid_by_channel": by_channel(orders.channel[valid], net[valid].astype(np.float64), money=True),
        "next_order_rate": next_order_rate(
            buyer_member,
            buyer_created,
            buyer_no,
            calendar.end_second - world.model.next_order_maturity_days * DAY,
        ),
        "next_order_maturity_days": world.model.next_order_maturity_days,
    }
