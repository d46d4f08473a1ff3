"""Rating from the status page and from the counter kiosk."""

from django.core.cache import caches
from django.test import Client

from motcua.dossiers.printing import status_url_for
from motcua.portal.tests.conftest import World, received, returned
from motcua.surveys.models import Rating


def open_status(client: Client, dossier) -> str:  # type: ignore[no-untyped-def]
    return client.get(status_url_for(dossier, "http://testserver/"), follow=True).content.decode()


def test_the_citizen_rates_a_returned_dossier_once_from_the_status_page(
    world: World, client: Client
) -> None:
    dossier = returned(world)
    caches["default"].clear()  # the rating form's fields drawn anew, then from the cache
    for _ in range(2):
        form = open_status(client, dossier)
        assert "Gửi đánh giá" in form and 'name="level"' in form and 'name="comment"' in form
    page = client.post(
        f"/tra-cuu/{dossier.code}/danh-gia/", {"level": "5", "comment": "Cán bộ tận tình"},
        follow=True,
    ).content.decode()  # fmt: skip
    assert "Cảm ơn ông/bà đã đánh giá." in page and "Rất hài lòng" in page
    assert "Gửi đánh giá" not in page
    again = client.post(f"/tra-cuu/{dossier.code}/danh-gia/", {"level": "1"}, follow=True)
    assert "Hồ sơ này đã được đánh giá." in again.content.decode()
    rating = Rating.objects.get()
    assert (rating.level, rating.comment, rating.channel) == (5, "Cán bộ tận tình", "portal")


def test_no_rating_form_nor_rating_before_the_result_is_returned(
    world: World, client: Client
) -> None:
    dossier = received(world)
    assert "Gửi đánh giá" not in open_status(client, dossier)
    page = client.post(f"/tra-cuu/{dossier.code}/danh-gia/", {"level": "5"}, follow=True)
    assert "Chỉ đánh giá được sau khi đã nhận kết quả." in page.content.decode()
    assert not Rating.objects.exists()


def test_rating_needs_the_dossier_opened_in_this_session(world: World, client: Client) -> None:
    dossier = returned(world)
    client.post(f"/tra-cuu/{dossier.code}/danh-gia/", {"level": "1"})
    assert not Rating.objects.exists()


def test_at_the_kiosk_the_citizen_enters_code_and_digits_then_taps_a_level(
    world: World, client: Client
) -> None:
    dossier = returned(world)
    form = client.get("/danh-gia/quay/").content.decode()
    assert 'name="code"' in form and 'name="factor"' in form
    response = client.post("/danh-gia/quay/", {"code": dossier.code, "factor": "5678"})
    assert response.status_code == 302 and response["Location"] == f"/danh-gia/quay/{dossier.code}/"
    buttons = client.get(response["Location"]).content.decode()
    assert buttons.count('name="level"') == 5 and "Rất không hài lòng" in buttons
    done = client.post(response["Location"], {"level": "4"}, follow=True)
    assert "Cảm ơn ông/bà đã đánh giá." in done.content.decode()
    assert Rating.objects.get().channel == "kiosk"
    # The next citizen at the same kiosk does not inherit the grant.
    assert client.get(f"/danh-gia/quay/{dossier.code}/")["Location"] == "/danh-gia/quay/"


def test_the_kiosk_gives_the_same_message_for_a_wrong_code_or_digits(
    world: World, client: Client
) -> None:
    dossier = returned(world)
    message = "Không tìm thấy hồ sơ với mã và 4 chữ số đã nhập."
    for code, factor in ((dossier.code, "1111"), ("KHONG-CO", "5678")):
        page = client.post("/danh-gia/quay/", {"code": code, "factor": factor})
        assert message in page.content.decode()
    assert not Rating.objects.exists()


def test_the_kiosk_says_why_a_dossier_cannot_be_rated_yet(world: World, client: Client) -> None:
    dossier = received(world)
    page = client.post("/danh-gia/quay/", {"code": dossier.code, "factor": "4567"}, follow=True)
    assert "Chỉ đánh giá được sau khi đã nhận kết quả." in page.content.decode()
    assert 'name="level"' not in page.content.decode()
