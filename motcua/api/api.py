"""The versioned JSON API (/api/v1/): thin endpoints over selectors, explicit schemas.

Only public data: published PAKN answers (never the submitter) and survey indexes.
"""

import datetime as dt
from typing import Any

from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.utils import timezone
from ninja import Field, NinjaAPI, Query, Schema
from ninja.pagination import LimitOffsetPagination, paginate

from motcua.api.docs_page import OfflineSwagger
from motcua.feedback import selectors
from motcua.feedback.models import Pakn
from motcua.workdays.timecalc import ZONE

api = NinjaAPI(
    title="Một Cửa API",
    version="1",
    description="API công khai của Một Cửa. Xem docs/api.md; Open311 GeoReport v2 ở /open311/v2/.",
    urls_namespace="api-v1",
    docs=OfflineSwagger(),
)


@api.exception_handler(Http404)
def not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return api.create_response(request, {"detail": "Không tìm thấy."}, status=404)


# A page holds at most MAX_LIMIT items (docs/api.md); offsets stop where no list can reach, so
# no number a client sends can overflow the database's 64-bit LIMIT/OFFSET.
MAX_LIMIT = 100
MAX_OFFSET = 10**9


class Error(Schema):
    """Every refusal: a message in Vietnamese."""

    detail: Any


class BoundedPagination(LimitOffsetPagination):
    class Input(Schema):
        limit: int = Field(20, ge=1, le=MAX_LIMIT, description=f"Số mục mỗi trang (1–{MAX_LIMIT}).")
        offset: int = Field(0, ge=0, le=MAX_OFFSET, description="Bỏ qua bao nhiêu mục đầu.")

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(max_limit=MAX_LIMIT, **kwargs)


# The 4xx answers each endpoint can give, listed in the OpenAPI schema.
REFUSALS: dict[int, Any] = {400: Error, 422: Error}


class PaknOut(Schema):
    """A published PAKN: public fields only."""

    code: str
    kind: str
    kind_label: str
    title: str
    summary: str
    answer: str
    unit: str
    received_at: dt.datetime
    published_at: dt.datetime

    @staticmethod
    def resolve_kind_label(obj: Pakn) -> str:
        return obj.get_kind_display()

    @staticmethod
    def resolve_summary(obj: Pakn) -> str:
        return obj.public_summary

    @staticmethod
    def resolve_unit(obj: Pakn) -> str:
        return obj.unit.name

    # Moments in Vietnamese time with their offset (+07:00), as the Open311 endpoints give them.
    @staticmethod
    def resolve_received_at(obj: Pakn) -> dt.datetime:
        return timezone.localtime(obj.received_at, ZONE)

    @staticmethod
    def resolve_published_at(obj: Pakn) -> dt.datetime:
        assert obj.published_at is not None  # only published petitions are listed
        return timezone.localtime(obj.published_at, ZONE)


@api.get(
    "/pakn",
    response={200: list[PaknOut], **REFUSALS},
    summary="Phản ánh, kiến nghị đã công khai trả lời",
)
@paginate(BoundedPagination)
def pakn_list(
    request: HttpRequest,
    q: str = Query("", max_length=200),
    kind: str = Query("", max_length=20),
) -> QuerySet[Pakn]:
    return selectors.published_search(q, kind=kind)


@api.get(
    "/pakn/{code}",
    response={200: PaknOut, 404: Error, **REFUSALS},
    summary="Một phản ánh, kiến nghị đã công khai",
)
def pakn_detail(request: HttpRequest, code: str) -> Pakn:
    return selectors.get_published(code)
