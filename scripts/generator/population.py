"""Visitors, their active days, their sessions and the session outcomes — without events.

This is the cheap, visitor-level half of the simulation. It is run twice: once on a pilot
population to calibrate how many new visitors yield `--members` registered members, and
once for real. Everything is vectorised over visitors / sessions; loops run over offsets,
session ranks or retries, never over individual visitors.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .calendar import Calendar
from .campaigns import Campaigns, assign_campaigns
from .model import ACQUISITION_CHANNELS, CH, CHANNEL_PARAMS, CHANNELS, Model

BOUNCE = np.array([CHANNEL_PARAMS[c].bounce for c in CHANNELS])
CONVERSION_MULT = np.array([CHANNEL_PARAMS[c].conversion_mult for c in CHANNELS])
RETENTION_MULT = np.array([CHANNEL_PARAMS[c].retention_mult or 0.0 for c in CHANNELS])
REGISTRATION_INTENT = np.array([CHANNEL_PARAMS[c].registration_intent or 0.0 for c in CHANNELS])
ACQUISITION_SHARE = np.array([CHANNEL_PARAMS[c].acquisition_share for c in ACQUISITION_CHANNELS])
RETURNING_SHARE = np.array([CHANNEL_PARAMS[c].returning_share for c in CHANNELS])

# Funnel stages of a session (nested: each stage implies the previous ones).
BOUNCED, ENGAGED, PRODUCT_VIEWED, CARTED, CHECKED_OUT, ORDERED, PAID = range(7)


def categorical(rng: np.random.Generator, weights: np.ndarray, n: int) -> np.ndarray:
    """n draws of indices with probability ∝ weights (inverse CDF on uniforms)."""
    cdf = np.cumsum(weights, dtype=np.float64)
    pick = np.searchsorted(cdf / cdf[-1], rng.random(n), side="right")
    return np.minimum(pick, len(weights) - 1)


def exclusive_cumsum(counts: np.ndarray) -> np.ndarray:
    out = np.zeros(len(counts) + 1, dtype=np.int64)
    np.cumsum(counts, out=out[1:])
    return out


@dataclass
class Population:
    """Visitors (index v) and their sessions (index s, visitor-major, in time order)."""

    d0: np.ndarray  # int16[v] first-visit day
    channel: np.ndarray  # int8[v] acquisition channel
    platform: np.ndarray  # int8[v]
    lam: np.ndarray  # float64[v] engagement λ
    act_off: np.ndarray  # int64[v+1] CSR offsets into act_day
    act_day: np.ndarray  # int16[a] active days, ascending per visitor
    sess_off: np.ndarray  # int64[v+1] CSR offsets into sessions
    s_visitor: np.ndarray  # int32[s]
    s_day: np.ndarray  # int16[s]
    s_start: np.ndarray  # int32[s] start, seconds after local midnight
    s_channel: np.ndarray  # int8[s]
    s_stage: np.ndarray  # int8[s] funnel stage (BOUNCED .. PAID)
    s_member: np.ndarray  # bool[s] visitor is a registered member at session start
    s_logged: np.ndarray  # bool[s] logged in from the session's first event
    s_campaign: np.ndarray  # int16[s] campaign index or −1
    reg_session: np.ndarray  # int64[v] session in which the visitor registers, −1 if never

    @property
    def visitors(self) -> int:
        return len(self.d0)

    @property
    def sessions(self) -> int:
        return len(self.s_visitor)

    def member_fraction(self) -> float:
        return float(np.mean(self.reg_session >= 0)) if self.visitors else 0.0


def draw_arrivals(rng: np.random.Generator, n: int, calendar: Calendar) -> np.ndarray:
    """First-visit day of n new visitors, ∝ the calendar's arrival weights (sorted)."""
    weight = calendar.arrival_weight / calendar.arrival_weight.sum()
    counts = rng.multinomial(n, weight)
    return np.repeat(np.arange(calendar.days, dtype=np.int16), counts)


def sample_activity(
    rng: np.random.Generator, d0: np.ndarray, days: int, scale: np.ndarray, model: Model
) -> tuple[np.ndarray, np.ndarray]:
    """Active days per visitor: d0, plus each later offset N independently with probability
    min(1, scale · p(N)). Offsets ≤ dense_days use a dense uniform matrix; the long tail uses
    geometric gaps at the visitor's maximal tail probability q, thinned by min(1, scale·p)/q,
    which is an exact sequence of independent Bernoulli trials."""
    n = len(d0)
    horizon = days - 1 - d0.astype(np.int64)
    dense = model.retention_dense_days
    offsets = np.arange(1, dense + 1)
    p_dense = model.retention_probability(offsets.astype(np.float64))
    visitors, found = [np.arange(n, dtype=np.int64)], [np.zeros(n, dtype=np.int64)]
    chunk = 1 << 17
    for lo in range(0, n, chunk):
        hi = min(n, lo + chunk)
        prob = np.minimum(1.0, scale[lo:hi, None] * p_dense[None, :])
        hit = (rng.random((hi - lo, dense)) < prob) & (offsets[None, :] <= horizon[lo:hi, None])
        rows, cols = np.nonzero(hit)
        visitors.append(rows + lo)
        found.append(cols + 1)
    q = np.minimum(1.0, scale * model.retention_probability(float(dense + 1)))
    who = np.nonzero(horizon > dense)[0]
    position = np.full(len(who), dense, dtype=np.int64)
    while len(who):
        position = position + rng.geometric(q[who])
        inside = position <= horizon[who]
        who, position = who[inside], position[inside]
        target = np.minimum(1.0, scale[who] * model.retention_probability(position.astype(np.float64)))
        accept = rng.random(len(who)) * q[who] < target
        visitors.append(who[accept])
        found.append(position[accept])
    key = np.sort(np.concatenate(visitors) * days + np.concatenate(found))
    visitor, offset = key // days, key % days
    act_off = exclusive_cumsum(np.bincount(visitor, minlength=n))
    return act_off, (d0[visitor] + offset).astype(np.int16)


def sample_time_of_day(rng: np.random.Generator, n: int, model: Model) -> np.ndarray:
    """Session start seconds in [00:30, 23:00) from the hour-of-day profile."""
    hour = categorical(rng, np.asarray(model.hour_profile), n)
    low = np.where(hour == 0, model.first_session_second, hour * 3600)
    high = np.minimum((hour + 1) * 3600, model.last_session_second)
    return (low + np.floor(rng.random(n) * (high - low))).astype(np.int32)


def sample_start_times(rng: np.random.Generator, per_day: np.ndarray, model: Model) -> np.ndarray:
    """Start seconds of the sessions of each active day, ascending within the day and at least
    `min_session_spacing_seconds` apart (whole days are redrawn until they comply: rejection
    sampling from the hour profile conditioned on the spacing)."""
    start = sample_time_of_day(rng, int(per_day.sum()), model)
    first = exclusive_cumsum(per_day)[:-1]
    spacing = model.min_session_spacing_seconds
    for size in range(2, model.max_sessions_per_day + 1):
        groups = np.nonzero(per_day == size)[0]
        if not len(groups):
            continue
        index = first[groups][:, None] + np.arange(size)[None, :]
        block = np.sort(start[index], axis=1)
        bad = np.nonzero(np.any(np.diff(block, axis=1) < spacing, axis=1))[0]
        while len(bad):
            block[bad] = np.sort(sample_time_of_day(rng, len(bad) * size, model).reshape(-1, size), axis=1)
            bad = bad[np.any(np.diff(block[bad], axis=1) < spacing, axis=1)]
        start[index] = block
    return start


def funnel_stage(channel: np.ndarray, u: np.ndarray, model: Model, conversion_scale: float) -> np.ndarray:
    """Stage reached by each session given its channel and six uniforms (rows of u)."""
    cart = np.minimum(model.p_cart_cap, model.p_cart_base * CONVERSION_MULT[channel] * conversion_scale)
    ok = u[0] >= BOUNCE[channel]
    stage = ok.astype(np.int8)
    for row, p in enumerate(
        (model.p_product_view, cart, model.p_checkout, model.p_order, model.p_paid), start=1
    ):
        ok &= u[row] < p
        stage += ok
    return stage


def simulate_population(
    n: int,
    calendar: Calendar,
    model: Model,
    rngs: dict[str, np.random.Generator],
    conversion_scale: float,
    campaigns: Campaigns | None,
) -> Population:
    """The whole visitor- and session-level simulation (see the module docstring)."""
    rng = rngs["visitors"]
    d0 = draw_arrivals(rng, n, calendar)
    channel = categorical(rng, ACQUISITION_SHARE, n).astype(np.int8)
    platform = categorical(rng, np.asarray(model.platform_share), n).astype(np.int8)
    lam = np.asarray(model.lambda_levels)[categorical(rng, np.asarray(model.lambda_weights), n)]
    intends = rng.random(n) < REGISTRATION_INTENT[channel]
    intends_first_day = rng.random(n) < model.registration_on_first_day
    intent_pick = rng.random(n)

    act_off, act_day = sample_activity(
        rngs["activity"], d0, calendar.days, lam * RETENTION_MULT[channel], model
    )
    rng = rngs["sessions"]
    n_active = np.diff(act_off)
    per_day = np.minimum(
        model.max_sessions_per_day, 1 + rng.poisson(model.extra_sessions_poisson, len(act_day))
    )
    s_active = np.repeat(np.arange(len(act_day)), per_day)
    s_visitor = np.repeat(np.arange(n, dtype=np.int32), n_active)[s_active]
    s_day = act_day[s_active]
    s_start = sample_start_times(rng, per_day, model)
    first_of_active = exclusive_cumsum(per_day)
    sess_off = first_of_active[act_off]
    n_sessions = len(s_visitor)
    s_index = np.arange(n_sessions, dtype=np.int64)

    # Candidate channel: acquisition channel for the first session, else a returning mix.
    first_session = s_index == sess_off[s_visitor]
    keep = rng.random(n_sessions) < model.returning_keeps_acquisition
    mix = categorical(rng, RETURNING_SHARE, n_sessions).astype(np.int8)
    candidate = np.where(first_session | keep, channel[s_visitor], mix)
    u = rng.random((6, n_sessions), dtype=np.float32)
    u_login = rng.random(n_sessions, dtype=np.float32)

    # Registration: the first of (a) the intent session and (b) the first session reaching
    # checkout. Channels depend on membership (CRM reaches members only), so (b) is computed
    # under "member after the intent session"; sessions before the true registration are
    # identical under both assumptions, hence the first checkout found is the true one.
    never = n_sessions
    intent_session = np.full(n, never, dtype=np.int64)
    on_first = intends & intends_first_day
    intent_session[on_first] = sess_off[:-1][on_first]
    later = intends & ~intends_first_day & (n_active >= 2)
    pick = 1 + np.floor(intent_pick[later] * (n_active[later] - 1)).astype(np.int64)
    intent_session[later] = first_of_active[act_off[:-1][later] + pick]
    crm_candidate = candidate == CH["crm"]
    member_a = s_index > intent_session[s_visitor]
    stage_a = funnel_stage(
        np.where(crm_candidate & ~member_a, CH["direct"], candidate), u, model, conversion_scale
    )
    first_checkout = (
        np.minimum.reduceat(np.where(stage_a >= CHECKED_OUT, s_index, never), sess_off[:-1])
        if n
        else np.zeros(0, np.int64)
    )
    registration = np.minimum(intent_session, first_checkout)
    s_member = s_index > registration[s_visitor]
    s_channel = np.where(crm_candidate & ~s_member, CH["direct"], candidate).astype(np.int8)
    s_stage = funnel_stage(s_channel, u, model, conversion_scale)
    login_share = np.asarray(model.login_share, dtype=np.float32)[platform[s_visitor]]
    s_logged = s_member & ((s_channel == CH["crm"]) | (u_login < login_share))
    s_campaign = (
        assign_campaigns(rngs["campaigns"], s_channel, s_day, calendar, campaigns, model)
        if campaigns is not None
        else np.full(n_sessions, -1, dtype=np.int16)
    )
    return Population(
        d0=d0,
        channel=channel,
        platform=platform,
        lam=lam,
        act_off=act_off,
        act_day=act_day,
        sess_off=sess_off,
        s_visitor=s_visitor,
        s_day=s_day,
        s_start=s_start,
        s_channel=s_channel,
        s_stage=s_stage,
        s_member=s_member,
        s_logged=s_logged,
        s_campaign=s_campaign,
        reg_session=np.where(registration < never, registration, -1),
    )
