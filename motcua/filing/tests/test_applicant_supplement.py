"""The workflow change: the applicant (actor None) may send a supplement, nothing else."""

import datetime as dt

import pytest

from motcua.dossiers import workflow
from motcua.dossiers.models import DossierStatus
from motcua.filing.tests.conftest import CITIZEN_ID, CITIZEN_PHONE, Clock, World

pytestmark = pytest.mark.django_db

APPLICANT = workflow.Applicant(name="Nguyễn Văn An", personal_id=CITIZEN_ID, phone=CITIZEN_PHONE)


def test_the_applicant_completes_a_supplement_asked_at_receipt_and_the_clock_starts_then(
    world: World, clock: Clock
) -> None:
    dossier = workflow.submit_online(
        version=world.version, receiving_unit=world.commune, applicant=APPLICANT
    )
    workflow.request_supplement(dossier=dossier, actor=world.receiver, missing=["Tờ khai"])
    clock.set(clock.moment + dt.timedelta(days=1))
    workflow.supplement_received(dossier=dossier, actor=None)
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.SUBMITTED
    assert dossier.submitted_at == clock.moment  # the limit counts from the complete dossier
    event = dossier.events.last()
    assert event is not None
    assert event.actor is None and event.actor_label == "Người nộp hồ sơ"


def test_a_supplement_during_processing_moves_the_due_moment_by_the_pause(
    world: World, clock: Clock
) -> None:
    dossier = workflow.receive(
        actor=world.receiver, version=world.version, receiving_unit=world.commune,
        applicant=APPLICANT,
    )  # fmt: skip
    due = dossier.due_at
    assert due is not None
    workflow.request_supplement(dossier=dossier, actor=world.receiver, missing=["Tờ khai"])
    clock.set(clock.moment + dt.timedelta(hours=2))  # Monday 09:00 → 11:00, working hours
    workflow.supplement_received(dossier=dossier, actor=None)
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.RECEIVED
    assert dossier.paused_minutes == 120
    assert dossier.due_at is not None and dossier.due_at > due


@pytest.mark.parametrize("action", ["accept_online", "request_supplement"])
def test_other_actions_still_need_an_officer(world: World, clock: Clock, action: str) -> None:
    dossier = workflow.submit_online(
        version=world.version, receiving_unit=world.commune, applicant=APPLICANT
    )
    kwargs = {"missing": ["x"]} if action == "request_supplement" else {}
    with pytest.raises(workflow.WorkflowError):
        getattr(workflow, action)(dossier=dossier, actor=None, **kwargs)
