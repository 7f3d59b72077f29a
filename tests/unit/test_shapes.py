"""The SHACL shapes: well-formed, aligned with the ontology, bilingual, and every constraint bites.

The invalid records in ``tests/data/shapes/invalid/`` (one focused error each) are validated
together in ONE pyshacl run, as the validator does it: record + ontology + all vocabularies +
a stub of the store (``context.ttl``) in the data graph. Every record uses its own IRI, so each
result is attributed to its file by focus node. One run instead of 259 keeps the module fast.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import pyshacl
import pytest
from rdflib import RDF, RDFS, BNode, Graph, Literal, URIRef
from rdflib.namespace import OWL, SKOS

from bildungsgraph.config import ONTOLOGY_FILE, SHAPES_FILE, VOCAB_DIR
from bildungsgraph.namespaces import BG, BGSH, PREFIXES, SH

DATA = Path(__file__).resolve().parents[1] / "data" / "shapes"
INVALID = DATA / "invalid"
VALID = DATA / "valid"

# constraint parameter -> the component pyshacl reports for it
COMPONENTS = {
    SH.minCount: SH.MinCountConstraintComponent,
    SH.maxCount: SH.MaxCountConstraintComponent,
    SH.datatype: SH.DatatypeConstraintComponent,
    SH.nodeKind: SH.NodeKindConstraintComponent,
    SH.pattern: SH.PatternConstraintComponent,
    SH.minLength: SH.MinLengthConstraintComponent,
    SH.maxLength: SH.MaxLengthConstraintComponent,
    SH.minInclusive: SH.MinInclusiveConstraintComponent,
    SH.maxInclusive: SH.MaxInclusiveConstraintComponent,
    SH["class"]: SH.ClassConstraintComponent,
    SH.node: SH.NodeConstraintComponent,
    SH.hasValue: SH.HasValueConstraintComponent,
    SH.lessThanOrEquals: SH.LessThanOrEqualsConstraintComponent,
    SH.sparql: SH.SPARQLConstraintComponent,
}

# fmt: off
# SPEC §4: template -> (idPrefix, target class, German column headers in order; Kennung excluded)
TEMPLATES = {
    "akteure": ("actor", BG.EducationActor, [
        "Name", "Akteurstyp", "Beschreibung", "Übergeordnete Organisation", "Website", "E-Mail",
        "Telefon", "Schulnummer", "Zuständigkeitsgebiet", "Letzte Änderung"]),
    "standorte": ("site", BG.Site, [
        "Akteur", "Bezeichnung", "Straße", "PLZ", "Ort", "Gemeinde", "Breitengrad", "Längengrad"]),
    "angebote": ("offer", BG.EducationOffer, [
        "Titel", "Beschreibung", "Anbieter", "Lebensphase", "Themenfeld", "Format", "Angebotsart",
        "Zielgruppe", "Mindestalter", "Höchstalter", "Sprache", "Kostenfrei", "Preis", "Beginn",
        "Ende", "Termine", "Standort", "Online-Adresse", "Gebiet", "Programm", "Letzte Änderung"]),
    "kooperationen": ("cooperation", BG.Cooperation, [
        "Bezeichnung", "Partner", "Kooperationsform", "Programm", "Themenfeld", "Lebensphase",
        "Beginn", "Ende", "Status", "Quelle", "Gebiet", "Letzte Änderung"]),
    "netzwerke": ("network", BG.Network, [
        "Name", "Beschreibung", "Programm", "Themenfeld", "Koordination", "Gebiet", "Website",
        "Beginn", "Ende"]),
    "mitgliedschaften": ("membership", BG.Membership, [
        "Netzwerk", "Akteur", "Rolle", "Beginn", "Ende"]),
    "ansprechpartner": ("contact", BG.ContactPerson, [
        "Name", "Funktion", "E-Mail", "Telefon", "Akteur", "Einwilligung am"]),
}
REQUIRED = {
    "akteure": {"Name", "Akteurstyp"},
    "standorte": {"Akteur", "Gemeinde"},
    "angebote": {"Titel", "Anbieter", "Lebensphase", "Format", "Angebotsart"},
    "kooperationen": {"Partner", "Kooperationsform"},
    "netzwerke": {"Name"},
    "mitgliedschaften": {"Netzwerk", "Akteur"},
    "ansprechpartner": {"Name", "Akteur", "Einwilligung am"},
}
RECOMMENDED = {  # (target class, column) -> warning shape on the same path
    (BG.EducationActor, "E-Mail"), (BG.Site, "Breitengrad"), (BG.Site, "Längengrad"),
    (BG.EducationOffer, "Themenfeld"), (BG.Cooperation, "Status"),
}
NODE_SHAPES = [
    "EducationActorShape", "SiteShape", "EducationOfferShape", "CooperationShape", "NetworkShape",
    "MembershipShape", "ContactPersonShape", "MunicipalityShape", "DistrictLevelUnitShape", "GovernmentDistrictShape",
    "StateShape", "PopulationCountShape",
]
ANNOTATIONS = ["template", "idPrefix", "column", "columnEn", "example", "required", "multiple",
               "scheme", "refPrefix"]
# fmt: on

# file stem -> expected sh:resultPath (None: the record itself), severity, German message part
# fmt: off
CASES = [
    ('actor-kennung-pattern', None, 'Violation', 'Die Kennung des Akteurs ist ungültig'),
    ('actor-kennung-blank-node', None, 'Violation', 'Die Kennung des Akteurs ist ungültig'),
    ('actor-name-missing', 'schema:name', 'Violation', 'Der Name fehlt'),
    ('actor-name-datatype', 'schema:name', 'Violation', 'Der Name ist ungültig'),
    ('actor-name-empty', 'schema:name', 'Violation', 'Der Name ist ungültig'),
    ('actor-name-too-long', 'schema:name', 'Violation', 'Der Name ist ungültig'),
    ('actor-name-two', 'schema:name', 'Violation', 'Der Name ist ungültig'),
    ('actor-type-missing', 'bg:actorType', 'Violation', 'Der Akteurstyp fehlt'),
    ('actor-type-wrong-scheme', 'bg:actorType', 'Violation', 'Der Akteurstyp ist unbekannt'),
    ('actor-description-datatype', 'schema:description', 'Violation', 'Die Beschreibung ist ungültig'),
    ('actor-description-too-long', 'schema:description', 'Violation', 'Die Beschreibung ist ungültig'),
    ('actor-description-two', 'schema:description', 'Violation', 'Die Beschreibung ist ungültig'),
    ('actor-parent-not-actor', 'bg:parentOrganization', 'Violation', 'Die übergeordnete Organisation ist nicht bekannt'),
    ('actor-parent-two', 'bg:parentOrganization', 'Violation', 'Die übergeordnete Organisation ist nicht bekannt'),
    ('actor-url-pattern', 'schema:url', 'Violation', 'Die Website ist ungültig'),
    ('actor-url-datatype', 'schema:url', 'Violation', 'Die Website ist ungültig'),
    ('actor-url-two', 'schema:url', 'Violation', 'Die Website ist ungültig'),
    ('actor-email-pattern', 'schema:email', 'Violation', 'Die E-Mail-Adresse ist ungültig'),
    ('actor-email-datatype', 'schema:email', 'Violation', 'Die E-Mail-Adresse ist ungültig'),
    ('actor-email-two', 'schema:email', 'Violation', 'Die E-Mail-Adresse ist ungültig'),
    ('actor-email-missing', 'schema:email', 'Warning', 'Es ist keine E-Mail-Adresse angegeben'),
    ('actor-telephone-pattern', 'schema:telephone', 'Violation', 'Die Telefonnummer ist ungültig'),
    ('actor-telephone-datatype', 'schema:telephone', 'Violation', 'Die Telefonnummer ist ungültig'),
    ('actor-telephone-two', 'schema:telephone', 'Violation', 'Die Telefonnummer ist ungültig'),
    ('actor-schoolnumber-pattern', 'bg:schoolNumber', 'Violation', 'Die Schulnummer ist ungültig'),
    ('actor-schoolnumber-datatype', 'bg:schoolNumber', 'Violation', 'Die Schulnummer ist ungültig'),
    ('actor-schoolnumber-two', 'bg:schoolNumber', 'Violation', 'Die Schulnummer ist ungültig'),
    ('actor-area-unknown', 'bg:areaServed', 'Violation', 'Das Zuständigkeitsgebiet ist unbekannt'),
    ('actor-modified-datatype', 'dct:modified', 'Violation', 'Das Datum der letzten Änderung ist ungültig'),
    ('actor-modified-two', 'dct:modified', 'Violation', 'Das Datum der letzten Änderung ist ungültig'),
    ('actor-hassite-not-site', 'bg:hasSite', 'Violation', 'Ein Standort des Akteurs ist nicht bekannt'),
    ('actor-legalstatus-datatype', 'bg:legalStatus', 'Violation', 'Die Rechtsform ist ungültig'),
    ('actor-legalstatus-two', 'bg:legalStatus', 'Violation', 'Die Rechtsform ist ungültig'),
    ('site-kennung-pattern', None, 'Violation', 'Die Kennung des Standorts ist ungültig'),
    ('site-kennung-blank-node', None, 'Violation', 'Die Kennung des Standorts ist ungültig'),
    ('site-actor-missing', '^bg:hasSite', 'Violation', 'Der Akteur fehlt'),
    ('site-actor-not-actor', '^bg:hasSite', 'Violation', 'Der Akteur des Standorts ist nicht bekannt'),
    ('site-name-datatype', 'schema:name', 'Violation', 'Die Bezeichnung des Standorts ist ungültig'),
    ('site-name-empty', 'schema:name', 'Violation', 'Die Bezeichnung des Standorts ist ungültig'),
    ('site-name-too-long', 'schema:name', 'Violation', 'Die Bezeichnung des Standorts ist ungültig'),
    ('site-name-two', 'schema:name', 'Violation', 'Die Bezeichnung des Standorts ist ungültig'),
    ('site-street-datatype', 'bg:streetAddress', 'Violation', 'Die Straße ist ungültig'),
    ('site-street-empty', 'bg:streetAddress', 'Violation', 'Die Straße ist ungültig'),
    ('site-street-too-long', 'bg:streetAddress', 'Violation', 'Die Straße ist ungültig'),
    ('site-street-two', 'bg:streetAddress', 'Violation', 'Die Straße ist ungültig'),
    ('site-postalcode-pattern', 'bg:postalCode', 'Violation', 'Die Postleitzahl ist ungültig'),
    ('site-postalcode-datatype', 'bg:postalCode', 'Violation', 'Die Postleitzahl ist ungültig'),
    ('site-postalcode-two', 'bg:postalCode', 'Violation', 'Die Postleitzahl ist ungültig'),
    ('site-locality-datatype', 'bg:locality', 'Violation', 'Der Ort ist ungültig'),
    ('site-locality-empty', 'bg:locality', 'Violation', 'Der Ort ist ungültig'),
    ('site-locality-too-long', 'bg:locality', 'Violation', 'Der Ort ist ungültig'),
    ('site-locality-two', 'bg:locality', 'Violation', 'Der Ort ist ungültig'),
    ('site-municipality-missing', 'bg:municipality', 'Violation', 'Die Gemeinde fehlt'),
    ('site-municipality-district', 'bg:municipality', 'Violation', 'Die Gemeinde ist unbekannt'),
    ('site-municipality-two', 'bg:municipality', 'Violation', 'Die Gemeinde ist unbekannt'),
    ('site-lat-too-low', 'wgs:lat', 'Violation', 'Der Breitengrad ist ungültig'),
    ('site-lat-too-high', 'wgs:lat', 'Violation', 'Der Breitengrad ist ungültig'),
    ('site-lat-datatype', 'wgs:lat', 'Violation', 'Der Breitengrad ist ungültig'),
    ('site-lat-two', 'wgs:lat', 'Violation', 'Der Breitengrad ist ungültig'),
    ('site-lat-missing', 'wgs:lat', 'Warning', 'Der Breitengrad fehlt'),
    ('site-long-too-low', 'wgs:long', 'Violation', 'Der Längengrad ist ungültig'),
    ('site-long-too-high', 'wgs:long', 'Violation', 'Der Längengrad ist ungültig'),
    ('site-long-datatype', 'wgs:long', 'Violation', 'Der Längengrad ist ungültig'),
    ('site-long-two', 'wgs:long', 'Violation', 'Der Längengrad ist ungültig'),
    ('site-long-missing', 'wgs:long', 'Warning', 'Der Längengrad fehlt'),
    ('offer-kennung-pattern', None, 'Violation', 'Die Kennung des Angebots ist ungültig'),
    ('offer-kennung-blank-node', None, 'Violation', 'Die Kennung des Angebots ist ungültig'),
    ('offer-name-missing', 'schema:name', 'Violation', 'Der Titel fehlt'),
    ('offer-name-datatype', 'schema:name', 'Violation', 'Der Titel ist ungültig'),
    ('offer-name-empty', 'schema:name', 'Violation', 'Der Titel ist ungültig'),
    ('offer-name-too-long', 'schema:name', 'Violation', 'Der Titel ist ungültig'),
    ('offer-name-two', 'schema:name', 'Violation', 'Der Titel ist ungültig'),
    ('offer-description-datatype', 'schema:description', 'Violation', 'Die Beschreibung ist ungültig'),
    ('offer-description-too-long', 'schema:description', 'Violation', 'Die Beschreibung ist ungültig'),
    ('offer-description-two', 'schema:description', 'Violation', 'Die Beschreibung ist ungültig'),
    ('offer-provider-missing', 'bg:provider', 'Violation', 'Der Anbieter fehlt'),
    ('offer-provider-not-actor', 'bg:provider', 'Violation', 'Der Anbieter ist nicht bekannt'),
    ('offer-lifephase-missing', 'bg:lifePhase', 'Violation', 'Die Lebensphase fehlt'),
    ('offer-lifephase-wrong-scheme', 'bg:lifePhase', 'Violation', 'Die Lebensphase ist unbekannt'),
    ('offer-topic-missing', 'bg:topic', 'Warning', 'Es ist kein Themenfeld angegeben'),
    ('offer-topic-wrong-scheme', 'bg:topic', 'Violation', 'Das Themenfeld ist unbekannt'),
    ('offer-format-missing', 'bg:offerFormat', 'Violation', 'Das Format fehlt'),
    ('offer-format-wrong-scheme', 'bg:offerFormat', 'Violation', 'Das Format ist ungültig'),
    ('offer-format-two', 'bg:offerFormat', 'Violation', 'Das Format ist ungültig'),
    ('offer-kind-missing', 'bg:offerKind', 'Violation', 'Die Angebotsart fehlt'),
    ('offer-kind-wrong-scheme', 'bg:offerKind', 'Violation', 'Die Angebotsart ist ungültig'),
    ('offer-kind-two', 'bg:offerKind', 'Violation', 'Die Angebotsart ist ungültig'),
    ('offer-targetgroup-wrong-scheme', 'bg:targetGroup', 'Violation', 'Die Zielgruppe ist unbekannt'),
    ('offer-minage-datatype', 'bg:minAge', 'Violation', 'Das Mindestalter ist ungültig'),
    ('offer-minage-negative', 'bg:minAge', 'Violation', 'Das Mindestalter ist ungültig'),
    ('offer-minage-too-high', 'bg:minAge', 'Violation', 'Das Mindestalter ist ungültig'),
    ('offer-minage-two', 'bg:minAge', 'Violation', 'Das Mindestalter ist ungültig'),
    ('offer-maxage-datatype', 'bg:maxAge', 'Violation', 'Das Höchstalter ist ungültig'),
    ('offer-maxage-negative', 'bg:maxAge', 'Violation', 'Das Höchstalter ist ungültig'),
    ('offer-maxage-too-high', 'bg:maxAge', 'Violation', 'Das Höchstalter ist ungültig'),
    ('offer-maxage-two', 'bg:maxAge', 'Violation', 'Das Höchstalter ist ungültig'),
    ('offer-minage-above-maxage', 'bg:minAge', 'Violation', 'Das Mindestalter ist größer als das Höchstalter'),
    ('offer-language-pattern', 'schema:inLanguage', 'Violation', 'Die Sprache ist ungültig'),
    ('offer-language-datatype', 'schema:inLanguage', 'Violation', 'Die Sprache ist ungültig'),
    ('offer-isfree-datatype', 'bg:isFree', 'Violation', 'Die Angabe „Kostenfrei“ ist ungültig'),
    ('offer-isfree-two', 'bg:isFree', 'Violation', 'Die Angabe „Kostenfrei“ ist ungültig'),
    ('offer-price-negative', 'bg:price', 'Violation', 'Der Preis ist ungültig'),
    ('offer-price-datatype', 'bg:price', 'Violation', 'Der Preis ist ungültig'),
    ('offer-price-two', 'bg:price', 'Violation', 'Der Preis ist ungültig'),
    ('offer-price-but-free', 'bg:price', 'Warning', 'als kostenfrei markiert'),
    ('offer-start-datatype', 'schema:startDate', 'Violation', 'Der Beginn ist ungültig'),
    ('offer-start-two', 'schema:startDate', 'Violation', 'Der Beginn ist ungültig'),
    ('offer-end-datatype', 'schema:endDate', 'Violation', 'Das Ende ist ungültig'),
    ('offer-end-two', 'schema:endDate', 'Violation', 'Das Ende ist ungültig'),
    ('offer-end-before-start', 'schema:startDate', 'Violation', 'Das Ende liegt vor dem Beginn'),
    ('offer-schedule-datatype', 'bg:schedule', 'Violation', 'Die Termine sind ungültig'),
    ('offer-schedule-empty', 'bg:schedule', 'Violation', 'Die Termine sind ungültig'),
    ('offer-schedule-too-long', 'bg:schedule', 'Violation', 'Die Termine sind ungültig'),
    ('offer-schedule-two', 'bg:schedule', 'Violation', 'Die Termine sind ungültig'),
    ('offer-location-not-site', 'bg:location', 'Violation', 'Der Standort ist nicht bekannt'),
    ('offer-location-two', 'bg:location', 'Violation', 'Der Standort ist nicht bekannt'),
    ('offer-presence-without-location', 'bg:location', 'Warning', 'findet vor Ort statt'),
    ('offer-digital-without-url', 'bg:onlineUrl', 'Warning', 'findet digital statt'),
    ('offer-onlineurl-pattern', 'bg:onlineUrl', 'Violation', 'Die Online-Adresse ist ungültig'),
    ('offer-onlineurl-datatype', 'bg:onlineUrl', 'Violation', 'Die Online-Adresse ist ungültig'),
    ('offer-onlineurl-two', 'bg:onlineUrl', 'Violation', 'Die Online-Adresse ist ungültig'),
    ('offer-area-unknown', 'bg:areaServed', 'Violation', 'Das Gebiet ist unbekannt'),
    ('offer-programme-wrong-scheme', 'bg:programme', 'Violation', 'Das Programm ist unbekannt'),
    ('offer-modified-datatype', 'dct:modified', 'Violation', 'Das Datum der letzten Änderung ist ungültig'),
    ('offer-modified-two', 'dct:modified', 'Violation', 'Das Datum der letzten Änderung ist ungültig'),
    ('cooperation-kennung-pattern', None, 'Violation', 'Die Kennung der Kooperation ist ungültig'),
    ('cooperation-kennung-blank-node', None, 'Violation', 'Die Kennung der Kooperation ist ungültig'),
    ('cooperation-name-datatype', 'schema:name', 'Violation', 'Die Bezeichnung der Kooperation ist ungültig'),
    ('cooperation-name-empty', 'schema:name', 'Violation', 'Die Bezeichnung der Kooperation ist ungültig'),
    ('cooperation-name-too-long', 'schema:name', 'Violation', 'Die Bezeichnung der Kooperation ist ungültig'),
    ('cooperation-name-two', 'schema:name', 'Violation', 'Die Bezeichnung der Kooperation ist ungültig'),
    ('cooperation-partner-only-one', 'bg:partner', 'Violation', 'mindestens zwei verschiedene Partner'),
    ('cooperation-partner-same-twice', 'bg:partner', 'Violation', 'mindestens zwei verschiedene Partner'),
    ('cooperation-partner-not-actor', 'bg:partner', 'Violation', 'Ein Partner ist nicht bekannt'),
    ('cooperation-form-missing', 'bg:cooperationForm', 'Violation', 'Die Kooperationsform fehlt'),
    ('cooperation-form-wrong-scheme', 'bg:cooperationForm', 'Violation', 'Die Kooperationsform ist ungültig'),
    ('cooperation-form-two', 'bg:cooperationForm', 'Violation', 'Die Kooperationsform ist ungültig'),
    ('cooperation-programme-wrong-scheme', 'bg:programme', 'Violation', 'Das Programm ist unbekannt'),
    ('cooperation-topic-wrong-scheme', 'bg:topic', 'Violation', 'Das Themenfeld ist unbekannt'),
    ('cooperation-lifephase-wrong-scheme', 'bg:lifePhase', 'Violation', 'Die Lebensphase ist unbekannt'),
    ('cooperation-start-datatype', 'schema:startDate', 'Violation', 'Der Beginn ist ungültig'),
    ('cooperation-start-two', 'schema:startDate', 'Violation', 'Der Beginn ist ungültig'),
    ('cooperation-end-datatype', 'schema:endDate', 'Violation', 'Das Ende ist ungültig'),
    ('cooperation-end-two', 'schema:endDate', 'Violation', 'Das Ende ist ungültig'),
    ('cooperation-end-before-start', 'schema:startDate', 'Violation', 'Das Ende liegt vor dem Beginn'),
    ('cooperation-status-missing', 'bg:cooperationStatus', 'Warning', 'Der Status der Kooperation fehlt'),
    ('cooperation-status-wrong-scheme', 'bg:cooperationStatus', 'Violation', 'Der Status ist ungültig'),
    ('cooperation-status-two', 'bg:cooperationStatus', 'Violation', 'Der Status ist ungültig'),
    ('cooperation-source-pattern', 'bg:sourceDocument', 'Violation', 'Die Quelle ist ungültig'),
    ('cooperation-source-datatype', 'bg:sourceDocument', 'Violation', 'Die Quelle ist ungültig'),
    ('cooperation-source-two', 'bg:sourceDocument', 'Violation', 'Die Quelle ist ungültig'),
    ('cooperation-area-unknown', 'bg:areaServed', 'Violation', 'Das Gebiet ist unbekannt'),
    ('cooperation-modified-datatype', 'dct:modified', 'Violation', 'Das Datum der letzten Änderung ist ungültig'),
    ('cooperation-modified-two', 'dct:modified', 'Violation', 'Das Datum der letzten Änderung ist ungültig'),
    ('network-kennung-pattern', None, 'Violation', 'Die Kennung des Netzwerks ist ungültig'),
    ('network-kennung-blank-node', None, 'Violation', 'Die Kennung des Netzwerks ist ungültig'),
    ('network-name-missing', 'schema:name', 'Violation', 'Der Name des Netzwerks fehlt'),
    ('network-name-datatype', 'schema:name', 'Violation', 'Der Name des Netzwerks ist ungültig'),
    ('network-name-empty', 'schema:name', 'Violation', 'Der Name des Netzwerks ist ungültig'),
    ('network-name-too-long', 'schema:name', 'Violation', 'Der Name des Netzwerks ist ungültig'),
    ('network-name-two', 'schema:name', 'Violation', 'Der Name des Netzwerks ist ungültig'),
    ('network-description-datatype', 'schema:description', 'Violation', 'Die Beschreibung ist ungültig'),
    ('network-description-too-long', 'schema:description', 'Violation', 'Die Beschreibung ist ungültig'),
    ('network-description-two', 'schema:description', 'Violation', 'Die Beschreibung ist ungültig'),
    ('network-programme-wrong-scheme', 'bg:programme', 'Violation', 'Das Programm ist unbekannt'),
    ('network-topic-wrong-scheme', 'bg:topic', 'Violation', 'Das Themenfeld ist unbekannt'),
    ('network-coordinator-not-actor', 'bg:coordinator', 'Violation', 'Die Koordination ist nicht bekannt'),
    ('network-coordinator-two', 'bg:coordinator', 'Violation', 'Die Koordination ist nicht bekannt'),
    ('network-area-unknown', 'bg:areaServed', 'Violation', 'Das Gebiet ist unbekannt'),
    ('network-url-pattern', 'schema:url', 'Violation', 'Die Website ist ungültig'),
    ('network-url-datatype', 'schema:url', 'Violation', 'Die Website ist ungültig'),
    ('network-url-two', 'schema:url', 'Violation', 'Die Website ist ungültig'),
    ('network-start-datatype', 'schema:startDate', 'Violation', 'Der Beginn ist ungültig'),
    ('network-start-two', 'schema:startDate', 'Violation', 'Der Beginn ist ungültig'),
    ('network-end-datatype', 'schema:endDate', 'Violation', 'Das Ende ist ungültig'),
    ('network-end-two', 'schema:endDate', 'Violation', 'Das Ende ist ungültig'),
    ('network-end-before-start', 'schema:startDate', 'Violation', 'Das Ende liegt vor dem Beginn'),
    ('membership-kennung-pattern', None, 'Violation', 'Die Kennung der Mitgliedschaft ist ungültig'),
    ('membership-kennung-blank-node', None, 'Violation', 'Die Kennung der Mitgliedschaft ist ungültig'),
    ('membership-network-missing', 'bg:network', 'Violation', 'Das Netzwerk fehlt'),
    ('membership-network-not-network', 'bg:network', 'Violation', 'Das Netzwerk ist nicht bekannt'),
    ('membership-network-two', 'bg:network', 'Violation', 'Das Netzwerk ist nicht bekannt'),
    ('membership-member-missing', 'bg:member', 'Violation', 'Der Akteur fehlt'),
    ('membership-member-not-actor', 'bg:member', 'Violation', 'Der Akteur ist nicht bekannt'),
    ('membership-member-two', 'bg:member', 'Violation', 'Der Akteur ist nicht bekannt'),
    ('membership-role-wrong-scheme', 'bg:membershipRole', 'Violation', 'Die Rolle ist ungültig'),
    ('membership-role-two', 'bg:membershipRole', 'Violation', 'Die Rolle ist ungültig'),
    ('membership-start-datatype', 'schema:startDate', 'Violation', 'Der Beginn ist ungültig'),
    ('membership-start-two', 'schema:startDate', 'Violation', 'Der Beginn ist ungültig'),
    ('membership-end-datatype', 'schema:endDate', 'Violation', 'Das Ende ist ungültig'),
    ('membership-end-two', 'schema:endDate', 'Violation', 'Das Ende ist ungültig'),
    ('membership-end-before-start', 'schema:startDate', 'Violation', 'Das Ende liegt vor dem Beginn'),
    ('contact-kennung-pattern', None, 'Violation', 'Die Kennung der Ansprechperson ist ungültig'),
    ('contact-kennung-blank-node', None, 'Violation', 'Die Kennung der Ansprechperson ist ungültig'),
    ('contact-name-missing', 'schema:name', 'Violation', 'Der Name fehlt'),
    ('contact-name-datatype', 'schema:name', 'Violation', 'Der Name ist ungültig'),
    ('contact-name-empty', 'schema:name', 'Violation', 'Der Name ist ungültig'),
    ('contact-name-too-long', 'schema:name', 'Violation', 'Der Name ist ungültig'),
    ('contact-name-two', 'schema:name', 'Violation', 'Der Name ist ungültig'),
    ('contact-function-datatype', 'schema:jobTitle', 'Violation', 'Die Funktion ist ungültig'),
    ('contact-function-empty', 'schema:jobTitle', 'Violation', 'Die Funktion ist ungültig'),
    ('contact-function-too-long', 'schema:jobTitle', 'Violation', 'Die Funktion ist ungültig'),
    ('contact-function-two', 'schema:jobTitle', 'Violation', 'Die Funktion ist ungültig'),
    ('contact-email-pattern', 'schema:email', 'Violation', 'Die E-Mail-Adresse ist ungültig'),
    ('contact-email-datatype', 'schema:email', 'Violation', 'Die E-Mail-Adresse ist ungültig'),
    ('contact-email-too-long', 'schema:email', 'Violation', 'Die E-Mail-Adresse ist ungültig'),
    ('contact-email-two', 'schema:email', 'Violation', 'Die E-Mail-Adresse ist ungültig'),
    ('contact-telephone-pattern', 'schema:telephone', 'Violation', 'Die Telefonnummer ist ungültig'),
    ('contact-telephone-datatype', 'schema:telephone', 'Violation', 'Die Telefonnummer ist ungültig'),
    ('contact-telephone-two', 'schema:telephone', 'Violation', 'Die Telefonnummer ist ungültig'),
    ('contact-actor-missing', 'bg:contactFor', 'Violation', 'Der Akteur fehlt'),
    ('contact-actor-not-actor', 'bg:contactFor', 'Violation', 'Der Akteur ist nicht bekannt'),
    ('contact-actor-two', 'bg:contactFor', 'Violation', 'Der Akteur ist nicht bekannt'),
    ('contact-consent-missing', 'bg:consentDate', 'Violation', 'Das Datum der Einwilligung fehlt'),
    ('contact-consent-datatype', 'bg:consentDate', 'Violation', 'Das Datum der Einwilligung ist ungültig'),
    ('contact-consent-two', 'bg:consentDate', 'Violation', 'Das Datum der Einwilligung ist ungültig'),
    ('contact-consent-future', 'bg:consentDate', 'Violation', 'Das Datum der Einwilligung liegt in der Zukunft'),
    ('municipality-name-missing', 'schema:name', 'Violation', 'Der Name der Gemeinde fehlt'),
    ('municipality-name-not-literal', 'schema:name', 'Violation', 'Der Name der Gemeinde fehlt'),
    ('municipality-ags-missing', 'bg:ags', 'Violation', 'Der Amtliche Gemeindeschlüssel (AGS) fehlt'),
    ('municipality-ags-pattern', 'bg:ags', 'Violation', 'Der Amtliche Gemeindeschlüssel (AGS) ist ungültig'),
    ('municipality-ags-datatype', 'bg:ags', 'Violation', 'Der Amtliche Gemeindeschlüssel (AGS) ist ungültig'),
    ('municipality-ags-two', 'bg:ags', 'Violation', 'Der Amtliche Gemeindeschlüssel (AGS) ist ungültig'),
    ('municipality-ags-not-in-parent', 'bg:ags', 'Violation', 'passt nicht zum übergeordneten Kreis'),
    ('municipality-ars-missing', 'bg:ars', 'Violation', 'Der Amtliche Regionalschlüssel (ARS) fehlt'),
    ('municipality-ars-pattern', 'bg:ars', 'Violation', 'Der Amtliche Regionalschlüssel (ARS) ist ungültig'),
    ('municipality-ars-datatype', 'bg:ars', 'Violation', 'Der Amtliche Regionalschlüssel (ARS) ist ungültig'),
    ('municipality-ars-two', 'bg:ars', 'Violation', 'Der Amtliche Regionalschlüssel (ARS) ist ungültig'),
    ('municipality-parent-missing', 'bg:parentUnit', 'Violation', 'Der Gemeinde fehlt der übergeordnete Kreis'),
    ('municipality-parent-not-district', 'bg:parentUnit', 'Violation', 'ist kein Kreis und keine kreisfreie Stadt'),
    ('municipality-parent-two', 'bg:parentUnit', 'Violation', 'ist kein Kreis und keine kreisfreie Stadt'),
    ('municipality-area-datatype', 'bg:areaKm2', 'Violation', 'Die Fläche ist ungültig'),
    ('municipality-area-negative', 'bg:areaKm2', 'Violation', 'Die Fläche ist ungültig'),
    ('municipality-area-two', 'bg:areaKm2', 'Violation', 'Die Fläche ist ungültig'),
    ('district-name-missing', 'schema:name', 'Violation', 'Der Name des Kreises oder der kreisfreien Stadt fehlt'),
    ('district-name-not-literal', 'schema:name', 'Violation', 'Der Name des Kreises oder der kreisfreien Stadt fehlt'),
    ('district-key-missing', 'bg:districtKey', 'Violation', 'Der Kreisschlüssel fehlt'),
    ('district-key-pattern', 'bg:districtKey', 'Violation', 'Der Kreisschlüssel ist ungültig'),
    ('district-key-datatype', 'bg:districtKey', 'Violation', 'Der Kreisschlüssel ist ungültig'),
    ('district-key-two', 'bg:districtKey', 'Violation', 'Der Kreisschlüssel ist ungültig'),
    ('district-ars-missing', 'bg:ars', 'Violation', 'Der Amtliche Regionalschlüssel (ARS) fehlt'),
    ('district-ars-pattern', 'bg:ars', 'Violation', 'Der Amtliche Regionalschlüssel (ARS) ist ungültig'),
    ('district-ars-datatype', 'bg:ars', 'Violation', 'Der Amtliche Regionalschlüssel (ARS) ist ungültig'),
    ('district-ars-two', 'bg:ars', 'Violation', 'Der Amtliche Regionalschlüssel (ARS) ist ungültig'),
    ('district-parent-missing', 'bg:parentUnit', 'Violation', 'fehlt der Regierungsbezirk'),
    ('district-parent-not-govdistrict', 'bg:parentUnit', 'Violation', 'ist kein Regierungsbezirk'),
    ('district-parent-two', 'bg:parentUnit', 'Violation', 'ist kein Regierungsbezirk'),
    ('district-area-datatype', 'bg:areaKm2', 'Violation', 'Die Fläche ist ungültig'),
    ('district-area-negative', 'bg:areaKm2', 'Violation', 'Die Fläche ist ungültig'),
    ('district-area-two', 'bg:areaKm2', 'Violation', 'Die Fläche ist ungültig'),
    ('govdistrict-name-missing', 'schema:name', 'Violation', 'Der Name des Regierungsbezirks fehlt'),
    ('govdistrict-name-not-literal', 'schema:name', 'Violation', 'Der Name des Regierungsbezirks fehlt'),
    ('govdistrict-key-missing', 'bg:governmentDistrictKey', 'Violation', 'Der Regierungsbezirksschlüssel fehlt'),
    ('govdistrict-key-pattern', 'bg:governmentDistrictKey', 'Violation', 'Der Regierungsbezirksschlüssel ist ungültig'),
    ('govdistrict-key-datatype', 'bg:governmentDistrictKey', 'Violation', 'Der Regierungsbezirksschlüssel ist ungültig'),
    ('govdistrict-key-two', 'bg:governmentDistrictKey', 'Violation', 'Der Regierungsbezirksschlüssel ist ungültig'),
    ('govdistrict-ars-pattern', 'bg:ars', 'Violation', 'Der Amtliche Regionalschlüssel (ARS) ist ungültig'),
    ('govdistrict-ars-datatype', 'bg:ars', 'Violation', 'Der Amtliche Regionalschlüssel (ARS) ist ungültig'),
    ('govdistrict-ars-two', 'bg:ars', 'Violation', 'Der Amtliche Regionalschlüssel (ARS) ist ungültig'),
    ('govdistrict-parent-missing', 'bg:parentUnit', 'Violation', 'Dem Regierungsbezirk fehlt das Land'),
    ('govdistrict-parent-not-state', 'bg:parentUnit', 'Violation', 'ist kein Land'),
    ('govdistrict-parent-two', 'bg:parentUnit', 'Violation', 'ist kein Land'),
    ('state-name-missing', 'schema:name', 'Violation', 'Der Name des Landes fehlt'),
    ('state-name-not-literal', 'schema:name', 'Violation', 'Der Name des Landes fehlt'),
    ('state-key-missing', 'bg:stateKey', 'Violation', 'Der Landesschlüssel fehlt'),
    ('state-key-pattern', 'bg:stateKey', 'Violation', 'Der Landesschlüssel ist ungültig'),
    ('state-key-datatype', 'bg:stateKey', 'Violation', 'Der Landesschlüssel ist ungültig'),
    ('state-key-two', 'bg:stateKey', 'Violation', 'Der Landesschlüssel ist ungültig'),
    ('state-ars-pattern', 'bg:ars', 'Violation', 'Der Amtliche Regionalschlüssel (ARS) ist ungültig'),
    ('state-ars-datatype', 'bg:ars', 'Violation', 'Der Amtliche Regionalschlüssel (ARS) ist ungültig'),
    ('state-ars-two', 'bg:ars', 'Violation', 'Der Amtliche Regionalschlüssel (ARS) ist ungültig'),
    ('population-refarea-missing', 'bg:refArea', 'Violation', 'Der Bevölkerungszahl fehlt das Gebiet'),
    ('population-refarea-not-unit', 'bg:refArea', 'Violation', 'keine bekannte Gebietseinheit'),
    ('population-refarea-two', 'bg:refArea', 'Violation', 'keine bekannte Gebietseinheit'),
    ('population-date-missing', 'bg:referenceDate', 'Violation', 'Der Stichtag fehlt'),
    ('population-date-datatype', 'bg:referenceDate', 'Violation', 'Der Stichtag ist ungültig'),
    ('population-date-two', 'bg:referenceDate', 'Violation', 'Der Stichtag ist ungültig'),
    ('population-ageband-missing', 'bg:ageBand', 'Violation', 'Die Altersgruppe fehlt'),
    ('population-ageband-wrong-scheme', 'bg:ageBand', 'Violation', 'Die Altersgruppe ist ungültig'),
    ('population-ageband-two', 'bg:ageBand', 'Violation', 'Die Altersgruppe ist ungültig'),
    ('population-count-missing', 'bg:population', 'Violation', 'Die Einwohnerzahl fehlt'),
    ('population-count-negative', 'bg:population', 'Violation', 'Die Einwohnerzahl ist ungültig'),
    ('population-count-datatype', 'bg:population', 'Violation', 'Die Einwohnerzahl ist ungültig'),
    ('population-count-two', 'bg:population', 'Violation', 'Die Einwohnerzahl ist ungültig'),
    ('sameas-schema-javascript', 'schema:sameAs', 'Violation', 'Der Verweis schema:sameAs ist ungültig'),
    ('sameas-owl-data', 'owl:sameAs', 'Violation', 'Der Verweis owl:sameAs ist ungültig'),
]
# fmt: on


# ------------------------------------------------------------------------------------ helpers


def _langs(graph: Graph, subject, predicate) -> set[str]:
    return {o.language for o in graph.objects(subject, predicate) if isinstance(o, Literal)}


def _short(iri) -> str:
    text = str(iri)
    for prefix, namespace in sorted(PREFIXES.items(), key=lambda kv: -len(kv[1])):
        if text.startswith(namespace):
            return f"{prefix}:{text[len(namespace) :]}"
    return text


def _path_text(graph: Graph, path) -> str | None:
    if path is None:
        return None
    if isinstance(path, BNode):
        inverse = graph.value(path, SH.inversePath)
        assert inverse is not None, "only inverse paths are used"
        return "^" + _short(inverse)
    return _short(path)


def _constraint_params(graph: Graph, shape) -> set[URIRef]:
    return {p for p in graph.predicates(shape, None) if p in COMPONENTS}


def _template_shapes(shapes: Graph) -> dict[str, URIRef]:
    return {str(t): s for s, t in shapes.subject_objects(BGSH.template)}


def _main_shapes(shapes: Graph, node_shape) -> list[URIRef]:
    mains = [p for p in shapes.objects(node_shape, SH.property) if (p, BGSH.column, None) in shapes]
    return sorted(mains, key=lambda p: shapes.value(p, SH.order).toPython())


@dataclass(frozen=True)
class Result:
    shape: URIRef
    component: URIRef
    path: str | None
    severity: str
    message_de: str


def _german_message(report: Graph, result, shapes: Graph) -> str:
    """The reported German message.

    pyshacl 0.40.1 drops the language tag of messages of SPARQL-based constraints, so an
    untagged message counts as German when its text is the source shape's @de message.
    """
    shape = report.value(result, SH.sourceShape)
    german = {str(m) for m in shapes.objects(shape, SH.message) if m.language == "de"}
    for message in report.objects(result, SH.resultMessage):
        if message.language == "de" or (message.language is None and str(message) in german):
            return str(message)
    return ""


def _results(report: Graph, shapes: Graph) -> dict[object, list[Result]]:
    """Top-level results (not nested sh:detail) by focus node."""
    by_focus: dict[object, list[Result]] = defaultdict(list)
    for node in report.objects(None, SH.result):
        by_focus[report.value(node, SH.focusNode)].append(
            Result(
                shape=report.value(node, SH.sourceShape),
                component=report.value(node, SH.sourceConstraintComponent),
                path=_path_text(report, report.value(node, SH.resultPath)),
                severity=_short(report.value(node, SH.resultSeverity)).removeprefix("sh:"),
                message_de=_german_message(report, node, shapes),
            )
        )
    return by_focus


def _validate(data: Graph, shapes: Graph) -> tuple[bool, Graph]:
    conforms, report, _ = pyshacl.validate(
        data, shacl_graph=shapes, inference="none", advanced=True, allow_warnings=True, inplace=True
    )
    return conforms, report


# ------------------------------------------------------------------------------------ fixtures


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return Graph().parse(SHAPES_FILE)


@pytest.fixture(scope="module")
def ontology() -> Graph:
    if not ONTOLOGY_FILE.exists():
        pytest.skip(f"{ONTOLOGY_FILE} does not exist yet (written by the ontology helper)")
    return Graph().parse(ONTOLOGY_FILE)


@pytest.fixture(scope="module")
def vocabularies() -> Graph:
    files = sorted(VOCAB_DIR.glob("*.ttl"))
    if not files:
        pytest.skip(f"no vocabularies in {VOCAB_DIR} yet (written by the ontology helper)")
    graph = Graph()
    for path in files:
        graph.parse(path)
    return graph


@pytest.fixture(scope="module")
def context(ontology: Graph, vocabularies: Graph) -> Graph:
    """Ontology + vocabularies + the store stub: what every record is validated against."""
    graph = Graph()
    for part in (ontology, vocabularies, Graph().parse(DATA / "context.ttl")):
        for triple in part:
            graph.add(triple)
    return graph


def _with(context: Graph, *records: Graph) -> Graph:
    data = Graph()
    for part in (context, *records):
        for triple in part:
            data.add(triple)
    return data


@pytest.fixture(scope="module")
def invalid_files() -> dict[str, Graph]:
    return {path.stem: Graph().parse(path) for path in sorted(INVALID.glob("*.ttl"))}


@pytest.fixture(scope="module")
def invalid_results(
    shapes: Graph, context: Graph, invalid_files: dict[str, Graph]
) -> dict[str, list[Result]]:
    """All invalid records validated in one run; results grouped by file."""
    _, report = _validate(_with(context, *invalid_files.values()), shapes)
    by_focus = _results(report, shapes)
    return {
        stem: [r for focus in set(record.subjects(RDF.type, None)) for r in by_focus.get(focus, [])]
        for stem, record in invalid_files.items()
    }


# ------------------------------------------------------------------------------------ (a) SHACL


def test_shapes_graph_is_valid_shacl(shapes: Graph) -> None:
    conforms, _, text = pyshacl.validate(
        Graph(), shacl_graph=shapes, meta_shacl=True, advanced=True
    )
    assert conforms, text


def test_node_shapes_exist_and_are_described(shapes: Graph) -> None:
    for name in NODE_SHAPES:
        shape = BGSH[name]
        assert (shape, RDF.type, SH.NodeShape) in shapes, name
        assert (shape, SH.targetClass, None) in shapes, name
        assert _langs(shapes, shape, SH.name) >= {"de", "en"}, name
        assert _langs(shapes, shape, SH.description) >= {"de", "en"}, name


def test_annotation_properties_are_declared(shapes: Graph) -> None:
    for name in ANNOTATIONS:
        prop = BGSH[name]
        assert (prop, RDF.type, OWL.AnnotationProperty) in shapes, name
        assert _langs(shapes, prop, RDFS.label) >= {"de", "en"}, name
        assert (prop, RDFS.comment, None) in shapes, name


# ------------------------------------------------------------------------------------ (b) terms


def test_bg_terms_are_declared_in_the_ontology(shapes: Graph, ontology: Graph) -> None:
    used = set()
    for predicate in (SH.targetClass, SH["class"], SH.path, SH.inversePath, SH.lessThanOrEquals):
        used |= {o for o in shapes.objects(None, predicate) if str(o).startswith(str(BG))}
    assert used
    undeclared = sorted(str(t) for t in used if (t, RDF.type, None) not in ontology)
    assert not undeclared, f"not declared in {ONTOLOGY_FILE.name}: {undeclared}"


def test_schemes_exist_in_the_vocabularies(shapes: Graph, vocabularies: Graph) -> None:
    schemes = set(shapes.objects(None, BGSH.scheme)) | set(shapes.objects(None, SH.hasValue))
    assert len(schemes) == 11
    missing = sorted(
        str(s) for s in schemes if (s, RDF.type, SKOS.ConceptScheme) not in vocabularies
    )
    assert not missing, missing


# ------------------------------------------------------------------------------------ (c) texts


def test_constraint_shapes_have_bilingual_messages_and_names(shapes: Graph) -> None:
    problems = []
    for shape in set(shapes.subjects(RDF.type, SH.NodeShape)) | set(
        shapes.subjects(RDF.type, SH.PropertyShape)
    ):
        if _constraint_params(shapes, shape) and _langs(shapes, shape, SH.message) < {"de", "en"}:
            problems.append(f"{_short(shape)}: sh:message @de/@en")
        if (shape, SH.path, None) in shapes and _langs(shapes, shape, SH.name) < {"de", "en"}:
            problems.append(f"{_short(shape)}: sh:name @de/@en")
    assert not problems, problems


def test_every_property_shape_is_typed(shapes: Graph) -> None:
    untyped = [
        s for s in shapes.subjects(SH.path, None) if (s, RDF.type, SH.PropertyShape) not in shapes
    ]
    assert not untyped, untyped


# ------------------------------------------------------------------------------------ templates


def test_templates_and_columns_follow_the_spec(shapes: Graph) -> None:
    templates = _template_shapes(shapes)
    assert set(templates) == set(TEMPLATES)
    orders = sorted(shapes.value(s, SH.order).toPython() for s in templates.values())
    assert orders == list(range(1, len(TEMPLATES) + 1))
    for name, (prefix, cls, columns) in TEMPLATES.items():
        node = templates[name]
        assert str(shapes.value(node, BGSH.idPrefix)) == prefix
        assert shapes.value(node, SH.targetClass) == cls
        mains = _main_shapes(shapes, node)
        assert [str(shapes.value(p, BGSH.column)) for p in mains] == columns, name
        assert [shapes.value(p, SH.order).toPython() for p in mains] == list(
            range(1, len(columns) + 1)
        )
        required = {
            str(shapes.value(p, BGSH.column)) for p in mains if shapes.value(p, BGSH.required)
        }
        assert required == REQUIRED[name], name


def test_main_shapes_declare_one_value_kind(shapes: Graph) -> None:
    prefixes = {
        str(shapes.value(s, BGSH.idPrefix)): shapes.value(s, SH.targetClass)
        for s in _template_shapes(shapes).values()
    }
    for name, node in _template_shapes(shapes).items():
        headers: dict[str, str] = {}
        paths = set()
        for main in _main_shapes(shapes, node):
            column = str(shapes.value(main, BGSH.column))
            where = f"{name}/{column}"
            for header in (column, str(shapes.value(main, BGSH.columnEn))):
                assert headers.setdefault(header, column) == column, (
                    f"{where}: header {header} twice"
                )
            assert shapes.value(main, BGSH.example) is not None, where
            path = _path_text(shapes, shapes.value(main, SH.path))
            assert path not in paths, f"{where}: two columns on one path"
            paths.add(path)
            kinds = [
                k for k in (SH.datatype, BGSH.scheme, BGSH.refPrefix) if (main, k, None) in shapes
            ]
            assert len(kinds) == 1, f"{where}: value kind {kinds}"
            if kinds == [BGSH.scheme]:
                concept = shapes.value(main, SH.node)
                inner = shapes.value(concept, SH.property)
                assert shapes.value(inner, SH.hasValue) == shapes.value(main, BGSH.scheme), where
            if kinds == [BGSH.refPrefix]:
                ref = str(shapes.value(main, BGSH.refPrefix))
                expected = (
                    {BG.Municipality, BG.AdministrativeUnit}
                    if ref == "kommune"
                    else {prefixes[ref]}
                )
                assert shapes.value(main, SH["class"]) in expected, where
            if shapes.value(main, BGSH.multiple):
                assert (main, SH.maxCount, None) not in shapes, f"{where}: multiple but sh:maxCount"
            required = bool(shapes.value(main, BGSH.required))
            siblings = [
                p
                for p in shapes.objects(node, SH.property)
                if p != main
                and _path_text(shapes, shapes.value(p, SH.path)) == path
                and (p, SH.minCount, None) in shapes
            ]
            hard = [p for p in siblings if (p, SH.severity, SH.Warning) not in shapes]
            soft = [p for p in siblings if (p, SH.severity, SH.Warning) in shapes]
            assert bool(hard) == required, f"{where}: required flag vs. sh:minCount shape"
            recommended = (shapes.value(node, SH.targetClass), column) in RECOMMENDED
            assert bool(soft) == recommended, f"{where}: recommended warning shape"


def test_kennung_is_not_a_column(shapes: Graph) -> None:
    assert not list(shapes.subjects(BGSH.column, Literal("Kennung")))


# ------------------------------------------------------------------------------------ (d) data


def test_valid_records_conform_without_warnings(shapes: Graph, context: Graph) -> None:
    for path in sorted(VALID.glob("*.ttl")):
        conforms, report = _validate(_with(context, Graph().parse(path)), shapes)
        results = [r for rs in _results(report, shapes).values() for r in rs]
        assert conforms and not results, f"{path.name}: {results}"


def test_case_table_matches_the_files(invalid_files: dict[str, Graph]) -> None:
    stems = [c[0] for c in CASES]
    assert len(stems) == len(set(stems))
    assert set(stems) == set(invalid_files)


@pytest.mark.parametrize(("stem", "path", "severity", "message"), CASES, ids=[c[0] for c in CASES])
def test_invalid_record_is_reported(
    invalid_results: dict[str, list[Result]],
    stem: str,
    path: str | None,
    severity: str,
    message: str,
) -> None:
    results = invalid_results[stem]
    assert results, f"{stem}: no result"
    for result in results:
        assert (result.path, result.severity) == (path, severity), result
        assert message in result.message_de, result


def test_every_constraint_has_a_failing_record(
    shapes: Graph, invalid_results: dict[str, list[Result]]
) -> None:
    seen = {(r.shape, r.component) for rs in invalid_results.values() for r in rs}
    concept_shapes = set(shapes.objects(None, SH.node))
    expected = set()
    for shape in set(shapes.subjects(RDF.type, SH.NodeShape)) | set(
        shapes.subjects(RDF.type, SH.PropertyShape)
    ):
        if shape in concept_shapes or shape in {
            shapes.value(c, SH.property) for c in concept_shapes
        }:
            continue
        expected |= {(shape, COMPONENTS[p]) for p in _constraint_params(shapes, shape)}
    missing = sorted(f"{_short(s)} {_short(c)}" for s, c in expected - seen)
    assert not missing, f"no invalid record for: {missing}"
    # concept shapes are exercised through sh:node on the property shapes that use them
    failed_nodes = {shapes.value(s, SH.node) for s, c in seen if c == SH.NodeConstraintComponent}
    assert concept_shapes <= failed_nodes
