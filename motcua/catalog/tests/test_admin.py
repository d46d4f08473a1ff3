import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from motcua.catalog.models import ProcedureVersion, VersionStatus
from motcua.catalog.tests.factories import make_procedure

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client: Client) -> Client:
    user = get_user_model().objects.create_superuser("admin", "a@example.org", "pw-for-tests")
    client.force_login(user)
    return client


def test_publish_action_shows_the_refusal(admin_client: Client) -> None:
    version = make_procedure(hours=("1",), publish=False)
    response = admin_client.post(
        reverse("admin:catalog_procedureversion_changelist"),
        {"action": "publish", "_selected_action": [version.pk]},
        follow=True,
    )
    assert "không bằng thời hạn" in response.content.decode()
    assert ProcedureVersion.objects.get().status == VersionStatus.DRAFT


def test_publish_action_publishes_a_correct_draft(admin_client: Client) -> None:
    version = make_procedure(publish=False)
    admin_client.post(
        reverse("admin:catalog_procedureversion_changelist"),
        {"action": "publish", "_selected_action": [version.pk]},
    )
    assert ProcedureVersion.objects.get().status == VersionStatus.PUBLISHED


def test_published_version_is_read_only_in_the_admin(admin_client: Client) -> None:
    version = make_procedure()
    url = reverse("admin:catalog_procedureversion_change", args=[version.pk])
    page = admin_client.get(url).content.decode()
    assert 'name="name"' not in page
    procedure_page = admin_client.get(
        reverse("admin:catalog_procedure_change", args=[version.procedure_id])
    )
    assert procedure_page.status_code == 200
