"""Marketing spend (paid channels and CRM) and CRM campaign touches.

Spend follows traffic, never the reverse: paid clicks are the landed sessions of a campaign
and day (plus a few clicks that never loaded the page), and every CRM session is the click
of a touch. Touches never create sessions or activity.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pyarrow as pa

from . import textfmt as fmt
from .calendar import DAY, Calendar
from .campaigns import WEEKLY_SENDS, Campaigns
from .model import CH, CHANNEL_PARAMS, CHANNELS, PAID_CHANNELS, Model

HOUR = 3600
COLUMNS = ("day", "campaign", "spend", "impressions", "clicks")


@dataclass
class Touches:
    campaign: np.ndarray  # int32
    member: np.ndarray  # int64 member number
    sent: np.ndarray  # int64 local seconds
    delivered: np.ndarray  # −1 when not delivered
    opened: np.ndarray
    clicked: np.ndarray

    def __len__(self) -> int:
        return len(self.sent)


def paid_spend(
    rng: np.random.Generator,
    channel: np.ndarray,
    campaign: np.ndarray,
    day: np.ndarray,
    campaigns: Campaigns,
    calendar: Calendar,
    model: Model,
) -> dict[str, np.ndarray]:
    """One row per paid campaign × day with landed sessions."""
    paid = np.isin(channel, [CH[c] for c in PAID_CHANNELS]) & (campaign >= 0)
    key = campaign[paid].astype(np.int64) * calendar.days + day[paid]
    landed = np.bincount(key, minlength=len(campaigns.items) * calendar.days)
    cells = np.nonzero(landed)[0]
    camp, cell_day, landed = cells // calendar.days, cells % calendar.days, landed[cells]
    camp_channel = np.array([c.channel for c in campaigns.items])[camp]
    cpc = np.array([CHANNEL_PARAMS[c].cpc or 0.0 for c in CHANNELS])[camp_channel]
    ctr = np.array([CHANNEL_PARAMS[c].ctr or 1.0 for c in CHANNELS])[camp_channel]
    clicks = np.ceil(landed * rng.uniform(*model.clicks_per_landed_session, len(cells))).astype(np.int64)
    spend = np.rint(clicks * cpc * 100 * rng.uniform(*model.cpc_noise, len(cells))).astype(np.int64)
    return {
        "day": cell_day,
        "campaign": camp,
        "spend": spend,
        "impressions": np.rint(clicks / ctr).astype(np.int64),
        "clicks": clicks,
    }


def clicked_touches(
    rng: np.random.Generator,
    start: np.ndarray,
    campaign: np.ndarray,
    member: np.ndarray,
    registered_at: np.ndarray,
    model: Model,
) -> Touches:
    """The touch behind each CRM session: sent 1–6 h before (same day when the session starts
    late enough, never before the registration), clicked at the session start."""
    n = len(start)
    since_midnight = start % DAY
    low, high = (h * HOUR for h in model.crm_click_lead_hours)
    top = np.where(since_midnight >= low, np.minimum(high, since_midnight), high)
    sent = start - np.floor(low + rng.random(n) * (top - low)).astype(np.int64)
    sent = np.minimum(np.maximum(sent, registered_at + 60), start - 60)
    delivered = sent + rng.integers(1, 61, n)
    return Touches(campaign.astype(np.int32), member, sent, delivered, start.copy(), start.copy())


def bulk_sends(campaigns: Campaigns, calendar: Calendar) -> list[tuple[int, int]]:
    """(campaign index, send time) of the scheduled CRM sends inside the period."""
    sends = []
    ids = campaigns.ids()
    for day in range(calendar.days):
        weekday = (calendar.start.toordinal() + day - 1) % 7  # date.weekday() of the day
        for suffix, send_weekday, hour in WEEKLY_SENDS:
            if weekday == send_weekday:
                sends.append((ids.index(f"C_crm_{suffix}"), int(calendar.day_start(day)) + hour * HOUR))
    for p, event in enumerate(calendar.promotions):
        for day, hour in ((event.first_day, 10), (event.peak_day, 9)):
            if 0 <= day < calendar.days:
                sends.append(
                    (int(campaigns.promo_index[CH["crm"], p]), int(calendar.day_start(day)) + hour * HOUR)
                )
    return sorted(set(sends), key=lambda s: (s[1], s[0]))


def bulk_touches(
    rng: np.random.Generator,
    registered_at: np.ndarray,
    campaigns: Campaigns,
    calendar: Calendar,
    model: Model,
) -> Touches:
    """Scheduled sends to crm_send_share of the members registered before the send; some are
    delivered and opened, none clicked (clicks come only from sessions)."""
    parts = []
    member_no = np.arange(1, len(registered_at) + 1)
    for campaign, at in bulk_sends(campaigns, calendar):
        chosen = np.nonzero((registered_at < at) & (rng.random(len(registered_at)) < model.crm_send_share))[0]
        n = len(chosen)
        sent = at + rng.integers(0, 600, n)
        delivered = np.where(rng.random(n) < model.crm_delivered, sent + rng.integers(1, 301, n), -1)
        opened = delivered + np.rint(rng.exponential(2 * HOUR, n)).astype(np.int64)
        opened = np.where(
            (delivered >= 0) & (rng.random(n) < model.crm_opened) & (opened <= calendar.end_second),
            opened,
            -1,
        )
        parts.append(
            Touches(
                np.full(n, campaign, np.int32), member_no[chosen], sent, delivered, opened, np.full(n, -1)
            )
        )
    return concat_touches(parts)


def concat_touches(parts: list[Touches]) -> Touches:
    if not parts:
        empty = np.zeros(0, dtype=np.int64)
        return Touches(empty.astype(np.int32), empty, empty, empty, empty, empty)
    fields = ("campaign", "member", "sent", "delivered", "opened", "clicked")
    return Touches(*(np.concatenate([getattr(p, f) for p in parts]) for f in fields))


def crm_spend(
    touches: Touches, campaigns: Campaigns, calendar: Calendar, model: Model
) -> dict[str, np.ndarray]:
    """One row per CRM campaign × day it sent touches: spend = touches × cost per touch."""
    day = calendar.day_of(touches.sent)
    key = touches.campaign.astype(np.int64) * calendar.days + day
    size = len(campaigns.items) * calendar.days
    sent = np.bincount(key, minlength=size)
    delivered = np.bincount(key, weights=touches.delivered >= 0, minlength=size).astype(np.int64)
    clicks = np.bincount(key, weights=touches.clicked >= 0, minlength=size).astype(np.int64)
    cells = np.nonzero(sent)[0]
    camp = cells // calendar.days
    cost = np.array([model.crm_cost_per_touch.get(c.utm_medium, 0.0) for c in campaigns.items])[camp]
    return {
        "day": cells % calendar.days,
        "campaign": camp,
        "spend": np.rint(sent[cells] * cost * 100).astype(np.int64),
        "impressions": delivered[cells],
        "clicks": clicks[cells],
    }


def marketing_columns(
    rows: dict[str, np.ndarray], campaigns: Campaigns, calendar: Calendar
) -> dict[str, pa.Array]:
    channel = np.array([c.channel for c in campaigns.items], dtype=np.int64)[rows["campaign"]]
    sort = np.lexsort((rows["campaign"], channel, rows["day"]))
    return {
        "spend_date": fmt.dates(calendar.day_start(rows["day"][sort])),
        "channel": fmt.codes(CHANNELS, channel[sort]),
        "campaign_id": fmt.codes(campaigns.ids(), rows["campaign"][sort]),
        "spend": fmt.money(rows["spend"][sort]),
        "impressions": fmt.integers(rows["impressions"][sort]),
        "clicks": fmt.integers(rows["clicks"][sort]),
    }


def touches_columns(touches: Touches, campaigns: Campaigns) -> dict[str, pa.Array]:
    sort = np.lexsort((touches.campaign, touches.member, touches.sent))
    return {
        "touch_id": fmt.fixed_ids("T", np.arange(1, len(touches) + 1), 11),
        "campaign_id": fmt.codes(campaigns.ids(), touches.campaign[sort]),
        "member_id": fmt.fixed_ids("M", touches.member[sort], 9),
        "sent_at": fmt.timestamps(touches.sent[sort]),
        "delivered_at": fmt.timestamps(touches.delivered[sort], touches.delivered[sort] >= 0),
        "opened_at": fmt.timestamps(touches.opened[sort], touches.opened[sort] >= 0),
        "clicked_at": fmt.timestamps(touches.clicked[sort], touches.clicked[sort] >= 0),
    }


def merge_rows(*parts: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    return {k: np.concatenate([p[k] for p in parts]) for k in COLUMNS}
