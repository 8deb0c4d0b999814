"""Members: who registers (from the population), their PII, and the CDC rows of `members`."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from . import textfmt as fmt
from .calendar import DAY, Calendar
from .model import CHANNELS, Model
from .population import Population, categorical, exclusive_cumsum
from .texts import (
    DISTRICTS,
    EMAIL_DOMAINS,
    EMAIL_WORDS,
    GIVEN_CHARS,
    PROVINCE_WEIGHTS,
    PROVINCES,
    STREETS,
    SURNAMES,
)

CITY_NAMES: tuple[str, ...] = tuple(city for _p, cities, _w in PROVINCES for city in cities)
CITY_OFFSET = exclusive_cumsum(np.array([len(cities) for _p, cities, _w in PROVINCES]))
PROVINCE_WAREHOUSE = np.array([w for _p, _c, w in PROVINCES], dtype=np.int8)


@dataclass
class Members:
    """Registered members (index m, in member-number order)."""

    visitor: np.ndarray  # int32[m]
    member_no: np.ndarray  # int64[v] member number of each visitor, 0 if never registered
    province: np.ndarray  # int16[m]
    city: np.ndarray  # int16[m] index into CITY_NAMES

    @property
    def count(self) -> int:
        return len(self.visitor)

    def warehouse_of_visitor(self) -> np.ndarray:
        """Warehouse serving each visitor's (registration) province; −1 for non-members."""
        result = np.full(len(self.member_no), -1, dtype=np.int8)
        result[self.visitor] = PROVINCE_WAREHOUSE[self.province]
        return result


def draw_cities(rng: np.random.Generator, n: int) -> tuple[np.ndarray, np.ndarray]:
    province = categorical(rng, np.asarray(PROVINCE_WEIGHTS, dtype=float), n).astype(np.int16)
    size = np.diff(CITY_OFFSET)[province]
    city = (CITY_OFFSET[province] + np.floor(rng.random(n) * size)).astype(np.int16)
    return province, city


def number_members(rng: np.random.Generator, pop: Population) -> Members:
    """Member numbers in order of the registration session's start (day, time, visitor)."""
    who = np.nonzero(pop.reg_session >= 0)[0]
    session = pop.reg_session[who]
    order = np.lexsort((who, pop.s_start[session], pop.s_day[session]))
    visitor = who[order].astype(np.int32)
    member_no = np.zeros(pop.visitors, dtype=np.int64)
    member_no[visitor] = np.arange(1, len(visitor) + 1)
    province, city = draw_cities(rng, len(visitor))
    return Members(visitor=visitor, member_no=member_no, province=province, city=city)


def _addresses(rng: np.random.Generator, n: int) -> pa.Array:
    """`<district><street><n>号<b>栋<r>室`."""
    return fmt.join(
        fmt.codes(DISTRICTS, rng.integers(0, len(DISTRICTS), n)),
        fmt.codes(STREETS, rng.integers(0, len(STREETS), n)),
        fmt.integers(rng.integers(1, 1000, n)),
        "号",
        fmt.integers(rng.integers(1, 30, n)),
        "栋",
        fmt.integers(rng.integers(1, 33, n) * 100 + rng.integers(1, 9, n)),
        "室",
    )


def members_columns(
    rng: np.random.Generator,
    members: Members,
    registered_at: np.ndarray,
    channel: np.ndarray,
    calendar: Calendar,
    model: Model,
) -> dict[str, pa.Array]:
    """The registration version of every member, plus a later version (moved address) for
    p_member_update of them when it falls before the end of data."""
    n = members.count
    given_two = rng.random(n) < 0.6
    name = fmt.join(
        fmt.codes(SURNAMES, rng.integers(0, len(SURNAMES), n)),
        fmt.codes(GIVEN_CHARS, rng.integers(0, len(GIVEN_CHARS), n)),
        fmt.codes(GIVEN_CHARS, np.where(given_two, rng.integers(0, len(GIVEN_CHARS), n), -1)),
    )
    phone = fmt.fixed_ids("1", rng.integers(3, 10, n) * 10**9 + rng.integers(0, 10**9, n), 10)
    email = fmt.join(
        fmt.codes(EMAIL_WORDS, rng.integers(0, len(EMAIL_WORDS), n)),
        fmt.integers(rng.integers(10, 10000, n)),
        "@",
        fmt.codes(EMAIL_DOMAINS, rng.integers(0, len(EMAIL_DOMAINS), n)),
    )
    gender = categorical(rng, np.asarray(model.gender_share), n)
    age_days = rng.uniform(model.age_years[0], model.age_years[1] + 1, n) * 365.25
    birth_day = (registered_at // DAY - age_days).astype(np.int64)
    address = _addresses(rng, n)
    updates = rng.random(n) < model.p_member_update
    updated_at = registered_at + np.rint(rng.uniform(*model.member_update_days, n) * DAY).astype(np.int64)
    updates &= updated_at <= calendar.end_second
    new_province, new_city = draw_cities(rng, n)
    new_address = _addresses(rng, n)

    second = np.nonzero(updates)[0]
    rows = np.concatenate([np.arange(n), second])  # member index of each row
    is_update = np.concatenate([np.zeros(n, bool), np.ones(len(second), bool)])
    sort = np.lexsort((is_update, rows))
    rows, is_update = rows[sort], is_update[sort]
    province = np.where(is_update, new_province[rows], members.province[rows])
    city = np.where(is_update, new_city[rows], members.city[rows])
    row_index = pa.array(rows)
    return {
        "member_id": fmt.fixed_ids("M", rows + 1, 9),
        "registered_at": fmt.timestamps(registered_at[rows]),
        "acquisition_channel": fmt.codes(CHANNELS, channel[rows]),
        "gender": fmt.codes(("m", "f", "unknown"), gender[rows]),
        "birth_date": fmt.dates(birth_day[rows], unit="D"),
        "province": fmt.codes([p for p, _c, _w in PROVINCES], province),
        "city": fmt.codes(CITY_NAMES, city),
        "phone": phone.take(row_index),
        "email": email.take(row_index),
        "real_name": name.take(row_index),
        "address": pc.if_else(pa.array(is_update), new_address.take(row_index), address.take(row_index)),
        "updated_at": fmt.timestamps(np.where(is_update, updated_at[rows], registered_at[rows])),
    }
