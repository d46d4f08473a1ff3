"""A draft whose uploaded file is gone (a restore without the media folder) is not a server
error at submission: the filer is told which file to upload again, and nothing is filed."""

import pytest
from django.test import Client

from motcua.dossiers.models import Dossier
from motcua.filing.models import Filing, FilingFile
from motcua.filing.tests.conftest import Clock, Online
from motcua.filing.tests.test_views import draft_data, url, verify

pytestmark = pytest.mark.django_db


def test_a_missing_draft_file_is_named_and_nothing_is_filed(
    client: Client, online: Online, clock: Clock
) -> None:
    verify(client, online)
    client.post(url("draft", online.procedure_pk), draft_data(online))
    stored = FilingFile.objects.get()
    stored.file.storage.delete(str(stored.file.name))
    response = client.post(
        url("submit", online.procedure_pk), {"filing": Filing.objects.get().pk}, follow=True
    )
    assert response.status_code == 200
    assert f"Tệp “{stored.original_name}” không còn trên máy chủ" in response.content.decode()
    assert not Dossier.objects.exists()
