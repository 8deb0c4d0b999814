"""The behavioural parameters of the generator (its *model*) and the seeds it reads.

Every number that shapes the synthetic shop lives here, once, so that
`manifest.json` (`parameters`) and docs/generator.md can list them and the planted truths
are computed from the same values the simulation uses.
"""

from __future__ import annotations

import csv
import math
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

PROJECT_DIR = Path(__file__).resolve().parents[2]
SEEDS_DIR = PROJECT_DIR / "seeds"

# Canonical codes (seeds/channels.csv, event_types.csv, page_types.csv, ...). The index of a
# code in these tuples is the integer the simulation carries around.
CHANNELS: tuple[str, ...] = (
    "direct",
    "organic_search",
    "paid_search",
    "social_organic",
    "paid_social",
    "display",
    "affiliate",
    "referral",
    "crm",
)
CH: dict[str, int] = {name: i for i, name in enumerate(CHANNELS)}
ACQUISITION_CHANNELS: tuple[str, ...] = CHANNELS[:-1]  # CRM only reaches existing members
PAID_CHANNELS: tuple[str, ...] = ("paid_search", "paid_social", "display", "affiliate")
PLATFORMS: tuple[str, ...] = ("app", "mini_program", "web")
EVENT_TYPES: tuple[str, ...] = (
    "page_view",
    "product_view",
    "search",
    "favorite",
    "add_to_cart",
    "remove_from_cart",
    "cs_chat",
    "register",
    "login",
    "checkout_start",
    "sign_in",
    "review",
    "share",
)
ET: dict[str, int] = {name: i for i, name in enumerate(EVENT_TYPES)}
PAGE_TYPES: tuple[str, ...] = (
    "home",
    "category",
    "product",
    "search",
    "cart",
    "checkout",
    "activity",
    "member",
    "other",
)
PT: dict[str, int] = {name: i for i, name in enumerate(PAGE_TYPES)}
ORDER_STATUSES: tuple[str, ...] = (
    "pending_payment",
    "paid",
    "shipped",
    "completed",
    "cancelled",
    "closed",
    "fraud",
)
OS: dict[str, int] = {name: i for i, name in enumerate(ORDER_STATUSES)}
RETURN_STATUSES: tuple[str, ...] = ("requested", "completed", "rejected")
WAREHOUSES: tuple[str, ...] = ("WH_SH", "WH_GZ", "WH_BJ")
CARRIERS: tuple[str, ...] = ("SF", "ZTO", "YTO", "JD", "EMS")
RETURN_REASONS: tuple[str, ...] = ("尺码不合适", "质量问题", "不喜欢", "发错货", "七天无理由")


@dataclass(frozen=True)
class ChannelParams:
    """Behaviour of one channel (acquisition share, session quality, cost)."""

    acquisition_share: float  # share of NEW visitors acquired by the channel
    bounce: float  # P(session is a bounce) for sessions of this channel
    conversion_mult: float  # multiplies the add-to-cart step of the funnel
    retention_mult: float | None  # multiplies the daily activity probability (acquisition)
    registration_intent: float | None  # P(visitor intends to register), by acquisition channel
    returning_share: float  # weight in the mix of returning (non-first) sessions
    cpc: float | None = None  # expected cost per click (paid channels)
    ctr: float | None = None  # click-through rate used to derive impressions


CHANNEL_PARAMS: dict[str, ChannelParams] = {
    "direct": ChannelParams(0.18, 0.30, 1.2, 1.2, 0.15, 0.40),
    "organic_search": ChannelParams(0.22, 0.40, 1.0, 1.0, 0.10, 0.15),
    "paid_search": ChannelParams(0.15, 0.35, 1.1, 0.9, 0.10, 0.10, cpc=2.20, ctr=0.030),
    "social_organic": ChannelParams(0.10, 0.55, 0.7, 0.8, 0.08, 0.06),
    "paid_social": ChannelParams(0.15, 0.60, 0.6, 0.7, 0.06, 0.08, cpc=0.90, ctr=0.015),
    "display": ChannelParams(0.06, 0.65, 0.5, 0.6, 0.05, 0.02, cpc=0.60, ctr=0.010),
    "affiliate": ChannelParams(0.06, 0.40, 1.3, 0.8, 0.10, 0.04, cpc=1.50, ctr=0.020),
    "referral": ChannelParams(0.08, 0.45, 0.8, 0.9, 0.08, 0.03),
    "crm": ChannelParams(0.0, 0.25, 1.4, None, None, 0.12),
}


@dataclass(frozen=True)
class Model:
    """All behavioural constants. CLI values (pages per session, conversion scale, bot share,
    SKU count) are passed separately and recorded next to these in the manifest."""

    # --- arrivals of NEW visitors -------------------------------------------------------
    weekend_factor: float = 1.2
    promotion_factor: float = 1.5
    slowdown_factor: float = 0.6
    major_peak_factor: dict[str, float] = field(
        default_factory=lambda: {"mid_year_618": 3.0, "double_11": 5.0}
    )
    major_peak_factor_default: float = 3.0
    growth_per_year: float = 0.25  # arrival weight × (1 + growth · day / 365)
    # --- visitors ----------------------------------------------------------------------
    platform_share: tuple[float, ...] = (0.55, 0.30, 0.15)  # app, mini_program, web
    lambda_levels: tuple[float, ...] = (0.5 / 0.935, 1.0 / 0.935, 2.4 / 0.935)
    lambda_weights: tuple[float, ...] = (0.55, 0.30, 0.15)
    # day-N activity probability p(N) = a · N^(-b) + c, times λ · retention_mult, capped at 1
    retention_a: float = 0.22
    retention_b: float = 0.6
    retention_c: float = 0.01
    retention_dense_days: int = 30  # offsets sampled with a dense uniform matrix
    # --- sessions ----------------------------------------------------------------------
    extra_sessions_poisson: float = 0.25  # sessions per active day = 1 + Poisson, capped
    max_sessions_per_day: int = 3
    # relative weight of session starts per hour 0..22 (hour 0 only from 00:30)
    hour_profile: tuple[float, ...] = (
        0.5,
        0.5,
        0.3,
        0.2,
        0.2,
        0.3,
        0.6,
        1.2,
        2.0,
        3.0,
        4.2,
        4.6,
        4.4,
        3.2,
        3.0,
        3.0,
        3.2,
        3.5,
        3.8,
        4.6,
        5.6,
        6.0,
        5.4,
    )
    first_session_second: int = 1800  # 00:30
    last_session_second: int = 23 * 3600  # starts before 23:00
    session_budget_seconds: int = 54 * 60  # last event − first event ≤ 54 min (< 55)
    min_session_spacing_seconds: int = (55 + 31) * 60  # start-to-start on the same day
    returning_keeps_acquisition: float = 0.5  # P(later session uses the acquisition channel)
    login_share: tuple[float, ...] = (0.95, 0.85, 0.60)  # member logged in at start, by platform
    # --- session content ---------------------------------------------------------------
    page_gap_mean: float = 45.0  # seconds, exponential
    page_gap_min: int = 5  # ≥ 5 s between pages: a human never exceeds 30 events a minute
    page_gap_max: int = 1200
    action_gap_mean: float = 12.0  # interactions (add to cart, login, ...)
    action_gap_min: int = 3
    action_gap_max: int = 120
    max_extra_pages: int = 40  # keeps a human below 500 events a day
    browse_page_weights: dict[str, float] = field(
        default_factory=lambda: {
            "category": 0.25,
            "search": 0.15,
            "product": 0.30,
            "home": 0.12,
            "activity": 0.12,
            "member": 0.06,
        }
    )
    paid_search_product_landing: float = 0.6  # else the search results page
    organic_home_landing: float = 0.5  # organic/affiliate/referral: home, else category
    # funnel (nested Bernoullis on engaged sessions)
    p_product_view: float = 0.75
    p_cart_base: float = 0.25  # × conversion_mult × conversion_scale, capped
    p_cart_cap: float = 0.9
    p_checkout: float = 0.45
    p_order: float = 0.80
    p_paid: float = 0.88
    order_delay_seconds: tuple[int, int] = (60, 180)  # checkout_start → order created
    payment_delay_seconds: tuple[int, int] = (30, 300)  # created → paid
    result_page_delay_seconds: tuple[int, int] = (3, 10)  # paid → payment-result page
    checkout_page_delay_seconds: tuple[int, int] = (3, 10)  # checkout_start → checkout page
    # other interactions
    p_favorite_engaged: float = 0.06
    p_remove_from_cart: float = 0.10
    p_cs_chat: float = 0.04
    p_share: float = 0.03
    p_review: float = 0.05
    p_sign_in_app: float = 0.30
    # registration
    registration_on_first_day: float = 0.6
    # --- orders ------------------------------------------------------------------------
    extra_lines_poisson: float = 0.6
    max_lines: int = 5
    extra_quantity_poisson: float = 0.3
    zipf_exponent: float = 1.07
    promo_discount: tuple[float, float] = (0.10, 0.20)
    coupon_share: float = 0.30
    coupon_yuan: tuple[int, int] = (5, 30)
    coupon_max_share_of_goods: float = 1 / 3  # a coupon never exceeds a third of the goods
    free_shipping_threshold: float = 99.0
    shipping_fee: float = 10.0
    close_unpaid_after_seconds: int = 1800
    p_cancel_paid: float = 0.03
    p_fraud_paid: float = 0.005
    cancel_delay_hours: tuple[float, float] = (0.5, 12.0)
    fraud_delay_seconds: int = 600
    completed_after_delivery_days: int = 7
    # --- shipments ---------------------------------------------------------------------
    ship_median_hours: float = 20.0
    ship_sigma: float = 0.6
    ship_hours_clip: tuple[float, float] = (0.5, 96.0)
    major_promotion_ship_factor: float = 2.0
    transit_days: tuple[float, float] = (1.0, 4.0)
    major_promotion_extra_transit_days: tuple[float, float] = (1.0, 3.0)
    p_split: float = 0.05  # P(order ships in two packages), among ALL valid orders
    second_package_days: tuple[float, float] = (1.0, 3.0)
    logistics_fee: tuple[float, float] = (6.0, 15.0)
    warehouse_fee: tuple[float, float] = (1.5, 4.0)
    carrier_share: tuple[float, ...] = (0.25, 0.25, 0.20, 0.20, 0.10)
    # --- returns -----------------------------------------------------------------------
    p_return: float = 0.08
    p_return_completed: float = 0.90
    return_request_days: tuple[float, float] = (1.0, 10.0)
    return_decision_days: tuple[float, float] = (1.0, 5.0)
    return_maturity_days: int = 45
    next_order_maturity_days: int = 90
    # --- products ----------------------------------------------------------------------
    skus_per_spu: tuple[int, int] = (1, 5)
    unit_cost_share: tuple[float, float] = (0.35, 0.65)
    price_sigma: float = 0.5
    min_price: float = 9.9
    share_listed_before_start: float = 0.8
    share_delisted: float = 0.10
    # --- inventory and purchasing ------------------------------------------------------
    warehouses_per_sku: tuple[int, int] = (1, 3)
    initial_stock_days: float = 30.0
    reorder_point_days: float = 14.0
    order_up_to_days: float = 45.0
    lead_time_days: tuple[int, int] = (3, 14)
    p_late_po: float = 0.10
    late_extra_days: tuple[int, int] = (7, 20)
    p_short_delivery: float = 0.05
    short_delivery_share: tuple[float, float] = (0.80, 0.95)
    # --- marketing ---------------------------------------------------------------------
    clicks_per_landed_session: tuple[float, float] = (1.05, 1.25)
    cpc_noise: tuple[float, float] = (0.9, 1.1)
    promo_campaign_share: float = 0.4  # paid sessions during a promotion on its campaign
    crm_promo_campaign_share: float = 0.5
    crm_push_share: float = 0.6  # outside promotions: push, else e-mail
    crm_cost_per_touch: dict[str, float] = field(
        default_factory=lambda: {"sms": 0.05, "push": 0.0, "email": 0.01}
    )
    crm_send_share: float = 0.20  # share of members a bulk CRM send reaches
    crm_delivered: float = 0.95
    crm_opened: float = 0.15
    crm_click_lead_hours: tuple[float, float] = (1.0, 6.0)
    # --- members -----------------------------------------------------------------------
    gender_share: tuple[float, ...] = (0.48, 0.48, 0.04)  # m, f, unknown
    age_years: tuple[int, int] = (18, 60)
    p_member_update: float = 0.20
    member_update_days: tuple[float, float] = (1.0, 180.0)
    # --- bots --------------------------------------------------------------------------
    bot_user_agent_share: float = 0.6  # else a browser UA with an inhuman event rate
    ua_bot_days_poisson: float = 2.0
    ua_bot_pages_per_day: tuple[int, int] = (20, 200)
    fast_bot_pages: tuple[int, int] = (300, 2000)
    fast_bot_minutes: tuple[float, float] = (5.0, 20.0)
    fast_bot_min_rate_per_minute: float = 40.0  # every full minute has > 30 events

    def retention_probability(self, offset: Any) -> Any:
        """p(N): the base probability that a visitor is active N days after the first visit."""
        return self.retention_a * offset ** (-self.retention_b) + self.retention_c

    def split_probability_if_splittable(self) -> float:
        """P(split | ≥ 2 units): one-unit orders cannot split, so the rate among the others is
        raised so that exactly p_split of ALL valid orders split (order_fill_rate truth)."""
        p_one_unit = math.exp(-self.extra_lines_poisson) * math.exp(-self.extra_quantity_poisson)
        return self.p_split / (1.0 - p_one_unit)

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


MODEL = Model()


# --- seeds --------------------------------------------------------------------------------
def read_seed(name: str) -> list[dict[str, str]]:
    """Rows of seeds/<name>.csv as dictionaries."""
    with (SEEDS_DIR / f"{name}.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def bot_patterns() -> list[str]:
    """Lower-case substrings that mark a bot user agent (seeds/bot_user_agents.csv)."""
    return [row["pattern"].lower() for row in read_seed("bot_user_agents")]


def code_aliases(code_type: str) -> dict[str, list[str]]:
    """code → raw aliases that seeds/code_mapping.csv maps to it (excluding the code itself)."""
    aliases: dict[str, list[str]] = {}
    for row in read_seed("code_mapping"):
        if row["code_type"] == code_type and row["raw_code"] != row["code"]:
            aliases.setdefault(row["code"], []).append(row["raw_code"])
    return aliases


def channel_parameters() -> dict[str, dict[str, Any]]:
    """Channel table for the manifest."""
    return {name: asdict(params) for name, params in CHANNEL_PARAMS.items()}
