"""`bildungsgraph network --confirmed-only` and `gaps --confirmed-only`."""

from __future__ import annotations

import json
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner
from rdflib import URIRef

from bildungsgraph.cli import main
from bildungsgraph.namespaces import BG, CONTRIBUTION_GRAPH_PREFIX, ID
from bildungsgraph.service import BildungsGraph

pytestmark = pytest.mark.slow
CLAIMS = CONTRIBUTION_GRAPH_PREFIX + "test-claims"


@pytest.fixture
def store(loaded_service: BildungsGraph) -> Path:
    """The loaded store with one partner of a Krefeld cooperation claimed, not confirmed."""
    triples = [
        (
            URIRef(f"{ID}cooperation/05114-koop-0005"),
            BG.claimedPartner,
            URIRef(f"{ID}actor/school-102957"),
        )
    ]
    loaded_service.writer.write(
        [CLAIMS], lambda: loaded_service.store.replace_graph(CLAIMS, triples)
    )
    path = loaded_service.store.path
    loaded_service.close()
    return path


def run(store: Path, *args: str) -> str:
    result = CliRunner().invoke(main, ["--store", str(store), *args])
    assert result.exit_code == 0, result.output
    return result.output


def _summary(output: str) -> dict[str, object]:
    summary: dict[str, object] = json.loads(output[output.index("{") : output.rindex("}") + 1])
    return summary


def test_network_confirmed_only(store: Path, tmp_path: Path) -> None:
    every = _summary(run(store, "network", "--kommune", "05114", "--format", "json"))
    confirmed = _summary(
        run(store, "network", "--kommune", "05114", "--confirmed-only", "--format", "json")
    )
    assert isinstance(every["edges"], int) and isinstance(confirmed["edges"], int)
    assert confirmed["edges"] == every["edges"] - 1
    out = tmp_path / "n.graphml"
    run(store, "network", "--kommune", "05114", "export", "--format", "graphml", "-o", str(out))
    standings = {s for *_, s in nx.read_graphml(out).edges(data="confirmation")}
    assert standings == {"confirmed", "claimed"}


def test_gaps_confirmed_only(store: Path) -> None:
    body = json.loads(
        run(store, "gaps", "--kommune", "05114", "--confirmed-only", "--format", "json")
    )
    assert body["confirmed_only"] is True
    assert (
        json.loads(run(store, "gaps", "--kommune", "05114", "--format", "json"))["confirmed_only"]
        is False
    )
