import pytest
from django.contrib.auth import authenticate
from django.core.management import call_command

from motcua.accounts.access import units_for_user
from motcua.accounts.models import Membership, OrgUnit, Role, User

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def data_dir(tmp_path, settings):  # type: ignore[no-untyped-def]
    settings.DATA_DIR = tmp_path


def snapshot() -> dict[str, object]:
    from motcua.catalog.models import Procedure, ProcedureVersion

    return {
        "units": list(OrgUnit.objects.values_list("code", "name", "parent__code", "electronic_id")),
        "users": list(User.objects.order_by("username").values_list("username", flat=True)),
        "memberships": list(Membership.objects.values_list("user__username", "unit__code", "role")),
        "procedures": list(Procedure.objects.values_list("code", flat=True)),
        "versions": list(ProcedureVersion.objects.values_list("procedure__code", "status")),
    }


def test_demo_has_staff_for_every_role_and_prints_working_logins(capsys) -> None:  # type: ignore[no-untyped-def]
    call_command("seed_demo")
    out = capsys.readouterr().out
    password = out.split("mật khẩu chung: ")[1].split(")")[0]
    roles = set(Membership.objects.values_list("role", flat=True))
    assert roles == set(Role.values)
    for username in ["admin", "xa1.tiepnhan", "xa2.chutich", "tinh.giamsat", "tinh.xuly"]:
        assert username in out
        assert authenticate(username=username, password=password) is not None, username
    receiver = User.objects.get(username="xa1.tiepnhan")
    (unit_pk,) = units_for_user(receiver)
    assert OrgUnit.objects.get(pk=unit_pk).name == "Trung tâm Phục vụ hành chính công Xã Lộc Thuận"
    supervisor = User.objects.get(username="tinh.giamsat")
    assert len(units_for_user(supervisor)) == OrgUnit.objects.count()


def test_running_the_demo_again_is_harmless(capsys) -> None:  # type: ignore[no-untyped-def]
    call_command("seed_demo")
    first = snapshot()
    call_command("seed_demo")
    assert snapshot() == first
    outputs = capsys.readouterr().out.split("mật khẩu chung: ")
    assert outputs[1].split(")")[0] == outputs[2].split(")")[0]


def test_generated_year_fills_the_demo_province_at_its_commune_centres(capsys) -> None:  # type: ignore[no-untyped-def]
    from motcua.dossiers.models import Dossier
    from motcua.reports.models import DossierFact

    call_command("seed_demo")
    call_command("generate_dossiers", "--count", "12", "--seed", "3")
    assert Dossier.objects.count() == 12 == DossierFact.objects.count()
    kinds = set(Dossier.objects.values_list("receiving_unit__kind", flat=True))
    assert kinds <= {"commune_centre", "commune", "ward", "special_zone"}
    # The commune decides what its centre received, and the generated officer works there.
    for dossier in Dossier.objects.select_related("receiving_unit", "deciding_unit"):
        if dossier.receiving_unit.kind == "commune_centre":
            assert dossier.deciding_unit == dossier.receiving_unit.parent
