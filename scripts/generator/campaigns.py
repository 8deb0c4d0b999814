"""Campaigns of the paid channels and of CRM, and how a session picks one.

A paid or CRM session carries `utm_campaign` = one of its channel's campaigns: a few
always-on campaigns, plus one campaign per promotion of the calendar while it runs.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .calendar import Calendar
from .model import CH, Model

# (channel, campaign suffix, utm_source, utm_medium, weight among the channel's base campaigns)
BASE_CAMPAIGNS: tuple[tuple[str, str, str, str, float], ...] = (
    ("paid_search", "brand", "baidu", "cpc", 0.5),
    ("paid_search", "generic", "baidu", "cpc", 0.35),
    ("paid_search", "competitor", "baidu", "cpc", 0.15),
    ("paid_social", "douyin_feed", "douyin", "paid_social", 0.5),
    ("paid_social", "kuaishou_feed", "kuaishou", "paid_social", 0.3),
    ("paid_social", "douyin_live", "douyin", "paid_social", 0.2),
    ("display", "retargeting", "tencent_ads", "display", 0.6),
    ("display", "prospecting", "tencent_ads", "display", 0.4),
    ("affiliate", "taoke_cps", "taoke", "affiliate", 0.7),
    ("affiliate", "coupon_sites", "taoke", "affiliate", 0.3),
    ("crm", "push_weekly", "push", "push", 0.6),
    ("crm", "email_weekly", "email", "email", 0.4),
)
# utm of a channel's promotion campaign: (utm_source, utm_medium)
PROMO_UTM: dict[str, tuple[str, str]] = {
    "paid_search": ("baidu", "cpc"),
    "paid_social": ("douyin", "paid_social"),
    "display": ("tencent_ads", "display"),
    "affiliate": ("taoke", "affiliate"),
    "crm": ("sms", "sms"),
}
# Bulk CRM sends of the weekly campaigns: (suffix, weekday 0=Mon, local hour)
WEEKLY_SENDS: tuple[tuple[str, int, int], ...] = (("email_weekly", 1, 10), ("push_weekly", 4, 19))


@dataclass(frozen=True)
class Campaign:
    campaign_id: str
    channel: int
    utm_source: str
    utm_medium: str
    promotion: int  # index into Calendar.promotions, −1 for an always-on campaign
    weight: float


@dataclass(frozen=True)
class Campaigns:
    items: tuple[Campaign, ...]
    promo_index: np.ndarray  # int32[channel, promotion] → campaign index, −1

    def ids(self) -> list[str]:
        return [c.campaign_id for c in self.items]

    def index_of(self, campaign_id: str) -> int:
        return self.ids().index(campaign_id)


def build_campaigns(calendar: Calendar) -> Campaigns:
    items: list[Campaign] = []
    for channel, suffix, source, medium, weight in BASE_CAMPAIGNS:
        items.append(Campaign(f"C_{channel}_{suffix}", CH[channel], source, medium, -1, weight))
    promo_index = np.full((len(CH), max(len(calendar.promotions), 1)), -1, dtype=np.int32)
    for p, event in enumerate(calendar.promotions):
        for channel, (source, medium) in PROMO_UTM.items():
            name = f"C_crm_sms_{event.event_id}" if channel == "crm" else f"C_{channel}_{event.event_id}"
            promo_index[CH[channel], p] = len(items)
            items.append(Campaign(name, CH[channel], source, medium, p, 1.0))
    return Campaigns(tuple(items), promo_index)


def assign_campaigns(
    rng: np.random.Generator,
    channel: np.ndarray,
    day: np.ndarray,
    calendar: Calendar,
    campaigns: Campaigns,
    model: Model,
) -> np.ndarray:
    """Campaign index per session (−1 for channels without campaigns)."""
    n = len(channel)
    u_promo, u_base = rng.random(n), rng.random(n)
    result = np.full(n, -1, dtype=np.int16)
    promotion = calendar.promotion[day]
    for ch in {c.channel for c in campaigns.items}:
        mine = channel == ch
        base = [i for i, c in enumerate(campaigns.items) if c.channel == ch and c.promotion < 0]
        weights = np.array([campaigns.items[i].weight for i in base])
        pick = np.searchsorted(np.cumsum(weights) / weights.sum(), u_base[mine], side="right")
        chosen = np.asarray(base)[np.minimum(pick, len(base) - 1)]
        share = model.crm_promo_campaign_share if ch == CH["crm"] else model.promo_campaign_share
        promo = promotion[mine]
        use_promo = (promo >= 0) & (u_promo[mine] < share)
        promo_campaign = campaigns.promo_index[ch, np.maximum(promo, 0)]
        result[mine] = np.where(use_promo, promo_campaign, chosen)
    return result
