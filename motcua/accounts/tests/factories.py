"""Small factories for organisation and staff, shared by every app's tests."""

from motcua.accounts.models import Membership, OrgUnit, Role, UnitKind, User


def make_unit(
    code: str, kind: str = UnitKind.COMMUNE, parent: OrgUnit | None = None, **extra: object
) -> OrgUnit:
    return OrgUnit.objects.create(
        code=code, name=str(extra.pop("name", f"Đơn vị {code}")), kind=kind, parent=parent, **extra
    )


def make_staff(username: str, unit: OrgUnit, *roles: str) -> User:
    user = User.objects.create_user(
        username=username, password="mat-khau-thu-nghiem-9", full_name=f"Cán bộ {username}"
    )
    for role in roles or (Role.RECEIVER,):
        Membership.objects.create(user=user, unit=unit, role=role)
    return user
