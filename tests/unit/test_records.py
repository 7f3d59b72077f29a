"""The read side of the REST API on a small store: filters, index, CSV."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph

from bildungsgraph.errors import NotFoundError
from bildungsgraph.readmodel import ReadModel
from bildungsgraph.records import (
    FilterError,
    RecordQuery,
    Records,
    items_csv,
)
from bildungsgraph.records.filters import BoundingBox
from bildungsgraph.store import OxigraphStore

DATA = Path(__file__).resolve().parents[1] / "data" / "api" / "mini.ttl"
ID = "https://w3id.org/bildungsgraph/id/"


@pytest.fixture
def reader(memory_store: OxigraphStore) -> Records:
    memory_store.replace_graph("https://example.org/mini", Graph().parse(DATA))
    return ReadModel(memory_store).current().records


def test_bounding_box() -> None:
    box = BoundingBox.parse("51,6,52,7")
    assert box.contains(51.5, 6.5) and not box.contains(50.9, 6.5)
    for raw in ("1,2,3", "a,b,c,d", "52,6,51,7"):
        with pytest.raises(FilterError):
            BoundingBox.parse(raw)


def test_listing_filters_and_languages(reader: Records) -> None:
    everything = reader.list("actors", RecordQuery())
    assert everything.total == 2
    in_kreis = reader.list("actors", RecordQuery(kommune=["05166"]))
    assert [i["id"] for i in in_kreis.items] == ["mini-vhs"]
    typed = reader.list("actors", RecordQuery(concepts={"actor_type": ["further-education"]}))
    assert [i["id"] for i in typed.items] == ["mini-vhs"]  # narrower type adult-education-centre
    english = reader.get("actors", "mini-vhs", "en")
    assert english["types"][0]["label"] == "Adult education centre"
    assert reader.get("actors", "mini-vhs")["types"][0]["label"] == "Volkshochschule"
    with pytest.raises(FilterError, match="'raumschiff'.*adult-education-centre"):
        reader.list("actors", RecordQuery(concepts={"actor_type": ["raumschiff"]}))
    with pytest.raises(NotFoundError):
        reader.get("actors", "gibt-es-nicht")


def test_items_csv_flattens_nested_values() -> None:
    text = items_csv(
        [
            {
                "id": "a",
                "href": "/x",
                "types": [{"label": "Schule"}, {"label": "VHS"}],
                "kommune": {"name": "Viersen"},
                "free": True,
                "n": None,
            }
        ]
    )
    assert text.splitlines() == ["id,types,kommune,free,n", "a,Schule | VHS,Viersen,true,"]
