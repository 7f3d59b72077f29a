"""``bildungsgraph accounts``: create, list and revoke the accounts that may write.

The accounts live in SQLite beside the store, so these commands work while a server runs.
"""

from __future__ import annotations

import json

import click

from ..accounts import AccountStore, accounts_path
from ..config import Settings
from ..errors import NotFoundError
from . import main


def _store(ctx: click.Context) -> AccountStore:
    settings: Settings = ctx.obj
    settings.store_path.parent.mkdir(parents=True, exist_ok=True)
    return AccountStore(accounts_path(settings.store_path))


@main.group()
def accounts() -> None:
    """Accounts with write access (Bearer tokens) and the Kommunen they may write for."""


@accounts.command("create")
@click.option("--name", required=True, help='e.g. "Bildungsbüro Kreis Viersen"')
@click.option(
    "--kommune",
    "kommunen",
    multiple=True,
    help="Key of a Kommune the account may write for (repeatable); a Kreis (05166) "
    "covers its Gemeinden.",
)
@click.option("--admin", is_flag=True, help="May write everywhere.")
@click.pass_context
def create(ctx: click.Context, name: str, kommunen: tuple[str, ...], admin: bool) -> None:
    """Create an account and print its token (shown only this once)."""
    store = _store(ctx)
    try:
        account, token = store.create(name, list(kommunen), admin=admin)
    except ValueError as exc:
        raise click.ClickException(str(exc)) from exc
    finally:
        store.close()
    scope = "alle Kommunen / everywhere" if account.admin else ", ".join(account.kommunen)
    click.echo(f"Konto / account {account.id}: {account.name} ({scope})", err=True)
    click.echo("Token (wird nur jetzt angezeigt / shown only now):", err=True)
    click.echo(token)


@accounts.command("list")
@click.option("--json", "as_json", is_flag=True, help="Output JSON.")
@click.pass_context
def list_accounts(ctx: click.Context, as_json: bool) -> None:
    """List accounts (never their tokens)."""
    store = _store(ctx)
    try:
        rows = store.list()
    finally:
        store.close()
    if as_json:
        click.echo(json.dumps([vars(a) for a in rows], ensure_ascii=False, indent=2))
        return
    for account in rows:
        scope = "admin" if account.admin else ",".join(account.kommunen)
        state = f"widerrufen / revoked {account.revoked}" if account.revoked else "aktiv / active"
        click.echo(f"{account.id}\t{account.name}\t{scope}\t{account.created}\t{state}")


@accounts.command("revoke")
@click.argument("account_id", type=int)
@click.pass_context
def revoke(ctx: click.Context, account_id: int) -> None:
    """Revoke an account: its token stops working at once."""
    store = _store(ctx)
    try:
        account = store.revoke(account_id)
    except NotFoundError as exc:
        raise click.ClickException(str(exc)) from exc
    finally:
        store.close()
    click.echo(f"Konto {account.id} widerrufen / account {account.id} revoked ({account.name})")
