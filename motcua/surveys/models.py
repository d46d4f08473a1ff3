"""Per-dossier satisfaction ratings (DOMAIN.md §8); survey campaigns come later."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from motcua.dossiers.models import Dossier


class Level(models.IntegerChoices):
    """The 5-level scale; 766 component 5.4 counts the two lowest as a "dislike"."""

    VERY_SATISFIED = 5, _("Rất hài lòng")
    SATISFIED = 4, _("Hài lòng")
    NEUTRAL = 3, _("Bình thường")
    DISSATISFIED = 2, _("Không hài lòng")
    VERY_DISSATISFIED = 1, _("Rất không hài lòng")


DISLIKE_LEVELS = (Level.DISSATISFIED, Level.VERY_DISSATISFIED)


class RatingChannel(models.TextChoices):
    PORTAL = "portal", _("Cổng dịch vụ công")
    KIOSK = "kiosk", _("Máy đánh giá tại quầy")


class Rating(models.Model):
    """One citizen's rating of one dossier's service, given once after the result is returned."""

    dossier = models.OneToOneField(
        Dossier, verbose_name=_("hồ sơ"), on_delete=models.PROTECT, related_name="rating"
    )
    level = models.PositiveSmallIntegerField(_("mức độ hài lòng"), choices=Level.choices)
    comment = models.TextField(_("ý kiến"), blank=True, max_length=2000)
    channel = models.CharField(_("kênh đánh giá"), max_length=8, choices=RatingChannel.choices)
    at = models.DateTimeField(_("đánh giá lúc"))

    class Meta:
        verbose_name = _("đánh giá hồ sơ")
        verbose_name_plural = _("đánh giá hồ sơ")
        ordering = ["-at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(level__gte=1) & Q(level__lte=5), name="rating_level_in_scale"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.dossier_id}: {self.level}"
