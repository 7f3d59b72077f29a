"""Uploads staged between checking and confirming, and reports grouped per file.

The contribute pages check uploaded files first and store them only when the person confirms.
In between, the bytes wait in a staging directory beside the store under an opaque random id
(never a name taken from the upload), together with the title, the account that checked them
and the validation report. A staged upload expires after a lifetime (default one hour);
expired ones are removed whenever a new upload is staged.

Staging is a fair-use resource: each upload is kept for an owner (an account, or the client
address of an anonymous check), and a ``StagingQuota`` bounds the bytes one owner and all
anonymous owners together may keep staged. Over a limit, ``TooManyRequestsError`` says when
enough staged bytes will have expired.
"""

from __future__ import annotations

import json
import re
import secrets
import shutil
import threading
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from .errors import NotFoundError, TooManyRequestsError, wait_de, wait_en

STAGING_LIFETIME = timedelta(hours=1)
_ID = re.compile(r"^[0-9a-f]{32}$")
_META = "upload.json"
_SEVERITY_ORDER = {"Violation": 0, "Warning": 1}
ANONYMOUS_OWNER = "client:"  # owner prefix of anonymous checks (then the client address)


@dataclass(frozen=True)
class StagingQuota:
    """Bytes that may stay staged: per owner, and for all anonymous owners together (so
    anonymous load never crowds out signed-in accounts)."""

    per_owner_bytes: int
    anonymous_bytes: int


@dataclass(frozen=True)
class StagedUpload:
    """The description of a staged upload (its bytes stay on disk until needed)."""

    id: str
    names: list[str]
    sizes: list[int]
    title: str | None
    account_id: int | None
    report: dict[str, Any]
    created: datetime
    expires: datetime

    @property
    def by_file(self) -> list[FileProblems]:
        return problems_by_file(self.report, self.names)


@dataclass(frozen=True)
class FileProblems:
    """The problems of one uploaded file (``file`` None: about the upload as a whole)."""

    file: str | None
    errors: int
    warnings: int
    problems: list[dict[str, Any]] = field(default_factory=list)

    @property
    def sheets(self) -> bool:
        """Whether a problem names a worksheet (the report then shows a sheet column)."""
        return any(p.get("sheet") for p in self.problems)


def problems_by_file(report: Mapping[str, Any], names: Sequence[str] = ()) -> list[FileProblems]:
    """The report's problems grouped per file (in upload order), sorted by sheet and row
    (errors before warnings within a row).

    Every file in ``names`` gets a group, also one without problems.

    >>> report = {"problems": [{"file": "b.csv", "row": 3, "severity": "Warning"},
    ...                        {"file": "b.csv", "row": 2, "severity": "Violation"}]}
    >>> [(g.file, g.errors, g.warnings, [p["row"] for p in g.problems])
    ...  for g in problems_by_file(report, ["a.csv", "b.csv"])]
    [('a.csv', 0, 0, []), ('b.csv', 1, 1, [2, 3])]
    """
    groups: dict[str | None, list[dict[str, Any]]] = {name: [] for name in names}
    for problem in report.get("problems", []):
        groups.setdefault(problem.get("file"), []).append(problem)
    return [
        FileProblems(
            file=name,
            errors=sum(1 for p in problems if p.get("severity") == "Violation"),
            warnings=sum(1 for p in problems if p.get("severity") == "Warning"),
            problems=sorted(problems, key=_problem_order),
        )
        for name, problems in groups.items()
    ]


def _problem_order(problem: Mapping[str, Any]) -> tuple[str, int, int, str]:
    severity = _SEVERITY_ORDER.get(problem.get("severity", ""), 2)
    return (
        problem.get("sheet") or "",
        problem.get("row") or 0,
        severity,
        problem.get("column") or "",
    )


class UploadStaging:
    """Staged uploads in one directory: ``{id}/upload.json`` and ``{id}/{n}.bin``.

    Who keeps how many bytes is indexed in memory (read from the folders on first use), so a
    quota check never reads the reports.
    """

    def __init__(self, directory: Path, lifetime: timedelta = STAGING_LIFETIME) -> None:
        self.directory = directory
        self.lifetime = lifetime
        self._lock = threading.Lock()
        self._index: dict[str, _Entry] | None = None

    def admit(self, owner: str, size: int, quota: StagingQuota | None) -> None:
        """Refuse (``TooManyRequestsError``) when staging ``size`` more bytes for ``owner``
        would exceed the quota; called before checking, and again when staging."""
        if quota is None:
            return
        with self._lock:
            entries = self._entries()
            self._refuse_over(quota, owner, size, entries)

    def stage(
        self,
        files: Sequence[tuple[str, bytes]],
        report: Mapping[str, Any],
        title: str | None = None,
        account_id: int | None = None,
        *,
        owner: str = "",
        quota: StagingQuota | None = None,
    ) -> StagedUpload:
        """Keep the files with their report; returns the staged upload with its new id."""
        self.purge()
        size = sum(len(content) for _, content in files)
        upload_id = secrets.token_hex(16)
        created = datetime.now(UTC)
        with self._lock:  # the quota check and the reservation are one step
            entries = self._entries()
            if quota is not None:
                self._refuse_over(quota, owner, size, entries)
            entries[upload_id] = _Entry(owner, size, created)
        try:
            building = self.directory / f".{upload_id}.partial"
            building.mkdir(parents=True)
            for number, (_, content) in enumerate(files):
                (building / f"{number}.bin").write_bytes(content)
            meta = {
                "names": [name for name, _ in files],
                "sizes": [len(content) for _, content in files],
                "title": title,
                "account_id": account_id,
                "owner": owner,
                "report": dict(report),
                "created": created.isoformat(),
            }
            (building / _META).write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")
            building.rename(self.directory / upload_id)  # appears complete or not at all
        except BaseException:
            self._forget(upload_id)
            raise
        return self.get(upload_id)

    def get(self, upload_id: str) -> StagedUpload:
        """The staged upload; NotFoundError when the id is unknown, malformed or expired."""
        folder = self._folder(upload_id)
        meta = json.loads((folder / _META).read_text(encoding="utf-8"))
        created = datetime.fromisoformat(meta["created"])
        expires = created + self.lifetime
        if expires <= datetime.now(UTC):
            self.discard(upload_id)
            raise NotFoundError(f"the staged upload {upload_id} has expired")
        return StagedUpload(
            id=upload_id,
            names=meta["names"],
            sizes=meta["sizes"],
            title=meta["title"],
            account_id=meta["account_id"],
            report=meta["report"],
            created=created,
            expires=expires,
        )

    def replace_report(self, upload_id: str, report: Mapping[str, Any]) -> None:
        """Keep a newer report for a staged upload (e.g. from checking again on confirm)."""
        meta_file = self._folder(upload_id) / _META
        meta = json.loads(meta_file.read_text(encoding="utf-8"))
        meta["report"] = dict(report)
        written = meta_file.with_suffix(".tmp")
        written.write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")
        written.replace(meta_file)

    def files(self, upload_id: str) -> list[tuple[str, bytes]]:
        """The staged files as (name, bytes), in upload order."""
        staged = self.get(upload_id)
        folder = self._folder(upload_id)
        return [
            (name, (folder / f"{number}.bin").read_bytes())
            for number, name in enumerate(staged.names)
        ]

    def discard(self, upload_id: str) -> None:
        if _ID.match(upload_id):
            shutil.rmtree(self.directory / upload_id, ignore_errors=True)
            self._forget(upload_id)

    def purge(self) -> int:
        """Remove expired uploads (and leftovers of interrupted staging); returns how many."""
        if not self.directory.is_dir():
            return 0
        limit = (datetime.now(UTC) - self.lifetime).timestamp()
        removed = 0
        for folder in self.directory.iterdir():
            if folder.is_dir() and folder.stat().st_mtime < limit:
                shutil.rmtree(folder, ignore_errors=True)
                self._forget(folder.name)
                removed += 1
        return removed

    def staged_bytes(self, owner: str) -> int:
        """The bytes ``owner`` keeps staged now (expired uploads do not count)."""
        with self._lock:
            return sum(entry.size for entry in self._live(self._entries()) if entry.owner == owner)

    def _refuse_over(
        self, quota: StagingQuota, owner: str, size: int, entries: dict[str, _Entry]
    ) -> None:
        live = sorted(self._live(entries), key=lambda entry: entry.created)
        mine = [entry for entry in live if entry.owner == owner]
        wait = self._wait(mine, size, quota.per_owner_bytes)
        if wait is not None:
            kept = sum(entry.size for entry in mine)
            raise TooManyRequestsError(
                f"Sie haben in der letzten Stunde schon {megabytes(kept)} zur Prüfung "
                f"hochgeladen; geprüfte Dateien werden je Absender bis höchstens "
                f"{megabytes(quota.per_owner_bytes)} bereitgehalten. Bitte in {wait_de(wait)} "
                f"erneut versuchen.",
                f"You have uploaded {megabytes(kept)} for checking within the last hour; "
                f"checked files are kept up to {megabytes(quota.per_owner_bytes)} per sender. "
                f"Please try again in {wait_en(wait)}.",
                wait,
            )
        if not owner.startswith(ANONYMOUS_OWNER):
            return
        anonymous = [entry for entry in live if entry.owner.startswith(ANONYMOUS_OWNER)]
        wait = self._wait(anonymous, size, quota.anonymous_bytes)
        if wait is not None:
            raise TooManyRequestsError(
                "Gerade prüfen sehr viele Personen ohne Anmeldung Dateien; der Platz dafür ist "
                f"belegt. Bitte in {wait_de(wait)} erneut versuchen oder anmelden.",
                "Many people are checking files without signing in right now; the space for "
                f"this is full. Please try again in {wait_en(wait)} or sign in.",
                wait,
            )

    def _wait(self, entries: list[_Entry], size: int, limit: int) -> int | None:
        """None when ``size`` more bytes fit under ``limit``, else the seconds until enough
        of ``entries`` (oldest first) have expired; a lifetime when even that is not enough."""
        kept = sum(entry.size for entry in entries)
        if kept + size <= limit:
            return None
        now = datetime.now(UTC)
        for entry in entries:
            kept -= entry.size
            if kept + size <= limit:
                return int((entry.created + self.lifetime - now).total_seconds()) + 1
        return int(self.lifetime.total_seconds())

    def _live(self, entries: dict[str, _Entry]) -> list[_Entry]:
        since = datetime.now(UTC) - self.lifetime
        return [entry for entry in entries.values() if entry.created > since]

    def _entries(self) -> dict[str, _Entry]:
        """The index (the caller holds the lock), read from the folders the first time."""
        if self._index is None:
            self._index = {}
            folders = self.directory.iterdir() if self.directory.is_dir() else iter(())
            for folder in folders:
                if _ID.match(folder.name) and (folder / _META).is_file():
                    meta = json.loads((folder / _META).read_text(encoding="utf-8"))
                    self._index[folder.name] = _Entry(
                        meta.get("owner", ""),
                        sum(meta["sizes"]),
                        datetime.fromisoformat(meta["created"]),
                    )
        return self._index

    def _forget(self, upload_id: str) -> None:
        with self._lock:
            if self._index is not None:
                self._index.pop(upload_id, None)

    def _folder(self, upload_id: str) -> Path:
        folder = self.directory / upload_id
        if not _ID.match(upload_id) or not (folder / _META).is_file():
            raise NotFoundError(f"no staged upload {upload_id}")
        return folder


@dataclass(frozen=True)
class _Entry:
    owner: str
    size: int
    created: datetime


def megabytes(size: int) -> str:
    """A size for people: ``2 MB``, ``0.5 kB``."""
    return f"{size / 1_000_000:g} MB" if size >= 1_000_000 else f"{size / 1000:g} kB"
