"""Writes of ratings: one function, called by the portal page and the counter kiosk alike."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from motcua.dossiers.models import Dossier, DossierStatus
from motcua.surveys.models import Level, Rating, RatingChannel


class RatingError(ValidationError):
    """A rating refused; the message is for the citizen."""


def rating_open(dossier: Dossier) -> bool:
    """Whether the citizen may rate now: the result is returned and nobody rated yet."""
    return (
        dossier.status == DossierStatus.RETURNED
        and not Rating.objects.filter(dossier=dossier).exists()
    )


def rating_record(*, dossier: Dossier, level: int, comment: str = "", channel: str) -> Rating:
    """Record the rating of a returned dossier; a second rating of the same dossier is refused."""
    if level not in Level.values:
        raise RatingError(_("Mức đánh giá không hợp lệ."))
    if channel not in RatingChannel.values:
        raise RatingError(_("Kênh đánh giá không hợp lệ."))
    if dossier.status != DossierStatus.RETURNED:
        raise RatingError(_("Chỉ đánh giá được sau khi đã nhận kết quả."))
    try:
        # The one-to-one key settles a double-clicked or concurrent second rating.
        with transaction.atomic():
            return Rating.objects.create(
                dossier=dossier,
                level=level,
                comment=comment.strip(),
                channel=channel,
                at=timezone.now(),
            )
    except IntegrityError:
        raise RatingError(_("Hồ sơ này đã được đánh giá. Xin cảm ơn!")) from None
