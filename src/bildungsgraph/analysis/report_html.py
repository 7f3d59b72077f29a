"""The report as one printable HTML page: tables, a heat map with colour classes and numbers,
and an inline SVG bar chart; no external assets, every text escaped with ``html.escape``."""

from __future__ import annotations

from html import escape

from .report import TOP, Report, _num, _pct

CSS = """
body{font-family:system-ui,sans-serif;margin:2rem;color:#1a1a1a;max-width:70rem}
table{border-collapse:collapse;margin:0 0 1.5rem;font-size:.85rem}
th,td{border:1px solid #999;padding:.25rem .4rem;text-align:left}
td.n{text-align:right}
.h0{background:#fff}.h1{background:#e3effa}.h2{background:#b7d4ef}
.h3{background:#6fa8dc}.h4{background:#2b6cb0;color:#fff}
.gap{background:#fde2e1}
.na{background:#d9d9d9;color:#333}
@media print{body{margin:0;font-size:10pt}h2{break-after:avoid}table,figure{break-inside:avoid}}
"""


def _e(value: object) -> str:
    return escape(str(value))


def _heat_class(count: int) -> str:
    for limit, name in ((0, "h0"), (2, "h1"), (9, "h2"), (29, "h3")):
        if count <= limit:
            return name
    return "h4"


def _table(caption: str, header: list[str], rows: list[list[str]], numeric: set[int]) -> str:
    head = "".join(f'<th scope="col">{_e(h)}</th>' for h in header)
    body = "".join(
        "<tr>"
        + "".join(
            f'<td class="n">{_e(c)}</td>'
            if i in numeric
            else (f'<th scope="row">{_e(c)}</th>' if i == 0 else f"<td>{_e(c)}</td>")
            for i, c in enumerate(row)
        )
        + "</tr>"
        for row in rows
    )
    return (
        f"<table><caption>{_e(caption)}</caption><thead><tr>{head}</tr></thead>"
        f"<tbody>{body}</tbody></table>"
    )


def _heatmap(report: Report) -> str:
    phases, topics = report.labels("life-phase"), report.labels("topic")
    head = '<th scope="col">Lebensphase</th>' + "".join(
        f'<th scope="col">{_e(label)}</th>' for label in topics.values()
    )
    not_relevant = report.not_relevant()
    rows = []
    for phase, label in phases.items():
        cells = "".join(
            '<td class="n na">–</td>'
            if (phase, t) in not_relevant
            else f'<td class="n {_heat_class(n)}">{n}</td>'
            for t, n in ((t, report.gaps.heatmap.get(phase, {}).get(t, 0)) for t in topics)
        )
        rows.append(f'<tr><th scope="row">{_e(label)}</th>{cells}</tr>')
    legend = (
        "Farbstufen / colour steps: 0 (Lücke: kein erfasstes Angebot / gap: no recorded "
        "offer), 1–2, 3–9, 10–29, ≥ 30 Angebote; die Zahl steht in jeder Zelle / the number "
        "is in every cell; „–“: nicht relevant, das Themenfeld gilt nicht für die Lebensphase "
        "/ not relevant, the topic does not apply to the life phase."
    )
    return (
        f"<table><caption>Angebote nach Lebensphase × Themenfeld / offers by life phase × "
        f"topic</caption><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody>"
        f"</table><p>{_e(legend)}</p>"
    )


def _bar_chart(report: Report) -> str:
    rates = [r for r in report.gemeinde_rates() if r.per_1000 is not None]
    if not rates:
        return "<p>–</p>"
    top = max(r.per_1000 or 0 for r in rates) or 1.0
    bar_h, label_w, width = 22, 220, 420
    parts = []
    for i, r in enumerate(rates):
        y = i * bar_h
        w = (r.per_1000 or 0) / top * width
        parts.append(
            f'<text x="{label_w - 6}" y="{y + 15}" text-anchor="end">{_e(r.name)}</text>'
            f'<rect x="{label_w}" y="{y + 3}" width="{w:.1f}" height="{bar_h - 6}" fill="#2b6cb0"/>'
            f'<text x="{label_w + w + 4:.1f}" y="{y + 15}">{r.per_1000:.2f}</text>'
        )
    height = bar_h * len(rates)
    return (
        f'<figure><svg role="img" aria-labelledby="rate-title" width="{label_w + width + 60}" '
        f'height="{height}" viewBox="0 0 {label_w + width + 60} {height}" font-size="12">'
        f'<title id="rate-title">Angebote je 1.000 Einwohner nach Gemeinde</title>{"".join(parts)}'
        "</svg><figcaption>Angebote je 1.000 Einwohner nach Gemeinde / offers per 1,000 "
        "inhabitants by Gemeinde</figcaption></figure>"
    )


def html_report(report: Report) -> str:
    g, m = report.gaps, report.network.measures
    gap_rows = [
        [
            gap.kommune_name,
            gap.kind,
            f"{gap.dimension}: {gap.label_de}",
            "; ".join(f"{c.name} – {c.reason_de}" for c in gap.candidates) or "–",
        ]
        for gap in g.gaps
    ]
    sections = [
        f"<h1>{_e(report.title_de)}</h1>",
        f"<p>Stichtag / reference date: {_e(g.reference_date)}.</p>",
        "<ul>" + "".join(f"<li>{_e(n)}</li>" for n in g.notes_de) + "</ul>",
        "<h2>Lücken / Gaps</h2>",
        _table(
            "Gefundene Lücken und Partnervorschläge / gaps and candidate partners",
            ["Kommune", "Art", "Merkmal", "Partnervorschläge"],
            gap_rows,
            set(),
        )
        if gap_rows
        else "<p>Keine Lücken gefunden. / No gaps found.</p>",
    ]
    if g.hints:
        sections.append(
            "<h3>Hinweise / Hints</h3><ul>"
            + "".join(f"<li>{_e(h.text_de)}</li>" for h in g.hints)
            + "</ul>"
        )
    sections += [
        "<h2>Heatmap Lebensphase × Themenfeld</h2>",
        _heatmap(report),
        "<h2>Angebote je 1.000 Einwohner nach Gemeinde</h2>",
        _bar_chart(report),
        "<h2>Netzwerk-Kennzahlen / network key figures</h2>",
        _table(
            "Kennzahlen des Kooperationsnetzes",
            ["Kennzahl", "measure", "Wert"],
            [list(f) for f in report.key_figures()],
            {2},
        ),
        "<h2>Brückenbauer / top brokers</h2>",
        _table(
            "Akteure mit hoher Vermittlungsrolle und geringer Eingebundenheit",
            ["Akteur", "Partner", "Betweenness", "Constraint"],
            [
                [b.name, str(b.degree), f"{b.betweenness:.4f}", _num(b.constraint, 3)]
                for b in m.brokers[:TOP]
            ],
            {1, 2, 3},
        ),
        f"<h2>Isolierte Akteure / isolated actors ({len(m.isolated)})</h2>",
        "<p>" + _e(", ".join(n.name for n in m.isolated) or "–") + "</p>",
        "<h2>Datenqualität / data quality</h2>",
        _table(
            "Anteile je Kommune",
            ["Kommune", "Koordinaten", "Kontakt", "aktuell", "Schulen vernetzt"],
            [
                [
                    q.kommune_name,
                    _pct(q.with_coordinates),
                    _pct(q.with_contact),
                    _pct(q.modified_recently),
                    f"{q.schools_connected}/{q.schools}",
                ]
                for q in g.quality
            ],
            {1, 2, 3, 4},
        ),
        "<h2>Grundschulversorgung / primary school supply</h2>",
        _table(
            "Kinder von 6 bis unter 10 Jahren je Grundschule",
            ["Kommune", "Grundschulen", "Kinder 6–<10", "je Grundschule"],
            [
                [
                    s.kommune_name,
                    str(s.primary_schools),
                    _num(s.children_6_10, 0),
                    _num(s.children_per_school),
                ]
                for s in g.schools
            ],
            {1, 2, 3},
        ),
    ]
    return (
        '<!DOCTYPE html>\n<html lang="de"><head><meta charset="utf-8">'
        f"<title>{_e(report.title_de)}</title><style>{CSS}</style></head><body>"
        + "\n".join(sections)
        + "</body></html>\n"
    )
