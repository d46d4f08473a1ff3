from typing import Any

from django.apps import AppConfig
from django.db.models.signals import post_save
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext_lazy as _

# The receivers and the error renderer below import their module when first called: starting
# Django (every timer's command) does not load the DVCQG and Open311 code (bench/startup.py).


def _on_dossier_event(**kwargs: Any) -> None:
    from motcua.api import dvcqg

    dvcqg.on_dossier_event(**kwargs)


def _on_pakn_event(**kwargs: Any) -> None:
    from motcua.api import dvcqg

    dvcqg.on_pakn_event(**kwargs)


def _open311_refusal(request: HttpRequest, status: int, message: str) -> HttpResponse:
    from motcua.api import open311

    return open311.guard_refusal(request, status, message)


class ApiConfig(AppConfig):
    name = "motcua.api"
    label = "motcua_api"
    verbose_name = _("API")

    def ready(self) -> None:
        # Dossier and PAKN changes are queued for the national portal in their own
        # transaction (motcua/api/dvcqg.py): lower layers know nothing of the portal.
        from motcua.dossiers.models import DossierEvent
        from motcua.feedback.models import PaknEvent

        post_save.connect(_on_dossier_event, sender=DossierEvent, dispatch_uid="dvcqg-d")
        post_save.connect(_on_pakn_event, sender=PaknEvent, dispatch_uid="dvcqg-p")

        # Input refused by the guard (motcua/lib/guard.py) before a view runs is answered in
        # each interface's own error format.
        from motcua.lib import guard

        guard.register_error_renderer("/api/", guard.json_refusal)
        guard.register_error_renderer("/open311/", _open311_refusal)
        guard.register_error_renderer("/govstack/", guard.json_refusal)
