"""Accounts: the sessions of the contribute pages and sign-in with an account token."""

from __future__ import annotations

from ..accounts import Account, AccountStore
from ..accounts.sessions import Session


class Sessions:
    """Browser sessions over the account store (beside the triple store)."""

    def __init__(self, accounts: AccountStore) -> None:
        self.accounts = accounts

    def open(self) -> tuple[str, Session]:
        """A new anonymous browser session: (its id, the session); nothing is stored, so a
        visit costs no row (see ``accounts.sessions``)."""
        return self.accounts.sessions.anonymous()

    def sign_in(self, account: Account) -> tuple[str, Session]:
        """A new session for an account whose token was checked (``web`` limits failed
        checks per client before it gets here)."""
        return self.accounts.sessions.open(account.id)

    def get(self, session_id: str) -> tuple[Session, Account | None] | None:
        """A live session and its account; None when unknown, expired or revoked."""
        session = self.accounts.sessions.get(session_id)
        if session is None or session.account_id is None:
            return (session, None) if session else None
        account = self.accounts.get(session.account_id)
        return (session, account) if account.active else None

    def close(self, session_id: str) -> None:
        self.accounts.sessions.close(session_id)
