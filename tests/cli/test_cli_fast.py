"""Every command of the CLI runs on the one-Kreis mini store: the fast subset's guard that no
command goes untested. A new command fails ``test_every_command_has_an_example`` until it gets
an example here (or a justified place in ``ELSEWHERE``)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from bildungsgraph.cli import main
from ministore import MINI_GEMEINDE, MINI_KREIS
from storecopy import copy_store

DATA = Path(__file__).resolve().parents[1] / "data" / "api"

# Commands that read: command → its arguments.
READS: dict[str, list[str]] = {
    "accounts list": [],
    "contributions list": [],
    "export": ["--format", "nt"],
    "freshness": ["--kommune", MINI_KREIS, "--format", "json"],
    "gaps": ["--kommune", MINI_KREIS, "--format", "json"],
    "network": ["--kommune", MINI_KREIS, "--measures", "--format", "json"],
    "network export": ["--format", "graphml"],
    "query": ["SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"],
    "report": ["--kommune", MINI_KREIS],
    "stats": ["--json"],
    "validate": [str(DATA / "akteure.csv"), str(DATA / "standorte.csv")],
}

# Commands that write, run in this order by ``test_the_writing_commands``.
WRITES = [
    "accounts create",
    "contribute",
    "contributions show",
    "contributions withdraw",
    "confirmations list",
    "confirmations confirm",
    "confirmations dispute",
    "accounts revoke",
    "load",
    "templates",
    "init",
]

# Commands tested elsewhere, with the reason.
ELSEWHERE = {
    "serve": "starts a server: tests/live",
    "reference update population": "needs an official file: tests/cli/test_reference_update_cli.py",
    "reference update schools": "needs an official file: tests/cli/test_reference_update_cli.py",
}


def _commands(command: click.Command, path: tuple[str, ...] = ()) -> Iterator[str]:
    if isinstance(command, click.Group):
        if path and command.invoke_without_command:  # a group that runs on its own too
            yield " ".join(path)
        for name, sub in command.commands.items():
            yield from _commands(sub, (*path, name))
    else:
        yield " ".join(path)


def run(store: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["--store", str(store), *args])
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.output


def test_every_command_has_an_example() -> None:
    commands = set(_commands(main))
    covered = {*READS, *WRITES, *ELSEWHERE}
    assert commands - covered == set(), "commands without an example in test_cli_fast.py"
    assert covered - commands == set(), "examples for commands that are gone"


@pytest.fixture(scope="module")
def store(mini_store_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One copy of the mini store for the commands that only read."""
    return copy_store(mini_store_dir, tmp_path_factory.mktemp("cli") / "store")


@pytest.mark.parametrize("command", sorted(READS))
def test_reading_command_runs(store: Path, command: str, tmp_path: Path) -> None:
    args = [arg.replace("{tmp}", str(tmp_path)) for arg in READS[command]]
    code, output = run(store, *command.split(), *args)
    assert code == 0, output


@pytest.mark.parametrize(
    ("english", "german"),
    [
        (["gaps", "--life-phase", "early-childhood"], ["gaps", "--lebensphase", "early-childhood"]),
        (["gaps", "--reference-date", "2024-01-01"], ["gaps", "--stichtag", "2024-01-01"]),
        (["network", "--life-phase", "school-age"], ["network", "--lebensphase", "school-age"]),
    ],
)
def test_options_have_english_names_and_keep_the_german_ones(
    store: Path, english: list[str], german: list[str]
) -> None:
    common = ["--kommune", MINI_KREIS, "--format", "json"]
    code, by_english = run(store, *english, *common)
    assert code == 0, by_english
    assert run(store, *german, *common) == (0, by_english)


def test_the_writing_commands(mini_store: Path, tmp_path: Path) -> None:
    code, output = run(mini_store, "accounts", "create", "--name", "Kreis", "--kommune", MINI_KREIS)
    assert code == 0, output
    code, output = run(
        mini_store, "accounts", "create", "--name", "Stadt", "--kommune", MINI_GEMEINDE
    )
    assert code == 0, output
    accounts = run(mini_store, "accounts", "list")[1]
    assert "Kreis" in accounts and "Stadt" in accounts
    files = [str(DATA / "akteure.csv"), str(DATA / "standorte.csv")]
    code, output = run(mini_store, "contribute", *files, "--contributor", "Test", "--json")
    assert code == 0, output
    contribution = json.loads(output)["graph"].rsplit("/", 1)[-1]
    code, output = run(mini_store, "contributions", "show", contribution)
    assert code == 0 and contribution in output, output
    code, output = run(mini_store, "contributions", "withdraw", contribution, "--yes")
    assert code == 0, output
    code, output = run(mini_store, "confirmations", "list", "--account", "1", "--json")
    assert code == 0, output
    # no claim is open in the mini store: deciding on an unknown one is refused
    for decide in (["confirm"], ["dispute", "--reason", "unbekannt"]):
        code, output = run(
            mini_store, "confirmations", *decide, "nichts", "niemand", "--account", "1"
        )
        assert code != 0, output
    assert run(mini_store, "accounts", "revoke", "2")[0] == 0
    code, output = run(mini_store, "load", str(DATA / "mini.ttl"))
    assert code == 0, output
    code, output = run(mini_store, "templates", str(tmp_path / "vorlagen"))
    assert code == 0 and any((tmp_path / "vorlagen").iterdir()), output
    code, output = run(tmp_path / "fresh", "init")
    assert code == 0, output
