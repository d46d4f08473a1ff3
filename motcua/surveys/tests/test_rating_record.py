import pytest

from motcua.dossiers.models import DossierStatus
from motcua.dossiers.tests.factories import in_status
from motcua.surveys.models import Level, Rating, RatingChannel
from motcua.surveys.services import RatingError, rating_open, rating_record
from motcua.surveys.tests.conftest import World, received, returned


def test_a_returned_dossier_is_rated_once(world: World) -> None:
    dossier = returned(world)
    assert rating_open(dossier)
    rating = rating_record(
        dossier=dossier, level=Level.SATISFIED, comment="  Nhanh  ", channel=RatingChannel.PORTAL
    )
    assert (rating.level, rating.comment, rating.channel) == (4, "Nhanh", "portal")
    assert not rating_open(dossier)
    with pytest.raises(RatingError, match="đã được đánh giá"):
        rating_record(dossier=dossier, level=Level.VERY_SATISFIED, channel=RatingChannel.KIOSK)
    assert Rating.objects.get().level == Level.SATISFIED


@pytest.mark.parametrize("status", [DossierStatus.RECEIVED, DossierStatus.RESULT_READY])
def test_no_rating_before_the_result_is_returned(world: World, status: str) -> None:
    dossier = received(world) if status == DossierStatus.RECEIVED else in_status(world, status)
    assert not rating_open(dossier)
    with pytest.raises(RatingError, match="sau khi đã nhận kết quả"):
        rating_record(dossier=dossier, level=Level.SATISFIED, channel=RatingChannel.PORTAL)
    assert not Rating.objects.exists()


@pytest.mark.parametrize(("level", "channel"), [(0, "portal"), (6, "portal"), (3, "sms")])
def test_a_level_off_the_scale_or_an_unknown_channel_is_refused(
    world: World, level: int, channel: str
) -> None:
    with pytest.raises(RatingError):
        rating_record(dossier=returned(world), level=level, channel=channel)
