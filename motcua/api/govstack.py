"""GovStack Registration Building Block API v1.0, mounted at /govstack/registration/.

The mapping (docs/api.md): a *service* is a procedure as offered at one receiving unit; its
*eForm* is the procedure version's online form as JSON Schema; an *application file* is a draft
until its data identify the applicant, then an online dossier filed on the applicant's behalf by
the integration user; a *task* is what the dossier waits for now; completing it calls the
workflow function of that step. Callers come through an Information Mediator (X-Road style)
and act as the staff user their client is mapped to (MOTCUA_GOVSTACK_CLIENTS): never more than a
desk officer of that user's units, and every read of personal data is in the audit trail.
"""

import base64
import binascii
import datetime as dt
import hashlib
import io
import json
import re
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Count, Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone
from ninja import NinjaAPI
from ninja.errors import HttpError
from ninja.errors import ValidationError as NinjaValidationError

from motcua.accounts.access import units_for_user
from motcua.accounts.models import AccessAction, Membership, PersonalDataAccess, Role, User
from motcua.api.docs_page import OfflineSwagger
from motcua.api.models import GovstackApplication, GovstackDocument, GovstackForm, GovstackService
from motcua.catalog.models import ProcedureVersion, VersionStatus
from motcua.dossiers import workflow
from motcua.dossiers.models import FINAL_STATUSES, DossierEvent, ReturnMethod
from motcua.dossiers.models import DossierStatus as S
from motcua.lib import uploads
from motcua.workdays.timecalc import ZONE

HEADER = "HTTP_INFORMATION_MEDIATOR_CLIENT"
CLIENT_FORMAT = re.compile(r"[^/\s]+/[^/\s]+/[^/\s]+/[^/\s]+")
MAX_RESULTS = 200


class GovstackError(Exception):
    """Answered as the building block's error document: traceId, code, message."""

    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message)
        self.status, self.code, self.message = status, code, message


api = NinjaAPI(
    title="Một Cửa — GovStack Registration Building Block",
    version="1.0",
    description="GovStack Registration BB API v1.0 over Một Cửa's dossiers. See docs/api.md.",
    urls_namespace="govstack",
    docs=OfflineSwagger(),
)


def _error(request: HttpRequest, status: int, code: str, message: str) -> HttpResponse:
    body = {
        "traceId": uuid.uuid4().hex,
        "code": code,
        "message": message,
        "localizedMessage": message,
    }
    return api.create_response(request, body, status=status)


@api.exception_handler(GovstackError)
def _govstack_error(request: HttpRequest, exc: GovstackError) -> HttpResponse:
    return _error(request, exc.status, exc.code, exc.message)


@api.exception_handler(NinjaValidationError)
def _invalid(request: HttpRequest, exc: NinjaValidationError) -> HttpResponse:
    return _error(request, 400, "INVALID_REQUEST", "Tham số không hợp lệ.")


@api.exception_handler(HttpError)
def _http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    return _error(request, exc.status_code, "ERROR", str(exc))


@api.exception_handler(workflow.WorkflowError)
def _refused(request: HttpRequest, exc: workflow.WorkflowError) -> HttpResponse:
    return _error(request, 409, "REFUSED", exc.messages[0])


# --- who is calling -------------------------------------------------------------------------


@dataclass(frozen=True)
class Caller:
    client: str
    user: User
    units: list[int]


def _enabled() -> None:
    if not settings.MOTCUA_GOVSTACK_ENABLED:
        raise GovstackError(404, "NOT_FOUND", "GovStack Registration API không được bật.")


def caller(request: HttpRequest, *, header_required: bool = False) -> Caller:
    """The Information Mediator client of the request and the integration user it acts as."""
    _enabled()
    raw = request.META.get(HEADER, "").strip()
    if not raw:
        if header_required or not settings.MOTCUA_GOVSTACK_DEFAULT_CLIENT:
            raise GovstackError(400, "MISSING_CLIENT", "Thiếu tiêu đề Information-Mediator-Client.")
        raw = settings.MOTCUA_GOVSTACK_DEFAULT_CLIENT
    if not CLIENT_FORMAT.fullmatch(raw):
        raise GovstackError(
            400,
            "INVALID_CLIENT",
            "Information-Mediator-Client phải có dạng INSTANCE/CLASS/MEMBER/SUBSYSTEM.",
        )
    username = settings.MOTCUA_GOVSTACK_CLIENTS.get(raw)
    user = User.objects.filter(username=username, is_active=True).first() if username else None
    if user is None:
        raise GovstackError(403, "UNKNOWN_CLIENT", "Ứng dụng này chưa được cấp quyền kết nối.")
    return Caller(raw, user, units_for_user(user, [Role.RECEIVER]))


def _audit(request: HttpRequest, who: Caller, subject: str, records: int) -> None:
    if records:
        PersonalDataAccess.objects.create(
            user=who.user,
            at=timezone.now(),
            action=AccessAction.VIEW,
            subject=f"GovStack {who.client}: {subject}"[:255],
            records=records,
            path=request.path[:500],
        )


# --- shapes ---------------------------------------------------------------------------------


def _moment(value: dt.datetime | None) -> str:
    if value is None:
        return ""
    return value.astimezone(dt.UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def _latest(version: ProcedureVersion) -> bool:
    return version.status == VersionStatus.PUBLISHED


def _form_summary(form: GovstackForm) -> dict[str, Any]:
    version = form.version
    return {
        "eFormId": form.ref,
        "name": f"Tờ khai trực tuyến — {version.name}"[:255],
        "description": f"Thông tin người nộp và các trường của thủ tục {version.name}",
        "version": str(version.number),
        "latest": _latest(version),
    }


EXTRA_TYPES = {
    "text": {"type": "string"},
    "date": {"type": "string", "format": "date"},
    "number": {"type": "number"},
}


def form_schema(version: ProcedureVersion) -> dict[str, Any]:
    """The online form of a version as JSON Schema: the applicant block and its own fields."""
    extra: dict[str, Any] = {}
    required: list[str] = []
    for field in version.extra_fields:
        prop: dict[str, Any] = dict(EXTRA_TYPES.get(field["type"], {"type": "string"}))
        if field["type"] == "choice":
            prop = {"type": "string", "enum": list(field["choices"])}
        extra[field["name"]] = {"title": field["label"], **prop}
        if field.get("required"):
            required.append(field["name"])
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": version.name,
        "type": "object",
        "properties": {
            "applicant": {
                "type": "object",
                "title": "Người nộp hồ sơ",
                "properties": {
                    "name": {"type": "string", "title": "Họ và tên / tên tổ chức"},
                    "personalId": {
                        "type": "string",
                        "title": "Số định danh cá nhân",
                        "pattern": "^[0-9]{12}$",
                    },
                    "organisationId": {"type": "string", "title": "Mã số tổ chức"},
                    "phone": {"type": "string", "title": "Số điện thoại"},
                    "email": {"type": "string", "format": "email", "title": "Thư điện tử"},
                    "address": {"type": "string", "title": "Địa chỉ"},
                },
                "required": ["name"],
            },
            "fields": {"type": "object", "properties": extra, "required": required},
        },
        "required": ["applicant"],
    }


def _fees(version: ProcedureVersion) -> str:
    fees = [f"{fee.name}: {fee.amount_vnd} đồng" for fee in version.fees.all() if fee.amount_vnd]
    return "; ".join(fees) or "Không thu phí, lệ phí"


def service_out(service: GovstackService) -> dict[str, Any]:
    version = service.form.version
    limit = (
        f"{version.time_limit_value} {version.get_time_limit_unit_display()}"
        if version.time_limit_value
        else (version.time_limit_text or "")
    )
    body = [
        ("procedureCode", version.procedure.code or ""),
        ("receivingUnit", service.unit.name),
        ("onlineLevel", version.get_online_level_display() if version.online_level else ""),
        ("timeLimit", limit),
        ("fees", _fees(version)),
        ("uploadMaxBytes", str(settings.MOTCUA_UPLOAD_MAX_BYTES)),
    ]
    return {
        "id": service.ref,
        "name": version.name,
        "version": str(version.number),
        "type": "Public",
        "isExecutable": _latest(version),
        "isClosed": not _latest(version),
        "description": f"{version.name} — tiếp nhận tại {service.unit.name}",
        "serviceBody": [{"code": code, "value": value} for code, value in body],
        "eForms": [_form_summary(service.form)],
    }


@dataclass(frozen=True)
class Task:
    name: str
    role: str  # a Role value, or "applicant"
    by_desk: bool  # the desk (and so the integration user) completes it


def task_of(app: GovstackApplication) -> Task | None:
    d = app.dossier
    if d is None:
        return Task("Hoàn thiện và nộp hồ sơ", "applicant", True)
    desk = {
        S.SUBMITTED: "Tiếp nhận hồ sơ trực tuyến",
        S.RECEIVED: "Chuyển hồ sơ đến cơ quan giải quyết",
        S.RESULT_READY: "Trả kết quả",
    }
    if d.status in desk:
        return Task(desk[S(d.status)], Role.RECEIVER.value, True)
    if d.status == S.SUPPLEMENT_REQUESTED:
        return Task("Bổ sung hồ sơ", "applicant", True)
    if d.status in FINAL_STATUSES:
        return None
    step = d.current_step
    return Task(step.name if step else "Xử lý hồ sơ", step.role if step else Role.HANDLER, False)


STATUS_CODES = {
    S.SUPPLEMENT_REQUESTED: "SENDBACK",
    S.RESULT_READY: "APPROVED",
    S.RETURNED: "APPROVED",
    S.REFUSED: "REJECTED",
    S.STOPPED: "REJECTED",
    S.WITHDRAWN: "REJECTED",
}


def status_out(app: GovstackApplication) -> dict[str, str]:
    if app.dossier is None:
        return {"code": "PENDING", "title": "Đang soạn, chưa nộp"}
    status = S(app.dossier.status)
    return {"code": STATUS_CODES.get(status, "PENDING"), "title": status.national_label}


def _role_name(role: str) -> str:
    return "Người nộp hồ sơ" if role == "applicant" else str(Role(role).label)


def _application_data(app: GovstackApplication) -> dict[str, Any]:
    return {
        "applicationName": app.name,
        "applicantId": app.applicant_ref,
        "created": _moment(app.created),
        "formData": {
            "data": app.form_data.get("data", {}),
            "eFormId": app.form_data.get("eFormId", app.service.form.ref),
        },
        "documentUrls": list(app.document_urls),
    }


def application_out(app: GovstackApplication) -> dict[str, Any]:
    d, task = app.dossier, task_of(app)
    assignee = d.assignee if d is not None else None
    registered = (d.received_at or d.submitted_at) if d is not None else None
    return {
        "fileId": app.ref,
        "mainTaskId": app.task_ref,
        "taskTitle": task.name if task else "",
        "roleId": task.role if task else "",
        "roleName": _role_name(task.role) if task else "",
        "assigneeId": assignee.username if assignee else "",
        "operatorName": (assignee.full_name or assignee.username) if assignee else "",
        "status": status_out(app),
        "applicantId": app.applicant_ref,
        "created": _moment(app.created),
        "registered": _moment(registered),
        "description": f"Hồ sơ {d.code}" if d is not None else "Hồ sơ đang soạn",
        "serviceName": app.service.form.version.name,
        "serviceId": app.service.ref,
        "eformId": app.service.form.ref,
        "ended": d is not None and d.status in FINAL_STATUSES,
        "documentUrls": list(app.document_urls),
        "additionalMeta": {"data": {}},
        "applicationData": _application_data(app),
    }


def task_out(app: GovstackApplication) -> dict[str, Any]:
    task = task_of(app)
    d = app.dossier
    assignee = d.assignee if d is not None else None
    started = (d.step_started_at or d.received_at or d.submitted_at) if d is not None else None
    return {
        "taskId": app.task_ref,
        "mainTaskId": app.task_ref,
        "taskName": task.name if task else "Đã kết thúc",
        "name": task.name if task else "Đã kết thúc",
        "assigneeId": assignee.username if assignee else "",
        "roleId": task.role if task else "",
        "created": _moment(started or app.created),
        "description": (
            f"{task.name} — hồ sơ {d.code if d else app.ref}" if task else "Không còn việc"
        ),
        "fileId": app.ref,
        "serviceId": app.service.ref,
        "serviceName": app.service.form.version.name,
        "eFormId": app.service.form.ref,
        "status": status_out(app),
        "formVariables": {},
        "data": {},
    }


# --- reading --------------------------------------------------------------------------------


def _services() -> QuerySet[GovstackService]:
    return GovstackService.objects.select_related(
        "form__version__procedure", "unit"
    ).prefetch_related("form__version__fees")


def _applications(who: Caller) -> QuerySet[GovstackApplication]:
    return GovstackApplication.objects.filter(service__unit__in=who.units).select_related(
        "service__form__version", "service__unit", "dossier__assignee", "dossier__current_step"
    )


def _window(
    qs: QuerySet[Any], params: Mapping[str, str], sort_fields: Mapping[str, str]
) -> list[Any]:
    first = _int(params.get("firstResult"), 0)
    size = min(_int(params.get("maxResult"), MAX_RESULTS), MAX_RESULTS)
    field = sort_fields.get(params.get("sortBy", ""), "created")
    if params.get("sortOrder", "asc").lower() == "desc":
        field = "-" + field
    return list(qs.order_by(field, "pk")[first : first + size])


def _int(raw: str | None, default: int) -> int:
    if raw in (None, ""):
        return default
    if not raw.isdigit() or len(raw) > 9:
        raise GovstackError(400, "INVALID_REQUEST", f"Giá trị không hợp lệ: {raw[:20]!r}.")
    return int(raw)


def _get_application(who: Caller, ref: str) -> GovstackApplication:
    app = _applications(who).filter(ref=ref).first()
    if app is None:
        raise GovstackError(404, "NOT_FOUND", "Không tìm thấy hồ sơ.")
    return app


def _get_task(who: Caller, ref: str) -> GovstackApplication:
    app = _applications(who).filter(task_ref=ref).first()
    if app is None:
        raise GovstackError(404, "NOT_FOUND", "Không tìm thấy công việc.")
    return app


@api.get("/services", summary="Danh sách dịch vụ (thủ tục được tiếp nhận)")
def services(request: HttpRequest, name: str = "") -> list[dict[str, Any]]:
    _enabled()
    qs = _services().order_by("ref")
    if name:
        qs = qs.filter(form__version__name=name)
    return [service_out(service) for service in qs]


@api.get("/services/{serviceId}", summary="Một dịch vụ (trả về danh sách một phần tử)")
def service(request: HttpRequest, serviceId: str) -> list[dict[str, Any]]:
    _enabled()
    found = _services().filter(ref=serviceId).first()
    if found is None:
        raise GovstackError(404, "NOT_FOUND", "Không tìm thấy dịch vụ.")
    return [service_out(found)]


@api.get("/services/{serviceId}/eForms", summary="Biểu mẫu của dịch vụ")
def service_forms(request: HttpRequest, serviceId: str) -> list[dict[str, Any]]:
    _enabled()
    found = _services().filter(ref=serviceId).first()
    if found is None:
        raise GovstackError(404, "NOT_FOUND", "Không tìm thấy dịch vụ.")
    return [_form_summary(found.form)]


@api.get("/eForms/{eFormId}", summary="Biểu mẫu với JSON Schema")
def eform(request: HttpRequest, eFormId: str) -> dict[str, Any]:
    _enabled()
    form = GovstackForm.objects.select_related("version").filter(ref=eFormId).first()
    if form is None:
        raise GovstackError(404, "NOT_FOUND", "Không tìm thấy biểu mẫu.")
    return {**_form_summary(form), "schema": form_schema(form.version)}


@api.get("/applications", summary="Hồ sơ của các đơn vị mà ứng dụng được phép xem")
def applications(request: HttpRequest) -> list[dict[str, Any]]:
    who = caller(request)
    params = request.GET
    qs = _applications(who)
    if params.get("serviceId"):
        qs = qs.filter(service__ref=params["serviceId"])
    if params.get("applicantId"):
        qs = qs.filter(applicant_ref=params["applicantId"])
    found = _window(qs, params, {"created": "created", "fileId": "ref"})
    _audit(request, who, "danh sách hồ sơ", len(found))
    return [application_out(app) for app in found]


@api.get("/applications/{fileId}", summary="Một hồ sơ")
def application(request: HttpRequest, fileId: str) -> dict[str, Any]:
    who = caller(request)
    app = _get_application(who, fileId)
    _audit(request, who, app.dossier.code if app.dossier else app.ref, 1)
    return application_out(app)


@api.get("/tasks", summary="Công việc đang chờ của các hồ sơ")
def tasks(request: HttpRequest) -> list[dict[str, Any]]:
    who = caller(request)
    params = request.GET
    qs = _applications(who).filter(Q(dossier__isnull=True) | ~Q(dossier__status__in=FINAL_STATUSES))
    if params.get("fileId"):
        qs = qs.filter(ref=params["fileId"])
    if params.get("mainTaskId"):
        qs = qs.filter(task_ref=params["mainTaskId"])
    if params.get("assigneeId"):
        qs = qs.filter(dossier__assignee__username=params["assigneeId"])
    return [task_out(app) for app in _window(qs, params, {"created": "created"})]


@api.get("/tasks/{taskId}", summary="Một công việc")
def task(request: HttpRequest, taskId: str) -> dict[str, Any]:
    return task_out(_get_task(caller(request), taskId))


@api.api_operation(["POST", "PUT", "DELETE"], "/tasks/{taskId}", include_in_schema=False)
def task_other_methods(request: HttpRequest, taskId: str) -> dict[str, Any]:
    """An unknown task is not found whatever the method (the suite posts to ids cut at a '#');
    a known one only answers GET (complete it with POST …/complete)."""
    _get_task(caller(request), taskId)
    raise GovstackError(405, "METHOD_NOT_ALLOWED", "Dùng POST /tasks/{taskId}/complete.")


# --- writing --------------------------------------------------------------------------------


def _body(request: HttpRequest) -> dict[str, Any]:
    """The request's fields, sent as JSON or form-encoded (the suite does both)."""
    if request.content_type == "application/json":
        try:
            data = json.loads(request.body or b"{}")
        except (ValueError, UnicodeDecodeError):
            raise GovstackError(400, "INVALID_REQUEST", "Nội dung JSON không hợp lệ.") from None
        if not isinstance(data, dict):
            raise GovstackError(400, "INVALID_REQUEST", "Nội dung phải là một đối tượng JSON.")
        return data
    return {key: request.POST.get(key) for key in request.POST}


def _text(data: Mapping[str, Any], key: str, limit: int = 255) -> str:
    value = data.get(key)
    if value is None:
        return ""
    if not isinstance(value, str) or "\x00" in value or len(value) > limit:
        raise GovstackError(400, "INVALID_REQUEST", f"Trường {key} không hợp lệ.")
    return value.strip()


def _object(data: Mapping[str, Any], key: str) -> dict[str, Any]:
    value = data.get(key)
    if isinstance(value, str) and value.strip():
        try:
            value = json.loads(value)
        except ValueError:
            raise GovstackError(400, "INVALID_REQUEST", f"Trường {key} không hợp lệ.") from None
    if value in (None, ""):
        return {}
    if not isinstance(value, dict):
        raise GovstackError(400, "INVALID_REQUEST", f"Trường {key} phải là một đối tượng.")
    return value


def _urls(data: Mapping[str, Any]) -> list[str]:
    value = data.get("documentUrls") or []
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(u, str) and len(u) < 500 for u in value):
        raise GovstackError(400, "INVALID_REQUEST", "documentUrls phải là danh sách địa chỉ.")
    return value[:50]


def _created(data: Mapping[str, Any]) -> dt.datetime:
    raw = _text(data, "created", 40)
    if not raw:
        return timezone.now()
    try:
        value = dt.datetime.fromisoformat(raw.replace("Z", "+00:00"))
    except ValueError:
        raise GovstackError(400, "INVALID_REQUEST", "created phải là thời điểm ISO 8601.") from None
    return value if value.tzinfo else value.replace(tzinfo=ZONE)


def _applicant(app: GovstackApplication) -> workflow.Applicant:
    """The applicant as the form data give them; the applicantId stands for the personal
    identification number when it is one."""
    given = app.form_data.get("data", {}).get("applicant", {})
    if not isinstance(given, dict):
        given = {}
    personal_id = str(given.get("personalId") or "")
    if not personal_id and re.fullmatch(r"\d{12}", app.applicant_ref):
        personal_id = app.applicant_ref
    return workflow.Applicant(
        name=str(given.get("name") or app.name),
        personal_id=personal_id,
        organisation_id=str(given.get("organisationId") or ""),
        phone=str(given.get("phone") or ""),
        email=str(given.get("email") or ""),
        address=str(given.get("address") or ""),
    )


def _file(app: GovstackApplication, who: Caller) -> None:
    """File the draft as an online dossier on the applicant's behalf (national status 1)."""
    applicant = _applicant(app)
    try:
        applicant.validate()
    except workflow.WorkflowError as error:
        raise GovstackError(400, "INCOMPLETE_APPLICATION", error.messages[0]) from None
    app.dossier = workflow.submit_online(
        version=app.service.form.version,
        receiving_unit=app.service.unit,
        applicant=applicant,
        assisted_by=who.user,
    )
    app.save(update_fields=["dossier"])


@api.post("/services/{serviceId}/applications", summary="Nộp hồ sơ cho một dịch vụ")
def submit(request: HttpRequest, serviceId: str) -> dict[str, Any]:
    who = caller(request)
    service = _services().filter(ref=serviceId, unit__in=who.units).first()
    if service is None:
        raise GovstackError(404, "NOT_FOUND", "Không tìm thấy dịch vụ.")
    data = _body(request)
    applicant_ref = _text(data, "applicantId")
    if not applicant_ref:
        raise GovstackError(400, "INVALID_REQUEST", "Thiếu applicantId (mã người nộp).")
    form_data = _object(data, "formData")
    with transaction.atomic():
        app = GovstackApplication.objects.create(
            ref=str(uuid.uuid4()),
            task_ref=str(uuid.uuid4()),
            service=service,
            client=who.client,
            applicant_ref=applicant_ref,
            name=_text(data, "applicationName") or service.form.version.name,
            created=_created(data),
            form_data=form_data,
            document_urls=_urls(data),
        )
        if _applicant(app).personal_id or _applicant(app).organisation_id:
            _file(app, who)  # complete enough to file now; otherwise it stays a draft
    return application_out(_get_application(who, app.ref))


@api.put("/applications/{fileId}", summary="Cán bộ cập nhật dữ liệu của hồ sơ")
def update(request: HttpRequest, fileId: str) -> dict[str, Any]:
    who = caller(request)
    data = _body(request)
    with transaction.atomic():
        app = _get_application(who, fileId)
        app = GovstackApplication.objects.select_for_update().get(pk=app.pk)
        new = {
            "name": _text(data, "applicationName") or app.name,
            "applicant_ref": _text(data, "applicantId") or app.applicant_ref,
            "form_data": _object(data, "formData") if "formData" in data else app.form_data,
            "document_urls": _urls(data) if "documentUrls" in data else app.document_urls,
        }
        changed = [field for field, value in new.items() if getattr(app, field) != value]
        if app.dossier is not None and "applicant_ref" in changed:
            raise GovstackError(
                409, "REFUSED", "Không thể đổi người nộp của hồ sơ đã nộp; hãy nộp hồ sơ mới."
            )
        for field, value in new.items():
            setattr(app, field, value)
        app.save()
        if app.dossier is not None and changed:
            workflow.amend(dossier=app.dossier, actor=who.user, changed=changed, note=who.client)
    return application_out(_get_application(who, fileId))


DECISIONS = ("approve", "sendback", "reject")


def _reasons(data: Mapping[str, Any]) -> list[str]:
    raw = data.get("reasons") or data.get("reason") or []
    if isinstance(raw, str):
        raw = [raw]
    return (
        [str(item)[:500] for item in raw if isinstance(item, str)] if isinstance(raw, list) else []
    )


def _complete(app: GovstackApplication, who: Caller, data: Mapping[str, Any]) -> None:
    decision = data.get("decision", "approve")
    if decision not in DECISIONS:
        raise GovstackError(400, "INVALID_REQUEST", "decision phải là approve, sendback, reject.")
    task = task_of(app)
    if task is None:
        raise GovstackError(409, "REFUSED", "Hồ sơ đã kết thúc, không còn công việc.")
    if not task.by_desk:
        raise GovstackError(
            409, "REFUSED", f"Bước “{task.name}” do đơn vị giải quyết thực hiện trong Một Cửa."
        )
    d, user = app.dossier, who.user
    if d is None:
        if decision != "approve":
            raise GovstackError(409, "REFUSED", "Hồ sơ chưa nộp: chỉ có thể nộp (approve).")
        _file(app, who)
        return
    reasons = _reasons(data)
    if decision == "sendback":
        workflow.request_supplement(dossier=d, actor=user, missing=reasons)
    elif decision == "reject":
        if d.status in (S.SUBMITTED, S.RECEIVED):
            workflow.refuse(dossier=d, actor=user, reasons=reasons)
        else:
            raise GovstackError(409, "REFUSED", "Chỉ từ chối được hồ sơ đang chờ tiếp nhận.")
    elif d.status == S.SUBMITTED:
        workflow.accept_online(dossier=d, actor=user, note=who.client)
    elif d.status == S.RECEIVED:
        workflow.forward(dossier=d, actor=user, note=who.client)
    elif d.status == S.SUPPLEMENT_REQUESTED:
        workflow.supplement_received(dossier=d, actor=user, note=who.client)
    else:  # result ready: handed over electronically to the applicant through the client
        workflow.return_result(
            dossier=d, actor=user, method=ReturnMethod.ELECTRONIC, returned_to=who.client
        )


@api.post("/tasks/{taskId}/complete", summary="Hoàn thành công việc (quyết định của bước)")
def complete(request: HttpRequest, taskId: str) -> dict[str, Any]:
    who = caller(request)
    app = _get_task(who, taskId)
    data = _object(_body(request), "data")
    _complete(app, who, data)
    app = _get_task(who, taskId)
    return {
        "taskId": app.task_ref,
        "fileId": app.ref,
        "serviceId": app.service.ref,
        "status": status_out(app),
        "variables": {},
    }


SNIFF = ((b"%PDF-", "application/pdf"), (b"\xff\xd8\xff", "image/jpeg"), (b"\x89PNG", "image/png"))


@api.post("/documents", summary="Tải lên một tài liệu (base64 trong trường file)")
def upload(request: HttpRequest) -> dict[str, Any]:
    who = caller(request)
    raw = request.FILES.get("file")
    if raw is not None:
        content = raw.read(settings.MOTCUA_UPLOAD_MAX_BYTES + 1)
    else:
        encoded = _body(request).get("file") or ""
        if not isinstance(encoded, str):
            raise GovstackError(400, "INVALID_REQUEST", "Trường file phải là chuỗi base64.")
        try:
            content = base64.b64decode(encoded, validate=True)
        except (binascii.Error, ValueError):
            raise GovstackError(400, "INVALID_REQUEST", "Trường file không phải base64.") from None
    if not content:
        raise GovstackError(400, "INVALID_REQUEST", "Thiếu tệp (trường file).")
    if len(content) > settings.MOTCUA_UPLOAD_MAX_BYTES:
        raise GovstackError(413, "TOO_LARGE", "Tệp vượt quá dung lượng cho phép.")
    kind = next((t for magic, t in SNIFF if content.startswith(magic)), "application/octet-stream")
    if kind == uploads.PDF:  # a file that says it is a PDF must open as one (motcua/lib/uploads.py)
        try:
            uploads.inspect_upload(io.BytesIO(content), max_bytes=len(content), accepted=[kind])
        except ValidationError as refused:
            raise GovstackError(400, "INVALID_REQUEST", refused.messages[0]) from None
    ref = str(uuid.uuid4())
    doc = GovstackDocument(
        ref=ref,
        client=who.client,
        content_type=kind,
        size=len(content),
        sha256=hashlib.sha256(content).hexdigest(),
        metadata=_text(request.GET, "additionalMetadata", 500),
    )
    doc.file.save(f"{ref}.bin", ContentFile(content), save=False)
    doc.save()
    url = request.build_absolute_uri(reverse("govstack:document", kwargs={"ref": ref}))
    return {"code": 200, "type": "success", "message": "Đã lưu tài liệu.", "url": url}


@api.get(
    "/documents/{ref}", url_name="document", summary="Tải tài liệu đã gửi (chỉ ứng dụng đã gửi)"
)
def document(request: HttpRequest, ref: str) -> HttpResponse:
    who = caller(request)
    doc = GovstackDocument.objects.filter(ref=ref, client=who.client).first()
    if doc is None:
        raise GovstackError(404, "NOT_FOUND", "Không tìm thấy tài liệu.")
    with doc.file.open("rb") as handle:
        return HttpResponse(handle.read(), content_type=doc.content_type)


# --- statistics -----------------------------------------------------------------------------

APPROVING = ("accept_online", "forward", "hand_over", "approve", "issue_result", "return_result")
SENDING_BACK = ("request_supplement",)
REJECTING = ("refuse", "stop")
ROLES = {
    "registrar": Role.RECEIVER,
    "receiver": Role.RECEIVER,
    "handler": Role.HANDLER,
    "head": Role.HEAD,
    "signer": Role.SIGNER,
    "clerk": Role.CLERK,
}
TIMEFRAMES = ("day", "week", "month", "year")


def _date(params: Mapping[str, str], key: str) -> dt.date | None:
    raw = params.get(key, "")
    if not raw:
        return None
    try:
        return dt.date.fromisoformat(raw)
    except ValueError:
        raise GovstackError(400, "INVALID_REQUEST", f"{key} phải có dạng YYYY-MM-DD.") from None


def statistics_of(
    units: Iterable[int],
    *,
    start: dt.date | None = None,
    end: dt.date | None = None,
    versions: Iterable[int] | None = None,
    operator: str = "",
    role: str = "",
) -> dict[str, int]:
    """Decisions taken on dossiers of `units`: approvals (a step completed), send-backs
    (supplement requests) and rejections (refusals, stops); `processed` is their sum."""
    events = DossierEvent.objects.filter(dossier__receiving_unit__in=list(units))
    if start:
        events = events.filter(at__gte=dt.datetime.combine(start, dt.time(), ZONE))
    if end:
        events = events.filter(at__lt=dt.datetime.combine(end + dt.timedelta(1), dt.time(), ZONE))
    if versions is not None:
        events = events.filter(dossier__procedure_version__in=list(versions))
    if operator:
        events = events.filter(Q(actor__full_name=operator) | Q(actor__username=operator))
    if role:
        holders = Membership.objects.filter(role=role, active=True).values("user")
        events = events.filter(actor__in=holders)
    counts = events.aggregate(
        approved=Count("pk", filter=Q(action__in=APPROVING)),
        sent_back=Count("pk", filter=Q(action__in=SENDING_BACK)),
        rejected=Count("pk", filter=Q(action__in=REJECTING)),
    )
    return {
        "processed": counts["approved"] + counts["sent_back"] + counts["rejected"],
        "approved": counts["approved"],
        "sentBack": counts["sent_back"],
        "rejected": counts["rejected"],
    }


@api.get("/data/statistics/1.0", summary="Thống kê quyết định theo người xử lý và vai trò")
def statistics(request: HttpRequest) -> list[dict[str, Any]]:
    who = caller(request, header_required=True)
    params = request.GET
    start, end = _date(params, "startDate"), _date(params, "endDate")
    if start and end and end < start:
        raise GovstackError(400, "INVALID_REQUEST", "endDate phải sau startDate.")
    name = _text(params, "registrationName")
    versions = None
    if name:
        services = GovstackService.objects.filter(
            Q(registration_name=name) | Q(form__version__name=name)
        )
        versions = list(services.values_list("form__version", flat=True))
        if not versions:
            raise GovstackError(404, "NOT_FOUND", "Không tìm thấy dịch vụ có tên này.")
    role_name = _text(params, "role").lower()
    if role_name and role_name not in ROLES:
        raise GovstackError(400, "INVALID_REQUEST", f"role phải là {', '.join(ROLES)}.")
    timeframe = _text(params, "timeframe").lower()
    if timeframe and timeframe not in TIMEFRAMES:
        raise GovstackError(400, "INVALID_REQUEST", f"timeframe phải là {', '.join(TIMEFRAMES)}.")
    figures = statistics_of(
        who.units,
        start=start,
        end=end,
        versions=versions,
        operator=_text(params, "operator"),
        role=ROLES[role_name] if role_name else "",
    )
    references: dict[str, Any] = {
        key: params[key]
        for key in ("startDate", "endDate", "registrationName", "operator", "role")
        if params.get(key)
    }
    references.update({f"timeframe{t.title()}": timeframe == t for t in TIMEFRAMES})
    return [{**figures, "references": references}]
