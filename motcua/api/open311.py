"""Open311 GeoReport v2 (https://wiki.open311.org/GeoReport_v2) over the PAKN channel.

Plain Django views, because the specification wants the same documents in XML and JSON chosen
by the file extension. Services are the PAKN kinds; a request is a PAKN; its id is the PAKN
code. Reads never carry the submitter's personal data: the description is the officer's
public summary, present once the answer is published. See docs/api.md.
"""

import datetime as dt
import xml.etree.ElementTree as ET
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.core import signing
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, ValidationError
from django.core.validators import validate_email
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.views.decorators.csrf import csrf_exempt

from motcua.accounts.models import OrgUnit
from motcua.api import services
from motcua.feedback import selectors, workflow
from motcua.feedback.models import OPEN_STATUSES, Pakn, PaknChannel, PaknKind, PaknStatus
from motcua.lib.guard import text_problem
from motcua.workdays.timecalc import ZONE

SPECIFICATION = "http://wiki.open311.org/GeoReport_v2"
CHANGESET = "2026-11-01T00:00:00+07:00"
MAX_RESULTS = 1000
MAX_SPAN = dt.timedelta(days=90)
# Dates outside these years are refused (no petition is older; none can be filed later).
FIRST_YEAR, LAST_YEAR = 2000, 2100
TOKEN_SALT = "motcua.api.open311.token"
GROUP = "Phản ánh, kiến nghị về quy định hành chính"
KEYWORDS = {
    PaknKind.REGULATION: "quy định, văn bản, chính sách",
    PaknKind.PROCEDURE: "thủ tục hành chính, hồ sơ, giấy tờ, trễ hẹn",
    PaknKind.CONDUCT: "cán bộ, công chức, thái độ, nhũng nhiễu",
}
ATTRIBUTES = [
    ("procedure_code", "Mã thủ tục hành chính liên quan (không bắt buộc)."),
    ("dossier_code", "Mã hồ sơ liên quan (không bắt buộc)."),
]

Data = dict[str, Any] | list[Any]


class Open311Error(Exception):
    def __init__(self, status: int, description: str) -> None:
        super().__init__(description)
        self.status, self.description = status, description


# -- rendering ---------------------------------------------------------------------------------


def w3c(moment: dt.datetime | None) -> str | None:
    """W3C date-time with the zone, to the second: 2026-03-02T09:00:00+07:00."""
    return moment.astimezone(ZONE).isoformat(timespec="seconds") if moment else None


def _xml_value(parent: ET.Element, value: Any, item_tag: str) -> None:
    if isinstance(value, dict):
        for key, inner in value.items():
            _xml_value(ET.SubElement(parent, key), inner, key[:-1] if key.endswith("s") else key)
    elif isinstance(value, list):
        for inner in value:
            _xml_value(ET.SubElement(parent, item_tag), inner, item_tag)
    elif value is not None:
        parent.text = str(value).lower() if isinstance(value, bool) else str(value)


def render(fmt: str, data: Data, root: str, item: str, status: int = 200) -> HttpResponse:
    if fmt == "json":
        return JsonResponse(
            data, status=status, safe=False, json_dumps_params={"ensure_ascii": False}
        )
    element = ET.Element(root)
    _xml_value(element, data, item)
    body = b'<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(element, encoding="utf-8")
    return HttpResponse(body, status=status, content_type="text/xml; charset=utf-8")


def render_error(fmt: str, error: Open311Error) -> HttpResponse:
    data = [{"code": error.status, "description": error.description}]
    return render(fmt, data, "errors", "error", status=error.status)


def open311(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Turn Open311Error into the error document the specification describes."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, fmt: str, **kwargs: Any) -> HttpResponse:
        try:
            return view(request, *args, fmt=fmt, **kwargs)
        except Open311Error as error:
            return render_error(fmt, error)
        except RequestDataTooBig:
            return render_error(fmt, Open311Error(413, "Nội dung gửi lên quá lớn."))
        except TooManyFieldsSent:
            return render_error(fmt, Open311Error(400, "Gửi quá nhiều trường dữ liệu."))

    return wrapped


def open311_only(
    *methods: str,
) -> Callable[[Callable[..., HttpResponse]], Callable[..., HttpResponse]]:
    """`open311` for a view that answers only `methods`; any other is a 405 error document."""

    def decorate(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        inner = open311(view)

        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, fmt: str, **kwargs: Any) -> HttpResponse:
            if request.method not in methods:
                refused = render_error(fmt, Open311Error(405, f"Chỉ nhận {', '.join(methods)}."))
                refused["Allow"] = ", ".join(methods)
                return refused
            return inner(request, *args, fmt=fmt, **kwargs)

        return wrapped

    return decorate


def not_found(request: HttpRequest, path: str = "") -> HttpResponse:
    """Any other address under /open311/v2/: a 404 error document."""
    return guard_refusal(request, 404, "Không có tài nguyên Open311 ở địa chỉ này.")


def guard_refusal(request: HttpRequest, status: int, message: str) -> HttpResponse:
    """Input refused by motcua.lib.guard, in the error document of the requested format."""
    fmt = "xml" if request.path.split("?")[0].endswith(".xml") else "json"
    return render_error(fmt, Open311Error(status, message))


# -- discovery and services ----------------------------------------------------------------------


@open311_only("GET")
def discovery(request: HttpRequest, fmt: str) -> HttpResponse:
    base = request.build_absolute_uri(reverse("open311:discovery", kwargs={"fmt": fmt}))
    data = {
        "changeset": CHANGESET,
        "contact": "Liên hệ quản trị hệ thống Một Cửa của tỉnh để được cấp khóa API.",
        "key_service": "Khóa API do quản trị hệ thống cấp tại trang Quản trị › Khóa API.",
        "endpoints": [
            {
                "specification": SPECIFICATION,
                "url": base.rsplit("/", 1)[0],
                "changeset": CHANGESET,
                "type": "production",
                "formats": ["text/xml", "application/json"],
            }
        ],
    }
    return render(fmt, data, "discovery", "endpoint")


def _service(kind: PaknKind) -> dict[str, Any]:
    return {
        "service_code": kind.value,
        "service_name": str(kind.label),
        "description": f"Phản ánh, kiến nghị {str(kind.label)[0].lower()}{str(kind.label)[1:]}.",
        "metadata": True,
        "type": "realtime",
        "keywords": KEYWORDS[kind],
        "group": GROUP,
    }


@open311_only("GET")
def service_list(request: HttpRequest, fmt: str) -> HttpResponse:
    _jurisdiction(request.GET.get("jurisdiction_id"))
    return render(fmt, [_service(kind) for kind in PaknKind], "services", "service")


@open311_only("GET")
def service_definition(request: HttpRequest, service_code: str, fmt: str) -> HttpResponse:
    _kind(service_code)
    attributes = [
        {
            "variable": True,
            "code": code,
            "datatype": "string",
            "required": False,
            "datatype_description": "Văn bản",
            "order": order,
            "description": description,
        }
        for order, (code, description) in enumerate(ATTRIBUTES, start=1)
    ]
    data = {"service_code": service_code, "attributes": attributes}
    return render(fmt, data, "service_definition", "attribute")


def _kind(code: str | None) -> PaknKind:
    if code not in PaknKind.values:
        raise Open311Error(404, f"Không có dịch vụ mã “{code}”.")
    return PaknKind(code)


def _jurisdiction(code: str | None) -> OrgUnit:
    """The unit a request goes to: jurisdiction_id is a unit code; by default the province."""
    units = OrgUnit.objects.filter(valid_to__isnull=True)
    found = units.filter(code=code).first() if code else units.filter(parent=None).first()
    if found is None:
        raise Open311Error(404, f"Không có đơn vị (jurisdiction_id) mã “{code}”.")
    return found


# -- requests ------------------------------------------------------------------------------------


def request_document(pakn: Pakn) -> dict[str, Any]:
    """One request as Open311 shows it: public fields only."""
    published = pakn.status == PaknStatus.PUBLISHED
    return {
        "service_request_id": pakn.code,
        "status": "open" if pakn.status in OPEN_STATUSES else "closed",
        "status_notes": pakn.get_status_display(),
        "service_name": pakn.get_kind_display(),
        "service_code": pakn.kind,
        "description": pakn.public_summary if published else "",
        "agency_responsible": pakn.unit.name,
        "service_notice": pakn.answer if published else "",
        "requested_datetime": w3c(pakn.received_at),
        "updated_datetime": w3c(_updated(pakn)),
        "expected_datetime": w3c(pakn.due_at),
        "address": "",
        "address_id": "",
        "zipcode": "",
        "lat": None,
        "long": None,
        "media_url": "",
    }


def _updated(pakn: Pakn) -> dt.datetime:
    last = getattr(pakn, "last_event_at", None)
    return last or pakn.received_at


def _parse_moment(name: str, text: str | None) -> dt.datetime | None:
    if not text:
        return None
    refused = Open311Error(
        400, f"{name}: cần ngày giờ theo định dạng W3C, ví dụ 2026-03-02T09:00:00+07:00."
    )
    try:
        moment = parse_datetime(text.replace(" ", "+"))  # a '+' in a query arrives as ' '
        if moment is None and (day := parse_date(text)) is not None:
            moment = dt.datetime.combine(day, dt.time())
        if moment is not None and not timezone.is_aware(moment):
            moment = moment.replace(tzinfo=ZONE)
        if moment is not None:
            moment.utcoffset()  # an offset beyond ±24 h fails here
    except (ValueError, OverflowError):  # month 13, hour 25, offset +99:00
        raise refused from None
    if moment is None:
        raise refused
    if not FIRST_YEAR <= moment.year <= LAST_YEAR:
        raise Open311Error(400, f"{name}: năm phải từ {FIRST_YEAR} đến {LAST_YEAR}.")
    return moment


def _window(get: Any) -> tuple[dt.datetime, dt.datetime]:
    """The requested_datetime range: the last 90 days unless given, never more than 90 days."""
    start = _parse_moment("start_date", get.get("start_date"))
    end = _parse_moment("end_date", get.get("end_date"))
    if start is None:
        end = end or timezone.now()
        start = end - MAX_SPAN
    elif end is None:
        end = start + MAX_SPAN
    if end < start or end - start > MAX_SPAN:
        raise Open311Error(400, "Khoảng thời gian phải từ start_date đến end_date, tối đa 90 ngày.")
    return start, end


def _codes(text: str | None) -> list[str]:
    return [part.strip() for part in (text or "").split(",") if part.strip()]


def requests_matching(get: Any) -> QuerySet[Pakn]:
    rows = selectors.pakn_with_last_event().select_related("unit")
    if ids := _codes(get.get("service_request_id")):
        # It overrides every other filter (the specification).
        return rows.filter(code__in=ids).order_by("-received_at")
    if kinds := _codes(get.get("service_code")):
        for kind in kinds:
            _kind(kind)
        rows = rows.filter(kind__in=kinds)
    start, end = _window(get)
    # Documents show moments to the second, so an end_date given to the second includes the
    # whole of that second (a request listed as 09:00:00 is within end_date=09:00:00).
    if end.microsecond == 0:
        rows = rows.filter(received_at__gte=start, received_at__lt=end + dt.timedelta(seconds=1))
    else:
        rows = rows.filter(received_at__gte=start, received_at__lte=end)
    statuses = _codes(get.get("status"))
    if not set(statuses) <= {"open", "closed"}:
        raise Open311Error(400, "status chỉ nhận open, closed.")
    if statuses == ["open"]:
        rows = rows.filter(status__in=OPEN_STATUSES)
    elif statuses == ["closed"]:
        rows = rows.exclude(status__in=OPEN_STATUSES)
    return rows.order_by("-received_at")


@csrf_exempt
@open311_only("GET", "POST")
def requests(request: HttpRequest, fmt: str) -> HttpResponse:
    if request.method == "POST":
        return _create(request, fmt)
    rows = requests_matching(request.GET)[:MAX_RESULTS]
    return render(fmt, [request_document(p) for p in rows], "service_requests", "request")


@open311_only("GET")
def request_detail(request: HttpRequest, request_id: str, fmt: str) -> HttpResponse:
    pakn = selectors.pakn_with_last_event().select_related("unit").filter(code=request_id).first()
    if pakn is None:
        raise Open311Error(404, f"Không có yêu cầu mã “{request_id}”.")
    return render(fmt, [request_document(pakn)], "service_requests", "request")


@open311_only("GET")
def token(request: HttpRequest, token: str, fmt: str) -> HttpResponse:
    try:
        pk = signing.loads(token, salt=TOKEN_SALT)
    except signing.BadSignature:
        raise Open311Error(404, "Mã token không hợp lệ.") from None
    code = Pakn.objects.filter(pk=pk).values_list("code", flat=True).first()
    if code is None:
        raise Open311Error(404, "Mã token không hợp lệ.")
    data = [{"service_request_id": code, "token": token}]
    return render(fmt, data, "service_requests", "request")


def _name(post: Any) -> str:
    parts = (post.get("last_name", "").strip(), post.get("first_name", "").strip())
    return " ".join(part for part in parts if part)


def _field_limit(name: str) -> int:
    limit = getattr(Pakn._meta.get_field(name), "max_length", None)
    assert isinstance(limit, int)
    return limit


# (POST field, label, the Pakn field whose length bounds it) — the portal's limits.
POSTED = (
    ("description", "description", "content"),
    ("phone", "phone", "submitter_phone"),
    ("email", "email", "submitter_email"),
    ("address_string", "address_string", "submitter_address"),
    ("first_name", "first_name", "submitter_name"),
    ("last_name", "last_name", "submitter_name"),
)


def _check_posted(post: Any) -> None:
    """Every value a client sends: no NUL byte, and no longer than where it is stored."""
    for key, values in post.lists():
        for value in values:
            if problem := text_problem(value, max_length=20000, label=key[:40]):
                raise Open311Error(400, problem)
    for field, label, column in POSTED:
        if problem := text_problem(post.get(field, ""), max_length=_field_limit(column)):
            raise Open311Error(400, f"{label}: {problem}")
    if len(_name(post)) > _field_limit("submitter_name"):
        raise Open311Error(
            400, f"first_name, last_name: dài quá {_field_limit('submitter_name')} ký tự."
        )
    if email := post.get("email", "").strip():
        try:
            validate_email(email)
        except ValidationError:
            raise Open311Error(400, "email: địa chỉ thư điện tử không hợp lệ.") from None


def _create(request: HttpRequest, fmt: str) -> HttpResponse:
    post = request.POST
    _check_posted(post)
    if services.api_key_check(post.get("api_key", "")) is None:
        raise Open311Error(403, "Khóa API (api_key) không hợp lệ hoặc đã bị thu hồi.")
    kind = _kind(post.get("service_code"))
    unit = _jurisdiction(post.get("jurisdiction_id"))
    description = post.get("description", "").strip()
    try:
        links = services.links(
            post.get("attribute[procedure_code]"), post.get("attribute[dossier_code]")
        )
        pakn = workflow.pakn_submit(
            data=workflow.Submission(
                kind=kind,
                channel=PaknChannel.OPEN311,
                unit=unit,
                title=_title(description),
                content=description,
                submitter_name=_name(post),
                submitter_phone=post.get("phone", "").strip(),
                submitter_email=post.get("email", "").strip(),
                submitter_address=post.get("address_string", "").strip(),
                **links,
            )
        )
    except (workflow.PaknError, services.LinkError) as error:
        raise Open311Error(400, error.messages[0]) from None
    answer = [
        {
            "service_request_id": pakn.code,
            "token": signing.dumps(pakn.pk, salt=TOKEN_SALT),
            "service_notice": f"Đã tiếp nhận. Hạn trả lời: {w3c(pakn.due_at)}.",
            "account_id": "",
        }
    ]
    return render(fmt, answer, "service_requests", "request", status=201)


def _title(description: str) -> str:
    first = description.splitlines()[0] if description else ""
    return first[:120] + ("…" if len(first) > 120 else "")
