"""``bildungsgraph confirmations``: list, confirm and dispute claims as an account.

The same as the page "Zu bestätigen" and ``/api/confirmations``, for an account named by its
id (``bildungsgraph accounts list``): listing works while a server runs (its checkpoint);
deciding writes the store, so while a server holds it, decide through the server.
"""

from __future__ import annotations

import json

import click

from ..accounts import Account
from ..service import BildungsGraph
from . import _require_loaded, _service, main
from .output import render_table


@main.group()
def confirmations() -> None:
    """Cooperations other Kommunen entered with your actors: list, confirm, dispute."""


def _account_of(service: BildungsGraph, account_id: int) -> Account:
    account = service.accounts.get(account_id)
    if not account.active:
        raise click.ClickException(f"Konto {account_id} ist widerrufen / account revoked")
    return account


@confirmations.command("list")
@click.option("--account", "account_id", type=int, required=True, help="Account id.")
@click.option("--json", "as_json", is_flag=True, help="Output JSON.")
@click.pass_context
def list_claims(ctx: click.Context, account_id: int, as_json: bool) -> None:
    """The claims waiting for the account's decision."""
    with _service(ctx, read=True) as service:
        _require_loaded(service)
        claims = service.confirmations.pending(_account_of(service, account_id))
    if as_json:
        click.echo(json.dumps([c.to_json() for c in claims], ensure_ascii=False, indent=1))
        return
    rows = [
        [
            c.kennung,
            c.partner.kennung,
            c.name,
            c.contributor_name or "",
            (c.since or "")[:10],
            "outdated" if c.outdated else "",
        ]
        for c in claims
    ]
    click.echo(render_table(["cooperation", "partner", "name", "contributor", "since", ""], rows))


def _decide(
    ctx: click.Context,
    account_id: int,
    cooperation: str,
    partner: str,
    decision: str,
    reason: str | None,
) -> None:
    with _service(ctx) as service:
        _require_loaded(service)
        made = service.confirmations.decide(
            _account_of(service, account_id), cooperation, partner, decision, reason
        )
    click.echo(f"{made.kennung} / {made.partner.kennung}: {made.decision} ({made.at})")


@confirmations.command("confirm")
@click.option("--account", "account_id", type=int, required=True, help="Account id.")
@click.option("--reason", default=None, help="Optional note.")
@click.argument("cooperation")
@click.argument("partner")
@click.pass_context
def confirm(
    ctx: click.Context, account_id: int, cooperation: str, partner: str, reason: str | None
) -> None:
    """Confirm COOPERATION (Kennung) for the claimed PARTNER (Kennung)."""
    _decide(ctx, account_id, cooperation, partner, "confirmed", reason)


@confirmations.command("dispute")
@click.option("--account", "account_id", type=int, required=True, help="Account id.")
@click.option("--reason", required=True, help="Why the cooperation is disputed.")
@click.argument("cooperation")
@click.argument("partner")
@click.pass_context
def dispute(
    ctx: click.Context, account_id: int, cooperation: str, partner: str, reason: str
) -> None:
    """Dispute COOPERATION (Kennung) for the claimed PARTNER (Kennung), with a reason."""
    _decide(ctx, account_id, cooperation, partner, "disputed", reason)
