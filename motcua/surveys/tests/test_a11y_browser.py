"""axe-core on the citizen's survey answer page, blank and with its thanks."""

import pytest

from motcua.conftest import axe_violations
from motcua.dossiers.tests.conftest import make_world
from motcua.surveys import services
from motcua.surveys.models import Invitation

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_survey_answer_page_is_accessible(page) -> None:  # type: ignore[no-untyped-def]
    import datetime as dt

    from motcua.surveys.tests.conftest import returned

    world = make_world()
    dossier = returned(world)
    campaign = services.campaign_create(
        questionnaire=services.questionnaire_seed_sipas(), unit=world.commune, name="Năm 2026",
        period_start=dt.date(2000, 1, 1), period_end=dt.date(2100, 1, 1),
    )  # fmt: skip
    invitation = Invitation.objects.create(campaign=campaign, dossier=dossier)
    found: dict[str, list[str]] = {}

    page.goto(f"/khao-sat/{services.invitation_token(invitation)}/")
    found["answer"] = axe_violations(page)
    page.get_by_role("radio").first.check()
    page.get_by_role("button", name="Gửi phiếu").click()
    page.get_by_text("Ý kiến của ông/bà đã được ghi nhận").wait_for()
    found["thanks"] = axe_violations(page)

    assert {name: v for name, v in found.items() if v} == {}
