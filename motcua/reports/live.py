"""Live figures: every page showing report figures brings the rollups up to date first
(`rollups.bring_up_to_date`; docs/reports.md, "Live figures")."""

from collections.abc import Callable
from functools import wraps
from typing import ParamSpec

from django.http import HttpResponse

from motcua.reports.rollups import bring_up_to_date

P = ParamSpec("P")


def live_figures(view: Callable[P, HttpResponse]) -> Callable[P, HttpResponse]:
    """Wrap a view whose figures must be no older than a minute."""

    @wraps(view)
    def wrapped(*args: P.args, **kwargs: P.kwargs) -> HttpResponse:
        bring_up_to_date()
        return view(*args, **kwargs)

    return wrapped
