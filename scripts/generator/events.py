"""Expansion of one day's sessions into tracked events (埋点).

A session is laid out as a fixed sequence of *slots* (landing page, sign-in, registration,
funnel product page, ..., checkout, payment result); each slot holds 0 or 1 event, except
BROWSE which holds the extra pages (1 or 2 events each). Counting events per slot gives
every event's position without sorting; times are the session start plus cumulative gaps.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .catalog import SkuSampler
from .model import CH, ET, PT, Model
from .population import CARTED, CHECKED_OUT, ENGAGED, ORDERED, PAID, PRODUCT_VIEWED

# slot name, event type (None: depends on the landing page), page type (None: landing), gap kind
SLOTS: tuple[tuple[str, str | None, str | None, str], ...] = (
    ("landing", "page_view", None, "none"),
    ("landing_detail", None, None, "none"),  # product_view or search fired with the landing page
    ("sign_in", "sign_in", "member", "action"),
    ("register_early", "register", "member", "action"),
    ("login_early", "login", "member", "action"),
    ("cs_chat", "cs_chat", None, "action"),
    ("share", "share", None, "action"),
    ("review", "review", "member", "action"),
    ("funnel_page", "page_view", "product", "page"),
    ("funnel_product_view", "product_view", "product", "none"),
    ("favorite", "favorite", "product", "action"),
    ("add_to_cart", "add_to_cart", "product", "action"),
    ("browse", None, None, "page"),
    ("cart_page", "page_view", "cart", "page"),
    ("remove_from_cart", "remove_from_cart", "cart", "action"),
    ("register_checkout", "register", "member", "action"),
    ("login_checkout", "login", "member", "action"),
    ("checkout_start", "checkout_start", "cart", "action"),
    ("checkout_page", "page_view", "checkout", "checkout"),
    ("payment_result", "page_view", "member", "result"),
)
SLOT: dict[str, int] = {name: i for i, (name, *_rest) in enumerate(SLOTS)}
N_SLOTS = len(SLOTS)
BROWSE = SLOT["browse"]
SKU_SLOTS = ("funnel_page", "funnel_product_view", "favorite", "add_to_cart", "remove_from_cart")
BROWSE_TYPES = ("category", "search", "product", "home", "activity", "member")


@dataclass
class DaySessions:
    """The sessions of one day (visitor-major, in time order) and what the expansion needs."""

    start: np.ndarray  # int64 local seconds of the session start
    channel: np.ndarray  # int8
    platform: np.ndarray  # int8
    stage: np.ndarray  # int8 funnel stage
    logged: np.ndarray  # bool logged in from the start
    registers: np.ndarray  # bool the visitor registers in this session
    can_review: np.ndarray  # bool member with a delivered order before the start
    review_sku: np.ndarray  # int32 SKU to review (when can_review)

    def __len__(self) -> int:
        return len(self.start)


@dataclass
class DayEvents:
    session: np.ndarray  # int64[e] index into the DaySessions
    time: np.ndarray  # int64[e] local seconds
    event_type: np.ndarray  # int8[e]
    page_type: np.ndarray  # int8[e]
    sku: np.ndarray  # int32[e] SKU index, −1
    logged_in: np.ndarray  # bool[e] carries member_id
    first: np.ndarray  # bool[e] first event of its session (carries utm / referrer)
    main_sku: np.ndarray  # int32[s] the SKU of the session's funnel (first order line)
    order_created: np.ndarray  # int64[s] order creation time (stage ≥ ORDERED), else −1
    order_paid: np.ndarray  # int64[s] payment time (stage PAID), else −1
    registered_at: np.ndarray  # int64[s] time of the register event, else −1


def landing_pages(rng: np.random.Generator, channel: np.ndarray, model: Model) -> np.ndarray:
    """Landing page type by channel (paid search: product or search; social, display, CRM:
    activity; direct: home; the others: home or category)."""
    u = rng.random(len(channel))
    page = np.where(u < model.organic_home_landing, PT["home"], PT["category"])
    page = np.where(channel == CH["direct"], PT["home"], page)
    for name in ("social_organic", "paid_social", "display", "crm"):
        page = np.where(channel == CH[name], PT["activity"], page)
    search_landing = np.where(u < model.paid_search_product_landing, PT["product"], PT["search"])
    return np.where(channel == CH["paid_search"], search_landing, page).astype(np.int8)


def clipped_exponential(rng: np.random.Generator, mean: float, low: int, high: int, n: int) -> np.ndarray:
    return np.clip(np.rint(rng.exponential(mean, n)), low, high).astype(np.int64)


def segment_cumsum(values: np.ndarray, first_of_segment: np.ndarray) -> np.ndarray:
    """Inclusive cumulative sum restarting at each segment; first_of_segment[i] is the index
    of the first element of element i's segment."""
    total = np.cumsum(values)
    return total - (total[first_of_segment] - values[first_of_segment])


def slot_counts(sess: DaySessions, landing: np.ndarray, rng: np.random.Generator, model: Model) -> np.ndarray:
    """0/1 count of every fixed slot per session (BROWSE is filled later)."""
    n = len(sess)
    stage, engaged = sess.stage, sess.stage >= ENGAGED
    u = rng.random((7, n))
    count = np.zeros((n, N_SLOTS), dtype=np.int64)
    count[:, SLOT["landing"]] = 1
    # a bounce is one page view (plus the product view of a product page), nothing else
    count[:, SLOT["landing_detail"]] = (landing == PT["product"]) | ((landing == PT["search"]) & engaged)
    count[:, SLOT["sign_in"]] = engaged & sess.logged & (sess.platform == 0) & (u[0] < model.p_sign_in_app)
    early = sess.registers & (stage < CHECKED_OUT)
    count[:, SLOT["register_early"]] = early
    count[:, SLOT["login_early"]] = early
    count[:, SLOT["cs_chat"]] = engaged & (u[1] < model.p_cs_chat)
    count[:, SLOT["share"]] = engaged & (u[2] < model.p_share)
    count[:, SLOT["review"]] = engaged & sess.logged & sess.can_review & (u[3] < model.p_review)
    funnel = (stage >= PRODUCT_VIEWED) & (landing != PT["product"])
    count[:, SLOT["funnel_page"]] = funnel
    count[:, SLOT["funnel_product_view"]] = funnel
    # P(favorite | engaged) = p_favorite_engaged, given only to sessions that saw a product
    count[:, SLOT["favorite"]] = (stage >= PRODUCT_VIEWED) & (
        u[4] < model.p_favorite_engaged / model.p_product_view
    )
    carted = stage >= CARTED
    count[:, SLOT["add_to_cart"]] = carted
    count[:, SLOT["cart_page"]] = carted
    # removals only where the cart is abandoned (the ordered cart keeps its SKU), at a rate
    # that makes them p_remove_from_cart of all cart sessions
    p_remove = model.p_remove_from_cart / (1.0 - model.p_checkout)
    count[:, SLOT["remove_from_cart"]] = (stage == CARTED) & (u[5] < p_remove)
    checkout = stage >= CHECKED_OUT
    count[:, SLOT["register_checkout"]] = sess.registers & checkout
    count[:, SLOT["login_checkout"]] = checkout & ~sess.logged
    count[:, SLOT["checkout_start"]] = checkout
    count[:, SLOT["checkout_page"]] = checkout
    count[:, SLOT["payment_result"]] = stage == PAID
    return count


def slot_gaps(
    count: np.ndarray, rng: np.random.Generator, model: Model
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Gap (seconds before the event) of every fixed slot, and the order's creation and
    payment delays after checkout_start. The payment-result page follows the payment."""
    n = len(count)
    gap = np.zeros((n, N_SLOTS), dtype=np.int64)
    for k, (_name, _et, _pt, kind) in enumerate(SLOTS):
        if kind == "page" and k != BROWSE:
            gap[:, k] = clipped_exponential(
                rng, model.page_gap_mean, model.page_gap_min, model.page_gap_max, n
            )
        elif kind == "action":
            gap[:, k] = clipped_exponential(
                rng, model.action_gap_mean, model.action_gap_min, model.action_gap_max, n
            )
    checkout_gap = rng.integers(
        model.checkout_page_delay_seconds[0], model.checkout_page_delay_seconds[1] + 1, n
    )
    created = rng.integers(model.order_delay_seconds[0], model.order_delay_seconds[1] + 1, n)
    paid = rng.integers(model.payment_delay_seconds[0], model.payment_delay_seconds[1] + 1, n)
    result = rng.integers(model.result_page_delay_seconds[0], model.result_page_delay_seconds[1] + 1, n)
    gap[:, SLOT["checkout_page"]] = checkout_gap
    gap[:, SLOT["payment_result"]] = created - checkout_gap + paid + result
    return gap * (count > 0), created, paid


def fit_budget(gap: np.ndarray, model: Model) -> np.ndarray:
    """Shrink the free gaps of the (very rare) sessions whose fixed slots alone exceed the
    session budget, keeping every gap at its minimum or more."""
    budget = model.session_budget_seconds
    fixed = gap[:, SLOT["checkout_page"]] + gap[:, SLOT["payment_result"]]
    total = gap.sum(axis=1)
    over = np.nonzero(total > budget)[0]
    if len(over):
        factor = (budget - 60 - fixed[over]) / (total[over] - fixed[over])
        free = [k for k, s in enumerate(SLOTS) if s[3] in ("page", "action") and k != BROWSE]
        minimum = np.array(
            [model.page_gap_min if SLOTS[k][3] == "page" else model.action_gap_min for k in free]
        )
        block = gap[np.ix_(over, free)]
        gap[np.ix_(over, free)] = np.where(
            block > 0, np.maximum(minimum, np.floor(block * factor[:, None])), 0
        )
    return gap


def expand_day(
    sess: DaySessions,
    sampler: SkuSampler,
    rng: np.random.Generator,
    model: Model,
    pages_per_session: float,
) -> DayEvents:
    """All events of one day's sessions, in session order then position order."""
    n = len(sess)
    landing = landing_pages(rng, sess.channel, model)
    main_sku = sampler.draw(rng, n)
    count = slot_counts(sess, landing, rng, model)
    gap, created_delay, paid_delay = slot_gaps(count, rng, model)
    gap = fit_budget(gap, model)
    fixed_duration = gap.sum(axis=1)

    # Extra pages: 1 + Geometric with mean pages_per_session − 1 (the funnel page is one of
    # them), cut so that the session stays within its time budget.
    engaged = sess.stage >= ENGAGED
    extra = np.minimum(rng.geometric(1.0 / max(pages_per_session - 1.0, 1.0), n), model.max_extra_pages)
    n_browse = np.where(engaged, np.maximum(extra - count[:, SLOT["funnel_page"]], 0), 0)
    page_session = np.repeat(np.arange(n), n_browse)
    weights = np.array([model.browse_page_weights[t] for t in BROWSE_TYPES])
    no_product = np.where(np.array(BROWSE_TYPES) == "product", 0.0, weights)
    u = rng.random(len(page_session))
    saw_product = sess.stage[page_session] >= PRODUCT_VIEWED
    pick = np.where(
        saw_product,
        np.searchsorted(np.cumsum(weights) / weights.sum(), u, side="right"),
        np.searchsorted(np.cumsum(no_product) / no_product.sum(), u, side="right"),
    )
    page_type = np.array([PT[t] for t in BROWSE_TYPES], dtype=np.int8)[
        np.minimum(pick, len(BROWSE_TYPES) - 1)
    ]
    page_sku = sampler.draw(rng, len(page_session))
    page_gap = clipped_exponential(
        rng, model.page_gap_mean, model.page_gap_min, model.page_gap_max, len(page_session)
    )
    first_page = (np.cumsum(n_browse) - n_browse)[page_session]
    elapsed = fixed_duration[page_session] + segment_cumsum(page_gap, first_page)
    keep = elapsed <= model.session_budget_seconds  # a prefix of each session's pages
    page_session, page_type, page_sku, page_gap = (
        a[keep] for a in (page_session, page_type, page_sku, page_gap)
    )
    page_events = 1 + ((page_type == PT["product"]) | (page_type == PT["search"]))
    count[:, BROWSE] = np.bincount(page_session, weights=page_events, minlength=n).astype(np.int64)

    # Positions: session base + slot offset (+ offset inside BROWSE).
    per_session = count.sum(axis=1)
    base = np.cumsum(per_session) - per_session
    slot_offset = np.cumsum(count, axis=1) - count
    total = int(per_session.sum())
    event_type = np.empty(total, dtype=np.int8)
    page = np.empty(total, dtype=np.int8)
    sku = np.full(total, -1, dtype=np.int32)
    event_gap = np.zeros(total, dtype=np.int64)
    slot = np.empty(total, dtype=np.int8)
    detail_type = np.where(landing == PT["product"], ET["product_view"], ET["search"])
    for k, (name, et, pt, _kind) in enumerate(SLOTS):
        if k == BROWSE:
            continue
        rows = np.nonzero(count[:, k])[0]
        pos = base[rows] + slot_offset[rows, k]
        event_type[pos] = detail_type[rows] if et is None else ET[et]
        page[pos] = landing[rows] if pt is None else PT[pt]
        slot[pos] = k
        event_gap[pos] = gap[rows, k]
        if name in SKU_SLOTS or name in ("landing", "landing_detail", "share"):
            on_product = (page[pos] == PT["product"]) | (name in SKU_SLOTS)
            sku[pos] = np.where(on_product, main_sku[rows], -1)
        elif name == "review":
            sku[pos] = sess.review_sku[rows]
    inside = segment_cumsum(page_events, np.searchsorted(page_session, page_session)) - page_events
    pos = base[page_session] + slot_offset[page_session, BROWSE] + inside
    event_type[pos], page[pos], slot[pos], event_gap[pos] = ET["page_view"], page_type, BROWSE, page_gap
    is_product = page_type == PT["product"]
    sku[pos[is_product]] = page_sku[is_product]
    detail = page_events == 2
    pos = pos[detail] + 1
    event_type[pos] = np.where(is_product[detail], ET["product_view"], ET["search"])
    page[pos], slot[pos], sku[pos] = (
        page_type[detail],
        BROWSE,
        np.where(is_product[detail], page_sku[detail], -1),
    )

    session = np.repeat(np.arange(n), per_session)
    time = sess.start[session] + segment_cumsum(event_gap, base[session])
    member_from = np.full(n, N_SLOTS, dtype=np.int64)
    member_from = np.where(count[:, SLOT["login_checkout"]] > 0, SLOT["login_checkout"], member_from)
    member_from = np.where(count[:, SLOT["register_checkout"]] > 0, SLOT["register_checkout"], member_from)
    member_from = np.where(count[:, SLOT["register_early"]] > 0, SLOT["register_early"], member_from)
    member_from = np.where(sess.logged, 0, member_from)

    checkout = count[:, SLOT["checkout_start"]] > 0
    checkout_time = np.where(
        checkout, time[np.minimum(base + slot_offset[:, SLOT["checkout_start"]], total - 1)], -1
    )
    created = np.where(sess.stage >= ORDERED, checkout_time + created_delay, -1)
    paid = np.where(sess.stage >= PAID, created + paid_delay, -1)
    register_slot = np.where(
        count[:, SLOT["register_early"]] > 0, SLOT["register_early"], SLOT["register_checkout"]
    )
    register_pos = np.minimum(base + slot_offset[np.arange(n), register_slot], total - 1)
    registered_at = np.where(sess.registers, time[register_pos], -1)
    return DayEvents(
        session=session,
        time=time,
        event_type=event_type,
        page_type=page,
        sku=sku,
        logged_in=slot >= member_from[session],
        first=np.arange(total) == base[session],
        main_sku=main_sku,
        order_created=created,
        order_paid=paid,
        registered_at=registered_at,
    )
