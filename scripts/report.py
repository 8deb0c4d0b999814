"""A one-page HTML report of the five indicator families, drawn from the published marts.

    python scripts/report.py --data demo          # writes target/report/demo.html
    python scripts/report.py --warehouse PATH --out report.html

The pictures operators expect — the conversion funnel, the retention heat map, the channel
four-quadrant chart, the sales decomposition tree and the RFM segment map — plus each family's
headline KPIs for the latest month, as inline SVG: one self-contained file that opens offline.
Every number is read from a mart; nothing is recomputed here.
"""

from __future__ import annotations

import argparse
import html
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Sequence

import duckdb

sys.path.insert(0, str(Path(__file__).resolve().parent))
from project import DATASETS, PROJECT_DIR  # noqa: E402

ALL = "channel = 'all' and platform = 'all'"
PALETTE = ("#1f6feb", "#2da44e", "#bf8700", "#cf222e", "#8250df", "#0a7ea4", "#e16f24", "#57606a", "#a40e26")


@dataclass(frozen=True)
class Kpi:
    label: str
    column: str
    kind: str  # count | money | rate | ratio


MONTHLY_KPIS: tuple[tuple[str, tuple[Kpi, ...]], ...] = (
    ("流量 Traffic", (Kpi("访客数 UV", "uv", "count"), Kpi("浏览量 PV", "pv", "count"), Kpi("跳失率 bounce", "bounce_rate", "rate"))),
    ("转化 Conversion", (Kpi("成交转化率", "transaction_conversion_rate", "rate"), Kpi("会话转化率", "session_conversion_rate", "rate"))),
    ("营运 Operations", (Kpi("支付金额 sales", "sales_paid", "money"), Kpi("有效订单", "orders_valid", "count"),
                       Kpi("客单价 AOV", "aov", "money"), Kpi("连带率", "units_per_order", "ratio"), Kpi("动销率", "sku_sell_through", "rate"))),
    ("会员 Membership", (Kpi("活跃会员", "active_members", "count"), Kpi("复购率", "repurchase_rate", "rate"), Kpi("ARPPU", "arppu", "money"))),
    ("财务 Finance", (Kpi("营销费用", "spend", "money"), Kpi("ROAS", "roas", "ratio"), Kpi("毛利率", "gross_margin", "rate"))),
)


def fmt(value: Any, kind: str) -> str:
    if value is None:
        return "–"
    value = float(value)
    if kind == "rate":
        return f"{value:.1%}"
    if kind == "ratio":
        return f"{value:.2f}"
    if kind == "money":
        return f"{value:,.0f}"
    return f"{value:,.0f}"


def rows(db: duckdb.DuckDBPyConnection, sql: str) -> list[dict[str, Any]]:
    cursor = db.execute(sql)
    names = [column[0] for column in cursor.description]
    return [dict(zip(names, row)) for row in cursor.fetchall()]


def svg(width: int, height: int, body: str) -> str:
    return f'<svg viewBox="0 0 {width} {height}" width="100%" role="img" xmlns="http://www.w3.org/2000/svg">{body}</svg>'


def text(x: float, y: float, content: str, size: int = 12, anchor: str = "start", weight: str = "normal") -> str:
    return (f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" text-anchor="{anchor}" font-weight="{weight}">'
            f"{html.escape(content)}</text>")


def kpi_cards(db: duckdb.DuckDBPyConnection) -> str:
    latest = rows(db, "select * from marts.rpt_monthly_kpis order by month_start desc limit 2")
    if not latest:
        return "<p>No months yet.</p>"
    this, before = latest[0], (latest[1] if len(latest) > 1 else {})
    parts = [f"<p class='note'>Month of {this['month_start']} (the latest; it may be partial), against the month before.</p>"]
    for family, kpis in MONTHLY_KPIS:
        cards = []
        for kpi in kpis:
            now, previous = this.get(kpi.column), before.get(kpi.column)
            change = ""
            if now is not None and previous not in (None, 0):
                delta = float(now) / float(previous) - 1
                change = f"<span class='{'up' if delta >= 0 else 'down'}'>{delta:+.1%}</span>"
            cards.append(f"<div class='card'><div class='label'>{html.escape(kpi.label)}</div>"
                         f"<div class='value'>{fmt(now, kpi.kind)}</div>{change}</div>")
        parts.append(f"<h3>{html.escape(family)}</h3><div class='cards'>{''.join(cards)}</div>")
    return "".join(parts)


def funnel_chart(db: duckdb.DuckDBPyConnection) -> str:
    steps = rows(db, f"""
        select step_number, step_name_zh, sum(entries_reaching_step) as reached
        from marts.fct_funnel_daily
        where {ALL} and date_trunc('month', date_day) = (select max(month_start) from marts.rpt_monthly_kpis)
        group by all order by step_number""")
    if not steps or not steps[0]["reached"]:
        return "<p>No sessions in the month.</p>"
    top, width, bar = float(steps[0]["reached"]), 720, 34
    body = []
    for i, step in enumerate(steps):
        share = float(step["reached"]) / top
        w = max(2.0, share * 520)
        y = 10 + i * (bar + 8)
        x = 150 + (520 - w) / 2
        body.append(f'<rect x="{x:.1f}" y="{y}" width="{w:.1f}" height="{bar}" fill="{PALETTE[0]}" opacity="{0.95 - i * 0.1:.2f}"/>')
        body.append(text(140, y + 22, f"{step['step_number']} {step['step_name_zh']}", anchor="end"))
        body.append(text(680, y + 22, f"{int(step['reached']):,}  ({share:.1%})"))
    return svg(width, 10 + len(steps) * (bar + 8), "".join(body))


def retention_heat_map(db: duckdb.DuckDBPyConnection) -> str:
    cohorts = rows(db, """
        select cohort_date, cohort_size, retention_d1, retention_d3, retention_d7, retention_d30
        from marts.fct_retention_cohorts
        where cohort_basis = 'visitor' and channel = 'all' and platform = 'all' and cohort_size > 0
        order by cohort_date desc limit 42""")[::-1]
    if not cohorts:
        return "<p>No cohorts.</p>"
    days = ("retention_d1", "retention_d3", "retention_d7", "retention_d30")
    peak = max((float(c[d]) for c in cohorts for d in days if c[d] is not None), default=1.0) or 1.0
    cell_w, cell_h = 90, 14
    body = [text(110 + i * cell_w + cell_w / 2, 12, label, anchor="middle", weight="bold")
            for i, label in enumerate(("次日 D1", "3日 D3", "7日 D7", "30日 D30"))]
    for row, cohort in enumerate(cohorts):
        y = 20 + row * cell_h
        body.append(text(100, y + 11, f"{cohort['cohort_date']}", size=10, anchor="end"))
        for i, day in enumerate(days):
            value = cohort[day]
            shade = "#eee" if value is None else f"rgba(31,111,235,{0.08 + 0.92 * float(value) / peak:.2f})"
            body.append(f'<rect x="{110 + i * cell_w}" y="{y}" width="{cell_w - 2}" height="{cell_h - 2}" fill="{shade}"/>')
            body.append(text(110 + i * cell_w + cell_w / 2, y + 10, "…" if value is None else f"{float(value):.1%}", size=9, anchor="middle"))
    return svg(500, 24 + len(cohorts) * cell_h, "".join(body))


def quadrant_chart(db: duckdb.DuckDBPyConnection) -> str:
    points = rows(db, """
        select channel, uv, transaction_conversion_rate as conversion, avg_uv, avg_transaction_conversion_rate as avg_conversion,
               channel_quadrant, quadrant_name_zh, roas
        from marts.fct_channel_quadrants_monthly
        where month_start = (select max(month_start) from marts.fct_channel_quadrants_monthly) and uv > 0""")
    if not points:
        return "<p>No channels with traffic.</p>"
    max_uv = max(float(p["uv"]) for p in points) * 1.1
    max_conversion = max(float(p["conversion"] or 0) for p in points) * 1.2 or 1.0
    max_roas = max(float(p["roas"] or 0) for p in points) or 1.0
    width, height, left, bottom = 720, 420, 60, 380

    def x(uv: float) -> float:
        return left + uv / max_uv * (width - left - 20)

    def y(conversion: float) -> float:
        return bottom - conversion / max_conversion * (bottom - 20)

    avg_x, avg_y = x(float(points[0]["avg_uv"])), y(float(points[0]["avg_conversion"] or 0))
    body = [f'<line x1="{left}" y1="{bottom}" x2="{width - 10}" y2="{bottom}" stroke="#999"/>',
            f'<line x1="{left}" y1="{bottom}" x2="{left}" y2="10" stroke="#999"/>',
            f'<line x1="{avg_x:.1f}" y1="10" x2="{avg_x:.1f}" y2="{bottom}" stroke="#bbb" stroke-dasharray="4"/>',
            f'<line x1="{left}" y1="{avg_y:.1f}" x2="{width - 10}" y2="{avg_y:.1f}" stroke="#bbb" stroke-dasharray="4"/>',
            text(width - 20, bottom - 6, "访客数 UV →", anchor="end"), text(left + 6, 22, "↑ 成交转化率")]
    for i, point in enumerate(points):
        radius = 6 + 18 * (float(point["roas"] or 0) / max_roas)
        cx, cy = x(float(point["uv"])), y(float(point["conversion"] or 0))
        body.append(f'<circle cx="{cx:.1f}" cy="{cy:.1f}" r="{radius:.1f}" fill="{PALETTE[i % len(PALETTE)]}" opacity="0.55"/>')
        label = f"{point['channel']} · {point['quadrant_name_zh'] or ''}"
        body.append(text(cx + radius + 3, cy + 4, label, size=11))
    return svg(width, height, "".join(body)) + "<p class='note'>Bubble size: ROAS (投入产出比). Dashed lines: the all-channel averages.</p>"


def decomposition_tree(db: duckdb.DuckDBPyConnection) -> str:
    parts = rows(db, """
        select buyer_type, uv, order_conversion_rate, price_per_item, units_per_order, sales_paid
        from marts.fct_sales_decomposition_monthly
        where month_start = (select max(month_start) from marts.fct_sales_decomposition_monthly)
        order by case buyer_type when 'all' then 0 when 'new' then 1 else 2 end""")
    if not parts:
        return "<p>No sales.</p>"
    body, box_w = [], 150
    for row, part in enumerate(parts):
        y = 10 + row * 90
        boxes = (("支付金额 sales", fmt(part["sales_paid"], "money")), ("访客数 UV", fmt(part["uv"], "count")),
                 ("下单转化率", fmt(part["order_conversion_rate"], "rate")), ("件单价", fmt(part["price_per_item"], "money")),
                 ("连带率", fmt(part["units_per_order"], "ratio")))
        body.append(text(4, y + 40, {"all": "全部 all", "new": "新客 new", "returning": "老客 returning"}.get(part["buyer_type"], part["buyer_type"]),
                         weight="bold"))
        for i, (label, value) in enumerate(boxes):
            x = 110 + i * (box_w + 22)
            body.append(f'<rect x="{x}" y="{y}" width="{box_w}" height="60" rx="6" fill="{"#dbe9ff" if i == 0 else "#f2f4f7"}" stroke="#c9d1d9"/>')
            body.append(text(x + box_w / 2, y + 24, label, size=11, anchor="middle"))
            body.append(text(x + box_w / 2, y + 46, value, size=14, anchor="middle", weight="bold"))
            if i:
                body.append(text(x - 11, y + 36, "=" if i == 1 else "×", size=16, anchor="middle"))
    return svg(110 + 5 * (box_w + 22), 10 + len(parts) * 90, "".join(body))


def rfm_map(db: duckdb.DuckDBPyConnection) -> str:
    segments = rows(db, """
        select s.rfm_segment, r.rfm_segment_name_zh, s.buyers, s.buyer_share, s.monetary_share, r.r_score_min, r.f_score_min, r.m_score_min
        from marts.fct_rfm_segments as s
        inner join reference.rfm_segments as r using (rfm_segment)""")
    if not segments:
        return "<p>No buyers in the RFM window.</p>"
    body, cell_w, cell_h = [], 170, 80
    body += [text(110 + cell_w / 2, 14, "近期 recent (R 3-5)", anchor="middle", weight="bold"),
             text(110 + cell_w * 1.5, 14, "沉睡 lapsed (R 1-2)", anchor="middle", weight="bold")]
    for segment in segments:
        column = 0 if segment["r_score_min"] >= 3 else 1
        row = (0 if segment["m_score_min"] >= 3 else 2) + (0 if segment["f_score_min"] >= 2 else 1)
        x, y = 110 + column * cell_w, 22 + row * cell_h
        share = float(segment["buyer_share"] or 0)
        body.append(f'<rect x="{x}" y="{y}" width="{cell_w - 4}" height="{cell_h - 4}" rx="6" fill="rgba(130,80,223,{0.1 + 0.9 * min(1, share * 3):.2f})"/>')
        body.append(text(x + 8, y + 20, segment["rfm_segment_name_zh"], weight="bold"))
        body.append(text(x + 8, y + 40, f"{int(segment['buyers']):,} buyers · {share:.1%}", size=11))
        body.append(text(x + 8, y + 58, f"sales share {float(segment['monetary_share'] or 0):.1%}", size=11))
    labels = ("高价值·复购", "高价值·一次", "一般·复购", "一般·一次")
    body += [text(100, 22 + i * cell_h + cell_h / 2, label, size=11, anchor="end") for i, label in enumerate(labels)]
    return svg(110 + 2 * cell_w, 26 + 4 * cell_h, "".join(body))


def uv_trend(db: duckdb.DuckDBPyConnection) -> str:
    days = rows(db, f"select date_day, uv from marts.fct_traffic_daily where {ALL} order by date_day")
    if len(days) < 2:
        return ""
    peak = max(int(d["uv"]) for d in days) or 1
    width, height = 720, 160
    points = " ".join(f"{20 + i * (width - 40) / (len(days) - 1):.1f},{height - 20 - int(d['uv']) / peak * (height - 40):.1f}"
                      for i, d in enumerate(days))
    body = (f'<polyline points="{points}" fill="none" stroke="{PALETTE[0]}" stroke-width="1.5"/>'
            + text(20, 14, f"peak {peak:,} visitors/day", size=11)
            + text(20, height - 4, str(days[0]["date_day"]), size=10) + text(width - 20, height - 4, str(days[-1]["date_day"]), size=10, anchor="end"))
    return svg(width, height, body)


STYLE = """
body{font-family:-apple-system,'PingFang SC','Microsoft YaHei',sans-serif;margin:24px auto;max-width:1000px;color:#1f2328}
h1{font-size:22px} h2{font-size:18px;border-bottom:1px solid #d0d7de;padding-bottom:4px;margin-top:32px} h3{font-size:15px;margin:14px 0 6px}
.cards{display:flex;flex-wrap:wrap;gap:10px}.card{border:1px solid #d0d7de;border-radius:8px;padding:8px 12px;min-width:130px}
.label{font-size:12px;color:#57606a}.value{font-size:20px;font-weight:600}.up{color:#1a7f37;font-size:12px}.down{color:#cf222e;font-size:12px}
.note{font-size:12px;color:#57606a}
"""


def render(warehouse: Path, name: str) -> str:
    db = duckdb.connect(str(warehouse), read_only=True)
    try:
        as_of = db.execute("select as_of_date from intermediate.int_as_of_date").fetchone()[0]
        sections = (
            ("Headline KPIs · 核心指标", kpi_cards(db)),
            ("Daily visitors · 日访客数", uv_trend(db)),
            ("Conversion funnel (latest month) · 转化漏斗", funnel_chart(db)),
            ("Day-N retention of new visitors · 留存热力图", retention_heat_map(db)),
            ("Channel quadrants (latest month) · 渠道四象限", quadrant_chart(db)),
            ("Sales decomposition (latest month) · 销售额拆解", decomposition_tree(db)),
            ("RFM segment map · RFM 客户分层", rfm_map(db)),
        )
    finally:
        db.close()
    content = "".join(f"<h2>{html.escape(title)}</h2>{body}" for title, body in sections)
    return (f"<!doctype html><html lang='zh'><head><meta charset='utf-8'><title>ecom_indicators · {html.escape(name)}</title>"
            f"<style>{STYLE}</style></head><body><h1>电商运营指标 · {html.escape(name)}</h1>"
            f"<p class='note'>Data as of {as_of}. Read from {html.escape(str(warehouse.name))}; definitions in docs/metrics.md.</p>"
            f"{content}</body></html>")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", choices=sorted(DATASETS), default="demo", help="a dataset's published warehouse")
    parser.add_argument("--warehouse", type=Path, help="any warehouse file instead")
    parser.add_argument("--out", type=Path, help="output file (default target/report/<data>.html)")
    args = parser.parse_args(argv)
    warehouse = args.warehouse or DATASETS[args.data].warehouse_path
    out = args.out or PROJECT_DIR / "target" / "report" / f"{args.data}.html"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(render(warehouse, args.data), encoding="utf-8")
    print(f"report: {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
