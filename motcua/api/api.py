"""The versioned JSON API (/api/v1/): thin endpoints over selectors, explicit schemas.

Only public data: published PAKN answers (never the submitter) and survey indexes.
"""

import datetime as dt

from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone
from ninja import NinjaAPI, Schema
from ninja.pagination import LimitOffsetPagination, paginate

from motcua.feedback import selectors
from motcua.feedback.models import Pakn
from motcua.workdays.timecalc import ZONE

api = NinjaAPI(
    title="Một Cửa API",
    version="1",
    description="API công khai của Một Cửa. Xem docs/api.md; Open311 GeoReport v2 ở /open311/v2/.",
    urls_namespace="api-v1",
)


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


@api.get("/pakn", response=list[PaknOut], summary="Phản ánh, kiến nghị đã công khai trả lời")
@paginate(LimitOffsetPagination)
def pakn_list(request: HttpRequest, q: str = "", kind: str = "") -> QuerySet[Pakn]:
    return selectors.published_search(q, kind=kind)


@api.get("/pakn/{code}", response=PaknOut, summary="Một phản ánh, kiến nghị đã công khai")
def pakn_detail(request: HttpRequest, code: str) -> Pakn:
    return selectors.get_published(code)
