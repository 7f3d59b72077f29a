"""Contributions: check, store, replace, withdraw and restore; list them; stage uploads of the
contribute pages until they are confirmed. Every store write goes through the GraphWriter."""

from __future__ import annotations

import builtins
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import XSD
from rdflib.term import Identifier

from ..accounts import Account, AccountStore
from ..contacts import ContactPerson
from ..contribution import (
    ContributionOutcome,
    Contributor,
    check_files,
    claims,
    contribution_graph,
    restore,
    review,
    target_graph,
    withdraw,
    withdrawn_graph_iri,
)
from ..errors import ForbiddenError, NotFoundError
from ..ingest import template_csv_bytes, templates_xlsx_bytes, write_templates
from ..namespaces import BG, CONTRIBUTION_GRAPH_PREFIX, PROV, contribution_graph_iri
from ..ownership import claimed_partners
from ..queries import get_query
from ..shapes import ValidationReport, template_model
from ..staging import (
    ANONYMOUS_OWNER,
    FileProblems,
    StagedUpload,
    StagingQuota,
    UploadStaging,
    problems_by_file,
)
from ..store import GraphStore, Row
from .contacts import Contacts
from .writes import GraphWriter

WITHDRAWAL_RETENTION = timedelta(days=30)  # withdrawn contributions stay restorable this long


@dataclass
class ContributionInfo:
    """A stored contribution as listed to its owners."""

    id: str
    graph: str
    title: str | None
    contributor: str
    contributor_name: str | None
    generated: str
    files: list[dict[str, str | int | None]] = field(default_factory=list)
    triples: int | None = None


@dataclass
class OwnContribution:
    """A contribution as its account sees it on the contribute pages."""

    id: str
    status: str  # "stored" or "withdrawn"
    report: dict[str, object]
    title: str | None = None
    generated: str | None = None
    rows: int | None = None
    triples: int | None = None
    restorable: bool = False  # withdrawn and still within the retention period
    withdrawn_at: str | None = None
    files: list[dict[str, str | int | None]] = field(default_factory=list)

    @property
    def by_file(self) -> list[FileProblems]:
        """The report's problems per file (see ``staging.problems_by_file``)."""
        return problems_by_file(self.report, [str(f["name"]) for f in self.files])


class Contributions:
    """The contribution workflow over the store, the writer, the accounts and the staging."""

    def __init__(
        self,
        store: GraphStore,
        writer: GraphWriter,
        accounts: AccountStore,
        staging_directory: Path,
        contacts: Contacts,
    ) -> None:
        self.store = store
        self.writer = writer
        self.accounts = accounts
        self.contacts = contacts
        self.staging = UploadStaging(staging_directory)
        if store.writable:  # only the process that writes the store settles what it left
            self._settle()

    # -- checking and storing --------------------------------------------------------------

    def check(self, files: Sequence[tuple[str, bytes]]) -> ValidationReport:
        """Validate files against the shapes without storing anything (a dry run of
        ``contribute`` also checks which records they may state things about)."""
        return check_files(self.store, files)[1]

    def contribute(
        self,
        files: Sequence[tuple[str, bytes]],
        contributor: Contributor | str,
        *,
        title: str | None = None,
        description: str | None = None,
        graph: str | None = None,
        dry_run: bool = False,
        max_rows: int | None = None,
        account: Account | None = None,
    ) -> ContributionOutcome:
        """Validate and, without violations, store files as one contribution (``graph``:
        replace that graph). Files identical to a stored contribution's are not stored again.
        With an ``account``, its Kommune scope is checked and the report kept for it.

        Reading and validating happen outside the write lock; only the final check (when
        another write landed meanwhile: it may have claimed a record) and the write are
        serialised."""
        who = Contributor.named(contributor) if isinstance(contributor, str) else contributor
        checked = self.store.state  # any write after this token may change what records claim
        mapped, report = review(
            self.store, files, max_rows=max_rows, scope=account, contributor=who, graph=graph
        )
        report.problems.extend(self.contacts.expired(mapped))
        outcome = ContributionOutcome(report=report, files=[i.name for i in mapped.files])
        if not report.conforms or dry_run:
            return outcome
        with self.writer.lock:
            target, duplicate = target_graph(self.store, mapped, graph)
            if duplicate is not None:
                outcome.duplicate_of = outcome.graph = duplicate
                outcome.verified_at = self._mark_verified(duplicate, who)
                return outcome
            late = (
                []
                if self.store.state == checked
                else claims(self.store, mapped, account, who, graph)
            )
            if late:
                report.problems.extend(late)
                return outcome
            mapped, people = self.contacts.take(mapped, report)  # never into the store
            triples = contribution_graph(target, mapped, who, title, description)
            triples += claimed_partners(self.store, mapped, account, [target])
            hashes = [info.sha256 for info in mapped.files]
            outcome.triples = self._write(target, triples, report, account, hashes, people)
        outcome.graph, outcome.stored = target, True
        return outcome

    def contribute_as(
        self,
        files: Sequence[tuple[str, bytes]],
        account: Account,
        *,
        title: str | None = None,
        dry_run: bool = False,
        max_rows: int | None = None,
        replace: str | None = None,
    ) -> ContributionOutcome:
        """Validate and store files for an account (scope checked; ``replace`` = id of the
        account's contribution that the new version replaces atomically)."""
        graph = None
        if replace is not None:
            graph = self._graph(replace)
            self._require_owner(graph, account)
        return self.contribute(
            files,
            _contributor(account),
            title=title,
            dry_run=dry_run,
            max_rows=max_rows,
            account=account,
            graph=graph,
        )

    def withdraw(self, contribution_id: str, account: Account | None = None) -> None:
        """Remove a contribution, exactly its triples; the withdrawal is recorded and, for
        a retention period, undoable (``restore``)."""
        with self.writer.lock:
            graph = self._graph(contribution_id)
            if account is not None:
                self._require_owner(graph, account)
            by = _contributor(account) if account else None
            removed = self.store.get_graph(graph)
            # the copy for undo is kept first: a crash after the store write still finds it
            # (one before it leaves a copy of a stored graph, which ``_settle`` forgets)
            self.accounts.keep_withdrawn(
                graph, removed.serialize(format="nt"), account.id if account else None
            )
            try:
                self.writer.write(
                    [graph, withdrawn_graph_iri(graph)],
                    lambda: withdraw(self.store, graph, removed, by),
                )
            finally:
                self._settle_withdrawn(graph)
                self.contacts.follow_withdrawal(graph)
            self.accounts.purge_withdrawn(WITHDRAWAL_RETENTION)

    def restore(self, contribution_id: str, account: Account) -> int:
        """Undo a withdrawal within the retention period; returns the triples restored. The
        account that contributed it may restore it, whoever withdrew it (and an admin)."""
        graph = str(contribution_graph_iri(contribution_id))
        with self.writer.lock:
            kept = self.accounts.withdrawn(graph)
            if kept is None or self.store.has_graph(graph):
                raise NotFoundError(f"no withdrawn contribution {contribution_id} to restore")
            triples = Graph().parse(data=kept.ntriples, format="nt")
            contributor = triples.value(URIRef(graph), PROV.wasAttributedTo)
            if not account.admin and contributor != _contributor(account).iri:
                raise ForbiddenError(
                    f"Nicht Ihr Beitrag / Not your contribution: {contribution_id}"
                )
            try:
                return self.writer.write(
                    [graph, withdrawn_graph_iri(graph)], lambda: restore(self.store, graph, triples)
                )
            finally:
                self._settle_withdrawn(graph)

    # -- reading ---------------------------------------------------------------------------

    def list(self) -> list[ContributionInfo]:
        """Stored contributions, newest first."""
        return [_info(row) for row in self._select("contributions")]

    def get(self, contribution_id: str) -> ContributionInfo:
        """One contribution with its files; NotFoundError."""
        graph = self._graph(contribution_id)
        for info in self.list():
            if info.graph == graph:
                info.files = self._files("contribution_files", {"contribution": URIRef(graph)})
                info.triples = self.store.graph_sizes([graph]).get(graph)
                return info
        raise NotFoundError(f"no contribution {contribution_id}")

    def report(self, contribution_id: str) -> dict[str, object] | None:
        """The validation report kept when the contribution was stored through an account."""
        return self.accounts.report(str(contribution_graph_iri(contribution_id)))

    def status(self, contribution_id: str) -> str:
        """``stored``, ``withdrawn`` (undoable while its copy is kept) or NotFoundError."""
        graph = str(contribution_graph_iri(contribution_id))
        if self.store.has_graph(graph):
            return "stored"
        if self.store.has_graph(withdrawn_graph_iri(graph)):
            return "withdrawn"
        raise NotFoundError(f"no contribution {contribution_id}")

    def of_account(self, account: Account) -> builtins.list[OwnContribution]:
        """The contributions an account stored, newest first, withdrawn ones included (with
        title, time and counts from the record of the withdrawal)."""
        listed = {info.graph: info for info in self.list()}
        own: list[OwnContribution] = []
        for graph, report in reversed(self.accounts.reports_of(account.id).items()):
            item = OwnContribution(graph.removeprefix(CONTRIBUTION_GRAPH_PREFIX), "stored", report)
            info = listed.get(graph)
            if info is not None:
                item.title, item.generated = info.title, info.generated
                item.files = self._files("contribution_files", {"contribution": URIRef(graph)})
                item.triples = self.store.graph_sizes([graph]).get(graph)
            elif self.store.has_graph(withdrawn_graph_iri(graph)):
                record = URIRef(withdrawn_graph_iri(graph))
                rows = self._select("withdrawn_contribution", {"record": record})
                kept = self.accounts.withdrawn(graph)
                item.status, item.restorable = "withdrawn", kept is not None
                item.withdrawn_at = str(rows[0]["withdrawn"]) if rows else None
                item.title = str(rows[0]["title"]) if rows and "title" in rows[0] else None
                item.generated = str(rows[0]["generated"]) if rows else None
                item.files = self._files("withdrawn_contribution", {"record": record})
                item.triples = kept.ntriples.count("\n") if kept else None  # one per line
            else:
                continue
            item.rows = sum(int(f["rows"]) for f in item.files if f["rows"] is not None)
            own.append(item)
        return own

    def own(self, contribution_id: str, account: Account) -> OwnContribution:
        """One of the account's contributions with its files; NotFoundError otherwise."""
        for item in self.of_account(account):
            if item.id == contribution_id:
                return item
        raise NotFoundError(f"no contribution {contribution_id} of this account")

    # -- staged uploads of the contribute pages --------------------------------------------

    def stage(
        self,
        files: Sequence[tuple[str, bytes]],
        account: Account | None,
        *,
        title: str | None = None,
        max_rows: int | None = None,
        client: str = "",
        quota: StagingQuota | None = None,
    ) -> StagedUpload:
        """Check files (with the account's Kommune scope when signed in) and stage them
        for confirmation; nothing is stored in the graph. The staging quota is checked before
        the files are read (``TooManyRequestsError``); an anonymous check counts for its
        ``client`` address."""
        owner = f"account:{account.id}" if account else ANONYMOUS_OWNER + client
        self.staging.admit(owner, sum(len(content) for _, content in files), quota)
        mapped, report = review(
            self.store,
            files,
            max_rows=max_rows,
            scope=account,
            contributor=_contributor(account) if account else None,
        )
        report.problems.extend(self.contacts.expired(mapped))
        return self.staging.stage(
            files,
            report.to_json(),
            title,
            account.id if account else None,
            owner=owner,
            quota=quota,
        )

    def staged(self, upload_id: str, account: Account | None) -> StagedUpload:
        """A staged upload; NotFoundError when unknown, expired or staged by another account."""
        staged = self.staging.get(upload_id)
        if staged.account_id is not None and (account is None or account.id != staged.account_id):
            raise NotFoundError(f"no staged upload {upload_id}")
        return staged

    def confirm(
        self, upload_id: str, account: Account, max_rows: int | None = None
    ) -> ContributionOutcome:
        """Contribute a staged upload as the account (validated again, scope checked); the
        staged files go once the contribution is stored (or found stored already), else the
        staged report is replaced by the new one."""
        staged = self.staged(upload_id, account)
        outcome = self.contribute_as(
            self.staging.files(upload_id), account, title=staged.title, max_rows=max_rows
        )
        if outcome.graph:
            self.staging.discard(upload_id)
        else:
            self.staging.replace_report(upload_id, outcome.report.to_json())
        return outcome

    # -- templates -------------------------------------------------------------------------

    def templates(self) -> builtins.list[dict[str, str]]:
        """The contribution templates generated from the shapes: name and labels."""
        return [
            {
                "name": spec.name,
                "label_de": spec.label_de,
                "label_en": spec.label_en,
                "description_de": spec.description_de,
                "description_en": spec.description_en,
            }
            for spec in template_model()
        ]

    def template_csv(self, name: str) -> bytes:
        """One CSV template (UTF-8 with BOM); NotFoundError for unknown names."""
        return template_csv_bytes(name)

    def templates_xlsx(self) -> bytes:
        """The workbook with every template, explanations and value lists."""
        return templates_xlsx_bytes()

    def write_templates(self, directory: Path) -> builtins.list[Path]:
        """Write the contribution templates (CSV and .xlsx) generated from the shapes."""
        return write_templates(directory)

    # -- helpers ---------------------------------------------------------------------------

    def _select(
        self, name: str, bindings: Mapping[str, Identifier] | None = None
    ) -> builtins.list[Row]:
        return self.store.select(get_query(name).text, bindings)

    def _files(
        self, query: str, bindings: Mapping[str, Identifier]
    ) -> builtins.list[dict[str, str | int | None]]:
        """The source files a query lists: name, checksum, format and rows."""
        return [
            {
                "name": str(row.get("name", "")),
                "sha256": str(row["sha256"]),
                "format": str(row.get("format", "")),
                "rows": int(row["rows"]) if "rows" in row else None,
            }
            for row in self._select(query, bindings)
            if "sha256" in row
        ]

    def _graph(self, contribution_id: str) -> str:
        graph = (
            contribution_id
            if contribution_id.startswith("https://")
            else str(contribution_graph_iri(contribution_id))
        )
        if not self.store.has_graph(graph):
            raise NotFoundError(f"no contribution {contribution_id}")
        return graph

    def _mark_verified(self, graph: str, who: Contributor) -> str | None:
        """Note that the contributor of ``graph`` sent its files again unchanged: its
        ``bg:lastVerified`` becomes now (one triple; the records stay as they are). Another
        contributor's identical files say nothing about this one's care: None then."""
        rows = self._select("api_contribution_owner", {"contribution": URIRef(graph)})
        if not any(str(row["contributor"]) == str(who.iri) for row in rows):
            return None
        now = datetime.now(UTC).isoformat(timespec="seconds")
        self.writer.write(
            [graph],
            lambda: self.store.set_value(
                graph, URIRef(graph), BG.lastVerified, Literal(now, datatype=XSD.dateTime)
            ),
        )
        return now

    def _require_owner(self, graph: str, account: Account) -> None:
        rows = self._select("api_contribution_owner", {"contribution": URIRef(graph)})
        mine = str(_contributor(account).iri)
        if not account.admin and not any(str(row["contributor"]) == mine for row in rows):
            raise ForbiddenError(f"Nicht Ihr Beitrag / Not your contribution: {graph}")

    # -- the account database follows the store --------------------------------------------

    def _write(
        self,
        graph: str,
        triples: Graph,
        report: ValidationReport,
        account: Account | None,
        hashes: builtins.list[str],
        people: Sequence[ContactPerson] = (),
    ) -> int:
        """Write a contribution's graph. An account's report is pending in the account
        database before the write and kept once it landed, so that the two succeed or fail
        together: what a crash leaves pending, ``_settle`` decides by the store. Its contact
        persons follow the same way in the contact store (``Contacts``), with or without an
        account."""
        self.contacts.pend(graph, people, hashes)
        try:
            if account is None:
                return self.writer.write([graph], lambda: self.store.replace_graph(graph, triples))
            self.accounts.pend_report(graph, report.to_json(), account.id, hashes)
            try:
                return self.writer.write([graph], lambda: self.store.replace_graph(graph, triples))
            finally:
                self._settle_report(graph, hashes)
        finally:
            self.contacts.settle(graph)

    def _settle(self) -> None:
        """After a crash: keep the pending reports whose contribution is stored, drop the
        others, and forget kept copies of withdrawals that did not land (or were restored)."""
        for graph, hashes in self.accounts.pending().items():
            self._settle_report(graph, hashes)
        for graph in self.accounts.withdrawn_graphs():
            self._settle_withdrawn(graph)

    def _settle_report(self, graph: str, hashes: builtins.list[str]) -> None:
        # Stored with these files: the pending report describes them (also when a replace
        # with the same files did not land: the report is the same files' report).
        rows = self._select("contribution_files", {"contribution": URIRef(graph)})
        stored = sorted(str(row["sha256"]) for row in rows)
        self.accounts.settle_report(graph, bool(stored) and stored == sorted(hashes))

    def _settle_withdrawn(self, graph: str) -> None:
        if self.store.has_graph(graph) and not self.store.has_graph(withdrawn_graph_iri(graph)):
            self.accounts.forget_withdrawn(graph)


def _contributor(account: Account) -> Contributor:
    """The contributor an account's contributions are attributed to."""
    return Contributor(account.name, account.contributor_slug)


def _info(row: Mapping[str, Identifier]) -> ContributionInfo:
    graph = str(row["contribution"])
    return ContributionInfo(
        id=graph.removeprefix(CONTRIBUTION_GRAPH_PREFIX),
        graph=graph,
        title=str(row["title"]) if "title" in row else None,
        contributor=str(row["contributor"]),
        contributor_name=str(row["contributor_name"]) if "contributor_name" in row else None,
        generated=str(row["generated"]),
    )
