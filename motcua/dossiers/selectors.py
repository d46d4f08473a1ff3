"""Reads of dossiers shared by pages, the API and reports — always scoped to the user's units."""

from django.db.models import Q, QuerySet
from django.http import Http404

from motcua.accounts.access import units_for_user
from motcua.accounts.models import User
from motcua.dossiers.models import Dossier


def dossiers_for_user(user: User) -> QuerySet[Dossier]:
    """Dossiers received, decided or currently held by one of the user's units."""
    units = units_for_user(user)
    return Dossier.objects.filter(
        Q(receiving_unit__in=units) | Q(deciding_unit__in=units) | Q(current_unit__in=units)
    ).select_related("procedure_version", "receiving_unit", "deciding_unit", "current_step")


def get_dossier_for_user(user: User, pk: int) -> Dossier:
    """The dossier, or 404 when it lies outside the user's units (never 403: no confirmation
    that it exists)."""
    try:
        return dossiers_for_user(user).get(pk=pk)
    except Dossier.DoesNotExist:
        raise Http404 from None
