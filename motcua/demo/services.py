"""The demo province: real units and procedures, made-up staff, a generated password.

Everything here is idempotent: `seed_demo` run again finds what it made and changes nothing
but the staff passwords, which it sets back to the one in `var/demo-password.txt`.
"""

import secrets
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.db import transaction

from motcua.accounts.models import Membership, OrgUnit, Role, UnitKind, User
from motcua.accounts.services import REFORM_DATE, centre_code, units_import_province
from motcua.reform.demo import seed_reform_demo

DEMO_PROVINCE = "86"  # Vĩnh Long, home of Lộc Thuận (PAR index 98.47 in our sources)
DEMO_COMMUNES = ("29077", "29083")  # Xã Lộc Thuận, Xã Châu Hưng

DEPARTMENTS = [
    ("STP", "Sở Tư pháp"),
    ("SNV", "Sở Nội vụ"),
    ("VP", "Văn phòng Ủy ban nhân dân tỉnh"),
    ("SXD", "Sở Xây dựng"),
    ("SNNMT", "Sở Nông nghiệp và Môi trường"),
]
DIVISIONS = [
    ("STP", "HTQT", "Phòng Hành chính tư pháp"),
    ("SNV", "CCHC", "Phòng Cải cách hành chính"),
]

# (login suffix, role, where): "centre" is the unit's service centre, "self" the unit itself.
COMMUNE_STAFF = [
    ("tiepnhan", Role.RECEIVER, "centre"),
    ("xuly", Role.HANDLER, "self"),
    ("lanhdao", Role.HEAD, "self"),
    ("chutich", Role.SIGNER, "self"),
    ("vanthu", Role.CLERK, "self"),
    ("quantri", Role.ADMIN, "self"),
    ("tocongnghe", Role.DIGITAL_TEAM, "self"),
    ("noivu", Role.PERSONNEL, "self"),
]


@dataclass
class DemoLogin:
    username: str
    role: str
    unit: str


@dataclass
class DemoResult:
    password: str
    logins: list[DemoLogin] = field(default_factory=list)


def demo_password() -> str:
    """The demo password, generated once per data directory and never committed."""
    path = Path(settings.DATA_DIR) / "demo-password.txt"
    if path.exists():
        return path.read_text(encoding="utf-8").strip()
    password = secrets.token_urlsafe(9)
    path.write_text(password + "\n", encoding="utf-8")
    path.chmod(0o600)
    return password


def _unit(code: str, name: str, kind: str, parent: OrgUnit) -> OrgUnit:
    unit, _ = OrgUnit.objects.get_or_create(
        code=code, defaults={"name": name, "kind": kind, "parent": parent}
    )
    return unit


def _departments(province: OrgUnit) -> dict[str, OrgUnit]:
    made = {
        short: _unit(f"{province.code}.{short}", name, UnitKind.DEPARTMENT, province)
        for short, name in DEPARTMENTS
    }
    for parent_short, short, name in DIVISIONS:
        parent = made[parent_short]
        _unit(f"{parent.code}.{short}", name, UnitKind.DIVISION, parent)
    return made


def _electronic_id(unit: OrgUnit) -> None:
    # Real identifiers (mã định danh điện tử) are assigned by the province; the demo marks its
    # own so that nobody mistakes them for real ones.
    if not unit.electronic_id:
        unit.electronic_id = f"DEMO.{unit.code}"
        unit.save(update_fields=["electronic_id"])


def _staff(result: DemoResult, username: str, full_name: str, unit: OrgUnit, role: str) -> None:
    user, _ = User.objects.get_or_create(username=username, defaults={"full_name": full_name})
    user.set_password(result.password)
    user.save(update_fields=["password"])
    Membership.objects.get_or_create(user=user, unit=unit, role=role)
    result.logins.append(DemoLogin(username, str(Role(role).label), unit.name))


def _commune_staff(result: DemoResult, commune: OrgUnit, index: int) -> None:
    centre = OrgUnit.objects.get(code=centre_code(commune.code))
    for unit in (commune, centre):
        _electronic_id(unit)
    for suffix, role, where in COMMUNE_STAFF:
        unit = centre if where == "centre" else commune
        _staff(result, f"xa{index}.{suffix}", f"{Role(role).label} — {commune.name}", unit, role)


def _province_staff(result: DemoResult, province: OrgUnit, departments: dict[str, OrgUnit]) -> None:
    centre = OrgUnit.objects.get(code=centre_code(province.code))
    _electronic_id(centre)
    justice = departments["STP"]
    _electronic_id(justice)
    plan = [
        ("tinh.tiepnhan", Role.RECEIVER, centre),
        ("tinh.xuly", Role.HANDLER, justice),
        ("tinh.lanhdao", Role.HEAD, justice),
        ("tinh.giamdoc", Role.SIGNER, justice),
        ("tinh.vanthu", Role.CLERK, justice),
        ("tinh.giamsat", Role.SUPERVISOR, province),
        ("tinh.quantri", Role.ADMIN, province),
        ("tinh.noivu", Role.PERSONNEL, province),  # Sở Nội vụ: register of every unit
        ("tinh.noivu", Role.SUPERVISOR, province),
    ]
    for username, role, unit in plan:
        _staff(result, username, f"{Role(role).label} — {unit.name}", unit, role)


def _administrator(result: DemoResult) -> None:
    user, _ = User.objects.get_or_create(
        username="admin", defaults={"full_name": "Quản trị hệ thống", "is_staff": True}
    )
    user.is_staff = user.is_superuser = True
    user.set_password(result.password)
    user.save()
    result.logins.insert(0, DemoLogin("admin", "Quản trị hệ thống (toàn quyền)", "—"))


@transaction.atomic
def demo_seed_organisation(*, province_code: str = DEMO_PROVINCE) -> DemoResult:
    units_import_province(province_code=province_code)
    province = OrgUnit.objects.get(code=province_code)
    result = DemoResult(password=demo_password())
    _administrator(result)
    departments = _departments(province)
    _province_staff(result, province, departments)
    communes = list(OrgUnit.objects.filter(parent=province, code__in=DEMO_COMMUNES))
    if len(communes) < len(DEMO_COMMUNES):  # another province: take its first two communes
        communes = list(OrgUnit.objects.communes().filter(parent=province).order_by("code")[:2])
    for index, commune in enumerate(sorted(communes, key=lambda c: c.code), start=1):
        _commune_staff(result, commune, index)
    return result


@dataclass
class DemoSeedResult(DemoResult):
    summary: str = ""


def demo_seed(*, province_code: str = DEMO_PROVINCE) -> DemoSeedResult:
    """Organisation and staff, the seed catalog offered across the province, office hours."""
    from motcua.catalog.exchange import SEED, catalog_import_file
    from motcua.catalog.services import offerings_sync
    from motcua.workdays.models import OfficeHours

    organisation = demo_seed_organisation(province_code=province_code)
    province = OrgUnit.objects.get(code=province_code)
    with transaction.atomic():
        catalog = catalog_import_file(SEED, publish=True)
        offerings_sync(province=province)
        OfficeHours.objects.get_or_create(province=province, defaults={"valid_from": REFORM_DATE})
    reform = seed_reform_demo(province, Membership.objects.get(user__username="xa1.chutich").unit)
    units = OrgUnit.objects.within(province)
    summary = (
        f"Tỉnh {province.name}: {units.communes().count()} xã, phường, đặc khu; "
        f"{units.count()} đơn vị. Thủ tục: {catalog.created} mới, {catalog.unchanged} không đổi, "
        f"{catalog.published} được công bố. {reform}"
    )
    return DemoSeedResult(
        password=organisation.password, logins=organisation.logins, summary=summary
    )
