"""`bildungsgraph gaps`, `network`, `network export` and `report`."""

from __future__ import annotations

import json
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner

from bildungsgraph.cli import main
from bildungsgraph.service import BildungsGraph

pytestmark = pytest.mark.slow


@pytest.fixture
def store(loaded_service: BildungsGraph) -> Path:
    path = loaded_service.store.path
    loaded_service.close()
    return path


def run(store: Path, *args: str) -> str:
    result = CliRunner().invoke(main, ["--store", str(store), *args])
    assert result.exit_code == 0, result.output
    return result.output


def test_gaps_json(store: Path) -> None:
    body = json.loads(run(store, "gaps", "--kommune", "05114", "--format", "json"))
    assert [(g["kind"], g["concept"]) for g in body["gaps"]] == [
        ("no-offer", "basic-education-literacy")
    ]


def test_network_measures_and_export(store: Path, tmp_path: Path) -> None:
    assert "05114-bildungsbuero" in run(
        store, "network", "--kommune", "05114", "--measures", "--format", "csv"
    )
    out = tmp_path / "n.graphml"
    run(store, "network", "--kommune", "05114", "export", "--format", "graphml", "-o", str(out))
    assert out.read_text(encoding="utf-8").startswith("<?xml")


def test_network_export_to_stdout(store: Path) -> None:
    # written with click.echo: click 8.5 deprecates get_binary_stream (an error under pytest)
    result = CliRunner().invoke(
        main, ["--store", str(store), "network", "--kommune", "05114", "export"]
    )
    assert result.exit_code == 0, result.output
    assert result.stdout_bytes.startswith(b"<?xml")


def test_report_html(store: Path, tmp_path: Path) -> None:
    out = tmp_path / "bericht.html"
    run(store, "report", "--kommune", "05166", "--format", "html", "-o", str(out))
    assert "<table>" in out.read_text(encoding="utf-8")


@pytest.mark.parametrize("ties", ["cooperation", "membership", "all"])
def test_network_measures_say_their_ties(store: Path, tmp_path: Path, ties: str) -> None:
    output = run(store, "network", "--kommune", "05166008", "--ties", ties, "--format", "json")
    summary = json.loads(output[output.index("{") : output.rindex("}") + 1])
    assert summary["ties"] == ties
    assert (summary["network_nodes"] > 0) == (ties != "cooperation")
    out = tmp_path / "n.graphml"
    run(store, "network", "--kommune", "05166008", "--ties", ties, "export", "-o", str(out))
    kinds = {kind for *_, kind in nx.read_graphml(out).edges(data="kind")}
    assert ("membership" in kinds) == (ties != "cooperation")


def test_unknown_ties_are_refused(store: Path) -> None:
    result = CliRunner().invoke(main, ["--store", str(store), "network", "--ties", "bogus"])
    assert result.exit_code == 2 and "bogus" in result.output


def test_network_output_lists_the_bridges_by_kennung(store: Path, tmp_path: Path) -> None:
    output = run(store, "network", "--kommune", "05166", "--format", "json")
    summary = json.loads(output[output.index("{") : output.rindex("}") + 1])
    out = tmp_path / "n.graphml"
    run(store, "network", "--kommune", "05166", "export", "-o", str(out))
    graph = nx.read_graphml(out)
    kennung = {n: attrs.get("kennung", n) for n, attrs in graph.nodes(data=True)}
    expected = sorted(sorted((kennung[a], kennung[b])) for a, b in nx.bridges(graph))
    assert expected and summary["bridges"] == expected
    assert not any(end.startswith("http") for pair in summary["bridges"] for end in pair)
