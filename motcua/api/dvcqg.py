"""Synchronisation with the national public-service portal (DVCQG), 766 component 1.4.

Every change the portal tracks — a dossier event, a PAKN event — queues one `DvcqgSync` row in
the same transaction as the change (a signal on the event tables), with the record as it is
after the change and the event's sequence number as its version. `sync_dvcqg` sends the rows
afterwards, oldest version first for each record, retrying with back-off; a failure never
touches the workflow and nothing is lost or sent twice (the portal dedups by code + version,
sent as the Idempotency-Key). Without MOTCUA_DVCQG_URL, payloads are validated against the
published field list (dvcqg_schema.json) and written to <MOTCUA_DATA_DIR>/dvcqg.jsonl.
"""

import datetime as dt
import json
import logging
import urllib.error
import urllib.request
from abc import ABC, abstractmethod
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db.models import Count, Exists, OuterRef, Q
from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from motcua.accounts.models import OrgUnit
from motcua.api.models import DvcqgSync, SyncKind
from motcua.catalog.models import ProcedureFee, ProcedureVersion
from motcua.dossiers.models import (
    AttachmentKind,
    Dossier,
    DossierEvent,
    DossierStatus,
)
from motcua.feedback.models import Pakn, PaknEvent
from motcua.lib.claims import claim_rows
from motcua.workdays.timecalc import ZONE

log = logging.getLogger(__name__)
SCHEMA = Path(__file__).resolve().parent / "dvcqg_schema.json"
CLAIM_LEASE = dt.timedelta(minutes=5)
MAX_BACKOFF = dt.timedelta(hours=1)
FINISHING = (DossierStatus.REFUSED, DossierStatus.STOPPED, DossierStatus.WITHDRAWN)


def _moment(value: dt.datetime | None) -> str:
    return timezone.localtime(value, ZONE).strftime("%Y%m%d%H%M%S") if value else ""


def _unit(unit: OrgUnit) -> str:
    return unit.electronic_id or unit.code


@lru_cache(maxsize=1024)
def _procedure_part(version_id: int) -> dict[str, Any]:
    """What the payload says of the procedure: published versions are never edited
    (motcua/catalog), so this is read once per version and process, not once per event."""
    row = ProcedureVersion.objects.values(
        "name", "procedure__code", "procedure__sector__code", "procedure__sector__name"
    ).get(pk=version_id)
    fees = ProcedureFee.objects.filter(version=version_id).order_by("order", "pk")
    return {
        "MaTTHC": row["procedure__code"] or "",
        "TenTTHC": row["name"],
        "MaLinhVuc": row["procedure__sector__code"] or "",
        "TenLinhVuc": row["procedure__sector__name"] or "",
        "LePhi": [{"TenPhi": fee.name, "MucPhi": fee.amount_vnd} for fee in fees],
    }


def dossier_payload(dossier: Dossier, event: DossierEvent) -> dict[str, Any]:
    """The dossier as the portal tracks it, after `event`. Personal data: only the owner's
    name and identification number, which link the dossier to the citizen's account there."""
    procedure = _procedure_part(dossier.procedure_version_id)
    units = _unit_ids(dossier)
    finished = dossier.result_issued_at
    if finished is None and dossier.status in FINISHING:
        finished = event.at if event.to_status == dossier.status else None
    return {
        "MaHoSo": dossier.code,
        "PhienBan": event.seq,
        "MaTTHC": procedure["MaTTHC"],
        "TenTTHC": procedure["TenTTHC"],
        "MaLinhVuc": procedure["MaLinhVuc"],
        "TenLinhVuc": procedure["TenLinhVuc"],
        "KenhThucHien": dossier.channel,
        "ChuHoSo": dossier.applicant_name,
        "LoaiDoiTuong": 1 if dossier.applicant_personal_id else 2,
        "MaDoiTuong": dossier.applicant_personal_id or dossier.applicant_organisation_id,
        "DonViTiepNhan": units[dossier.receiving_unit_id],
        "DonViXuLy": units[dossier.deciding_unit_id],
        "TrangThaiHoSo": dossier.national_code,
        "NgayNopTrucTuyen": _moment(dossier.submitted_at),
        "NgayTiepNhan": _moment(dossier.received_at),
        "NgayHenTra": _moment(dossier.due_at),
        "NgayKetThucXuLy": _moment(finished),
        "NgayTra": _moment(dossier.returned_at),
        "HinhThucTra": dossier.return_method,
        "SoLanBoSung": dossier.supplement_count,
        "KetQua": {"SoKyHieu": dossier.result_number, "CoTepDienTu": bool(dossier.result_file)},
        "LePhi": procedure["LePhi"],
        "ThanhToanTrucTuyen": False,  # no online payment is recorded yet
        "SoHoa": {
            "TepThanhPhan": _submitted_files(dossier, event),
            "KetQuaDienTu": bool(dossier.result_file),
        },
    }


def _unit_ids(dossier: Dossier) -> dict[int, str]:
    """The receiving and deciding units' ids on the portal: from the units the dossier already
    holds (a new dossier does), else one read."""
    if Dossier.receiving_unit.is_cached(dossier) and Dossier.deciding_unit.is_cached(dossier):
        return {unit.pk: _unit(unit) for unit in (dossier.receiving_unit, dossier.deciding_unit)}
    return {
        pk: electronic_id or code
        for pk, electronic_id, code in OrgUnit.objects.filter(
            pk__in=[dossier.receiving_unit_id, dossier.deciding_unit_id]
        ).values_list("pk", "electronic_id", "code")
    }


def _submitted_files(dossier: Dossier, event: DossierEvent) -> int:
    """The files handed in with the filing. They come only with the dossier's first event,
    which records how many (`receive`, `submit_online`), so that event need not count them."""
    if event.seq == 1 and isinstance(event.payload.get("files"), int):
        return int(event.payload["files"])
    return dossier.attachments.filter(kind=AttachmentKind.SUBMITTED).count()


def pakn_payload(pakn: Pakn, event: PaknEvent) -> dict[str, Any]:
    """A PAKN as the portal tracks it; never the submitter (DOMAIN.md §10)."""
    published = pakn.published_at is not None
    return {
        "MaPAKN": pakn.code,
        "PhienBan": event.seq,
        "LoaiPAKN": pakn.kind,
        "KenhTiepNhan": pakn.channel,
        "TieuDe": pakn.title,
        "DonViXuLy": _unit(pakn.unit),
        "TrangThai": pakn.status,
        "NgayTiepNhan": _moment(pakn.received_at),
        "HanXuLy": _moment(pakn.due_at),
        "NgayTraLoi": _moment(pakn.answered_at),
        "NgayCongKhai": _moment(pakn.published_at),
        "NoiDungCongKhai": pakn.public_summary if published else "",
    }


def _queue(
    kind: str,
    code: str,
    version: int,
    unit: OrgUnit,
    payload: dict[str, Any],
    received_at: dt.datetime | None = None,
) -> None:
    now = timezone.now()
    if version > 1:  # a record's first version has no earlier one to demote
        DvcqgSync.objects.filter(kind=kind, code=code, latest=True).update(latest=False)
    DvcqgSync.objects.create(
        kind=kind, code=code, version=version, unit=unit, payload=payload,
        received_at=received_at, created_at=now, next_attempt_at=now,
    )  # fmt: skip


def on_dossier_event(sender: type, instance: DossierEvent, created: bool, **kw: Any) -> None:
    if created:
        dossier = instance.dossier
        _queue(
            SyncKind.DOSSIER,
            dossier.code,
            instance.seq,
            dossier.receiving_unit,
            dossier_payload(dossier, instance),
            dossier.received_at,
        )


def on_pakn_event(sender: type, instance: PaknEvent, created: bool, **kw: Any) -> None:
    if created:
        pakn = instance.pakn
        _queue(SyncKind.PAKN, pakn.code, instance.seq, pakn.unit, pakn_payload(pakn, instance))


# --- validation and transport ---------------------------------------------------------------


@cache
def _validator() -> Any:
    from jsonschema import Draft202012Validator

    return Draft202012Validator(json.loads(SCHEMA.read_text(encoding="utf-8")))


def schema_errors(payload: dict[str, Any]) -> list[str]:
    """What makes `payload` not match the published field list (empty when it matches)."""
    best = _validator().iter_errors(payload)
    return [f"{'/'.join(map(str, e.absolute_path)) or '(gốc)'}: {e.message}" for e in best]


class SyncError(Exception):
    """The portal did not take the payload; the row is tried again later."""


class Backend(ABC):
    @abstractmethod
    def send(self, row: DvcqgSync) -> None:
        """Deliver one payload or raise SyncError."""


class FileBackend(Backend):
    """Development and demo: validate, then append to <MOTCUA_DATA_DIR>/dvcqg.jsonl."""

    def send(self, row: DvcqgSync) -> None:
        errors = schema_errors(row.payload)
        if errors:
            raise SyncError(f"payload invalid: {errors[0]}"[:255])
        line = json.dumps({"kind": row.kind, "payload": row.payload}, ensure_ascii=False)
        with (Path(settings.DATA_DIR) / "dvcqg.jsonl").open("a", encoding="utf-8") as out:
            out.write(line + "\n")


@dataclass
class HttpBackend(Backend):
    """POST <url>/<kind> with a bearer token; 2xx, or 409 (already there), is delivered."""

    url: str
    token: str
    timeout: float = 10.0

    def send(self, row: DvcqgSync) -> None:
        request = urllib.request.Request(
            f"{self.url}/{row.kind}",
            data=json.dumps(row.payload, ensure_ascii=False).encode(),
            method="POST",
            headers={
                "Content-Type": "application/json; charset=utf-8",
                "Authorization": f"Bearer {self.token}",
                "Idempotency-Key": f"{row.kind}:{row.code}:{row.version}",
            },
        )
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as answer:
                answer.read()
        except urllib.error.HTTPError as error:
            if error.code != 409:
                raise SyncError(f"HTTP {error.code}") from None
        except (OSError, ValueError) as error:
            raise SyncError(type(error).__name__) from None


def backend() -> Backend:
    if settings.MOTCUA_DVCQG_URL:
        return HttpBackend(settings.MOTCUA_DVCQG_URL, settings.MOTCUA_DVCQG_TOKEN)
    return FileBackend()


# --- sending --------------------------------------------------------------------------------


def claim(batch: int) -> list[DvcqgSync]:
    """Claim due rows, only the oldest unsent version of each record (so the portal never
    sees version 5 before version 4); motcua/lib/claims.py."""
    earlier = DvcqgSync.objects.filter(
        kind=OuterRef("kind"), code=OuterRef("code"), version__lt=OuterRef("version"),
        sent_at__isnull=True,
    )  # fmt: skip
    ready = Q(Q(next_attempt_at__lte=timezone.now()), ~Exists(earlier))
    return claim_rows(DvcqgSync, batch=batch, lease=CLAIM_LEASE, ready=ready)


def backoff(attempts: int) -> dt.timedelta:
    return min(dt.timedelta(minutes=2 ** max(attempts - 1, 0)), MAX_BACKOFF)


def deliver(row: DvcqgSync, via: Backend) -> bool:
    try:
        via.send(row)
    except SyncError as error:
        log.warning("dvcqg %s %s v%s failed: %s", row.kind, row.pk, row.version, error)
        DvcqgSync.objects.filter(pk=row.pk).update(
            claimed_at=None,
            last_error=str(error)[:255],
            next_attempt_at=timezone.now() + backoff(row.attempts),
        )
        return False
    DvcqgSync.objects.filter(pk=row.pk).update(sent_at=timezone.now(), last_error="")
    return True


def sync(batch: int = 100) -> tuple[int, int]:
    """Send everything due; returns (sent, failed). A record whose version failed waits, with
    its later versions, for the next run after its back-off."""
    via, sent, failed = backend(), 0, 0
    while rows := claim(batch):
        for row in rows:
            if deliver(row, via):
                sent += 1
            else:
                failed += 1
    return sent, failed


# --- the rate (766 component 1.4) -------------------------------------------------------------


@dataclass(frozen=True)
class SyncRate:
    received: int
    synced: int

    @property
    def rate(self) -> float | None:
        return self.synced / self.received if self.received else None


def synced_by_unit(units: Iterable[int], start: dt.datetime, end: dt.datetime) -> Counter[int]:
    """Per receiving unit, dossiers received in [start, end) whose newest version has reached
    the portal (versions are sent in order, so the portal is then up to date): one row per
    dossier, read through a partial index."""
    rows = (
        DvcqgSync.objects.filter(
            kind=SyncKind.DOSSIER,
            latest=True,
            sent_at__isnull=False,
            unit__in=list(units),
            received_at__gte=start,
            received_at__lt=end,
        )
        .values_list("unit")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return Counter(dict(rows))


def synced_rate(units: list[int], start: dt.datetime, end: dt.datetime) -> SyncRate:
    """Dossiers received in [start, end) in `units`, and those the portal has up to date."""
    received = Dossier.objects.filter(
        receiving_unit__in=units, received_at__gte=start, received_at__lt=end
    ).count()
    return SyncRate(received, sum(synced_by_unit(units, start, end).values()))


class SyncAfterRequest:
    """Development, like the outbox (`MOTCUA_SEND_OUTBOX_AFTER_REQUEST`): after a POST, send the
    DVCQG changes it queued, so the demo's queue page is current without a timer. Production
    runs `sync_dvcqg` every minute (deploy/systemd/motcua-outbox.service)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if (
            getattr(settings, "MOTCUA_SEND_OUTBOX_AFTER_REQUEST", False)
            and request.method == "POST"
            and DvcqgSync.objects.filter(sent_at__isnull=True).exists()
        ):
            sync()
        return response
