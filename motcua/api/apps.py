from django.apps import AppConfig
from django.db.models.signals import post_save
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    name = "motcua.api"
    label = "motcua_api"
    verbose_name = _("API")

    def ready(self) -> None:
        # Dossier and PAKN changes are queued for the national portal in their own
        # transaction (motcua/api/dvcqg.py): lower layers know nothing of the portal.
        from motcua.api import dvcqg
        from motcua.dossiers.models import DossierEvent
        from motcua.feedback.models import PaknEvent

        post_save.connect(dvcqg.on_dossier_event, sender=DossierEvent, dispatch_uid="dvcqg-d")
        post_save.connect(dvcqg.on_pakn_event, sender=PaknEvent, dispatch_uid="dvcqg-p")
