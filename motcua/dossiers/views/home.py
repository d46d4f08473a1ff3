"""The staff home page: the pages one's roles open, the count in each inbox, one's units."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from motcua.accounts.access import memberships_of
from motcua.accounts.menu import menu_for_user, menu_sections
from motcua.accounts.models import User
from motcua.dossiers.selectors import inbox_counts


@login_required
def home(request: HttpRequest) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    memberships = sorted(memberships_of(user), key=lambda m: (m.unit.name, m.role))
    context = {
        "memberships": memberships,
        "boxes": inbox_counts(user),
        "sections": menu_sections(menu_for_user(user)),
    }
    return render(request, "accounts/home.html", context)
