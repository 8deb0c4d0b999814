"""Bot traffic: crawlers with a bot user agent, and scrapers with a browser user agent but an
inhuman event rate. Bots never register, log in or order."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .calendar import DAY, Calendar
from .catalog import Catalog
from .model import PT, Model
from .population import categorical, exclusive_cumsum
from .texts import BOT_USER_AGENTS, HUMAN_USER_AGENTS

USER_AGENTS: tuple[str, ...] = BOT_USER_AGENTS + HUMAN_USER_AGENTS[2]  # bots, then browsers
PAGE_MIX: tuple[tuple[str, float], ...] = (
    ("product", 0.6),
    ("category", 0.25),
    ("home", 0.1),
    ("search", 0.05),
)


@dataclass
class BotEvents:
    visitor: np.ndarray  # int64 visitor number (V + 10 digits)
    time: np.ndarray  # int64 local seconds
    page_type: np.ndarray  # int8
    sku: np.ndarray  # int32, −1
    user_agent: np.ndarray  # int16 index into USER_AGENTS
    n_visitors: int

    def __len__(self) -> int:
        return len(self.time)


def _visits(
    rng: np.random.Generator, visitor: np.ndarray, pages: np.ndarray, start: np.ndarray, spacing: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Expand visits into page times: start + i · spacing (seconds, floored)."""
    owner = np.repeat(np.arange(len(pages)), pages)
    step = np.arange(len(owner)) - exclusive_cumsum(pages)[owner]
    return visitor[owner], start[owner] + np.floor(step * spacing[owner]).astype(np.int64)


def crawler_visits(
    rng: np.random.Generator, n: int, calendar: Calendar, model: Model
) -> tuple[np.ndarray, ...]:
    """(visitor slot, pages, start, spacing) of crawler visits: a few days each, 20–200 pages
    a day, a page every 2–20 s."""
    days = 1 + rng.poisson(model.ua_bot_days_poisson, n)
    owner = np.repeat(np.arange(n), days)
    visits = len(owner)
    pages = rng.integers(model.ua_bot_pages_per_day[0], model.ua_bot_pages_per_day[1] + 1, visits)
    spacing = rng.uniform(2.0, 20.0, visits)
    day = rng.integers(0, calendar.days, visits)
    latest = np.maximum(DAY - pages * spacing - 1, 0)
    start = calendar.day_start(day) + np.floor(rng.random(visits) * latest).astype(np.int64)
    return owner, pages, start, spacing


def scraper_visits(
    rng: np.random.Generator, n: int, calendar: Calendar, model: Model
) -> tuple[np.ndarray, ...]:
    """One burst per scraper: 300–2000 pages within 5–20 minutes, evenly spaced at ≥ 40 pages a
    minute, so every full minute exceeds any human rate."""
    pages = rng.integers(model.fast_bot_pages[0], model.fast_bot_pages[1] + 1, n)
    minutes = np.minimum(rng.uniform(*model.fast_bot_minutes, n), pages / model.fast_bot_min_rate_per_minute)
    spacing = minutes * 60.0 / pages
    day = rng.integers(0, calendar.days, n)
    start = calendar.day_start(day) + rng.integers(3600, DAY - 3600, n)
    return np.arange(n), pages, start, spacing


def simulate_bots(
    rng: np.random.Generator,
    n_bots: int,
    first_visitor: int,
    calendar: Calendar,
    catalog: Catalog,
    model: Model,
    crawler_only: bool = False,
) -> BotEvents:
    """Events of n_bots bots numbered from first_visitor, sorted by visitor then time."""
    crawler = np.ones(n_bots, bool) if crawler_only else rng.random(n_bots) < model.bot_user_agent_share
    n_crawl = int(crawler.sum())
    c_owner, c_pages, c_start, c_spacing = crawler_visits(rng, n_crawl, calendar, model)
    s_owner, s_pages, s_start, s_spacing = scraper_visits(rng, n_bots - n_crawl, calendar, model)
    number = first_visitor + np.arange(n_bots, dtype=np.int64)
    visitor_c, time_c = _visits(rng, number[crawler][c_owner], c_pages, c_start, c_spacing)
    visitor_s, time_s = _visits(rng, number[~crawler][s_owner], s_pages, s_start, s_spacing)
    visitor = np.concatenate([visitor_c, visitor_s])
    time = np.minimum(np.concatenate([time_c, time_s]), calendar.end_second)
    sort = np.lexsort((time, visitor))
    visitor, time = visitor[sort], time[sort]
    bot_ua = np.where(
        crawler,
        rng.integers(0, len(BOT_USER_AGENTS), n_bots),
        len(BOT_USER_AGENTS) + rng.integers(0, len(HUMAN_USER_AGENTS[2]), n_bots),
    ).astype(np.int16)
    mix = np.array([PT[name] for name, _w in PAGE_MIX], dtype=np.int8)
    page = mix[categorical(rng, np.array([w for _n, w in PAGE_MIX]), len(time))]
    sku = np.where(page == PT["product"], rng.integers(0, catalog.size, len(time)), -1).astype(np.int32)
    return BotEvents(visitor, time, page, sku, bot_ua[visitor - first_visitor], n_bots)


def trim_to(events: BotEvents, count: int) -> BotEvents:
    """The first `count` events (whole visitors except possibly the last one)."""
    keep = slice(0, count)
    visitors = len(np.unique(events.visitor[keep]))
    return BotEvents(
        events.visitor[keep],
        events.time[keep],
        events.page_type[keep],
        events.sku[keep],
        events.user_agent[keep],
        visitors,
    )
