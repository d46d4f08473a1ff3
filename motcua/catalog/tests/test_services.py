import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from motcua.accounts.models import OrgUnit, UnitKind
from motcua.catalog import services
from motcua.catalog.models import (
    Level,
    ProcedureOffering,
    ProcedureVersion,
    ProcessStep,
    TimeLimitUnit,
    VersionStatus,
)
from motcua.catalog.tests.factories import make_procedure

pytestmark = pytest.mark.django_db
DAY = datetime.date(2026, 11, 2)


def test_publish_is_refused_when_budgets_do_not_add_up() -> None:
    version = make_procedure(hours=("2", "10", "1", "1"), publish=False)  # 14 h, not 24 h
    with pytest.raises(ValidationError, match="không bằng thời hạn"):
        services.version_publish(version=version, today=DAY)
    version.refresh_from_db()
    assert (version.status, version.valid_from) == (VersionStatus.DRAFT, None)


def test_publish_is_refused_without_steps() -> None:
    version = make_procedure(hours=(), publish=False)
    with pytest.raises(ValidationError, match="Chưa có quy trình nội bộ"):
        services.version_publish(version=version)
    version.refresh_from_db()
    assert version.status == VersionStatus.DRAFT


@pytest.mark.parametrize(
    ("limit", "hours"),
    [
        ((3, TimeLimitUnit.WORKING_DAYS), ("2", "20", "1", "1")),
        ((6, TimeLimitUnit.WORKING_HOURS), ("1", "5")),
        ((0, TimeLimitUnit.SAME_DAY), ("1", "6", "0.5", "0.5")),
        ((10, TimeLimitUnit.CALENDAR_DAYS), ("8", "40")),  # under 80 h is allowed
    ],
)
def test_publish_accepts_budgets_matching_the_legal_limit(
    limit: tuple[int, str], hours: tuple[str, ...]
) -> None:
    version = make_procedure(limit=limit, hours=hours, publish=False)
    services.version_publish(version=version, today=DAY)
    version.refresh_from_db()
    assert (version.status, version.valid_from) == (VersionStatus.PUBLISHED, DAY)


def test_calendar_day_budgets_may_not_exceed_eight_hours_a_day() -> None:
    version = make_procedure(limit=(2, TimeLimitUnit.CALENDAR_DAYS), hours=("17",), publish=False)
    with pytest.raises(ValidationError, match="vượt quá"):
        services.version_publish(version=version)


def test_new_version_leaves_the_old_version_rows_untouched() -> None:
    old = make_procedure()
    ProcedureVersion.objects.filter(pk=old.pk).update(valid_from=DAY - datetime.timedelta(30))
    before = _rows(old)
    draft = services.version_new_draft(procedure=old.procedure)
    assert (draft.number, draft.status) == (2, VersionStatus.DRAFT)
    assert _rows(draft) == before  # copied
    services.version_update(version=draft, changes={"name": "Tên mới"})
    draft.steps.update(hours=Decimal(6))
    services.version_publish(version=draft, today=DAY)
    old.refresh_from_db()
    assert (old.status, old.valid_to, old.name) == (VersionStatus.RETIRED, DAY, "Thủ tục mẫu")
    assert _rows(old) == before
    assert old.procedure.versions.get(status=VersionStatus.PUBLISHED) == draft


def _rows(version: ProcedureVersion) -> list[object]:
    return [
        list(version.documents.values_list("name", "originals", "copies")),
        list(version.fees.values_list("name", "amount_vnd")),
        list(version.steps.values_list("order", "name", "hours")),
    ]


def test_published_version_cannot_be_edited() -> None:
    version = make_procedure()
    with pytest.raises(ValidationError, match="không được sửa"):
        services.version_update(version=version, changes={"name": "Khác"})
    version.refresh_from_db()
    assert version.name == "Thủ tục mẫu"


def test_default_process_adds_up_exactly_to_the_limit() -> None:
    version = make_procedure(limit=(7, TimeLimitUnit.WORKING_DAYS), hours=(), publish=False)
    assert services.process_create_default(version=version)
    hours = list(ProcessStep.objects.filter(version=version).values_list("hours", flat=True))
    assert sum(hours) == Decimal(56) and all(h > 0 for h in hours)
    services.version_publish(version=version)


def test_offerings_sync_places_procedures_by_level_and_is_idempotent() -> None:
    province = OrgUnit.objects.create(code="01", name="Tỉnh", kind=UnitKind.PROVINCE)
    centre = OrgUnit.objects.create(
        code="01-TT", name="TTPVHCC tỉnh", kind=UnitKind.PROVINCE_CENTRE, parent=province
    )
    with_centre = OrgUnit.objects.create(
        code="00001", name="Xã A", kind=UnitKind.COMMUNE, parent=province
    )
    commune_centre = OrgUnit.objects.create(
        code="00001-TT", name="TTPVHCC xã A", kind=UnitKind.COMMUNE_CENTRE, parent=with_centre
    )
    bare = OrgUnit.objects.create(code="00002", name="Phường B", kind=UnitKind.WARD,
                                  parent=province)  # fmt: skip
    commune_level = make_procedure(code="1.1").procedure
    provincial = make_procedure(code="1.2", level=Level.PROVINCE).procedure
    assert services.offerings_sync(province=province) == (3, 0)
    assert services.offerings_sync(province=province) == (0, 0)
    offered = set(ProcedureOffering.objects.values_list("procedure", "unit"))
    assert offered == {
        (commune_level.pk, commune_centre.pk),
        (commune_level.pk, bare.pk),
        (provincial.pk, centre.pk),
    }
