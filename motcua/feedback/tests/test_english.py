"""The English switch on the public PAKN pages (the django_language cookie)."""

import pytest
from django.test import Client

from motcua.dossiers.tests.conftest import World


@pytest.mark.django_db
def test_the_pakn_list_and_form_are_in_english_with_the_language_cookie(world: World) -> None:
    client = Client()
    client.cookies["django_language"] = "en"
    listing = client.get("/phan-anh-kien-nghi/").content.decode()
    assert "<h1>Feedback and petitions answered</h1>" in listing
    assert "Search the published answers" in listing and "0 results" in listing
    start = client.get("/phan-anh-kien-nghi/gui/").content.decode()
    assert "<h1>Send feedback</h1>" in start and "Send verification code" in start


@pytest.mark.django_db
def test_vietnamese_stays_the_default(world: World) -> None:
    listing = Client().get("/phan-anh-kien-nghi/").content.decode()
    assert "<h1>Phản ánh, kiến nghị đã được trả lời</h1>" in listing
