"""The generation pipeline: calibrate, simulate, write the clean tables, keep what the
manifest, the truths and the defect injection need."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import numpy as np
import pyarrow as pa

from . import textfmt as fmt
from .bots import USER_AGENTS as BOT_USER_AGENT_LIST
from .bots import BotEvents, simulate_bots
from .calendar import Calendar, build_calendar
from .campaigns import Campaigns, build_campaigns
from .catalog import Catalog, build_catalog, products_table
from .events import DayEvents, DaySessions, expand_day
from .marketing import (
    Touches,
    bulk_touches,
    clicked_touches,
    concat_touches,
    crm_spend,
    marketing_columns,
    merge_rows,
    paid_spend,
    touches_columns,
)
from .model import (
    CH,
    ET,
    EVENT_TYPES,
    MODEL,
    PAGE_TYPES,
    PLATFORMS,
    PT,
    Model,
)
from .orders import (
    VALID,
    Orders,
    Packages,
    draw_returns,
    is_valid,
    latest_status,
    order_items_columns,
    order_versions,
    orders_columns,
    packages,
    place_orders,
    returns_columns,
    shipments_columns,
)
from .output import Progress, Writer
from .people import Members, members_columns, number_members
from .population import ORDERED, Population, simulate_population
from .supply import inventory_columns, purchase_order_columns, simulate_supply
from .texts import (
    HUMAN_USER_AGENTS,
    INTERNAL_REFERRER,
    ORGANIC_REFERRERS,
    PAGE_PATHS,
    REFERRAL_REFERRERS,
    SOCIAL_REFERRERS,
    URL_PREFIX,
)

# One independent random stream per component (SeedSequence.spawn, in this order).
STREAMS: tuple[str, ...] = (
    "calibration_visitors",
    "calibration_activity",
    "calibration_sessions",
    "calibration_campaigns",
    "visitors",
    "activity",
    "sessions",
    "campaigns",
    "catalog",
    "members",
    "member_pii",
    "user_agents",
    "events",
    "orders",
    "returns",
    "supply",
    "marketing",
    "touches",
    "bots",
    "defects",
)
EVENT_ROWS_PER_PART = 1_000_000
PILOT_VISITORS = (20_000, 200_000)
HUMAN_UA: tuple[str, ...] = tuple(ua for group in HUMAN_USER_AGENTS for ua in group)
HUMAN_UA_OFFSET = np.cumsum([0] + [len(g) for g in HUMAN_USER_AGENTS])
REFERRERS: tuple[str, ...] = ORGANIC_REFERRERS + SOCIAL_REFERRERS + REFERRAL_REFERRERS + (INTERNAL_REFERRER,)
REFERRER_RANGE: dict[int, tuple[int, int]] = {
    CH["organic_search"]: (0, len(ORGANIC_REFERRERS)),
    CH["social_organic"]: (len(ORGANIC_REFERRERS), len(ORGANIC_REFERRERS) + len(SOCIAL_REFERRERS)),
    CH["referral"]: (len(ORGANIC_REFERRERS) + len(SOCIAL_REFERRERS), len(REFERRERS) - 1),
}


@dataclass(frozen=True)
class Settings:
    out: Path
    seed: int
    start_date: date
    days: int
    members: int
    dirty: float
    skus: int
    pages_per_session: float
    conversion_scale: float
    retention_scale: float
    bot_share: float
    fmt: str
    quiet: bool


@dataclass
class Streams:
    sequences: dict[str, np.random.SeedSequence]

    @classmethod
    def from_seed(cls, seed: int) -> Streams:
        return cls(dict(zip(STREAMS, np.random.SeedSequence(seed).spawn(len(STREAMS)))))

    def rng(self, name: str) -> np.random.Generator:
        return np.random.default_rng(self.sequences[name])

    def per_day(self, name: str, days: int) -> list[np.random.Generator]:
        return [np.random.default_rng(s) for s in self.sequences[name].spawn(days)]


@dataclass
class EventTally:
    human: int = 0
    page_views: int = 0
    bots: int = 0
    bot_visitors: int = 0
    next_id: int = 1


@dataclass
class World:
    """Everything simulated, kept for tables, truths and defects."""

    settings: Settings
    model: Model
    calendar: Calendar
    campaigns: Campaigns
    pop: Population
    catalog: Catalog
    members: Members
    registered_at: np.ndarray  # int64[v] register event time, −1
    ua: np.ndarray  # int16[v] index into HUMAN_UA
    orders: Orders
    order_no: np.ndarray
    last_status: np.ndarray
    valid: np.ndarray
    pkgs: Packages
    returns: dict[str, np.ndarray]
    spend: dict[str, np.ndarray]
    touches: Touches
    tally: EventTally
    bots: BotEvents
    pilot_visitors: int = 0
    pilot_member_fraction: float = 0.0
    table_rows: dict[str, int] = field(default_factory=dict)


def calibrate(
    settings: Settings, calendar: Calendar, streams: Streams, model: Model
) -> tuple[int, int, float]:
    """Number of new visitors so that the expected number of members ≈ --members, measured
    on a pilot population simulated without events (own random streams)."""
    pilot = int(np.clip(2 * settings.members, *PILOT_VISITORS))
    rngs = {k: streams.rng(f"calibration_{k}") for k in ("visitors", "activity", "sessions", "campaigns")}
    fraction = simulate_population(
        pilot, calendar, model, rngs, settings.conversion_scale, None
    ).member_fraction()
    return max(1, round(settings.members / max(fraction, 1e-6))), pilot, fraction


def receive_delays(event_numbers: np.ndarray) -> np.ndarray:
    """Seconds from an event to its receipt by the collector. Drawn from a hash of the event
    number, not from a random stream, so that adding receive times changed no other value:
    95 % arrive within 30 s, 4 % within a day (an app's offline queue) and 1 % one to three
    days late — all inside late_event_max_days (3), so none is quarantined."""
    h = np.asarray(event_numbers, dtype=np.uint64) * np.uint64(0x9E3779B97F4A7C15)
    h ^= h >> np.uint64(31)
    h *= np.uint64(0xBF58476D1CE4E5B9)
    h ^= h >> np.uint64(29)
    share = (h >> np.uint64(40)).astype(np.float64) / float(1 << 24)  # which band
    within = (h & np.uint64(0xFFFFFF)).astype(np.float64) / float(1 << 24)  # where in the band
    delay = np.where(
        share < 0.95,
        within * 30,
        np.where(share < 0.99, 60 + within * (86_400 - 60), 86_400 + within * (2 * 86_400 - 3_600)),
    )
    return delay.astype(np.int64)


def event_columns(
    visitor: np.ndarray,
    time: np.ndarray,
    event_type: np.ndarray,
    page_type: np.ndarray,
    sku: np.ndarray,
    member: np.ndarray,
    platform: np.ndarray,
    campaign: np.ndarray,
    referrer: np.ndarray,
    user_agent: np.ndarray,
    ua_dictionary: tuple[str, ...],
    first_id: int,
    campaigns: Campaigns,
) -> dict[str, pa.Array]:
    """String columns of `events` from numeric arrays (visitor and member are numbers)."""
    n = len(time)
    product = (page_type == PT["product"]) & (sku >= 0)
    sku_id = fmt.fixed_ids("SKU", sku + 1, 6, sku >= 0)
    numbers = first_id + np.arange(n, dtype=np.int64)
    return {
        "event_id": fmt.fixed_ids("E", numbers, 12),
        "visitor_id": fmt.fixed_ids("V", visitor, 10),
        "member_id": fmt.fixed_ids("M", member, 9, member > 0),
        "event_time": fmt.timestamps(time),
        "event_type": fmt.codes(EVENT_TYPES, event_type),
        "page_type": fmt.codes(PAGE_TYPES, page_type),
        "page_url": fmt.join(
            fmt.codes(URL_PREFIX, platform),
            fmt.codes(PAGE_PATHS, page_type),
            fmt.fixed_ids("SKU", sku + 1, 6, product),
        ),
        "sku_id": sku_id,
        "platform": fmt.codes(PLATFORMS, platform),
        "utm_source": fmt.codes([c.utm_source for c in campaigns.items], campaign),
        "utm_medium": fmt.codes([c.utm_medium for c in campaigns.items], campaign),
        "utm_campaign": fmt.codes(campaigns.ids(), campaign),
        "referrer": fmt.codes(REFERRERS, referrer),
        "user_agent": fmt.codes(ua_dictionary, user_agent),
        "received_at": fmt.timestamps(time + receive_delays(numbers)),
    }


class EventBuffer:
    """Collects days of events and writes them in parts of ~EVENT_ROWS_PER_PART rows."""

    FIELDS = (
        "visitor",
        "time",
        "event_type",
        "page_type",
        "sku",
        "member",
        "platform",
        "campaign",
        "referrer",
        "user_agent",
    )

    def __init__(self, writer: Writer, campaigns: Campaigns, tally: EventTally) -> None:
        self.writer, self.campaigns, self.tally = writer, campaigns, tally
        self.chunks: list[dict[str, np.ndarray]] = []
        self.size = 0

    def add(self, chunk: dict[str, np.ndarray]) -> None:
        self.chunks.append(chunk)
        self.size += len(chunk["time"])
        if self.size >= EVENT_ROWS_PER_PART:
            self.flush(HUMAN_UA)

    def flush(self, ua_dictionary: tuple[str, ...]) -> None:
        if not self.chunks:
            return
        data = {k: np.concatenate([c[k] for c in self.chunks]) for k in self.FIELDS}
        self.writer.write(
            "events",
            event_columns(
                **data, ua_dictionary=ua_dictionary, first_id=self.tally.next_id, campaigns=self.campaigns
            ),
        )
        self.tally.next_id += self.size
        self.chunks, self.size = [], 0


def day_sessions(
    world_pop: Population,
    index: np.ndarray,
    start: np.ndarray,
    registers: np.ndarray,
    first_delivered: np.ndarray,
    review_sku: np.ndarray,
) -> DaySessions:
    v = world_pop.s_visitor[index]
    return DaySessions(
        start=start,
        channel=world_pop.s_channel[index],
        platform=world_pop.platform[v],
        stage=world_pop.s_stage[index],
        logged=world_pop.s_logged[index],
        registers=registers,
        can_review=first_delivered[v] < start,
        review_sku=review_sku[v],
    )


def event_chunk(
    ev: DayEvents,
    index: np.ndarray,
    pop: Population,
    member_no: np.ndarray,
    ua: np.ndarray,
    referrer_pick: np.ndarray,
) -> dict[str, np.ndarray]:
    """Numeric event columns of one day (visitor numbers, member numbers, utm, referrer)."""
    session = index[ev.session]
    v = pop.s_visitor[session]
    platform = pop.platform[v]
    referrer = np.where(
        ev.first,
        referrer_pick[ev.session],
        np.where(platform == PLATFORMS.index("web"), len(REFERRERS) - 1, -1),
    )
    return {
        "visitor": v.astype(np.int64) + 1,
        "time": ev.time,
        "event_type": ev.event_type,
        "page_type": ev.page_type,
        "sku": ev.sku,
        "member": np.where(ev.logged_in, member_no[v], 0),
        "platform": platform,
        "campaign": np.where(ev.first, pop.s_campaign[session], -1),
        "referrer": referrer,
        "user_agent": ua[v],
    }


def pick_referrers(rng: np.random.Generator, channel: np.ndarray) -> np.ndarray:
    """Referrer index of each session's first event (−1: none) by channel."""
    pick = np.full(len(channel), -1, dtype=np.int64)
    u = rng.random(len(channel))
    for ch, (low, high) in REFERRER_RANGE.items():
        mine = channel == ch
        pick[mine] = low + np.floor(u[mine] * (high - low)).astype(np.int64)
    return pick


def simulate_days(
    settings: Settings,
    model: Model,
    calendar: Calendar,
    pop: Population,
    catalog: Catalog,
    members: Members,
    ua: np.ndarray,
    streams: Streams,
    buffer: EventBuffer,
    progress: Progress,
) -> tuple[Orders, np.ndarray]:
    """Day loop: expand the day's sessions into events, then place the day's orders (whose
    deliveries enable reviews in later sessions)."""
    n = pop.visitors
    by_day = np.argsort(pop.s_day, kind="stable")  # visitor-major inside each day
    bounds = np.searchsorted(pop.s_day[by_day], np.arange(calendar.days + 1))
    event_rngs, order_rngs = (
        streams.per_day("events", calendar.days),
        streams.per_day("orders", calendar.days),
    )
    first_delivered = np.full(n, np.iinfo(np.int64).max, dtype=np.int64)
    review_sku = np.full(n, -1, dtype=np.int32)
    registered_at = np.full(n, -1, dtype=np.int64)
    warehouse = members.warehouse_of_visitor()
    batches: list[Orders] = []
    started = progress.clock()
    for day in range(calendar.days):
        index = by_day[bounds[day] : bounds[day + 1]]
        if not len(index):
            continue
        v = pop.s_visitor[index]
        start = calendar.day_start(day) + pop.s_start[index]
        registers = pop.reg_session[v] == index
        sess = day_sessions(pop, index, start, registers, first_delivered, review_sku)
        sampler = catalog.sampler(day)
        ev = expand_day(sess, sampler, event_rngs[day], model, settings.pages_per_session)
        referrer_pick = pick_referrers(event_rngs[day], sess.channel)
        registered_at[v[registers]] = ev.registered_at[registers]
        buffer.tally.human += len(ev.time)
        buffer.tally.page_views += int(np.count_nonzero(ev.event_type == ET["page_view"]))
        buffer.add(event_chunk(ev, index, pop, members.member_no, ua, referrer_pick))
        placed = np.nonzero(sess.stage >= ORDERED)[0]
        if len(placed):
            batch = place_orders(
                order_rngs[day],
                day,
                v[placed],
                index[placed],
                ev.order_created[placed],
                ev.order_paid[placed],
                ev.main_sku[placed],
                sess.channel[placed],
                sess.platform[placed],
                warehouse[v[placed]],
                sampler,
                catalog,
                calendar,
                model,
            )
            batches.append(batch)
            delivered = np.nonzero((batch.outcome == VALID) & (batch.deliver1 >= 0))[0]
            order = np.argsort(-batch.deliver1[delivered], kind="stable")  # earliest written last
            who, when = batch.visitor[delivered][order], batch.deliver1[delivered][order]
            better = when < first_delivered[who]
            first_delivered[who[better]] = when[better]
            review_sku[who[better]] = batch.lines["sku"][
                np.searchsorted(batch.lines["order"], delivered[order][better])
            ]
        progress.rows("events", buffer.writer.rows["events"], (day + 1) / calendar.days, started)
    buffer.flush(HUMAN_UA)
    return Orders.concatenate(batches), registered_at


def write_bots(
    settings: Settings,
    model: Model,
    calendar: Calendar,
    catalog: Catalog,
    pop: Population,
    streams: Streams,
    writer: Writer,
    campaigns: Campaigns,
    tally: EventTally,
) -> BotEvents:
    n_bots = round(settings.bot_share * pop.visitors)
    bots = simulate_bots(streams.rng("bots"), n_bots, pop.visitors + 1, calendar, catalog, model)
    n = len(bots)
    for lo in range(0, n, EVENT_ROWS_PER_PART):
        part = slice(lo, min(n, lo + EVENT_ROWS_PER_PART))
        size = part.stop - part.start
        writer.write(
            "events",
            event_columns(
                visitor=bots.visitor[part],
                time=bots.time[part],
                event_type=np.zeros(size, np.int8),
                page_type=bots.page_type[part],
                sku=bots.sku[part],
                member=np.zeros(size, np.int64),
                platform=np.full(size, PLATFORMS.index("web"), np.int8),
                campaign=np.full(size, -1),
                referrer=np.full(size, -1),
                user_agent=bots.user_agent[part],
                ua_dictionary=BOT_USER_AGENT_LIST,
                first_id=tally.next_id,
                campaigns=campaigns,
            ),
        )
        tally.next_id += size
    tally.bots, tally.bot_visitors = n, n_bots
    return bots


def draw_user_agents(rng: np.random.Generator, platform: np.ndarray) -> np.ndarray:
    size = np.diff(HUMAN_UA_OFFSET)[platform]
    return (HUMAN_UA_OFFSET[platform] + np.floor(rng.random(len(platform)) * size)).astype(np.int16)


def write_orders(
    world_orders: Orders,
    writer: Writer,
    member_no: np.ndarray,
    calendar: Calendar,
    model: Model,
    streams: Streams,
) -> tuple[np.ndarray, np.ndarray, np.ndarray, Packages, dict]:
    orders = world_orders
    order_no = np.empty(len(orders), dtype=np.int64)
    order_no[np.argsort(orders.created, kind="stable")] = np.arange(1, len(orders) + 1)
    returns = draw_returns(streams.rng("returns"), orders, calendar, model)
    versions = order_versions(orders, calendar, model)
    last = latest_status(versions, len(orders))
    pkgs = packages(orders, calendar)
    writer.write("orders", orders_columns(orders, versions, order_no, member_no))
    writer.write("order_items", order_items_columns(orders, order_no))
    writer.write("shipments", shipments_columns(orders, pkgs, order_no, calendar))
    writer.write("returns", returns_columns(returns, order_no))
    return order_no, last, is_valid(orders, last), pkgs, returns


def run_simulation(settings: Settings, writer: Writer, progress: Progress, model: Model = MODEL) -> World:
    streams = Streams.from_seed(settings.seed)
    calendar = build_calendar(settings.start_date, settings.days, model)
    campaigns = build_campaigns(calendar)
    n_visitors, pilot, fraction = calibrate(settings, calendar, streams, model)
    progress.say(
        f"calibration: member fraction {fraction:.4f} on {pilot:,} pilot visitors → {n_visitors:,} new visitors"
    )
    rngs = {k: streams.rng(k) for k in ("visitors", "activity", "sessions", "campaigns")}
    pop = simulate_population(n_visitors, calendar, model, rngs, settings.conversion_scale, campaigns)
    progress.say(
        f"population: {pop.visitors:,} visitors, {pop.sessions:,} sessions, {int((pop.reg_session >= 0).sum()):,} members"
    )
    catalog = build_catalog(streams.rng("catalog"), settings.skus, calendar, model)
    writer.write("products", products_table(catalog, calendar))
    members = number_members(streams.rng("members"), pop)
    ua = draw_user_agents(streams.rng("user_agents"), pop.platform)
    tally = EventTally()
    buffer = EventBuffer(writer, campaigns, tally)
    orders, registered_at = simulate_days(
        settings, model, calendar, pop, catalog, members, ua, streams, buffer, progress
    )
    bots = write_bots(settings, model, calendar, catalog, pop, streams, writer, campaigns, tally)
    progress.say(f"events: {tally.human:,} human + {tally.bots:,} bot events; {len(orders):,} orders")
    order_no, last, valid, pkgs, returns = write_orders(
        orders, writer, members.member_no, calendar, model, streams
    )
    supply = simulate_supply(streams.rng("supply"), catalog, orders, pkgs, calendar, model)
    writer.write("inventory_snapshots", inventory_columns(supply, catalog, calendar))
    writer.write("purchase_orders", purchase_order_columns(supply, catalog, calendar))
    member_registered = registered_at[members.visitor]
    crm = np.nonzero(pop.s_channel == CH["crm"])[0]
    crm_v = pop.s_visitor[crm]
    touches_rng = streams.rng("touches")
    clicked = clicked_touches(
        touches_rng,
        calendar.day_start(pop.s_day[crm]) + pop.s_start[crm],
        pop.s_campaign[crm],
        members.member_no[crm_v],
        registered_at[crm_v],
        model,
    )
    touches = concat_touches(
        [clicked, bulk_touches(touches_rng, member_registered, campaigns, calendar, model)]
    )
    spend = merge_rows(
        paid_spend(
            streams.rng("marketing"), pop.s_channel, pop.s_campaign, pop.s_day, campaigns, calendar, model
        ),
        crm_spend(touches, campaigns, calendar, model),
    )
    writer.write("marketing_spend", marketing_columns(spend, campaigns, calendar))
    writer.write("campaign_touches", touches_columns(touches, campaigns))
    reg_channel = pop.s_channel[pop.reg_session[members.visitor]]
    writer.write(
        "members",
        members_columns(streams.rng("member_pii"), members, member_registered, reg_channel, calendar, model),
    )
    writer.ensure_all()
    return World(
        settings=settings,
        model=model,
        calendar=calendar,
        campaigns=campaigns,
        pop=pop,
        catalog=catalog,
        members=members,
        registered_at=registered_at,
        ua=ua,
        orders=orders,
        order_no=order_no,
        last_status=last,
        valid=valid,
        pkgs=pkgs,
        returns=returns,
        spend=spend,
        touches=touches,
        tally=tally,
        bots=bots,
        pilot_visitors=pilot,
        pilot_member_fraction=fraction,
        table_rows=dict(writer.rows),
    )
