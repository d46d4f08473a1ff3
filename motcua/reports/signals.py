"""A citizen's rating changes its dossier's fact (766, 5.3): fold it into the rollups at once."""

from typing import Any

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from motcua.surveys.models import Rating


@receiver(post_save, sender=Rating)
@receiver(post_delete, sender=Rating)
def rating_changed(sender: type[Rating], instance: Rating, **kwargs: Any) -> None:
    # Imported here: the rollups bring the dossier clock and the holiday calendar, which
    # starting Django (this module is loaded by ReportsConfig.ready) does not need.
    from motcua.reports.rollups import refresh_now

    refresh_now([instance.dossier_id])
