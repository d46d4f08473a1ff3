import pytest
from django.core.management import call_command

from motcua.accounts.models import OrgUnit, UnitKind
from motcua.accounts.services import units_import_province
from motcua.accounts.tests.factories import make_unit

pytestmark = pytest.mark.django_db


def test_everything_below_a_unit_is_found_by_its_path() -> None:
    province = make_unit("86", UnitKind.PROVINCE)
    commune = make_unit("29077", parent=province)
    centre = make_unit("29077.C", UnitKind.COMMUNE_CENTRE, parent=commune)
    other = make_unit("99", UnitKind.PROVINCE)
    below = set(OrgUnit.objects.within(province))
    assert below == {province, commune, centre}
    assert other not in below


def test_moving_a_unit_moves_its_subtree() -> None:
    old_parent = make_unit("D1", UnitKind.DISTRICT)
    new_parent = make_unit("86", UnitKind.PROVINCE)
    commune = make_unit("29077", parent=old_parent)
    centre = make_unit("29077.C", UnitKind.COMMUNE_CENTRE, parent=commune)
    commune.parent = new_parent
    commune.save()
    centre.refresh_from_db()
    assert set(OrgUnit.objects.within(new_parent)) == {new_parent, commune, centre}
    assert set(OrgUnit.objects.within(old_parent)) == {old_parent}


def test_a_merged_commune_keeps_its_predecessors() -> None:
    new = make_unit("29077")
    old_a, old_b = make_unit("OLD-A"), make_unit("OLD-B")
    new.predecessors.add(old_a, old_b)
    assert set(old_a.successors.all()) == {new}
    assert set(new.predecessors.all()) == {old_a, old_b}


def test_import_loads_a_real_province_with_all_its_communes() -> None:
    result = units_import_province(province_code="86")
    province = OrgUnit.objects.get(code="86")
    assert province.name == "Vĩnh Long" and province.kind == UnitKind.PROVINCE
    communes = OrgUnit.objects.within(province).communes()
    assert communes.count() == 124
    loc_thuan = OrgUnit.objects.get(name="Xã Lộc Thuận")
    assert loc_thuan.parent == province and loc_thuan.kind == UnitKind.COMMUNE
    assert loc_thuan.children.get().kind == UnitKind.COMMUNE_CENTRE
    assert OrgUnit.objects.filter(kind=UnitKind.PROVINCE_CENTRE, parent=province).count() == 1
    assert not OrgUnit.objects.filter(kind=UnitKind.DISTRICT).exists()
    assert result.created == OrgUnit.objects.count()


def test_importing_twice_changes_nothing(capsys: pytest.CaptureFixture[str]) -> None:
    call_command("import_units", province="86")
    before = list(OrgUnit.objects.values())
    call_command("import_units", province="86")
    assert list(OrgUnit.objects.values()) == before
    assert "0 đơn vị mới, 0 cập nhật" in capsys.readouterr().out


def test_unknown_province_code_is_refused_in_vietnamese() -> None:
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="Mã tỉnh '07'"):
        call_command("import_units", province="07")
    assert not OrgUnit.objects.exists()
