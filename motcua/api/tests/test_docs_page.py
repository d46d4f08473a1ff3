import pytest
from django.test import Client


@pytest.mark.django_db
def test_the_api_docs_page_needs_no_internet() -> None:
    page = Client().get("/api/v1/docs").content.decode()
    assert "swagger" in page.lower()
    assert "cdn" not in page.lower() and "https://" not in page
