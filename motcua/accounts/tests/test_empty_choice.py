"""No Django "---------" anywhere, the administration pages included (issue 10 §4)."""

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "url",
    [
        "/quan-tri/accounts/membership/add/",  # a unit and a role: a foreign key and choices
        "/quan-tri/accounts/orgunit/add/",
    ],
)
def test_admin_selects_prompt_in_vietnamese(url: str) -> None:
    client = Client()
    client.force_login(get_user_model().objects.create_superuser("admin", password="x-9"))
    page = client.get(url).content.decode()
    assert "---------" not in page
    assert "— Chọn —" in page
