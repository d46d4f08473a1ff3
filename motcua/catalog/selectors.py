"""Reads of the catalog shared by the public pages, the API and reports."""

from django.db import connection
from django.db.models import Case, Exists, OuterRef, Prefetch, QuerySet, Value, When
from django.db.models.functions import Length
from django.http import Http404

from motcua.accounts.models import OrgUnit
from motcua.catalog.models import (
    COMMUNE_LEVELS,
    PROVINCE_LEVELS,
    CatalogStamp,
    Level,
    OnlineLevel,
    Procedure,
    ProcedureDocument,
    ProcedureVersion,
    Sector,
    VersionStatus,
)
from motcua.lib.text import search_terms


def procedures_published() -> QuerySet[Procedure]:
    published = ProcedureVersion.objects.filter(
        procedure=OuterRef("pk"), status=VersionStatus.PUBLISHED
    )
    return Procedure.objects.filter(Exists(published)).select_related("sector")


def procedure_search(
    query: str, *, sector: Sector | None = None, level: str | None = None
) -> QuerySet[Procedure]:
    """Published procedures whose name, code or sector contain every word of the query.

    Each query word must be a whole word of the procedure, except the last, which may be the
    start of one (the officer is still typing): "hoa giai" finds "Hòa giải…" but not "tranh
    hoành tráng… giai đoạn". Procedures holding the query as a phrase come first.

    Matching ignores case, diacritics and tone-mark placement: both sides are folded by
    `motcua.lib.text.fold`, the index when it is saved and the query here, so the database
    only does a substring test that SQLite and PostgreSQL agree on.
    """
    procedures = procedures_published()
    terms = search_terms(query)
    for position, term in enumerate(terms, start=1):
        word = f" {term}" if position == len(terms) else f" {term} "
        procedures = procedures.filter(search_text__contains=word)
    if sector is not None:
        procedures = procedures.filter(sector=sector)
    if level:
        procedures = procedures.filter(level__in=_levels_matching(level))
    phrase = Case(
        When(search_text__contains=f" {' '.join(terms)}", then=Value(0)), default=Value(1)
    )
    # Among equal matches the shorter name first: "Đăng ký khai sinh" before the longer
    # procedures that merely mention a birth certificate.
    return procedures.order_by(phrase, Length("name"), "name", "pk")


def procedures_online(query: str = "") -> QuerySet[Procedure]:
    """Published procedures a citizen can file online (fully or in part), as `procedure_search`
    finds them."""
    online = ProcedureVersion.objects.filter(
        procedure=OuterRef("pk"),
        status=VersionStatus.PUBLISHED,
        online_level__in=(OnlineLevel.FULL, OnlineLevel.PARTIAL),
    )
    return procedure_search(query).filter(Exists(online))


def _levels_matching(level: str) -> tuple[str, ...]:
    """A procedure done at both levels is found under either of them."""
    if level == Level.COMMUNE:
        return tuple(COMMUNE_LEVELS)
    if level == Level.PROVINCE:
        return tuple(PROVINCE_LEVELS)
    return (level,)


def procedures_offered_at(unit: OrgUnit) -> QuerySet[Procedure]:
    """Published procedures that can be filed at `unit`."""
    return procedures_published().filter(offerings__unit=unit).order_by("name", "pk")


def sectors_in_use() -> QuerySet[Sector]:
    return Sector.objects.filter(procedures__in=procedures_published()).distinct()


def published_version_detail(procedure_pk: int) -> ProcedureVersion:
    """The published version of a procedure with all its parts, or 404."""
    documents = ProcedureDocument.objects.select_related("case")
    version = (
        ProcedureVersion.objects.filter(procedure_id=procedure_pk, status=VersionStatus.PUBLISHED)
        .select_related("procedure__sector")
        .prefetch_related(Prefetch("documents", queryset=documents), "fees", "cases", "steps")
        .first()
    )
    if version is None:
        raise Http404("Không tìm thấy thủ tục.")
    return version


def offering_units(procedure: Procedure) -> QuerySet[OrgUnit]:
    return OrgUnit.objects.filter(offerings__procedure=procedure).order_by("name")


_STAMP_SQL = f"SELECT token FROM {CatalogStamp._meta.db_table} WHERE id = 1"


def catalog_stamp() -> str:
    """A token that changes whenever anything the public catalog pages show changes (see
    `CatalogStamp`): the key under which those pages cache their fragments.

    Read on every such page, so by plain SQL: the ORM would cost more than the query.
    """
    with connection.cursor() as cursor:
        cursor.execute(_STAMP_SQL)
        row = cursor.fetchone()
    return str(row[0]) if row else "0"
