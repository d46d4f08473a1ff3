from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    name = "motcua.api"
    label = "motcua_api"
    verbose_name = _("API")

    def ready(self) -> None:
        # Input refused by the guard (motcua/lib/guard.py) before a view runs is answered in
        # each interface's own error format.
        from motcua.api import open311
        from motcua.lib import guard

        guard.register_error_renderer("/api/", guard.json_refusal)
        guard.register_error_renderer("/open311/", open311.guard_refusal)
