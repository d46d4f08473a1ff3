"""The English switch: the online filing pages speak English with the django_language cookie."""

import pytest
from django.test import Client

from motcua.filing.tests.conftest import Online


@pytest.mark.django_db
def test_the_filing_start_page_is_in_english_with_the_language_cookie(online: Online) -> None:
    client = Client()
    client.cookies["django_language"] = "en"
    page = client.get(f"/nop-truc-tuyen/{online.procedure_pk}/").content.decode()
    assert '<html lang="en">' in page
    assert "Step 1: Verify your phone number or email" in page
    assert "Send verification code" in page and "Phone number or email" in page
    assert "Bước 1" not in page


@pytest.mark.django_db
def test_vietnamese_stays_the_default(online: Online) -> None:
    page = Client().get(f"/nop-truc-tuyen/{online.procedure_pk}/").content.decode()
    assert "Bước 1: Xác thực số điện thoại hoặc thư điện tử" in page
