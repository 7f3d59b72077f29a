"""Short German and English explanations of every network measure, for people who coordinate."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Explanation:
    label_de: str
    label_en: str
    de: str
    en: str


MEASURES: dict[str, Explanation] = {
    "degree": Explanation(
        "Zahl der Partner",
        "Degree",
        "Mit wie vielen anderen Akteuren ein Akteur direkt kooperiert oder in einem Netzwerk "
        "sitzt.",
        "How many other actors an actor cooperates with directly or shares a network with.",
    ),
    "weighted_degree": Explanation(
        "Zahl der Verbindungen (gewichtet)",
        "Weighted degree",
        "Wie viele Kooperationen und gemeinsame Netzwerke ein Akteur insgesamt hat; mehrere "
        "Kooperationen mit demselben Partner zählen einzeln.",
        "How many cooperations and shared networks an actor has in total; several cooperations "
        "with the same partner count separately.",
    ),
    "betweenness": Explanation(
        "Vermittlungsrolle (Betweenness)",
        "Betweenness",
        "Wie oft ein Akteur auf dem kürzesten Weg zwischen zwei anderen liegt: hohe Werte "
        "verbinden Gruppen, die sonst nichts voneinander wüssten.",
        "How often an actor lies on the shortest path between two others: high values connect "
        "groups that would otherwise not know of each other.",
    ),
    "closeness": Explanation(
        "Nähe (Closeness)",
        "Closeness",
        "Wie schnell ein Akteur über wenige Zwischenschritte alle anderen seines Teilnetzes "
        "erreicht.",
        "How quickly an actor reaches everybody in its part of the network in few steps.",
    ),
    "eigenvector": Explanation(
        "Einbettung (Eigenvektor)",
        "Eigenvector centrality",
        "Hoch, wenn ein Akteur mit Akteuren verbunden ist, die selbst gut vernetzt sind "
        "(berechnet im größten zusammenhängenden Teil des Netzes, sonst 0).",
        "High when an actor is connected to actors that are themselves well connected "
        "(computed within the largest connected part of the network, 0 elsewhere).",
    ),
    "pagerank": Explanation(
        "Bedeutung (PageRank)",
        "PageRank",
        "Wie wichtig ein Akteur im Netz ist, wenn man zufällig den Verbindungen folgt; "
        "ähnlich der Einbettung, aber robust für lose verbundene Teile.",
        "How important an actor is when one follows ties at random; like eigenvector "
        "centrality, but robust for loosely connected parts.",
    ),
    "community": Explanation(
        "Gruppe (Community)",
        "Community",
        "Eine Gruppe von Akteuren, die untereinander viel enger verbunden sind als nach außen "
        "(Louvain-Verfahren, feste Saat).",
        "A group of actors much more closely tied to each other than to the rest (Louvain "
        "method, fixed seed).",
    ),
    "constraint": Explanation(
        "Eingebundenheit (Burts Constraint)",
        "Burt's constraint",
        "Niedrig, wenn die Partner eines Akteurs untereinander nicht verbunden sind: dann "
        "überbrückt er strukturelle Löcher.",
        "Low when an actor's partners are not tied to each other: the actor then spans "
        "structural holes.",
    ),
    "broker": Explanation(
        "Brückenbauer (Broker)",
        "Broker",
        "Akteur mit hoher Vermittlungsrolle (oberste 10 %) und geringer Eingebundenheit "
        "(unter dem Median): verbindet Gruppen und Sektoren.",
        "Actor with high betweenness (top 10 %) and low constraint (below the median): links "
        "groups and sectors.",
    ),
    "articulation_point": Explanation(
        "Schlüsselakteur (Artikulationspunkt)",
        "Articulation point",
        "Fällt dieser Akteur weg, zerfällt das Netz in getrennte Teile.",
        "If this actor leaves, the network falls apart into separate parts.",
    ),
    "bridge": Explanation(
        "Einzige Verbindung (Brücke)",
        "Bridge",
        "Eine Verbindung, ohne die zwei Teile des Netzes nichts mehr miteinander zu tun hätten.",
        "A tie without which two parts of the network would no longer be connected.",
    ),
    "isolated": Explanation(
        "Ohne Verbindung (isoliert)",
        "Isolated",
        "Akteur ohne Kooperation und ohne Netzwerkmitgliedschaft in der gewählten Auswahl.",
        "Actor without cooperation and without network membership in the chosen subset.",
    ),
    "density": Explanation(
        "Dichte",
        "Density",
        "Anteil der möglichen Verbindungen, die tatsächlich bestehen (0 bis 1).",
        "Share of the possible ties that exist (0 to 1).",
    ),
    "clustering": Explanation(
        "Clusterung",
        "Clustering",
        "Wie oft die Partner eines Akteurs auch untereinander kooperieren (Mittel über alle).",
        "How often an actor's partners also cooperate with each other (mean over all actors).",
    ),
    "cross_sector_share": Explanation(
        "Sektorübergreifende Verbindungen",
        "Cross-sector ties",
        "Anteil der Verbindungen zwischen Akteuren verschiedener Bereiche (Obertyp des "
        "Akteurstyps, z. B. Schule–Wirtschaft oder Kita–Schule).",
        "Share of ties between actors of different sectors (top actor type, e.g. "
        "school–business or childcare–school).",
    ),
    "cross_kreis_ties": Explanation(
        "Kreisübergreifende Verbindungen",
        "Ties across Kreis borders",
        "Verbindungen zwischen Akteuren, deren Standorte in verschiedenen Kreisen oder "
        "kreisfreien Städten liegen.",
        "Ties between actors located in different Kreise or kreisfreie Städte.",
    ),
    "education_chain_ties": Explanation(
        "Verbindungen entlang der Bildungskette",
        "Ties along the education chain",
        "Verbindungen zwischen Akteuren benachbarter Lebensphasen (z. B. Kita–Grundschule, "
        "Schule–Berufsausbildung): sie tragen Übergänge.",
        "Ties between actors of adjacent life phases (e.g. Kita–primary school, "
        "school–vocational training): they carry transitions.",
    ),
}
