"""The English switch on the citizen's survey answer page (the django_language cookie)."""

import datetime as dt

import pytest
from django.test import Client

from motcua.surveys import services
from motcua.surveys.models import Invitation
from motcua.surveys.tests.conftest import World, returned


@pytest.mark.django_db
def test_the_survey_answer_page_is_in_english_with_the_language_cookie(world: World) -> None:
    campaign = services.campaign_create(
        questionnaire=services.questionnaire_seed_sipas(), unit=world.commune, name="2026",
        period_start=dt.date(2026, 1, 1), period_end=dt.date(2026, 12, 31),
    )  # fmt: skip
    invitation = Invitation.objects.create(campaign=campaign, dossier=returned(world))
    client = Client()
    client.cookies["django_language"] = "en"
    page = client.get(f"/khao-sat/{services.invitation_token(invitation)}/").content.decode()
    assert "<h1>Satisfaction survey</h1>" in page and "Send the survey" in page
