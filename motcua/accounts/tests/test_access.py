import pytest
from django.http import Http404
from django.test import Client

from motcua.accounts.access import get_unit_for_user, has_role, units_for_user
from motcua.accounts.models import Role, UnitKind, User
from motcua.accounts.tests.factories import make_staff, make_unit

pytestmark = pytest.mark.django_db


@pytest.fixture
def tree() -> dict:
    province = make_unit("86", UnitKind.PROVINCE)
    a = make_unit("A", parent=province)
    b = make_unit("B", parent=province)
    a_centre = make_unit("A.C", UnitKind.COMMUNE_CENTRE, parent=a)
    return {"province": province, "a": a, "b": b, "a_centre": a_centre}


def test_an_officer_reaches_only_the_unit_of_their_membership(tree: dict) -> None:
    officer = make_staff("nv_a", tree["a_centre"], Role.RECEIVER)
    assert units_for_user(officer) == [tree["a_centre"].pk]
    with pytest.raises(Http404):
        get_unit_for_user(officer, tree["b"].pk)
    assert get_unit_for_user(officer, tree["a_centre"].pk) == tree["a_centre"]


def test_a_supervisor_reads_every_unit_below_theirs(tree: dict) -> None:
    supervisor = make_staff("snv", tree["province"], Role.SUPERVISOR)
    assert set(units_for_user(supervisor)) == {u.pk for u in tree.values()}


def test_roles_are_checked_per_unit(tree: dict) -> None:
    handler = make_staff("cb_a", tree["a"], Role.HANDLER)
    assert has_role(handler, tree["a"], Role.HANDLER)
    assert not has_role(handler, tree["a"], Role.SIGNER)
    assert not has_role(handler, tree["b"], Role.HANDLER)


def test_an_inactive_membership_gives_no_access(tree: dict) -> None:
    officer = make_staff("nv_a", tree["a"], Role.RECEIVER)
    officer.memberships.update(active=False)
    assert units_for_user(officer) == []


def test_passwords_are_hashed_with_argon2(tree: dict) -> None:
    officer = make_staff("nv_a", tree["a"])
    assert User.objects.get(pk=officer.pk).password.startswith("argon2")


def test_login_page_is_in_vietnamese_and_rejects_a_wrong_password(tree: dict) -> None:
    make_staff("nv_a", tree["a"])
    client = Client()
    page = client.get("/dang-nhap/")
    assert "Đăng nhập hệ thống Một Cửa" in page.content.decode()
    refused = client.post("/dang-nhap/", {"username": "nv_a", "password": "sai"})
    assert "Tên đăng nhập hoặc mật khẩu không đúng" in refused.content.decode()
    accepted = client.post("/dang-nhap/", {"username": "nv_a", "password": "mat-khau-thu-nghiem-9"})
    assert accepted.status_code == 302
    home = client.get("/can-bo/").content.decode()
    assert "Đơn vị A.C" not in home and "Đơn vị A" in home and "Cán bộ tiếp nhận" in home


def test_staff_pages_require_a_login() -> None:
    response = Client().get("/can-bo/")
    assert response.status_code == 302 and response["Location"].startswith("/dang-nhap/")
    # A citizen who lands there finds the way to the citizen pages.
    login = Client().get(response["Location"]).content.decode()
    assert 'href="/"' in login


def test_an_administrator_manages_units_users_and_memberships(tree: dict) -> None:
    admin = User.objects.create_superuser("qt", password="mat-khau-quan-tri-9")
    client = Client()
    client.force_login(admin)
    for url in [
        "/quan-tri/accounts/orgunit/",
        "/quan-tri/accounts/user/",
        "/quan-tri/accounts/membership/",
        f"/quan-tri/accounts/orgunit/{tree['a'].pk}/change/",
        "/quan-tri/accounts/user/add/",
    ]:
        assert client.get(url).status_code == 200, url
    response = client.post(
        "/quan-tri/accounts/orgunit/add/",
        {
            "code": "C",
            "name": "Xã Mới",
            "kind": UnitKind.COMMUNE,
            "parent": tree["province"].pk,
            "electronic_id": "000.00.12.H62",
            "valid_from": "2025-07-01",
        },
    )
    assert response.status_code == 302
    from motcua.accounts.models import OrgUnit

    created = OrgUnit.objects.get(code="C")
    assert created.path == f"{tree['province'].path}{created.pk}/"
