"""Uploads staged between checking and confirming, and reports grouped per file.

The contribute pages check uploaded files first and store them only when the person confirms.
In between, the bytes wait in a staging directory beside the store under an opaque random id
(never a name taken from the upload), together with the title, the account that checked them
and the validation report. A staged upload expires after a lifetime (default one hour);
expired ones are removed whenever a new upload is staged.
"""

from __future__ import annotations

import json
import re
import secrets
import shutil
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from .errors import NotFoundError

STAGING_LIFETIME = timedelta(hours=1)
_ID = re.compile(r"^[0-9a-f]{32}$")
_META = "upload.json"
_SEVERITY_ORDER = {"Violation": 0, "Warning": 1}


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


def problems_by_file(report: Mapping[str, Any], names: Sequence[str] = ()) -> list[FileProblems]:
    """The report's problems grouped per file (in upload order), sorted by row (errors
    before warnings within a row).

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


def _problem_order(problem: Mapping[str, Any]) -> tuple[int, int, str]:
    severity = _SEVERITY_ORDER.get(problem.get("severity", ""), 2)
    return (problem.get("row") or 0, severity, problem.get("column") or "")


class UploadStaging:
    """Staged uploads in one directory: ``{id}/upload.json`` and ``{id}/{n}.bin``."""

    def __init__(self, directory: Path, lifetime: timedelta = STAGING_LIFETIME) -> None:
        self.directory = directory
        self.lifetime = lifetime

    def stage(
        self, files: Sequence[tuple[str, bytes]], report: Mapping[str, Any],
        title: str | None = None, account_id: int | None = None,
    ) -> StagedUpload:
        """Keep the files with their report; returns the staged upload with its new id."""
        self.purge()
        upload_id = secrets.token_hex(16)
        building = self.directory / f".{upload_id}.partial"
        building.mkdir(parents=True)
        for number, (_, content) in enumerate(files):
            (building / f"{number}.bin").write_bytes(content)
        meta = {
            "names": [name for name, _ in files],
            "sizes": [len(content) for _, content in files],
            "title": title,
            "account_id": account_id,
            "report": dict(report),
            "created": datetime.now(UTC).isoformat(),
        }
        (building / _META).write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")
        building.rename(self.directory / upload_id)  # appears complete or not at all
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
            id=upload_id, names=meta["names"], sizes=meta["sizes"], title=meta["title"],
            account_id=meta["account_id"], report=meta["report"], created=created,
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

    def purge(self) -> int:
        """Remove expired uploads (and leftovers of interrupted staging); returns how many."""
        if not self.directory.is_dir():
            return 0
        limit = (datetime.now(UTC) - self.lifetime).timestamp()
        removed = 0
        for folder in self.directory.iterdir():
            if folder.is_dir() and folder.stat().st_mtime < limit:
                shutil.rmtree(folder, ignore_errors=True)
                removed += 1
        return removed

    def _folder(self, upload_id: str) -> Path:
        folder = self.directory / upload_id
        if not _ID.match(upload_id) or not (folder / _META).is_file():
            raise NotFoundError(f"no staged upload {upload_id}")
        return folder
