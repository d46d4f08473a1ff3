from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from motcua.accounts.models import Membership


@login_required
def home(request: HttpRequest) -> HttpResponse:
    memberships = (
        Membership.objects.filter(user=request.user.pk, active=True)
        .select_related("unit")
        .order_by("unit__name", "role")
    )
    return render(request, "accounts/home.html", {"memberships": memberships})
