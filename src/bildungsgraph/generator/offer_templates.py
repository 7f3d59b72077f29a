"""Offer templates: which actor types offer what, for whom, in which format."""

from __future__ import annotations

from dataclasses import dataclass

SCHOOL = "school"  # provider marker: a real school of the Gemeinde

# format mixes: presence, hybrid, digital, digital-synchronous, digital-asynchronous
FORMAT_MIXES: dict[str, tuple[int, int, int, int, int]] = {
    "P": (85, 7, 2, 4, 2),
    "M": (55, 15, 5, 15, 10),
    "D": (15, 20, 10, 30, 25),
}
FORMATS = ("presence", "hybrid", "digital", "digital-synchronous", "digital-asynchronous")


@dataclass(frozen=True, slots=True)
class OfferTemplate:
    """Blueprint of a family of offers."""

    titles: tuple[str, ...]
    providers: tuple[str, ...]
    phases: tuple[str, ...]
    topics: tuple[str, ...]
    kinds: tuple[str, ...]
    targets: tuple[str, ...]
    ages: tuple[int | None, int | None] = (None, None)
    mix: str = "P"
    free: float = 0.5
    price: tuple[int, int] = (10, 80)
    programmes: tuple[str, ...] = ()


def _t(titles: str, providers: str, phases: str, topics: str, kinds: str, targets: str,
       **kw: object) -> OfferTemplate:
    return OfferTemplate(tuple(titles.split(";")), tuple(providers.split()),
                         tuple(phases.split()), tuple(topics.split()), tuple(kinds.split()),
                         tuple(targets.split()), **kw)  # type: ignore[arg-type]


VHS = "adult-education-centre"
TEMPLATES: tuple[OfferTemplate, ...] = (
    _t("Englisch A2 – Abendkurs;Spanisch für Einsteiger*innen;Niederländisch im Alltag;"
       "Italienisch B1 Konversation", VHS, "adult-education", "language-literacy", "course",
       "adults learners", ages=(16, None), mix="M", free=0.05, price=(39, 129)),
    _t("Deutsch als Zweitsprache B1 (Integrationskurs);Berufssprachkurs Deutsch B2;"
       "Deutsch im Alltag für Neuzugewanderte", f"{VHS} education-provider",
       "adult-education", "integration-language-support language-literacy", "course",
       "newly-arrived migration-background adults", ages=(16, None), mix="M", free=0.6),
    _t("Lesen und Schreiben lernen – Grundbildungskurs;Rechnen im Alltag;"
       "Grundbildung am Arbeitsplatz", f"{VHS} library education-provider jobcentre association",
       "adult-education", "basic-education-literacy", "course guidance",
       "low-basic-skills adults", ages=(18, None), free=0.85),
    _t("Excel für Einsteiger*innen;Digitale Fotografie;Smartphone-Sprechstunde für "
       "Senior*innen;Sicher im Netz", f"{VHS} library association", "adult-education",
       "digital-media", "course event-workshop", "adults seniors-65plus", mix="D",
       free=0.3, price=(15, 90)),
    _t("Rückenfit;Yoga am Abend;Erste Hilfe am Kind;Gesund kochen mit kleinem Budget",
       f"{VHS} family-education-centre sports-club", "adult-education non-formal",
       "health-exercise-nutrition", "course", "adults parents-families", mix="M", free=0.2),
    _t("Politisches Café: Kommunalpolitik verstehen;Demokratie-Werkstatt;"
       "Vortrag: Europa vor Ort", f"{VHS} association youth-centre",
       "adult-education non-formal", "democracy-civic-education", "event-workshop",
       "adults multipliers-volunteers", mix="M", free=0.7),
    _t("Klimawerkstatt – nachhaltig leben;Repair-Café-Workshop;Gärtnern ohne Torf",
       f"{VHS} association environmental-education-centre", "adult-education non-formal",
       "sustainability", "event-workshop open-offer", "adults", free=0.7),
    _t("Hauptschulabschluss nachholen;Vorbereitung auf den mittleren Schulabschluss",
       f"{VHS} education-provider", "adult-education vocational",
       "transitions skilled-labour", "programme-of-study",
       "young-people-without-qualification adults", ages=(16, None), free=0.9),
    _t("Studium ohne Abitur – Infoabend;Studienorientierung für Erwachsene",
       f"{VHS} employment-agency", "higher-education adult-education",
       "guidance-management", "guidance event-workshop", "adults", mix="M", free=1.0),
    _t("Bildungsberatung für Erwachsene;Weiterbildungsberatung;Beratung zum Bildungsscheck",
       "education-office", "adult-education", "guidance-management", "guidance", "adults",
       mix="M", free=1.0, programmes=("regional-education-network",)),
    _t("Fachtag Übergang Kita–Grundschule;Fortbildung Sprachbildung im Ganztag;"
       "Werkstatt Ganztag gestalten", "education-office", "early-childhood primary",
       "transitions all-day-school language-literacy", "event-workshop",
       "educational-staff teachers", mix="M", free=1.0,
       programmes=("regional-education-network",)),
    _t("Fachtag Inklusion in Schule und Kita;Schulentwicklungstag Inklusion",
       "education-office youth-welfare-office", "general-school early-childhood",
       "inclusion", "event-workshop", "teachers educational-staff", free=1.0),
    _t("MINT-Entdeckertag;Schüler*innen-Akademie MINT;Mädchen-Technik-Tag",
       "education-office company environmental-education-centre", "secondary-1 primary",
       "stem", "event-workshop project", "learners girls-women-stem", ages=(8, 16),
       free=0.9, programmes=("zdi",)),
    _t("Schulübergangsberatung Klasse 4;Elternabend weiterführende Schule",
       "education-office", "primary", "transitions", "guidance event-workshop",
       "parents-families", free=1.0),
    _t("Potenzialanalyse Klasse 8;Berufsfelderkundung;Praxiskurs Handwerk;"
       "Studien- und Berufswahlmesse", "kaoa-coordination chamber-of-crafts",
       "secondary-1 secondary-2", "career-orientation", "project event-workshop",
       "learners age-10-18", ages=(13, 19), free=1.0, programmes=("kaoa",)),
    _t("Fortbildung Studien- und Berufsorientierung;Netzwerktreffen StuBO",
       "kaoa-coordination", "secondary-1 vocational", "career-orientation", "event-workshop",
       "teachers", mix="M", free=1.0, programmes=("kaoa",)),
    _t("Sprachcafé;Elternbegleiter*innen-Schulung;Beratung für Seiteneinsteiger*innen",
       "integration-centre migrant-organisation", "non-formal adult-education primary",
       "integration-language-support parent-family-education", "open-offer guidance course",
       "newly-arrived migration-background parents-families", free=1.0,
       programmes=("integration-centres",)),
    _t("Rucksack Kita – Elternprogramm;Griffbereit – Eltern-Kind-Gruppe",
       "integration-centre family-centre", "early-childhood",
       "integration-language-support parent-family-education", "course",
       "parents-families migration-background age-under-3", ages=(0, 6), free=1.0,
       programmes=("integration-centres",)),
    _t("Berufsberatung im Erwerbsleben;Bewerbungscoaching für junge Erwachsene;"
       "Teilzeitausbildung – Infoveranstaltung;Berufsorientierung für Geflüchtete",
       "employment-agency jobcentre", "vocational adult-education",
       "career-orientation skilled-labour guidance-management", "guidance event-workshop",
       "jobseekers young-people-without-qualification age-18-27", mix="M", free=1.0),
    _t("Studienberatung;Infotag duales Studium", "employment-agency company",
       "higher-education secondary-2", "career-orientation", "guidance event-workshop",
       "learners age-18-27", ages=(16, 27), mix="M", free=1.0),
    _t("Ausbildungsbotschafter*innen in Schulen;Azubi-Speed-Dating;Lehrstellenbörse",
       "chamber-of-commerce chamber-of-crafts", "secondary-1 vocational",
       "career-orientation skilled-labour", "event-workshop", "learners companies",
       ages=(14, 25), free=1.0, programmes=("kaoa",)),
    _t("Ausbildereignung (AEVO) – Vorbereitungskurs;Meistervorbereitung Teil III",
       "chamber-of-commerce chamber-of-crafts education-provider",
       "vocational adult-education", "skilled-labour", "course", "adults companies",
       mix="M", free=0.0, price=(300, 1200)),
    _t("Ausbildung Industriekaufmann/-frau;Ausbildung Elektroniker*in;Ausbildung "
       "Fachkraft für Lagerlogistik;Ausbildung Pflegefachfrau/-mann", "company",
       "vocational", "skilled-labour", "programme-of-study", "learners age-18-27",
       ages=(16, None), free=1.0),
    _t("Duales Studium Maschinenbau;Duales Studium Wirtschaftsinformatik", "company",
       "higher-education vocational", "skilled-labour stem", "programme-of-study",
       "learners age-18-27", ages=(17, None), free=1.0),
    _t("Schülerpraktikum;Girls' Day;Betriebsbesichtigung für Schulklassen", "company",
       "secondary-1", "career-orientation stem", "project event-workshop",
       "learners girls-women-stem", ages=(13, 18), free=1.0),
    _t("Sprachförderung im Kita-Alltag;Naturforscher*innen-Tage;Bewegungsbaustelle;"
       "Vorlesepat*innen in der Kita", "kita", "early-childhood",
       "language-literacy sustainability health-exercise-nutrition", "open-offer project",
       "age-3-6 age-under-3", ages=(1, 6), free=1.0),
    _t("Eltern-Kind-Gruppe (0–3 Jahre);Offene Sprechstunde Erziehungsberatung;"
       "Elternkurs „Starke Eltern – starke Kinder“;Familienfrühstück;Babymassage",
       "family-centre family-education-centre", "early-childhood non-formal",
       "parent-family-education equity-poverty-prevention health-exercise-nutrition",
       "course open-offer guidance", "parents-families age-under-3",
       free=0.7, price=(5, 40), programmes=("family-centre-nrw",)),
    _t("Bilderbuchkino;Lesesommer;Vorlesestunde;Bibliotheksführung für Schulklassen",
       "library", "early-childhood primary secondary-1", "language-literacy",
       "event-workshop holiday-offer", "age-3-6 age-6-10 learners", ages=(3, 14), free=0.95),
    _t("Digitale Sprechstunde: E-Books ausleihen;Makerspace: 3D-Druck;Online-Lernportal",
       "library media-centre", "adult-education non-formal", "digital-media stem",
       "open-offer learning-material", "adults learners", mix="D", free=0.95),
    _t("Musikalische Früherziehung;Instrumentenkarussell;Bandcoaching;"
       "Jedem Kind Instrumente, Tanzen, Singen", "music-school",
       "early-childhood primary secondary-1", "cultural-education", "course",
       "age-3-6 age-6-10 age-10-18", ages=(4, 16), free=0.1, price=(20, 60)),
    _t("Chor für Erwachsene;Gitarre für Späteinsteiger*innen", "music-school",
       "adult-education", "cultural-education", "course", "adults", mix="M",
       free=0.0, price=(30, 90)),
    _t("Offener Treff;Hausaufgabenhilfe;Medienwerkstatt Podcast;Graffiti-Workshop;"
       "Jugendforum: Mitreden vor Ort;Mädchentag", "youth-centre",
       "non-formal secondary-1", "democracy-civic-education cultural-education "
       "digital-media equity-poverty-prevention", "open-offer project",
       "age-10-18", ages=(10, 21), free=0.95),
    _t("Ferienprogramm Sommer;Herbstferien-Werkstatt", "youth-centre youth-welfare-office",
       "non-formal primary", "cultural-education health-exercise-nutrition",
       "holiday-offer", "age-6-10 age-10-18", ages=(6, 14), free=0.6, price=(5, 60)),
    _t("Frühe Hilfen – Willkommensbesuch;Beratung Bildung und Teilhabe;"
       "Jugendschutz-Fortbildung", "youth-welfare-office", "early-childhood non-formal",
       "parent-family-education equity-poverty-prevention", "guidance",
       "parents-families families-at-risk-of-poverty", free=1.0),
    _t("Schulsozialarbeit-Sprechstunde;Lernförderung (Bildung und Teilhabe);"
       "Inklusionsassistenz – Beratung", "welfare-organisation",
       "general-school primary secondary-1", "equity-poverty-prevention inclusion",
       "guidance open-offer", "learners parents-families disability-special-needs",
       free=1.0),
    _t("Offener Ganztag – Betreuung und Förderung;Mittagstisch im Ganztag",
       "welfare-organisation", "primary", "all-day-school equity-poverty-prevention",
       "open-offer", "age-6-10", ages=(6, 10), free=0.3, price=(30, 120)),
    _t("Kinderturnen;Schwimmkurs Seepferdchen;Fußball-AG im Ganztag;Inklusive Sportgruppe",
       "sports-club", "early-childhood primary non-formal",
       "health-exercise-nutrition inclusion all-day-school", "course open-offer",
       "age-3-6 age-6-10", ages=(3, 12), free=0.3, price=(20, 80)),
    _t("Rehasport;Bewegungsangebot 60+", "sports-club", "adult-education non-formal",
       "health-exercise-nutrition", "course", "adults seniors-65plus", free=0.2),
    _t("Lesestart-Projekt;Stipendienprogramm Bildungsaufstieg;Schulgarten-Wettbewerb",
       "foundation", "primary secondary-1", "equity-poverty-prevention sustainability "
       "language-literacy", "project", "learners families-at-risk-of-poverty", free=1.0),
    _t("Lernpatenschaften;Heimatkundliche Führung;Naturerlebnistag;Leseclub für Kinder",
       "association", "non-formal primary", "equity-poverty-prevention cultural-education "
       "sustainability language-literacy", "open-offer event-workshop",
       "learners multipliers-volunteers", free=0.9),
    _t("Herkunftssprachlicher Unterricht;Elterncafé mehrsprachig;"
       "Hausaufgabenhilfe mehrsprachig", "migrant-organisation", "primary non-formal",
       "integration-language-support parent-family-education", "course open-offer",
       "migration-background parents-families", free=0.9),
    _t("Museumsrallye für Schulklassen;Ferienwerkstatt im Museum;Führung Textilgeschichte",
       "museum", "primary secondary-1 non-formal", "cultural-education",
       "event-workshop holiday-offer", "learners", free=0.5, price=(3, 12)),
    _t("Waldpädagogik;Klimaschule-Projekttag;Bienen-AG", "environmental-education-centre",
       "early-childhood primary secondary-1", "sustainability stem", "project event-workshop",
       "age-3-6 age-6-10 learners", ages=(4, 14), free=0.8),
    _t("Fortbildung Tablets im Unterricht;Medienkompetenzrahmen NRW – Schulberatung;"
       "Coding-Workshop für Kinder", "media-centre", "general-school primary secondary-1",
       "digital-media", "event-workshop guidance", "teachers learners", mix="D", free=1.0),
    _t("Umschulung Kaufmann/-frau im Gesundheitswesen;Berufsvorbereitende Maßnahme;"
       "Qualifizierung Kindertagespflege", "education-provider jobcentre",
       "vocational adult-education", "skilled-labour integration-language-support",
       "programme-of-study course", "jobseekers adults", mix="M", free=0.8),
    _t("MINT-AG;Theater-AG;Schülerfirma;Streitschlichter*innen-Ausbildung;Leseclub;"
       "Tag der offenen Tür;Berufsorientierungstag", SCHOOL, SCHOOL,
       "stem cultural-education career-orientation democracy-civic-education "
       "language-literacy transitions", "project open-offer event-workshop", "learners",
       free=1.0),
    _t("Offener Ganztag;Förderunterricht Deutsch als Zweitsprache", SCHOOL, SCHOOL,
       "all-day-school integration-language-support inclusion", "open-offer course",
       "learners newly-arrived", free=0.8, price=(20, 80)),
)

#: Life phases of offers by real schools, by MSB Schulform key.
SCHOOL_PHASES: dict[str, tuple[str, ...]] = {
    "02": ("primary",), "04": ("secondary-1",), "10": ("secondary-1",),
    "13": ("primary", "secondary-1"), "14": ("secondary-1",),
    "15": ("secondary-1", "secondary-2"), "16": ("secondary-1", "secondary-2"),
    "20": ("secondary-1", "secondary-2"), "25": ("adult-education", "secondary-2"),
    "30": ("vocational", "secondary-2"), "17": ("general-school",),
    "08": ("general-school",), "83": ("general-school",),
}
