"""Tests of the synthetic raw-data generator (scripts/generate_raw.py, scripts/generator/).

Small generated datasets (a few hundred to a few thousand members) are built once per
module in pytest temporary folders; every test reads the written files back, so what is
checked is what dbt will read.
"""

from __future__ import annotations

import csv
import json
import re
import sys
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from decimal import Decimal
from pathlib import Path
from typing import Any

import duckdb
import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))

from generator.cli import main  # noqa: E402 (after the sys.path insert)
from generator.model import MODEL, bot_patterns  # noqa: E402 (after the sys.path insert)
from generator.population import sample_activity  # noqa: E402 (after the sys.path insert)
from generator.texts import HUMAN_USER_AGENTS  # noqa: E402 (after the sys.path insert)
from raw_contract import TABLE_COLUMNS, TABLES  # noqa: E402 (after the sys.path insert)

SMALL = ["--members", "300", "--days", "40", "--seed", "7", "--quiet"]
TINY = ["--members", "40", "--days", "12", "--skus", "5", "--seed", "3", "--quiet"]  # heavy dirt, tiny tables
MEDIUM = ["--members", "2500", "--days", "120", "--seed", "11", "--quiet"]
SHANGHAI = timezone(timedelta(hours=8))


# --- fixtures -----------------------------------------------------------------------------
def generate(folder: Path, *args: str) -> Path:
    assert main(["--out", str(folder), *args]) == 0
    return folder


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return generate(tmp_path_factory.mktemp("small"), *SMALL)


@pytest.fixture(scope="module")
def small_dirty(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return generate(tmp_path_factory.mktemp("small_dirty"), *SMALL, "--dirty", "0.05")


@pytest.fixture(scope="module")
def tiny(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return generate(tmp_path_factory.mktemp("tiny"), *TINY)


@pytest.fixture(scope="module")
def tiny_dirty(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return generate(tmp_path_factory.mktemp("tiny_dirty"), *TINY, "--dirty", "0.5")


@pytest.fixture(scope="module")
def medium(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return generate(tmp_path_factory.mktemp("medium"), *MEDIUM)


def manifest(out: Path) -> dict[str, Any]:
    return json.loads((out / "manifest.json").read_text(encoding="utf-8"))


def part_files(out: Path, table: str) -> list[Path]:
    return sorted((out / table).glob("part-*.parquet")) + sorted((out / table).glob("part-*.csv"))


def read(out: Path, table: str) -> pd.DataFrame:
    """All part files of a table, in part order, as text (None for empty)."""
    tables = [pq.read_table(p) for p in part_files(out, table)]
    return pa.concat_tables(tables).to_pandas().astype(object).where(lambda d: d.notna(), None)


@pytest.fixture(scope="module")
def medium_db(medium: Path) -> duckdb.DuckDBPyConnection:
    con = duckdb.connect()
    for table in TABLES:
        con.execute(f"create view {table} as select * from read_parquet('{medium}/{table}/*.parquet')")
    return con


# --- parsers of the accepted raw formats (docs/raw_contract.md), written independently ----
def parse_timestamp(text: str) -> datetime:
    """Any accepted timestamp → the UTC instant (naive values are Asia/Shanghai)."""
    value = text.strip()
    if re.fullmatch(r"\d{13}", value):
        return datetime.fromtimestamp(int(value) / 1000, timezone.utc)
    if re.fullmatch(r"\d{10}", value):
        return datetime.fromtimestamp(int(value), timezone.utc)
    if re.fullmatch(r"\d{14}", value):
        local = datetime.strptime(value, "%Y%m%d%H%M%S")
    elif "年" in value:
        local = datetime.strptime(value, "%Y年%m月%d日 %H:%M:%S")
    elif re.match(r"\d{4}/", value):
        local = datetime.strptime(value, "%Y/%m/%d %H:%M:%S")
    else:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
        if parsed.tzinfo is not None:
            return parsed.astimezone(timezone.utc)
        local = parsed
    return local.replace(tzinfo=SHANGHAI).astimezone(timezone.utc)


def parse_money(text: str) -> Decimal:
    return Decimal(re.sub(r"[¥￥$£€,\s]|CNY|RMB|元", "", text))


def code_mapping() -> dict[str, str]:
    with (ROOT / "seeds" / "code_mapping.csv").open(encoding="utf-8") as handle:
        return {row["raw_code"]: row["code"] for row in csv.DictReader(handle)}


def parse_code(text: str) -> str:
    value = text.strip().lower()
    return code_mapping().get(value, value)


PARSERS: dict[str, Callable[[str], Any]] = {
    "event_time": parse_timestamp,
    "created_at": parse_timestamp,
    "registered_at": parse_timestamp,
    "shipped_at": parse_timestamp,
    "requested_at": parse_timestamp,
    "goods_amount": parse_money,
    "unit_price": parse_money,
    "refund_amount": parse_money,
    "list_price": parse_money,
    "logistics_fee": parse_money,
    "amount": parse_money,
    "spend": parse_money,
    "event_type": parse_code,
    "status": parse_code,
    "gender": parse_code,
    "event_id": str.strip,
    "order_id": str.strip,
}


def apply_channel_rules(first_events: pd.DataFrame) -> pd.Series:
    """seeds/channel_rules.csv: first matching rule by priority (empty field = any value;
    utm_medium exact, patterns SQL LIKE)."""
    with (ROOT / "seeds" / "channel_rules.csv").open(encoding="utf-8") as handle:
        rules = sorted(csv.DictReader(handle), key=lambda r: int(r["priority"]))

    def like(pattern: str) -> re.Pattern[str]:
        return re.compile("^" + ".*".join(re.escape(p) for p in pattern.split("%")) + "$", re.IGNORECASE)

    compiled = [
        (
            r["utm_medium"],
            like(r["utm_source_pattern"]) if r["utm_source_pattern"] else None,
            like(r["referrer_pattern"]) if r["referrer_pattern"] else None,
            r["channel"],
        )
        for r in rules
    ]

    def channel(row: pd.Series) -> str:
        for medium, source, referrer, name in compiled:
            if medium and (row["utm_medium"] or "").lower() != medium:
                continue
            if source and (row["utm_source"] is None or not source.match(row["utm_source"])):
                continue
            if referrer and (row["referrer"] is None or not referrer.match(row["referrer"])):
                continue
            return name
        return "unmatched"

    return first_events.apply(channel, axis=1)


def human_events(out: Path) -> pd.DataFrame:
    """Events of human visitors (visitor numbers up to realized.visitors, bots come after)."""
    events = read(out, "events")
    visitors = manifest(out)["truths"]["realized"]["visitors"]
    events = events[events["visitor_id"].str[1:].astype(int) <= visitors].copy()
    events["t"] = pd.to_datetime(events["event_time"])
    return events


def sessionize(events: pd.DataFrame) -> pd.DataFrame:
    """30-minute inactivity rule; ties in time are ordered by event_id."""
    events = events.sort_values(["visitor_id", "t", "event_id"]).copy()
    gap = events["t"].diff()
    new = (events["visitor_id"] != events["visitor_id"].shift()) | (gap > pd.Timedelta(minutes=30))
    events["session"] = new.cumsum()
    return events


@pytest.fixture(scope="module")
def medium_sessions(medium: Path) -> pd.DataFrame:
    """Human events of the medium dataset with a recomputed session number."""
    return sessionize(human_events(medium))


@pytest.fixture(scope="module")
def medium_first(medium_sessions: pd.DataFrame) -> pd.DataFrame:
    """First event of every recomputed session, with the channel the seed rules give it."""
    first = medium_sessions.groupby("session").head(1).copy()
    first["channel"] = apply_channel_rules(first)
    return first


# --- determinism and the contract ---------------------------------------------------------
def test_same_arguments_give_identical_bytes(small: Path, tmp_path: Path) -> None:
    """Guards determinism: the same arguments reproduce every table file byte for byte."""
    again = generate(tmp_path / "again", *SMALL)
    for table in TABLES:
        first, second = part_files(small, table), part_files(again, table)
        assert [p.name for p in first] == [p.name for p in second], table
        for a, b in zip(first, second):
            assert a.read_bytes() == b.read_bytes(), f"{table}/{a.name} differs"

    def without_paths(m: dict[str, Any]) -> dict[str, Any]:  # --out differs between the runs
        return {
            **m,
            "generator": {**m["generator"], "args": {}},
            "parameters": {**m["parameters"], "cli": {}},
        }

    assert without_paths(manifest(small)) == without_paths(manifest(again))


def test_another_seed_changes_the_data(small: Path, tmp_path: Path) -> None:
    """Guards against a seed that is ignored (determinism tests would pass trivially)."""
    other = generate(tmp_path / "other", *[a if a != "7" else "8" for a in SMALL])
    assert part_files(small, "events")[0].read_bytes() != part_files(other, "events")[0].read_bytes()


def test_every_contract_table_and_column_is_written_as_text(small: Path) -> None:
    """Guards the raw contract: eleven tables, contract columns in order, all strings."""
    for table in TABLES:
        parts = part_files(small, table)
        assert parts, f"{table} has no part file"
        for path in parts:
            schema = pq.read_schema(path)
            assert schema.names == TABLE_COLUMNS[table], table
            assert all(field.type == pa.string() for field in schema), table


def test_csv_format_writes_the_same_values(small: Path, tmp_path: Path) -> None:
    """Guards --format csv: same rows and values as Parquet (empty = null)."""
    out = generate(tmp_path / "csv", *SMALL, "--format", "csv")
    for table in ("orders", "events", "members"):
        (path,) = [p for p in part_files(out, table) if p.suffix == ".csv"][:1] or [None]
        assert path is not None, table
        frame = pd.read_csv(path, dtype=str, keep_default_na=False, na_values=[""]).astype(object)
        frame = frame.where(frame.notna(), None)
        expected = pq.read_table(part_files(small, table)[0]).to_pandas().astype(object)
        expected = expected.where(expected.notna(), None)
        assert frame.equals(expected), table


def test_overwrite_replaces_parts_but_keeps_other_files(tmp_path: Path) -> None:
    """Guards the output folder policy: old part files go, anything else stays."""
    out = tmp_path / "out"
    (out / "events").mkdir(parents=True)
    (out / "events" / "part-00099.parquet").write_bytes(b"stale")
    (out / "events" / "notes.txt").write_text("keep me")
    (out / "README").write_text("keep me too")
    generate(out, *SMALL)
    assert not (out / "events" / "part-00099.parquet").exists()
    assert (out / "events" / "notes.txt").exists() and (out / "README").exists()


# --- manifest accounting and defects ------------------------------------------------------
@pytest.mark.parametrize("which", ["small", "small_dirty", "tiny_dirty"])
def test_manifest_accounting_matches_the_files(which: str, request: pytest.FixtureRequest) -> None:
    """Guards raw = clean + exact duplicates + superseded + quarantined, and raw = file rows."""
    out = request.getfixturevalue(which)
    for table, stats in manifest(out)["tables"].items():
        rows = sum(pq.read_metadata(p).num_rows for p in part_files(out, table))
        assert stats["raw_rows"] == rows, table
        parts = (
            stats["clean_rows"]
            + stats["exact_duplicates"]
            + stats["superseded"]
            + sum(stats["quarantined"].values())
        )
        assert stats["raw_rows"] == parts, table


def test_dirty_plants_every_catalogue_kind(small_dirty: Path) -> None:
    """Guards the defect catalogue: every kind of docs/raw_contract.md planted in its tables."""
    text = (ROOT / "docs" / "raw_contract.md").read_text(encoding="utf-8")
    section = text.split("## Defect kinds")[1]
    tables = manifest(small_dirty)["tables"]
    for line in section.splitlines():
        match = re.match(r"\| `(\w+)` \| ([^|]+) \|", line)
        if not match:
            continue
        kind, where = match.group(1), match.group(2)
        targets = TABLES if where.strip() == "all" else [t for t in TABLES if re.search(rf"\b{t}\b", where)]
        for table in targets:
            assert tables[table]["defects"].get(kind, 0) >= 1, f"{kind} not planted in {table}"


def row_keys(frame: pd.DataFrame) -> pd.Series:
    return frame.apply(lambda r: json.dumps(list(r), ensure_ascii=False), axis=1)


@pytest.mark.parametrize("pair", [("small", "small_dirty"), ("tiny", "tiny_dirty")])
def test_dirty_keeps_every_clean_row_and_only_adds_the_planted_ones(
    pair: tuple[str, str], request: pytest.FixtureRequest
) -> None:
    """Guards 'defects never change clean data': only repaired rows differ, extras = additive defects."""
    small, small_dirty = (request.getfixturevalue(name) for name in pair)
    tables = manifest(small_dirty)["tables"]
    for table in TABLES:
        clean, dirty = read(small, table), read(small_dirty, table)
        stats = tables[table]
        head = dirty.iloc[: len(clean)].reset_index(drop=True)
        changed = (head.fillna("\0") != clean.fillna("\0")).any(axis=1)
        assert int(changed.sum()) == sum(stats["repaired"].values()), table
        additive = {k: v for k, v in stats["defects"].items() if k not in stats["repaired"]}
        assert len(dirty) - len(clean) == sum(additive.values()), table
        extra = row_keys(dirty.iloc[len(clean) :])
        clean_rows = set(row_keys(clean))
        assert int(extra.isin(clean_rows).sum()) == additive.get("exact_duplicate", 0), table
        assert not extra[~extra.isin(clean_rows)].duplicated().any(), (
            f"{table}: planted rows duplicate each other"
        )


@pytest.mark.parametrize("pair", [("small", "small_dirty"), ("tiny", "tiny_dirty")])
def test_repaired_values_parse_to_the_clean_values(
    pair: tuple[str, str], request: pytest.FixtureRequest
) -> None:
    """Guards repairable defects: one value per row rewritten, parsing to the clean value."""
    small, small_dirty = (request.getfixturevalue(name) for name in pair)
    assert sum(sum(t["repaired"].values()) for t in manifest(small_dirty)["tables"].values()) > 0
    for table in TABLES:
        clean, dirty = read(small, table), read(small_dirty, table).iloc[: len(read(small, table))]
        for i in np.nonzero(
            (dirty.reset_index(drop=True).fillna("\0") != clean.fillna("\0")).any(axis=1).to_numpy()
        )[0]:
            before, after = clean.iloc[i], dirty.iloc[i]
            columns = [c for c in clean.columns if before[c] != after[c]]
            assert len(columns) == 1, (table, columns)
            parse = PARSERS[columns[0]]
            assert parse(after[columns[0]]) == parse(before[columns[0]]), (
                table,
                before[columns[0]],
                after[columns[0]],
            )


def test_planted_orphans_and_new_keys_reference_nothing(small_dirty: Path) -> None:
    """Guards additive rows: orphans point at no order, test orders are flagged with lines."""
    orders = read(small_dirty, "orders")
    known = set(orders["order_id"].dropna().str.strip())
    stats = manifest(small_dirty)["tables"]
    for table in ("order_items", "returns", "shipments"):
        frame = read(small_dirty, table)
        orphans = frame[~frame["order_id"].fillna("").str.strip().isin(known)]
        assert len(orphans) == stats[table]["quarantined"]["orphan_reference"], table
    tests = orders[orders["is_test"] == "true"]
    assert len(tests) == stats["orders"]["flagged"]["is_test"] >= 1
    items = read(small_dirty, "order_items")
    assert items["order_id"].isin(set(tests["order_id"])).sum() == stats["order_items"]["flagged"]["is_test"]


# --- behaviour ----------------------------------------------------------------------------
def test_sessions_are_exactly_recoverable_with_a_30_minute_timeout(
    medium: Path, medium_sessions: pd.DataFrame
) -> None:
    """Guards the session model: a 30-minute gap rule recovers exactly the simulated sessions."""
    events = medium_sessions
    realized = manifest(medium)["truths"]["realized"]
    assert events["session"].nunique() == realized["sessions"]
    assert len(events) == realized["events"]
    day = events.groupby("session")["t"].agg(["min", "max"])
    assert (day["min"].dt.normalize() == day["max"].dt.normalize()).all()
    assert ((day["max"] - day["min"]) < pd.Timedelta(minutes=55)).all()
    spans = events.groupby("session").agg(
        visitor=("visitor_id", "first"), start=("t", "min"), end=("t", "max")
    )
    same_visitor = spans["visitor"] == spans["visitor"].shift()
    assert ((spans["start"] - spans["end"].shift())[same_visitor] >= pd.Timedelta(minutes=31)).all()
    per_minute = events.groupby(["visitor_id", events["t"].dt.floor("min")]).size().max()
    per_day = events.groupby(["visitor_id", events["t"].dt.date]).size().max()
    assert per_minute <= 30 and per_day <= 500


def test_channel_rules_map_first_events_to_the_session_channels(
    medium: Path, medium_first: pd.DataFrame
) -> None:
    """Guards utm/referrer tracking: the seed channel rules map first events to the session channels."""
    mapped = medium_first["channel"].value_counts().to_dict()
    expected = {k: v for k, v in manifest(medium)["truths"]["realized"]["sessions_by_channel"].items() if v}
    assert mapped == expected


def test_human_user_agents_match_no_bot_pattern_and_bots_are_detectable(medium: Path) -> None:
    """Guards bot flags: humans match no bot pattern; every bot matches one or exceeds 30 events/min."""
    patterns = bot_patterns()
    for agent in (ua for group in HUMAN_USER_AGENTS for ua in group):
        assert not any(p in agent.lower() for p in patterns), agent
    events = read(medium, "events")
    visitors = manifest(medium)["truths"]["realized"]["visitors"]
    bots = events[events["visitor_id"].str[1:].astype(int) > visitors].copy()
    bots["t"] = pd.to_datetime(bots["event_time"])
    by_ua = (
        bots.groupby("visitor_id")["user_agent"]
        .first()
        .str.lower()
        .apply(lambda ua: any(p in ua for p in patterns))
    )
    fast = bots.groupby(["visitor_id", bots["t"].dt.floor("min")]).size().groupby(level=0).max() > 30
    assert (by_ua | fast.reindex(by_ua.index, fill_value=False)).all()
    assert bots["visitor_id"].nunique() == manifest(medium)["truths"]["realized"]["bot_visitors"]


def test_activity_sampling_is_an_exact_bernoulli_per_offset() -> None:
    """Guards the retention truth: activity is an exact Bernoulli(min(1, scale·p(N))) per offset."""
    rng = np.random.default_rng(5)
    n, days = 200_000, 120
    scale = np.full(n, 1.5)
    act_off, act_day = sample_activity(rng, np.zeros(n, dtype=np.int16), days, scale, MODEL)
    hits = np.bincount(act_day, minlength=days) / n
    for offset in (1, 7, 30, 31, 45, 90, 119):
        p = min(1.0, 1.5 * MODEL.retention_probability(float(offset)))
        assert abs(hits[offset] - p) < 5 * np.sqrt(p * (1 - p) / n) + 1e-4, offset
    assert hits[0] == 1.0 and np.all(np.diff(act_off) >= 1)


def assert_retention_near_the_planted_truth(out: Path, first_events: pd.DataFrame) -> None:
    """Empirical day-1/day-7 activity per acquisition channel against the manifest's expected
    retention (first_events: the first event of every recomputed session, with its channel)."""
    first = first_events.copy()
    first["day"] = first["t"].dt.normalize()
    acquisition = (
        first.sort_values(["visitor_id", "t"])
        .groupby("visitor_id")
        .agg(channel=("channel", "first"), d0=("day", "min"))
    )
    active = set(zip(first["visitor_id"], first["day"]))
    last_day = first["t"].max().normalize()
    expected = manifest(out)["truths"]["expected"]["retention_visitor"]
    for n in (1, 7):
        cohort = acquisition[acquisition["d0"] + pd.Timedelta(days=n) <= last_day]
        hit = [(v, d + pd.Timedelta(days=n)) in active for v, d in zip(cohort.index, cohort["d0"])]
        cohort = cohort.assign(hit=hit)
        for channel, group in cohort.groupby("channel"):
            p = expected[channel][str(n)]
            assert abs(group["hit"].mean() - p) < 4 * np.sqrt(p * (1 - p) / len(group)) + 0.02, (channel, n)


def test_retention_is_near_the_planted_truth(medium: Path, medium_first: pd.DataFrame) -> None:
    """Sanity-checks the retention truth against empirical day-1/day-7 activity per channel."""
    assert_retention_near_the_planted_truth(medium, medium_first)


def test_retention_scale_raises_activity_and_its_truth(medium: Path, tmp_path: Path) -> None:
    """--retention-scale 3 multiplies the engagement levels: the expected retention follows it
    (higher for every channel and day, still matched by the data), and visitors come back
    more often, so there are more sessions and orders per visitor."""
    scaled = generate(tmp_path / "scaled", *MEDIUM, "--members", "1500", "--retention-scale", "3")
    first = sessionize(human_events(scaled)).groupby("session").head(1).copy()
    first["channel"] = apply_channel_rules(first)
    assert_retention_near_the_planted_truth(scaled, first)
    base, more = manifest(medium)["truths"], manifest(scaled)["truths"]
    for channel, days in base["expected"]["retention_visitor"].items():
        for n, p in days.items():
            assert more["expected"]["retention_visitor"][channel][n] > p, (channel, n)
    # a visitor's later days are about three times as likely to be active (capped at 1), its
    # first day always is: well over twice the sessions and orders per visitor
    per_visitor = {name: (truths["realized"]["sessions"] / truths["realized"]["visitors"],
                          truths["realized"]["orders_placed"] / truths["realized"]["visitors"])
                   for name, truths in (("base", base), ("more", more))}
    assert all(more_ > 2 * base_ for more_, base_ in zip(per_visitor["more"], per_visitor["base"])), per_visitor
    assert manifest(scaled)["parameters"]["cli"]["retention_scale"] == 3.0


def test_paid_orders_fall_inside_their_checkout_session(medium_db: duckdb.DuckDBPyConnection) -> None:
    """Guards order timing: created 60-180 s after checkout_start, paid before the result page."""
    bad = medium_db.execute("""
        with paid as (select distinct on (order_id) member_id, cast(created_at as timestamp) created,
                             cast(paid_at as timestamp) paid
                      from orders where paid_at is not null order by order_id, updated_at),
        cs as (select member_id, cast(event_time as timestamp) t from events
               where event_type = 'checkout_start'),
        result as (select member_id, cast(event_time as timestamp) t from events
                   where page_type = 'member' and event_type = 'page_view')
        select count(*) from paid p
        where not exists (select 1 from cs where cs.member_id = p.member_id
                          and p.created between cs.t + interval 60 second and cs.t + interval 180 second)
           or not exists (select 1 from result r where r.member_id = p.member_id
                          and r.t between p.paid + interval 3 second and p.paid + interval 10 second)
    """).fetchone()[0]
    assert bad == 0


def test_realized_truths_recompute_from_the_clean_tables(
    medium: Path, medium_db: duckdb.DuckDBPyConnection
) -> None:
    """Guards truths.realized: order, sales, buyer and repeat tallies recomputed from the tables."""
    realized = manifest(medium)["truths"]["realized"]
    end = f"{manifest(medium)['generator']['end_date']} 23:59:59"
    medium_db.execute("""
        create temp table latest as
        select * from (select *, row_number() over (partition by order_id order by updated_at desc) r
                       from orders)
        where r = 1 and is_test = 'false';
        create temp table valid as
        select * from latest
        where paid_at is not null and status not in ('cancelled', 'fraud', 'closed');
    """)
    got = medium_db.execute("""
        select (select count(*) from latest),
               (select count(*) from valid),
               (select round(sum(cast(goods_amount as decimal(18,2)) - cast(discount_amount as decimal(18,2))), 2) from latest),
               (select round(sum(cast(goods_amount as decimal(18,2)) - cast(discount_amount as decimal(18,2))), 2) from valid),
               (select count(distinct member_id) from valid),
               (select sum(cast(quantity as int)) from order_items where order_id in (select order_id from valid)),
               (select count(distinct member_id) from members),
               (select round(coalesce(sum(cast(refund_amount as decimal(18,2))), 0), 2) from returns where status = 'completed')
    """).fetchone()
    assert got[0] == realized["orders_placed"] and got[1] == realized["orders_valid"]
    assert float(got[2]) == realized["gmv_placed"] and float(got[3]) == realized["sales_paid"]
    assert got[4] == realized["buyers"] and got[5] == realized["units_valid"]
    assert got[6] == realized["members_registered"]
    assert float(got[7]) == realized["refund_amount_completed"]
    ranked = medium_db.execute(f"""
        with r as (select member_id, cast(created_at as timestamp) c,
                          row_number() over (partition by member_id order by created_at, order_id) n,
                          count(*) over (partition by member_id) k from valid)
        select n, count(*), count(*) filter (where k > n) from r
        where n <= 2 and c <= timestamp '{end}' - interval 90 day group by n order by n
    """).fetchall()
    for n, buyers, with_next in ranked:
        assert realized["next_order_rate"][str(n)] == {"buyers": buyers, "with_next": with_next}, n
    assert realized["next_order_rate"]["1"]["buyers"] > 0


def test_members_land_near_the_target(medium: Path) -> None:
    """Guards the calibration of new visitors: registered members ≈ --members."""
    realized = manifest(medium)["truths"]["realized"]
    assert abs(realized["members_registered"] - 2500) < 0.1 * 2500
