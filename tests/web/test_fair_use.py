"""Fair use: anonymous checks (rate and staged bytes), stateless anonymous sessions, capped
account sessions, and a per-address backoff after invalid tokens (API and sign-in form)."""

from __future__ import annotations

import re
import sqlite3
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta, tzinfo
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from bildungsgraph import staging
from bildungsgraph.accounts.ratelimit import FailureBackoff, RateLimiter
from bildungsgraph.accounts.sessions import MAX_SESSIONS_PER_ACCOUNT, SessionStore
from bildungsgraph.config import Settings
from bildungsgraph.errors import TooManyRequestsError, wait_de, wait_en
from bildungsgraph.service import BildungsGraph
from bildungsgraph.staging import StagingQuota, UploadStaging
from bildungsgraph.store import open_store
from bildungsgraph.web import create_app
from bildungsgraph.web.routers.api_auth import FairUse

COOKIE = "bildungsgraph_session"
ACTORS = b"Kennung,Name,Akteurstyp\nfu-1,Lesecafe,Verein\n"
ELSEWHERE = ("198.51.100.7", 50000)  # another client address


@dataclass
class Site:
    app: object
    service: BildungsGraph
    token: str  # of an account for Kreis Viersen

    def client(self, address: tuple[str, int] = ("203.0.113.1", 50000)) -> TestClient:
        return TestClient(self.app, client=address)  # type: ignore[arg-type]


def _site(tmp_path: Path, **limits: int) -> Iterator[Site]:
    service = BildungsGraph(open_store(None))
    _, token = service.accounts.create("Bildungsbüro Kreis Viersen", ["05166"])
    settings = Settings(store_path=tmp_path / "unused", **limits)
    app = create_app(settings=settings, service=service)
    app.state.fair_use = FairUse.from_settings(settings, clock=lambda: 0.0)  # time stands still
    with TestClient(app):  # runs the lifespan once
        yield Site(app, service, token)
    service.close()


def csrf(html: str) -> str:
    found = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert found, "no CSRF field in the page"
    return found.group(1)


def check(client: TestClient, content: bytes = ACTORS, name: str = "akteure.csv") -> object:
    token = csrf(client.get("/contribute").text)
    return client.post(
        "/contribute/check",
        data={"csrf_token": token},
        files=[("files", (name, content))],
        follow_redirects=False,
    )


def staged(site: Site) -> int:
    directory = site.service.contributions.staging.directory
    return len(list(directory.iterdir())) if directory.is_dir() else 0


def sign_in(client: TestClient, token: str) -> object:
    page = client.get("/contribute/sign-in")
    return client.post(
        "/contribute/sign-in",
        data={"token": token, "csrf_token": csrf(page.text)},
        follow_redirects=False,
    )


# -- anonymous checks ------------------------------------------------------------------------


def test_anonymous_checks_over_the_rate_get_429_in_german(tmp_path: Path) -> None:
    for site in _site(tmp_path, anonymous_checks_per_minute=2):
        client = site.client()
        assert [check(client).status_code for _ in range(2)] == [303, 303]
        refused = check(client)
        assert refused.status_code == 429
        assert 1 <= int(refused.headers["retry-after"]) <= 60
        assert "Zu viele Prüfungen ohne Anmeldung: höchstens 2 je Minute" in refused.text
        assert staged(site) == 2  # the refused check was not staged
        english = client.post("/contribute/check?lang=en", data={}, files=[("files", ("a", b""))])
        assert english.status_code == 429 and "Too many checks without signing in" in english.text
        # another address has its own allowance
        assert check(site.client(ELSEWHERE)).status_code == 303


def test_a_refused_check_is_not_even_read(tmp_path: Path) -> None:
    for site in _site(tmp_path, anonymous_checks_per_minute=1):
        client = site.client()
        assert check(client).status_code == 303
        # the body is refused before it is read: even one above the size limit gets 429, not 413
        big = b"x" * (Settings(store_path=tmp_path).max_upload_bytes + 1)
        refused = client.post(
            "/contribute/check",
            content=big,
            headers={"content-type": "multipart/form-data; boundary=x"},
        )
        assert refused.status_code == 429 and staged(site) == 1


class _TwoHoursLater(datetime):
    @classmethod
    def now(cls, tz: tzinfo | None = None) -> _TwoHoursLater:
        return cls.fromtimestamp((datetime.now(tz) + timedelta(hours=2)).timestamp(), tz)


def test_staged_bytes_per_client_are_limited_until_they_expire(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for site in _site(tmp_path, staged_bytes_per_client=1_000):
        client = site.client()
        assert check(client, ACTORS + b"x" * 500).status_code == 303
        refused = check(client, ACTORS + b"y" * 500)
        assert refused.status_code == 429
        assert 3_500 <= int(refused.headers["retry-after"]) <= 3_601  # when the first expires
        assert "geprüfte Dateien werden je Absender bis höchstens 1 kB bereitgehalten" in (
            refused.text
        )
        assert staged(site) == 1
        assert check(site.client(ELSEWHERE), ACTORS + b"z" * 500).status_code == 303
        monkeypatch.setattr(staging, "datetime", _TwoHoursLater)  # the first one has expired
        assert check(client, ACTORS + b"y" * 500).status_code == 303


def test_anonymous_staging_in_total_is_limited_and_spares_accounts(tmp_path: Path) -> None:
    for site in _site(tmp_path, staged_bytes_anonymous=1_000):
        assert check(site.client(), ACTORS + b"x" * 500).status_code == 303
        refused = check(site.client(ELSEWHERE), ACTORS + b"y" * 500)
        assert refused.status_code == 429 and "Retry-After" in refused.headers
        assert "Gerade prüfen sehr viele Personen ohne Anmeldung Dateien" in refused.text
        signed_in = site.client(ELSEWHERE)
        assert sign_in(signed_in, site.token).status_code == 303
        assert check(signed_in, ACTORS + b"y" * 500).status_code == 303
        assert staged(site) == 2


def test_staging_quota_is_checked_atomically_and_survives_a_restart(tmp_path: Path) -> None:
    quota = StagingQuota(per_owner_bytes=100, anonymous_bytes=1_000)
    uploads = UploadStaging(tmp_path / "staging")
    uploads.stage([("a.csv", b"a" * 60)], {}, owner="client:1", quota=quota)
    with pytest.raises(TooManyRequestsError) as refused:
        uploads.stage([("b.csv", b"b" * 60)], {}, owner="client:1", quota=quota)
    assert refused.value.retry_after > 3_500 and "höchstens 0.1 kB" in refused.value.message_de
    assert len(list((tmp_path / "staging").iterdir())) == 1
    # a new process reads who staged what from the folders
    again = UploadStaging(tmp_path / "staging")
    assert again.staged_bytes("client:1") == 60
    with pytest.raises(TooManyRequestsError):
        again.admit("client:1", 60, quota)
    again.admit("client:2", 60, quota)  # another owner is free


# -- sessions ---------------------------------------------------------------------------------


def _session_rows(service: BildungsGraph) -> int:
    db: sqlite3.Connection = service.accounts._db  # the table itself is the point here
    return int(db.execute("SELECT COUNT(*) FROM sessions").fetchone()[0])


def test_anonymous_visits_add_no_session_rows(tmp_path: Path) -> None:
    for site in _site(tmp_path):
        for _ in range(30):  # each a new visitor without a cookie
            assert site.client().get("/contribute").status_code == 200
        assert _session_rows(site.service) == 0
        client = site.client()
        assert check(client).status_code == 303  # the stateless session still guards the form
        assert sign_in(client, site.token).status_code == 303
        assert _session_rows(site.service) == 1


def test_a_forged_or_expired_anonymous_session_is_refused(tmp_path: Path) -> None:
    for site in _site(tmp_path):
        client = site.client()
        token = csrf(client.get("/contribute").text)
        cookie = client.cookies[COOKIE]
        unsigned, _, signature = cookie.rpartition(".")
        prefix, expiry, nonce = unsigned.split(".")
        later = (
            f"{prefix}.{int(expiry) + 3600}.{nonce}.{signature}"  # a longer life, same signature
        )
        forged = f"{unsigned}.{'0' * len(signature)}"
        for value in (later, forged, "a.1.x.y", "a"):
            client.cookies.clear()
            client.cookies.set(COOKIE, value)
            answer = client.post(
                "/contribute/check",
                data={"csrf_token": token},
                files=[("files", ("akteure.csv", ACTORS))],
            )
            assert answer.status_code == 403 and "Sicherheitsprüfung" in answer.text
        assert staged(site) == 0
        expired = SessionStore(sqlite3.connect(":memory:"), threading.Lock(), timedelta(0))
        session_id, _ = expired.anonymous()
        assert expired.get(session_id) is None


def test_sessions_of_one_account_are_capped(tmp_path: Path) -> None:
    sessions = SessionStore(sqlite3.connect(":memory:"), threading.Lock())
    first, _ = sessions.open(7)
    others = [sessions.open(7)[0] for _ in range(MAX_SESSIONS_PER_ACCOUNT)]
    other_account, _ = sessions.open(8)
    assert sessions.get(first) is None  # the oldest went
    assert all(sessions.get(session_id) is not None for session_id in others)
    assert sessions.get(other_account) is not None


# -- failed sign-ins ---------------------------------------------------------------------------


def test_invalid_bearer_tokens_back_off_per_address(tmp_path: Path) -> None:
    for site in _site(tmp_path, failed_sign_ins_per_client=3):
        attacker = site.client()
        wrong = {"Authorization": "Bearer bg_falsch"}
        codes = [
            attacker.delete("/api/contributions/x", headers=wrong).status_code for _ in range(3)
        ]
        assert codes == [401, 401, 401]
        refused = attacker.delete("/api/contributions/x", headers=wrong)
        assert refused.status_code == 429 and refused.headers["retry-after"] == "1"
        assert "Zu viele ungültige Zugangstoken von Ihrer Adresse" in refused.json()["detail"]
        # while the address waits, not even the right token is checked
        right = {"Authorization": f"Bearer {site.token}"}
        assert attacker.delete("/api/contributions/x", headers=right).status_code == 429
        # the account holder elsewhere is not locked out
        holder = site.client(ELSEWHERE)
        assert holder.delete("/api/contributions/x", headers=right).status_code == 404


def test_failed_sign_ins_on_the_form_back_off_per_address(tmp_path: Path) -> None:
    for site in _site(tmp_path, failed_sign_ins_per_client=2):
        attacker = site.client()
        assert [sign_in(attacker, "bg_falsch").status_code for _ in range(2)] == [422, 422]
        refused = sign_in(attacker, site.token)
        assert refused.status_code == 429 and refused.headers["retry-after"] == "1"
        assert "Zu viele ungültige Zugangstoken von Ihrer Adresse" in refused.text
        assert refused.headers["content-type"].startswith("text/html")
        assert _session_rows(site.service) == 0
        assert sign_in(site.client(ELSEWHERE), site.token).status_code == 303


def test_backoff_doubles_and_is_forgotten_after_a_quiet_period() -> None:
    now = [0.0]
    backoff = FailureBackoff(free=2, max_wait=8, clock=lambda: now[0])
    backoff.failed("a")
    assert backoff.retry_after("a") is None
    waits = []
    for _ in range(5):
        backoff.failed("a")
        waits.append(backoff.retry_after("a"))
    assert waits == [1, 2, 4, 8, 8]
    assert backoff.retry_after("b") is None  # per key
    now[0] = 8.0
    assert backoff.retry_after("a") is None
    backoff.failed("a")
    assert backoff.retry_after("a") is None  # started afresh: one failure is free again


def test_limiters_forget_quiet_keys_beyond_their_size() -> None:
    now = [0.0]
    limiter = RateLimiter(1, clock=lambda: now[0], max_keys=2)
    assert limiter.retry_after("a") is None and limiter.retry_after("b") is None
    now[0] = 61.0
    assert limiter.retry_after("c") is None
    assert len(limiter._seen) <= 2  # "a" and "b" were quiet and went
    backoff = FailureBackoff(free=1, clock=lambda: now[0], max_keys=2)
    for key in ("a", "b", "c"):
        backoff.failed(key)
    assert len(backoff._failures) == 2


def test_waits_are_said_as_a_person_would() -> None:
    assert (wait_de(1), wait_en(1)) == ("1 Sekunde", "1 second")
    assert (wait_de(5), wait_en(5)) == ("5 Sekunden", "5 seconds")
