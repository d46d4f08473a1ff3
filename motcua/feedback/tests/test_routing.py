"""A petition reaches the inbox of the desk that handles its recipient, for every kind of
recipient: a commune, ward or special zone and its service centre are one desk, as are the
province and the provincial centre; a department's petitions stay with the department."""

import pytest
from django.test import Client

from motcua.accounts.models import OrgUnit, Role, UnitKind, User
from motcua.accounts.tests.factories import make_staff, make_unit
from motcua.catalog.models import ProcedureOffering
from motcua.feedback.tests.conftest import World, make_pakn
from motcua.feedback.workflow import PaknError, pakn_refuse

pytestmark = pytest.mark.django_db


def _desk(w: World, code: str, kind: str, with_centre: str = "") -> tuple[OrgUnit, User, User]:
    """A unit of `kind` with an officer of its own and a receiver at its centre (if any)."""
    unit = make_unit(code, kind, w.province)
    own = make_staff(f"{code}.xuly", unit, Role.HANDLER, Role.HEAD)
    if not with_centre:
        return unit, own, own
    centre = make_unit(f"{code}.TT", with_centre, unit)
    return unit, own, make_staff(f"{code}.tiepnhan", centre, Role.RECEIVER)


def _listed(user: User, code: str) -> bool:
    client = Client()
    client.force_login(user)
    return code in client.get("/phan-anh/").content.decode()


@pytest.mark.parametrize(
    ("kind", "centre"),
    [
        (UnitKind.COMMUNE, UnitKind.COMMUNE_CENTRE),
        (UnitKind.WARD, UnitKind.COMMUNE_CENTRE),
        (UnitKind.SPECIAL_ZONE, UnitKind.COMMUNE_CENTRE),
        (UnitKind.DEPARTMENT, ""),
        (UnitKind.DIVISION, ""),
    ],
)
def test_a_petition_sent_to_a_unit_reaches_its_staff_and_its_centre(
    world: World, kind: str, centre: str
) -> None:
    unit, own, receiver = _desk(world, "90001", kind, centre)
    pakn = make_pakn(world, unit=unit)
    assert _listed(own, pakn.code) and _listed(receiver, pakn.code)
    assert not _listed(world.receiver, pakn.code)  # another commune's desk
    pakn_refuse(pakn=pakn, actor=receiver, reason="Nội dung không thuộc phạm vi tiếp nhận")
    pakn.refresh_from_db()
    assert pakn.status == "refused"


def test_a_petition_sent_to_a_centre_reaches_the_commune_staff(world: World) -> None:
    _commune, own, receiver = _desk(world, "90002", UnitKind.COMMUNE, UnitKind.COMMUNE_CENTRE)
    centre = OrgUnit.objects.get(code="90002.TT")
    pakn = make_pakn(world, unit=centre)
    assert _listed(receiver, pakn.code) and _listed(own, pakn.code)


def test_a_petition_to_the_province_reaches_the_provincial_centre(world: World) -> None:
    centre = make_unit("01.TT", UnitKind.PROVINCE_CENTRE, world.province)
    receiver = make_staff("tinh.tiepnhan", centre, Role.RECEIVER)
    supervisor = make_staff("tinh.giamsat", world.province, Role.SUPERVISOR)
    to_province = make_pakn(world, unit=world.province)
    to_centre = make_pakn(world, unit=centre)
    for user in (receiver, supervisor):
        assert _listed(user, to_province.code) and _listed(user, to_centre.code)
    assert not _listed(world.receiver, to_province.code)


def test_the_centre_of_one_commune_cannot_act_on_another_communes_petition(world: World) -> None:
    _, _, receiver = _desk(world, "90003", UnitKind.COMMUNE, UnitKind.COMMUNE_CENTRE)
    elsewhere = make_pakn(world, unit=world.other_commune)
    with pytest.raises(PaknError):
        pakn_refuse(pakn=elsewhere, actor=receiver, reason="Không thuộc phạm vi")
    elsewhere.refresh_from_db()
    assert elsewhere.status == "received"
    client = Client()
    client.force_login(receiver)
    assert client.get(f"/phan-anh/{elsewhere.pk}/").status_code == 404


def test_the_petition_form_offers_first_the_commune_where_the_citizen_filed(world: World) -> None:
    from motcua.dossiers import workflow
    from motcua.dossiers.models import OutboxMessage

    centre = make_unit("00001.TT", UnitKind.COMMUNE_CENTRE, world.commune, name="Trung tâm xã")
    ProcedureOffering.objects.create(procedure=world.version.procedure, unit=centre)
    workflow.submit_online(
        version=world.version,
        receiving_unit=centre,
        applicant=workflow.Applicant(name="Trần Thị Mai", personal_id="001203004568",
                                     phone="0987654321"),
    )  # fmt: skip
    client = Client(REMOTE_ADDR="203.0.113.10")
    client.post("/phan-anh-kien-nghi/gui/", {"contact": "0987654321"})
    body = OutboxMessage.objects.filter(recipient="0987654321").latest("pk").body
    code = next(
        word for word in body.replace(".", " ").split() if word.isdigit() and len(word) == 6
    )
    client.post("/phan-anh-kien-nghi/gui/xac-thuc/", {"code": code})
    page = client.get("/phan-anh-kien-nghi/gui/noi-dung/").content.decode()
    suggested = page.index('label="Gợi ý cho bạn"')
    assert page.index(f'value="{world.commune.pk}" selected', suggested) > suggested
    assert "---------" not in page
