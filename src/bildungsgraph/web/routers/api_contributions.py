"""/api/contributions: submit, list, show, replace, withdraw and restore contributions.

Reading is open; writing needs a bearer token (see ``api_auth``). A contribution lands whole
or not at all: the report answers every submission, and only a report without violations is
stored, as one named graph in one transaction.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Query, Request
from fastapi.responses import JSONResponse

from ...accounts import Account
from ...config import Settings
from ...contribution import ContributionOutcome
from ...errors import ValidationError
from ...service import BildungsGraph
from ..deps import get_service, get_settings
from .api_auth import read_upload, require_account, run_while_connected
from .api_common import problem_responses

ORDER = 30
router = APIRouter(tags=["Beiträge / Contributions"])
Service = Annotated[BildungsGraph, Depends(get_service)]
Config = Annotated[Settings, Depends(get_settings)]
Writer = Annotated[Account, Depends(require_account)]
ContributionId = Annotated[str, Path(pattern=r"^[A-Za-z0-9_-]{1,100}$")]
DryRun = Annotated[bool, Query(description="only validate; nothing is stored")]

UPLOAD_BODY = {
    "requestBody": {
        "required": True,
        "content": {
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "required": ["files"],
                    "properties": {
                        "files": {
                            "type": "array",
                            "items": {"type": "string", "format": "binary"},
                            "description": "CSV, .xlsx, Turtle or JSON-LD files",
                        },
                        "title": {"type": "string"},
                        "dry_run": {"type": "boolean"},
                    },
                }
            }
        },
    }
}
WRITE_ERRORS = problem_responses(401, 403, 404, 413, 415, 422, 429)
JSON_OK: dict[str, Any] = {"content": {"application/json": {}}}
VERIFIED_NOTE = "Unverändert, als geprüft vermerkt / unchanged, noted as verified"


def _outcome_body(outcome: ContributionOutcome, dry_run: bool) -> dict[str, Any]:
    graph = outcome.graph
    return {
        "id": graph.rsplit("/", 1)[-1] if graph else None,
        "graph": graph,
        "stored": outcome.stored,
        "dry_run": dry_run,
        "duplicate_of": outcome.duplicate_of,
        "verified_at": outcome.verified_at,
        **({"note": VERIFIED_NOTE} if outcome.verified_at else {}),
        "triples": outcome.triples,
        "files": outcome.files,
        "report": outcome.report.to_json(),
    }


def _answer(outcome: ContributionOutcome, dry_run: bool) -> JSONResponse:
    """The outcome; a report with violations is a 422 (the problem details carry the outcome)."""
    body = _outcome_body(outcome, dry_run)
    if not outcome.report.conforms:
        count = len(outcome.report.violations)
        raise ValidationError(
            f"{count} Verstoß/Verstöße, nichts gespeichert / "
            f"{count} violation(s), nothing was stored",
            outcome.report,
            members={key: value for key, value in body.items() if key != "report"},
        )
    if outcome.stored:
        location = f"/api/contributions/{body['id']}"
        return JSONResponse(body, status_code=201, headers={"Location": location})
    return JSONResponse(body)


async def _submit(
    request: Request,
    service: BildungsGraph,
    settings: Settings,
    account: Account,
    dry_run: bool,
    replace: str | None = None,
) -> JSONResponse:
    files, fields = await read_upload(request, settings)
    dry = dry_run or fields.get("dry_run", "").lower() in ("1", "true", "yes", "ja", "on")
    outcome = await run_while_connected(
        request,
        service.contributions.contribute_as,
        files,
        account,
        title=fields.get("title") or None,
        dry_run=dry,
        max_rows=settings.max_rows_per_contribution,
        replace=replace,
    )
    return _answer(outcome, dry)


@router.post(
    "/api/contributions",
    status_code=201,
    openapi_extra=UPLOAD_BODY,
    summary="Beitrag einreichen / Submit a contribution",
    responses={200: JSON_OK, 201: JSON_OK, **WRITE_ERRORS},
)
async def api_submit_contribution(
    request: Request,
    service: Service,
    settings: Config,
    account: Writer,
    dry_run: DryRun = False,
) -> JSONResponse:
    """Validate the files; without violations store them as one named graph with provenance.
    201 = stored, 200 = dry run or the same files already stored, 422 = the report says why."""
    return await _submit(request, service, settings, account, dry_run)


@router.put(
    "/api/contributions/{contribution_id}",
    openapi_extra=UPLOAD_BODY,
    summary="Neue Fassung eines Beitrags / Replace a contribution",
    responses={200: JSON_OK, 201: JSON_OK, **WRITE_ERRORS},
)
async def api_replace_contribution(
    contribution_id: ContributionId,
    request: Request,
    service: Service,
    settings: Config,
    account: Writer,
    dry_run: DryRun = False,
) -> JSONResponse:
    """Replace the contribution's triples by the new files atomically (old version stays
    until the new one is valid)."""
    return await _submit(request, service, settings, account, dry_run, replace=contribution_id)


@router.get("/api/contributions", summary="Beiträge / Contributions", responses={200: JSON_OK})
def api_list_contributions(service: Service) -> JSONResponse:
    items = [
        vars(info) | {"href": f"/api/contributions/{info.id}"}
        for info in service.contributions.list()
    ]
    return JSONResponse({"total": len(items), "items": items})


@router.get(
    "/api/contributions/{contribution_id}",
    summary="Ein Beitrag / One contribution",
    responses={200: JSON_OK, **problem_responses(404, 422)},
)
def api_get_contribution(contribution_id: ContributionId, service: Service) -> JSONResponse:
    """Status (stored or withdrawn), provenance, files, triple count and the report."""
    status = service.contributions.status(contribution_id)
    body: dict[str, Any] = {"id": contribution_id, "status": status}
    if status == "stored":
        body |= vars(service.contributions.get(contribution_id))
    body["report"] = service.contributions.report(contribution_id)
    return JSONResponse(body)


@router.delete(
    "/api/contributions/{contribution_id}",
    responses={200: JSON_OK, **WRITE_ERRORS},
    summary="Beitrag zurückziehen / Withdraw a contribution",
)
def api_withdraw_contribution(
    contribution_id: ContributionId, service: Service, account: Writer
) -> JSONResponse:
    """Remove exactly the contribution's triples; the withdrawal is recorded and can be
    undone with POST …/restore for 30 days."""
    service.contributions.withdraw(contribution_id, account)
    return JSONResponse(
        {
            "id": contribution_id,
            "status": "withdrawn",
            "restore": f"/api/contributions/{contribution_id}/restore",
        }
    )


@router.post(
    "/api/contributions/{contribution_id}/restore",
    responses={200: JSON_OK, **WRITE_ERRORS},
    summary="Zurückziehen rückgängig machen / Undo a withdrawal",
)
def api_restore_contribution(
    contribution_id: ContributionId, service: Service, account: Writer
) -> JSONResponse:
    triples = service.contributions.restore(contribution_id, account)
    return JSONResponse({"id": contribution_id, "status": "stored", "triples": triples})
