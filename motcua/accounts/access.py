"""Who may see and do what: the only place that turns memberships into querysets.

Every page, API endpoint and report reads objects through these helpers (or through a
`get_<thing>_for_user` built on them), so that a unit outside the user's reach is a 404,
never a 403 that would confirm it exists.
"""

from collections.abc import Iterable

from django.db.models import Q
from django.http import Http404

from motcua.accounts.models import ROLES_READING_BELOW, Membership, OrgUnit, Role, User


def _memberships(user: User, roles: Iterable[str] | None) -> list[Membership]:
    if not user.is_authenticated or not user.is_active:
        return []
    found = Membership.objects.filter(user=user, active=True).select_related("unit")
    if roles is not None:
        found = found.filter(role__in=list(roles))
    return list(found)


def units_for_user(user: User, roles: Iterable[str] | None = None) -> "list[int]":
    """Ids of the units where the user holds one of `roles` (any role when None).

    Supervisors and unit admins reach every unit below theirs; other roles act in their own
    unit only. Superusers reach everything.
    """
    if user.is_authenticated and user.is_superuser:
        return list(OrgUnit.objects.values_list("pk", flat=True))
    memberships = _memberships(user, roles)
    direct = {m.unit_id for m in memberships}
    below = [m.unit.path for m in memberships if m.role in ROLES_READING_BELOW]
    if not below:
        return sorted(direct)
    condition = Q(pk__in=direct)
    for path in below:
        condition |= Q(path__startswith=path)
    return list(OrgUnit.objects.filter(condition).values_list("pk", flat=True))


def has_role(user: User, unit: OrgUnit, *roles: str) -> bool:
    """Whether the user may act in `unit` with one of `roles`."""
    return unit.pk in units_for_user(user, roles or None)


def get_unit_for_user(user: User, pk: int, *roles: str) -> OrgUnit:
    """The unit, or 404 when it lies outside the user's reach."""
    if pk not in units_for_user(user, roles or None):
        raise Http404
    return OrgUnit.objects.get(pk=pk)


def roles_of(user: User) -> set[str]:
    return {m.role for m in _memberships(user, None)}


__all__ = ["Role", "get_unit_for_user", "has_role", "roles_of", "units_for_user"]
