"""The province administrator's view of the DVCQG synchronisation queue."""

import datetime as dt

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from motcua.accounts.access import units_for_user
from motcua.accounts.models import Role
from motcua.api.dvcqg import synced_rate
from motcua.api.models import DvcqgSync
from motcua.workdays.timecalc import ZONE


@login_required
def dvcqg_status(request: HttpRequest) -> HttpResponse:
    units = units_for_user(request.user, [Role.ADMIN, Role.SUPERVISOR])  # type: ignore[arg-type]
    if not units:
        raise PermissionDenied
    rows = DvcqgSync.objects.filter(unit__in=units)
    unsent = rows.filter(sent_at__isnull=True)
    today = timezone.localdate(timezone=ZONE)
    start = dt.datetime(today.year, 1, 1, tzinfo=ZONE)
    context = {
        "pending": unsent.count(),
        "failing": unsent.filter(attempts__gt=0).order_by("pk")[:100],
        "failing_count": unsent.filter(attempts__gt=0).count(),
        "sent": rows.filter(sent_at__isnull=False).count(),
        "oldest": unsent.order_by("created_at").values_list("created_at", flat=True).first(),
        "rate": synced_rate(units, start, start.replace(year=today.year + 1)),
        "year": today.year,
    }
    return render(request, "api/dvcqg.html", context)
