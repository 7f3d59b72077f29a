"""The Bildungsbericht section for a Kommune: one model, rendered as Markdown here and as
HTML in ``report_html.py`` (plain string building; no template engine below the web layer)."""

from __future__ import annotations

from dataclasses import dataclass

from .engine import GapReport, NetworkResult
from .gaps import Cell

TOP = 10


@dataclass
class GemeindeRate:
    key: str
    name: str
    offers: int
    per_1000: float | None


@dataclass
class Report:
    gaps: GapReport
    network: NetworkResult

    @property
    def title_de(self) -> str:
        return f"Bildungsangebote und Kooperationen – {self.gaps.kommune_name}"

    def not_relevant(self) -> set[tuple[str, str]]:
        """The (life phase, topic) pairs whose topic does not apply to the life phase."""
        return {(p.life_phase, p.topic) for p in self.gaps.pairs if not p.relevant}

    def labels(self, dimension: str) -> dict[str, str]:
        return {c.concept: c.label_de for c in self.gaps.cells if c.dimension == dimension}

    def gemeinde_rates(self) -> list[GemeindeRate]:
        """All offers per 1,000 inhabitants by Gemeinde (each offer has exactly one format)."""
        totals: dict[str, list[Cell]] = {}
        for cell in self.gaps.cells:
            if cell.dimension == "format" and cell.level == "municipality":
                totals.setdefault(cell.kommune, []).append(cell)
        rates = []
        for key, cells in sorted(totals.items()):
            offers = sum(c.offers for c in cells)
            population = cells[0].population
            rates.append(
                GemeindeRate(
                    key,
                    cells[0].kommune_name,
                    offers,
                    offers / population * 1000 if population else None,
                )
            )
        return rates

    def key_figures(self) -> list[tuple[str, str, str]]:
        m = self.network.measures
        return [
            ("Akteure (Knoten)", "actors (nodes)", str(m.node_count)),
            ("Verbindungen", "ties", str(m.edge_count)),
            ("Dichte", "density", f"{m.density:.4f}"),
            ("Clusterung", "clustering", f"{m.average_clustering:.3f}"),
            ("Teilnetze", "components", str(m.components)),
            ("Gruppen (Louvain)", "communities", str(m.communities)),
            ("Isolierte Akteure", "isolated actors", str(len(m.isolated))),
            ("Sektorübergreifend", "cross-sector", _pct(self.network.cross_sector.share)),
            ("Kreisübergreifend", "across Kreis borders", _pct(self.network.cross_kreis.share)),
            (
                "Entlang der Bildungskette",
                "along the education chain",
                _pct(self.network.education_chain.share),
            ),
        ]


def _pct(value: float | None) -> str:
    return "–" if value is None else f"{100 * value:.1f} %"


def _num(value: float | None, digits: int = 1) -> str:
    return "–" if value is None else f"{value:.{digits}f}"


def _table(header: list[str], rows: list[list[str]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(cell.replace("|", "\\|") for cell in row) + " |" for row in rows]
    return lines + [""]


def markdown_report(report: Report) -> str:
    g, net = report.gaps, report.network
    lines = [
        f"# {report.title_de}",
        "",
        f"Stichtag / reference date: {g.reference_date}. " + " ".join(g.notes_de),
        "",
    ]
    lines += ["## Lücken / Gaps", ""]
    lines += (
        _table(
            ["Kommune", "Art / kind", "Merkmal / facet", "Partnervorschläge / candidates"],
            [
                [
                    gap.kommune_name,
                    gap.kind,
                    f"{gap.dimension}: {gap.label_de}",
                    "; ".join(getattr(c, "name", "") for c in gap.candidates) or "–",
                ]
                for gap in g.gaps
            ],
        )
        if g.gaps
        else ["Keine Lücken gefunden. / No gaps found.", ""]
    )
    if g.hints:
        lines += ["### Hinweise / Hints", ""]
        lines += [f"- {h.text_de}" for h in g.hints] + [""]
    phases, topics = report.labels("life-phase"), report.labels("topic")
    lines += ["## Heatmap Lebensphase × Themenfeld / life phase × topic", ""]
    not_relevant = report.not_relevant()
    lines += [
        "„–“: nicht relevant (das Themenfeld gilt nicht für die Lebensphase) / "
        "not relevant (the topic does not apply to the life phase).",
        "",
    ]
    lines += _table(
        ["Lebensphase", *topics.values()],
        [
            [
                phases[p],
                *(
                    "–" if (p, t) in not_relevant else str(g.heatmap.get(p, {}).get(t, 0))
                    for t in topics
                ),
            ]
            for p in phases
        ],
    )
    lines += ["## Angebote je 1.000 Einwohner nach Gemeinde / offers per 1,000 by Gemeinde", ""]
    lines += _table(
        ["Gemeinde", "Angebote", "je 1.000"],
        [[r.name, str(r.offers), _num(r.per_1000, 2)] for r in report.gemeinde_rates()],
    )
    lines += ["## Netzwerk-Kennzahlen / network key figures", ""]
    lines += _table(["Kennzahl", "measure", "Wert"], [list(f) for f in report.key_figures()])
    lines += ["## Brückenbauer / top brokers", ""]
    lines += _table(
        ["Akteur", "Partner", "Betweenness", "Constraint"],
        [
            [b.name, str(b.degree), f"{b.betweenness:.4f}", _num(b.constraint, 3)]
            for b in net.measures.brokers[:TOP]
        ],
    )
    isolated = net.measures.isolated
    lines += [f"## Isolierte Akteure / isolated actors ({len(isolated)})", ""]
    lines += [", ".join(f"{n.name} ({n.kennung})" for n in isolated) or "–", ""]
    lines += ["## Datenqualität / data quality", ""]
    lines += _table(
        ["Kommune", "Koordinaten", "Kontakt", "aktuell (12 Monate)", "Schulen vernetzt"],
        [
            [
                q.kommune_name,
                _pct(q.with_coordinates),
                _pct(q.with_contact),
                _pct(q.modified_recently),
                f"{q.schools_connected}/{q.schools} ({_pct(q.school_coverage)})",
            ]
            for q in g.quality
        ],
    )
    lines += ["## Grundschulversorgung / primary school supply", ""]
    lines += _table(
        ["Kommune", "Grundschulen", "Kinder 6–<10", "Kinder je Grundschule"],
        [
            [
                s.kommune_name,
                str(s.primary_schools),
                _num(s.children_6_10, 0) + (" (geschätzt)" if s.estimated else ""),
                _num(s.children_per_school),
            ]
            for s in g.schools
        ],
    )
    return "\n".join(lines)
