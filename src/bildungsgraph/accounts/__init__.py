"""Accounts for writing: tokens (stored hashed), Kommune scopes, admin, write rate limits."""

from __future__ import annotations

from .model import Account, check_kommune_key
from .ratelimit import RateLimiter
from .store import AccountStore, WithdrawnGraph, accounts_path, hash_token

__all__ = [
    "Account",
    "AccountStore",
    "RateLimiter",
    "WithdrawnGraph",
    "accounts_path",
    "check_kommune_key",
    "hash_token",
]
