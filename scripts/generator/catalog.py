"""The product catalogue (SKUs in SPUs) and which SKUs are on sale on each day."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pyarrow as pa

from . import textfmt as fmt
from .calendar import DAY, Calendar
from .model import Model
from .population import categorical
from .texts import CATEGORIES


@dataclass
class Catalog:
    spu: np.ndarray  # int32[k] SPU number (1-based)
    category: np.ndarray  # int8[k] index into CATEGORIES
    subcategory: np.ndarray  # int8[k]
    brand: np.ndarray  # int8[k]
    variant: np.ndarray  # int8[k]
    price: np.ndarray  # int64[k] list price, cents
    cost: np.ndarray  # int64[k] unit cost, cents
    listed_day: np.ndarray  # int32[k] period day of listing (negative: before the start)
    delisted_day: np.ndarray  # int32[k] period day of delisting, or a day after the period
    popularity: np.ndarray  # float64[k] Zipf weight

    @property
    def size(self) -> int:
        return len(self.spu)

    def on_sale(self, day: int) -> np.ndarray:
        return (self.listed_day <= day) & (day < self.delisted_day)

    def sampler(self, day: int) -> SkuSampler:
        return SkuSampler(np.cumsum(np.where(self.on_sale(day), self.popularity, 0.0)))


@dataclass
class SkuSampler:
    """Zipf-popular SKUs among those on sale on one day."""

    cdf: np.ndarray

    @property
    def available(self) -> int:
        return int(np.count_nonzero(np.diff(self.cdf, prepend=0.0)))

    def draw(self, rng: np.random.Generator, n: int) -> np.ndarray:
        pick = np.searchsorted(self.cdf, rng.random(n) * self.cdf[-1], side="right")
        return np.minimum(pick, len(self.cdf) - 1).astype(np.int32)


def build_catalog(rng: np.random.Generator, n_skus: int, calendar: Calendar, model: Model) -> Catalog:
    low, high = model.skus_per_spu
    spu_sizes = rng.integers(low, high + 1, size=n_skus)  # more than enough SPUs
    spu = np.repeat(np.arange(1, n_skus + 1, dtype=np.int32), spu_sizes)[:n_skus]
    n_spu = int(spu[-1])
    spu_category = rng.integers(0, len(CATEGORIES), size=n_spu)
    spu_sub = np.array([rng.integers(0, len(CATEGORIES[c].subcategories)) for c in spu_category])
    spu_brand = rng.integers(0, 5, size=n_spu)
    median = np.array([CATEGORIES[c].median_price for c in spu_category])
    spu_price = np.exp(np.log(median) + model.price_sigma * rng.standard_normal(n_spu))
    category = spu_category[spu - 1].astype(np.int8)
    # variants of one SPU differ a little in price; prices end in .90 like real shelves
    yuan = spu_price[spu - 1] * rng.uniform(0.95, 1.05, size=n_skus)
    price = np.maximum(np.round(yuan) * 100 - 10, int(model.min_price * 100)).astype(np.int64)
    cost = np.round(price * rng.uniform(*model.unit_cost_share, size=n_skus)).astype(np.int64)
    before = rng.random(n_skus) < model.share_listed_before_start
    before[0] = True  # at least one SKU is always on sale
    listed = np.where(before, -rng.integers(1, 366, size=n_skus), rng.integers(0, calendar.days, size=n_skus))
    delist = (rng.random(n_skus) < model.share_delisted) & (listed + 7 < calendar.days - 1)
    delist[0] = False
    earliest = np.clip(listed + 7, 1, calendar.days)
    delisted_at = earliest + np.floor(rng.random(n_skus) * (calendar.days - earliest)).astype(np.int64)
    delisted = np.where(delist, delisted_at, calendar.days + 1)
    rank = rng.permutation(n_skus) + 1
    return Catalog(
        spu=spu,
        category=category,
        subcategory=spu_sub[spu - 1].astype(np.int8),
        brand=spu_brand[spu - 1].astype(np.int8),
        variant=categorical(rng, np.ones(5), n_skus).astype(np.int8),
        price=price,
        cost=cost,
        listed_day=listed.astype(np.int32),
        delisted_day=delisted.astype(np.int32),
        popularity=1.0 / rank**model.zipf_exponent,
    )


def products_table(catalog: Catalog, calendar: Calendar) -> dict[str, pa.Array]:
    """Columns of the `products` raw table (listing times are midnights)."""
    names, sub_names, brand_names = [], [], []
    for c, s, b, v in zip(catalog.category, catalog.subcategory, catalog.brand, catalog.variant):
        cat = CATEGORIES[c]
        names.append(f"{cat.brands[b]} {cat.subcategories[s]} {cat.variants[v]}")
        sub_names.append(cat.subcategories[s])
        brand_names.append(cat.brands[b])
    delisted = catalog.delisted_day < calendar.days
    return {
        "sku_id": fmt.fixed_ids("SKU", np.arange(1, catalog.size + 1), 6),
        "spu_id": fmt.fixed_ids("SPU", catalog.spu, 5),
        "sku_name": pa.array(names, type=pa.string()),
        "category_l1": fmt.codes([c.name for c in CATEGORIES], catalog.category),
        "category_l2": pa.array(sub_names, type=pa.string()),
        "brand": pa.array(brand_names, type=pa.string()),
        "list_price": fmt.money(catalog.price),
        "unit_cost": fmt.money(catalog.cost),
        "listed_at": fmt.timestamps(calendar.first_second + catalog.listed_day.astype(np.int64) * DAY),
        "delisted_at": fmt.timestamps(
            calendar.first_second + catalog.delisted_day.astype(np.int64) * DAY, delisted
        ),
    }
