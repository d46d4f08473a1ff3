"""Whose inbox a petition (PAKN) reaches.

A petition is addressed to a unit — a commune, ward or special zone, a service centre, a
department or division, the province. Its handling unit's own staff see it; and a commune and
its Public Administration Service Centre (or the province and the provincial centre) are one
desk for petitions: the centre's one-stop officers receive what is sent to the commune, and the
commune's staff what is sent to its centre. Supervisors and unit admins read every unit below
theirs, as everywhere (`units_for_user`).
"""

from collections.abc import Iterable

from motcua.accounts.access import units_for_user
from motcua.accounts.models import CENTRE_KINDS, OrgUnit, User


def pakn_units_for_user(user: User, roles: Iterable[str] | None = None) -> list[int]:
    """Ids of the units whose petitions `user` handles with one of `roles` (any when None)."""
    own = set(units_for_user(user, roles))
    if not own:
        return []
    parents = OrgUnit.objects.filter(pk__in=own, kind__in=CENTRE_KINDS).values_list(
        "parent_id", flat=True
    )
    centres = OrgUnit.objects.filter(parent_id__in=own, kind__in=CENTRE_KINDS).values_list(
        "pk", flat=True
    )
    return sorted(own | {pk for pk in parents if pk} | set(centres))
