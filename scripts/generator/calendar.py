"""The simulated period: days, local-time arithmetic and promotions (seeds/business_calendar.csv).

Times inside the generator are int64 *local seconds*: seconds since 1970-01-01 00:00:00 of
naive Asia/Shanghai time. Asia/Shanghai has no DST, so UTC = local − 8 h exactly.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np

from .model import Model, read_seed

DAY = 86_400
UTC_OFFSET_SECONDS = 8 * 3600  # Asia/Shanghai, no DST
EPOCH = date(1970, 1, 1)


@dataclass(frozen=True)
class CalendarEvent:
    """One promotion or slowdown overlapping the period (indices are period days)."""

    event_id: str
    event: str
    kind: str  # major_promotion | promotion | slowdown
    first_day: int
    last_day: int
    peak_day: int


@dataclass(frozen=True)
class Calendar:
    start: date
    days: int
    events: tuple[CalendarEvent, ...]
    arrival_weight: np.ndarray  # float64[days]: relative number of new visitors per day
    promotion: np.ndarray  # int16[days]: index into `promotions` of the running promotion, −1
    promotions: tuple[CalendarEvent, ...]  # promotion and major_promotion events
    is_major: np.ndarray  # bool[days]: a major promotion (618, Double 11) is running

    @property
    def end(self) -> date:
        return self.start + timedelta(days=self.days - 1)

    @property
    def first_second(self) -> int:
        """Local seconds of start_date 00:00:00."""
        return (self.start - EPOCH).days * DAY

    @property
    def end_second(self) -> int:
        """Local seconds of the end of data: the last day 23:59:59."""
        return self.first_second + self.days * DAY - 1

    def day_start(self, day: np.ndarray | int) -> np.ndarray | int:
        return self.first_second + np.asarray(day, dtype=np.int64) * DAY

    def day_of(self, seconds: np.ndarray) -> np.ndarray:
        """Period day index of local seconds (may be outside 0..days-1)."""
        return (np.asarray(seconds, dtype=np.int64) - self.first_second) // DAY


def _day_index(start: date, value: str) -> int:
    return (date.fromisoformat(value) - start).days


def build_calendar(start: date, days: int, model: Model) -> Calendar:
    """Arrival weights = weekday seasonality × promotions × mild growth (see docs/generator.md)."""
    rows = read_seed("business_calendar")
    events = []
    for row in rows:
        first, last = _day_index(start, row["start_date"]), _day_index(start, row["end_date"])
        if last < 0 or first >= days:
            continue
        events.append(
            CalendarEvent(
                event_id=row["calendar_event_id"],
                event=row["calendar_event"],
                kind=row["event_kind"],
                first_day=first,
                last_day=last,
                peak_day=_day_index(start, row["peak_date"]),
            )
        )
    day = np.arange(days)
    weekday = np.array([(start + timedelta(days=int(d))).weekday() for d in day[:7]])
    weight = np.where(np.resize(weekday, days) >= 5, model.weekend_factor, 1.0)
    weight = weight * (1.0 + model.growth_per_year * day / 365.0)
    promotion = np.full(days, -1, dtype=np.int16)
    is_major = np.zeros(days, dtype=bool)
    promotions: list[CalendarEvent] = []
    for event in events:
        inside = (day >= event.first_day) & (day <= event.last_day)
        if event.kind == "slowdown":
            weight = np.where(inside, weight * model.slowdown_factor, weight)
            continue
        promotion[inside] = len(promotions)
        promotions.append(event)
        if event.kind == "promotion":
            weight = np.where(inside, weight * model.promotion_factor, weight)
        else:  # major promotion: linear ramp from the first day up to the peak factor
            is_major |= inside
            peak = model.major_peak_factor.get(event.event, model.major_peak_factor_default)
            ramp_days = max(event.peak_day - event.first_day + 1, 1)
            step = (day - event.first_day + 1) / ramp_days
            factor = 1.0 + (peak - 1.0) * np.clip(step, 0.0, 1.0)
            weight = np.where(inside & (day <= event.peak_day), weight * factor, weight)
    return Calendar(
        start=start,
        days=days,
        events=tuple(events),
        arrival_weight=weight,
        promotion=promotion,
        promotions=tuple(promotions),
        is_major=is_major,
    )
