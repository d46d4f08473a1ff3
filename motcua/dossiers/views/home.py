"""The staff home page: one's units and roles, and the count in each inbox."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from motcua.accounts.models import Membership, User
from motcua.dossiers.selectors import inbox_counts


@login_required
def home(request: HttpRequest) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    memberships = (
        Membership.objects.filter(user=user.pk, active=True)
        .select_related("unit")
        .order_by("unit__name", "role")
    )
    context = {"memberships": memberships, "boxes": inbox_counts(user)}
    return render(request, "accounts/home.html", context)
