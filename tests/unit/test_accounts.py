"""Accounts: hashed tokens, scopes, revocation, the write rate limit and the CLI."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from bildungsgraph.accounts import (
    Account,
    AccountStore,
    RateLimiter,
    accounts_path,
    check_kommune_key,
    hash_token,
)
from bildungsgraph.cli import main


def test_tokens_are_stored_hashed_and_authenticate(tmp_path: Path) -> None:
    path = tmp_path / "accounts.sqlite3"
    store = AccountStore(path)
    account, token = store.create("Bildungsbüro Kreis Viersen", ["05166"])
    assert token.startswith("bg_") and len(token) > 40
    assert store.authenticate(token) == account
    assert store.authenticate(token + "x") is None
    assert store.authenticate("") is None
    store.close()
    with sqlite3.connect(path) as db:
        dump = "\n".join(db.iterdump())
    db.close()
    assert token not in dump and hash_token(token) in dump


def test_revoked_accounts_cannot_write(tmp_path: Path) -> None:
    store = AccountStore(None)
    account, token = store.create("X", ["05114"])
    revoked = store.revoke(account.id)
    assert not revoked.active and store.authenticate(token) is None
    store.close()


def test_scopes_nest_by_key() -> None:
    kreis = Account(1, "Kreis Viersen", ("05166",))
    assert kreis.covers("05166") and kreis.covers("05166032")
    assert not kreis.covers("05114000") and not kreis.covers("05")
    bezirk = Account(2, "Bezirk Düsseldorf", ("051",))
    assert bezirk.covers("05114000") and not bezirk.covers("05334002")
    assert Account(3, "Land", (), admin=True).covers("05334002")


@pytest.mark.parametrize("key", ["05", "051", "05166", "05166032"])
def test_valid_keys(key: str) -> None:
    assert check_kommune_key(key) == key


@pytest.mark.parametrize("key", ["5166", "0516", "06166", "05166O32", ""])
def test_invalid_keys(key: str) -> None:
    with pytest.raises(ValueError, match="NRW key"):
        check_kommune_key(key)


def test_account_needs_name_and_scope() -> None:
    store = AccountStore(None)
    with pytest.raises(ValueError):
        store.create("", ["05166"])
    with pytest.raises(ValueError):
        store.create("Niemand", [])
    account, _ = store.create("Land", [], admin=True)
    assert account.admin
    store.close()


def test_rate_limiter_window() -> None:
    now = [0.0]
    limiter = RateLimiter(2, clock=lambda: now[0])
    assert limiter.retry_after("a") is None and limiter.retry_after("a") is None
    assert limiter.retry_after("a") == 60
    assert limiter.retry_after("b") is None
    now[0] = 30.0
    assert limiter.retry_after("a") == 30
    now[0] = 60.5
    assert limiter.retry_after("a") is None


def test_cli_create_list_revoke(tmp_path: Path) -> None:
    store = tmp_path / "store"
    runner = CliRunner()
    created = runner.invoke(
        main,
        [
            "--store",
            str(store),
            "accounts",
            "create",
            "--name",
            "Bildungsbüro Viersen",
            "--kommune",
            "05166",
        ],
    )
    assert created.exit_code == 0, created.output
    token = created.stdout.strip().splitlines()[-1]
    assert token.startswith("bg_")
    assert accounts_path(store) == tmp_path / "store-accounts.sqlite3"
    listed = runner.invoke(main, ["--store", str(store), "accounts", "list"])
    assert "Bildungsbüro Viersen" in listed.output and token not in listed.output
    revoked = runner.invoke(main, ["--store", str(store), "accounts", "revoke", "1"])
    assert revoked.exit_code == 0
    accounts = AccountStore(accounts_path(store))
    assert accounts.authenticate(token) is None
    accounts.close()
    bad = runner.invoke(
        main, ["--store", str(store), "accounts", "create", "--name", "X", "--kommune", "5166"]
    )
    assert bad.exit_code != 0 and "NRW key" in bad.output
    assert runner.invoke(main, ["--store", str(store), "accounts", "revoke", "99"]).exit_code != 0
