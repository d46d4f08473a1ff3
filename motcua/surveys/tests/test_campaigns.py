"""Survey campaigns: the questionnaire as data, the sample, invitations, answers, the index."""

import random
import re
from decimal import Decimal

import pytest
from django.test import Client

from motcua.dossiers.models import Dossier, OutboxMessage
from motcua.surveys import selectors, services
from motcua.surveys.models import Campaign, Criterion, Element, Invitation, Questionnaire
from motcua.surveys.tests.conftest import World, at, returned


@pytest.mark.django_db
def test_seed_questionnaire_is_the_five_elements_of_sipas() -> None:
    questionnaire = services.questionnaire_seed_sipas()
    assert services.questionnaire_seed_sipas() == questionnaire  # idempotent
    counts = [e.criteria.count() for e in questionnaire.elements.all()]  # type: ignore[attr-defined]
    assert counts == [3, 4, 3, 3, 3]


@pytest.mark.parametrize(
    ("population", "sample"), [(0, 0), (1, 1), (3, 3), (100, 80), (1000, 286), (10000, 385)]
)
def test_sample_size_is_n_over_one_plus_n_e_squared(population: int, sample: int) -> None:
    assert services.sample_size(population) == sample


def _campaign(w: World, questionnaire: Questionnaire) -> Campaign:
    return services.campaign_create(
        questionnaire=questionnaire,
        unit=w.commune,
        name="Khảo sát quý I/2026",
        period_start=at(2026, 3, 1).date(),
        period_end=at(2026, 3, 31).date(),
    )


def _small_questionnaire() -> tuple[Questionnaire, Criterion, Criterion, Criterion]:
    q = Questionnaire.objects.create(name="Thử")
    e1 = Element.objects.create(questionnaire=q, order=1, name="Yếu tố 1")
    e2 = Element.objects.create(questionnaire=q, order=2, name="Yếu tố 2")
    a = Criterion.objects.create(element=e1, order=1, text="A")
    b = Criterion.objects.create(element=e1, order=2, text="B")
    c = Criterion.objects.create(element=e2, order=1, text="C")
    return q, a, b, c


def test_index_on_a_hand_computed_dataset(world: World) -> None:
    q, a, b, c = _small_questionnaire()
    campaign = _campaign(world, q)
    sheets = [  # A, B, C; None = skipped (not experienced)
        (5, 5, 4),
        (4, 5, 4),
        (3, None, 4),
        (2, 1, None),
    ]
    for levels in sheets:
        invitation = Invitation.objects.create(campaign=campaign, dossier=returned(world))
        services.survey_answer(
            invitation=invitation, levels=dict(zip((a.pk, b.pk, c.pk), levels, strict=True))
        )
    result = selectors.campaign_index(campaign)
    e1, e2 = result.elements
    assert [(x.valid, x.satisfied, x.index) for x in e1.criteria] == [
        (4, 2, Decimal("50.00")),  # A: 5, 4 satisfied of 4
        (3, 2, Decimal("66.67")),  # B: 5, 5 of 3 valid (one skipped)
    ]
    assert [(x.valid, x.satisfied, x.index) for x in e2.criteria] == [(3, 3, Decimal("100.00"))]
    assert e1.index == Decimal("58.34")  # (50.00 + 66.67) / 2 = 58.335
    assert e2.index == Decimal("100.00")
    assert result.index == Decimal("79.17")  # (58.34 + 100.00) / 2
    assert result.answered == 4


def test_an_empty_campaign_has_no_index(world: World) -> None:
    q, *_ = _small_questionnaire()
    assert selectors.campaign_index(_campaign(world, q)).index is None


def test_invitations_go_to_a_sample_through_the_outbox_and_are_answered_once(
    world: World, clock: object
) -> None:
    q = services.questionnaire_seed_sipas()
    for _ in range(3):
        returned(world)
    campaign = _campaign(world, q)
    before = OutboxMessage.objects.count()
    sent = services.campaign_invite(
        campaign=campaign, base_url="http://testserver/", rng=random.Random(1)
    )
    campaign.refresh_from_db()
    assert (campaign.population, campaign.sample_size, sent) == (3, 3, 3)
    assert Invitation.objects.filter(campaign=campaign).count() == 3

    links = [m for m in OutboxMessage.objects.order_by("pk")[before:] if "/khao-sat/" in m.body]
    assert len(links) >= 3
    with pytest.raises(services.SurveyError, match="đã gửi phiếu"):
        services.campaign_invite(campaign=campaign, base_url="http://testserver/")

    path = re.search(r"http://testserver(/khao-sat/\S+/)", links[0].body).group(1)  # type: ignore[union-attr]
    client = Client()
    page = client.get(path)
    assert page.status_code == 200 and "Tiếp cận dịch vụ" in page.content.decode()
    first = Criterion.objects.filter(element__questionnaire=q).first()
    assert first is not None
    done = client.post(path, {f"c{first.pk}": "5"})
    assert "Ý kiến của ông/bà đã được ghi nhận" in done.content.decode()
    again = client.post(path, {f"c{first.pk}": "1"})
    assert "đã được trả lời" in again.content.decode()
    assert selectors.campaign_index(campaign).elements[0].criteria[0].valid == 1
    assert client.get("/khao-sat/khong-hop-le/").status_code == 404


def test_population_is_the_units_returned_dossiers_of_the_period(world: World) -> None:
    q, *_ = _small_questionnaire()
    dossier = returned(world)
    campaign = _campaign(world, q)
    assert list(services.campaign_population(campaign)) == [dossier]
    Dossier.objects.filter(pk=dossier.pk).update(returned_at=at(2026, 4, 2, 9))
    assert not services.campaign_population(campaign).exists()
