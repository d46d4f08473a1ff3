"""Catalog → exchange records (the JSON shape of fixtures/procedures.json, plus steps)."""

from typing import Any

from django.db.models import Prefetch

from motcua.catalog.exchange.records import CHANNEL_WORDS, LEVEL_WORDS, ONLINE_WORDS
from motcua.catalog.models import (
    Channel,
    Level,
    OnlineLevel,
    ProcedureDocument,
    ProcedureVersion,
    ProcessStep,
)


def catalog_records() -> list[dict[str, Any]]:
    """Every version of every procedure, oldest version first."""
    versions = (
        ProcedureVersion.objects.select_related("procedure__sector")
        .prefetch_related(
            "cases",
            "fees",
            Prefetch("documents", queryset=ProcedureDocument.objects.select_related("case")),
            Prefetch("steps", queryset=ProcessStep.objects.select_related("unit")),
        )
        .order_by("procedure__code", "procedure__name", "procedure_id", "number")
    )
    return [version_record(version) for version in versions]


def version_record(version: ProcedureVersion) -> dict[str, Any]:
    procedure = version.procedure
    return {
        "code": procedure.code,
        "name": version.name,
        "sector": procedure.sector.name,
        "level": LEVEL_WORDS[Level(procedure.level)],
        "version": version.number,
        "status": version.status,
        "valid_from": version.valid_from.isoformat() if version.valid_from else None,
        "valid_to": version.valid_to.isoformat() if version.valid_to else None,
        "body": version.implementing_body,
        "deciding_body": version.deciding_body,
        "applicants": version.applicants,
        "channels": [CHANNEL_WORDS[Channel(c)] for c in version.channels],
        "steps_text": version.steps_text,
        "time_limit_text": version.time_limit_text,
        "time_limit": {
            "value": version.time_limit_value,
            "unit": version.time_limit_unit,
            "cutoff_15h": version.cutoff_15h,
        },
        "online_time_limit": _online_limit(version),
        "conditions": version.conditions,
        "fees": [
            {
                "name": fee.name,
                "amount_vnd": fee.amount_vnd,
                "note": fee.note,
                "editor_note": fee.editor_note,
            }
            for fee in version.fees.all()
        ],
        "cases": [_case(case) for case in version.cases.all()],
        "documents": [_document(document) for document in version.documents.all()],
        "result": version.result,
        "online_level": ONLINE_WORDS[OnlineLevel(version.online_level)]
        if version.online_level
        else None,
        "paper_result_required": version.paper_result_required,
        "legal_basis": list(version.legal_basis),
        "steps": [_step(step) for step in version.steps.all()],
        "sources": list(version.sources),
        "confidence": version.confidence,
        "notes": version.notes,
    }


def _online_limit(version: ProcedureVersion) -> dict[str, Any] | None:
    if version.online_time_limit_unit is None:
        return None
    return {"value": version.online_time_limit_value, "unit": version.online_time_limit_unit}


def _case(case: Any) -> dict[str, Any]:
    return {
        "name": case.name,
        "time_limit": {"value": case.time_limit_value, "unit": case.time_limit_unit},
    }


def _document(document: ProcedureDocument) -> dict[str, Any]:
    return {
        "name": document.name,
        "originals": document.originals,
        "copies": document.copies,
        "mandatory": document.mandatory,
        "case": document.case.name if document.case else None,
        "note": document.note,
        "presented_only": document.presented_only,
        "editor_note": document.editor_note,
    }


def _step(step: ProcessStep) -> dict[str, Any]:
    return {
        "order": step.order,
        "name": step.name,
        "role": step.role,
        "unit": step.unit.code if step.unit else None,
        "unit_kind": step.unit_kind,
        # A string keeps the exact decimal; the importer also accepts numbers.
        "hours": f"{step.hours.normalize():f}",
    }
