"""Who may see and do what: the only place that turns memberships into querysets.

Every page, API endpoint and report reads objects through these helpers (or through a
`get_<thing>_for_user` built on them), so that a unit outside the user's reach is a 404,
never a 403 that would confirm it exists.
"""

from collections.abc import Callable, Iterable

from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.functional import SimpleLazyObject

from motcua.accounts.models import ROLES_READING_BELOW, Membership, OrgUnit, Role, User

# The person's memberships are read once per request: a page asks for them many times (the
# menu, the inboxes, every scoped queryset). Only the user object a request carries holds this
# memo (set by `AccessPerRequest`), so a change of memberships shows on the next request, and
# code outside a request (commands, tests, services) always reads the database.
MEMO = "_access_memo"


class AccessPerRequest:
    """Middleware, after authentication: the request's user remembers its memberships."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if user is not None:
            request.user = SimpleLazyObject(lambda: _with_memo(user))  # type: ignore[assignment]
        return self.get_response(request)


def _with_memo(user: User) -> User:
    if not hasattr(user, MEMO):
        setattr(user, MEMO, {})
    return user


def _memo(user: User) -> "dict[object, list[Membership] | tuple[int, ...]] | None":
    return getattr(user, MEMO, None)


def memberships_of(user: User, roles: Iterable[str] | None = None) -> list[Membership]:
    """The user's active memberships (with their units), of `roles` when given."""
    if not user.is_authenticated or not user.is_active:
        return []
    memo = _memo(user)
    found = memo.get("memberships") if memo is not None else None
    if not isinstance(found, list):
        found = list(Membership.objects.filter(user=user, active=True).select_related("unit"))
        if memo is not None:
            memo["memberships"] = found
    wanted = None if roles is None else set(roles)
    return [m for m in found if wanted is None or m.role in wanted]


def units_for_user(user: User, roles: Iterable[str] | None = None) -> "list[int]":
    """Ids of the units where the user holds one of `roles` (any role when None).

    Supervisors and unit admins reach every unit below theirs; other roles act in their own
    unit only. Superusers reach everything.
    """
    roles = None if roles is None else tuple(roles)
    memo = _memo(user)
    key = ("units", None if roles is None else frozenset(roles))
    if memo is not None and isinstance(remembered := memo.get(key), tuple):
        return list(remembered)
    found = _units_for_user(user, roles)
    if memo is not None:
        memo[key] = tuple(found)
    return found


def _units_for_user(user: User, roles: Iterable[str] | None) -> "list[int]":
    if user.is_authenticated and user.is_superuser:
        return list(OrgUnit.objects.values_list("pk", flat=True))
    memberships = memberships_of(user, roles)
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
    return {m.role for m in memberships_of(user, None)}


__all__ = [
    "Role",
    "get_unit_for_user",
    "has_role",
    "memberships_of",
    "roles_of",
    "units_for_user",
]
