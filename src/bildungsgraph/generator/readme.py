"""README.md and expected_structure.json of a generated example directory."""

from __future__ import annotations

import json
from pathlib import Path

from .catalogue import EXAMPLE_TITLE_DE, EXAMPLE_TITLE_EN, REFERENCE_DATE
from .gaps import COVERED_ACTOR_TYPES, DELIBERATE_GAPS
from .model import Landscape
from .reference import load_kreise
from .stats import compute_stats

EXAMPLE_COMMAND = (
    "python -m bildungsgraph.generator --kreise 05114,05166 --seed 42 "
    "--format csv --out data/example --readme"
)


def _gap_lines(kreise: list[str]) -> list[str]:
    lines = []
    for gap in DELIBERATE_GAPS:
        if gap.ags[:5] in kreise:
            lines.append(
                f"| {gap.gemeinde} | `{gap.ags}` | `{gap.kind}` | {gap.scheme} "
                f"`{gap.concept}` | {gap.note_de} / {gap.note_en} |"
            )
    return lines


def render_readme(land: Landscape, command: str = EXAMPLE_COMMAND) -> str:
    """The README text (German and English) with statistics and the deliberate gaps."""
    st = compute_stats(land)
    known = load_kreise()
    kreise = ", ".join(f"{known[k].display_name} (`{k}`)" for k in land.kreise)
    gemeinden = sum(len(known[k].gemeinden) for k in land.kreise)
    phases = ", ".join(f"`{k}` {v}" for k, v in sorted(st.life_phases.items()))
    formats = ", ".join(f"`{k}` {v}" for k, v in sorted(st.formats.items()))
    types = ", ".join(f"`{k}` {v}" for k, v in sorted(st.actor_types.items()))
    brokers = "\n".join(f"| `{k}` | {name} | {n} | {c} |" for k, name, n, c in st.brokers)
    isolated = ", ".join(f"`{k}`" for k in st.isolated)
    return f"""# Beispieldaten / Example data: {EXAMPLE_TITLE_DE}

**Alle Daten in diesem Verzeichnis sind erfunden.** Sie wurden mit einem Zufallsgenerator
erzeugt und beschreiben keine wirklichen Einrichtungen, Angebote oder Kooperationen. Jede
Beschreibung beginnt mit „Erfundener Beispieldatensatz (bildungsgraph)“; Websites und
E-Mail-Adressen liegen unter der reservierten Domain `example.org`; Telefonnummern sind nicht
wählbar. Namen von Einrichtungen, die es real je Kommune gibt (Bildungsbüro, VHS, Jugendamt …),
tragen den Zusatz „(Beispiel)“. Echt sind nur die Gebietseinheiten (AGS, PLZ, Ortsnamen) und
die Schulen aus der amtlichen Schulliste (MSB NRW), die als Partner (`school-{{Schulnummer}}`)
vorkommen — ihre Kooperationen, Angebote und Mitgliedschaften sind ebenfalls erfunden.

**All data in this directory are invented.** They were produced by a random generator and
describe no real institutions, offers or cooperations. Every description starts with
"Erfundener Beispieldatensatz (bildungsgraph)"; websites and e-mail addresses use the reserved
domain `example.org`; phone numbers cannot be dialled. Names of institutions that exist once per
Kommune in reality carry the suffix "(Beispiel)". Only the Kommunen (AGS, PLZ, place names) and
the schools of the official school list are real; their cooperations and offers are invented too.

Suggested contribution title / Titel beim Einspielen: „{EXAMPLE_TITLE_DE}“ /
"{EXAMPLE_TITLE_EN}".

## Erzeugung / How it was generated

```
{command}
```

Kreise: {kreise} — {gemeinden} Gemeinden. Seed 42, scale 1.0, reference date ("heute")
{REFERENCE_DATE.isoformat()}: about 22 % of the records have a „Letzte Änderung“ older than
12 months. The generator is deterministic: the same seed and Kreise give byte-identical files
(`tests/unit/test_generator.py` checks that these files equal a fresh generation).

## Dateien / Files (SPEC §4 templates)

`akteure.csv`, `standorte.csv`, `angebote.csv`, `kooperationen.csv`, `netzwerke.csv`,
`mitgliedschaften.csv` — UTF-8, comma, German headers, multi-values separated by ` | `,
concept cells hold the concept slug, Kommune cells the AGS (8 digits) or Kreisschlüssel
(5 digits), dates `yyyy-mm-dd`, booleans `ja`/`nein`, decimals with a point.
`expected_structure.json` repeats the gaps, brokers and isolated actors for tests.

## Statistik / Statistics

| | |
|---|---|
| Akteure (ohne Schulen) / actors (without schools) | {st.actors} |
| Schulen als Partner/Anbieter / schools referenced | {st.school_partners} |
| Standorte / sites | {st.sites} |
| Angebote / offers | {st.offers} |
| Kooperationen / cooperations | {st.cooperations} |
| davon kreisübergreifend / of which cross-Kreis | {st.cross_kreis} |
| Netzwerke / networks | {st.networks} |
| Mitgliedschaften / memberships | {st.memberships} |
| Anteil digital/hybrid / digital or hybrid share | {st.digital_share:.1%} |

Offers per life phase: {phases}.

Offers per format: {formats}.

Actors per type: {types}.

## Absichtliche Lücken / Deliberate gaps

A gap analysis (Gemeinde × Lebensphase, Gemeinde × Themenfeld, Gemeinde × Format, Gemeinde ×
Akteurstyp) must find exactly these gaps. An offer belongs to the Gemeinde in its `Gebiet`
column (always exactly one AGS; presence offers also have a `Standort` in that Gemeinde).

| Gemeinde | AGS | kind | concept | meaning |
|---|---|---|---|---|
{chr(10).join(_gap_lines(land.kreise))}

Everything else is covered on purpose: every Gemeinde has at least one offer in each of the 9
life phases (`early-childhood`, `general-school`, `primary`, `secondary-1`, `secondary-2`,
`vocational`, `higher-education`, `adult-education`, `non-formal`, exact concept, not only via
`skos:broader`), in each of the 17 topics, and in each format group (`presence`, `hybrid`,
digital = `digital`/`digital-synchronous`/`digital-asynchronous`), and at least one presence
offer in `adult-education` (except the only-digital gap); and at least one actor of each type
{", ".join(f"`{t}`" for t in COVERED_ACTOR_TYPES)} (except the actor-type gaps).

## Struktur / Structure

Cooperations form clusters per Gemeinde and topic (a few core partners reused). Brokers by
design: the Bildungsbüro, the VHS, the Kommunales Integrationszentrum and the KAoA
coordination of each Kreis join many clusters. The actors with most cooperations:

| Kennung | Name | cooperations | Gemeinde×topic clusters |
|---|---|---|---|
{brokers}

Isolierte Akteure / isolated actors (no cooperation, no membership; {len(st.isolated)}):
{isolated}
"""


def write_readme(land: Landscape, out_dir: str | Path, command: str = EXAMPLE_COMMAND) -> Path:
    """Write README.md and expected_structure.json; return the README path."""
    out = Path(out_dir)
    path = out / "README.md"
    path.write_text(render_readme(land, command), encoding="utf-8")
    st = compute_stats(land)
    structure = {
        "kreise": land.kreise,
        "seed": land.seed,
        "scale": land.scale,
        "reference_date": REFERENCE_DATE.isoformat(),
        "gaps": [
            {
                "kind": g.kind,
                "ags": g.ags,
                "gemeinde": g.gemeinde,
                "scheme": g.scheme,
                "concept": g.concept,
            }
            for g in DELIBERATE_GAPS
            if g.ags[:5] in land.kreise
        ],
        "brokers": [{"kennung": k, "cooperations": n, "clusters": c} for k, _, n, c in st.brokers],
        "isolated_actors": st.isolated,
        "counts": {
            "actors": st.actors,
            "offers": st.offers,
            "cooperations": st.cooperations,
            "networks": st.networks,
            "memberships": st.memberships,
        },
    }
    (out / "expected_structure.json").write_text(
        json.dumps(structure, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
    )
    return path
