"""Due moments through pauses, Tết 2026, make-up Saturdays, cut-offs and case limits."""

from motcua.catalog.models import ProcedureCase, TimeLimitUnit
from motcua.dossiers import workflow
from motcua.dossiers.tests.conftest import Clock, World, at
from motcua.dossiers.tests.factories import APPLICANT, received


def test_three_working_days_from_monday_morning_is_thursday_morning(world: World) -> None:
    d = received(world)  # Monday 2 March 2026, 09:00
    assert d.received_at == d.clock_started_at == at(2026, 3, 2, 9, 0)
    assert d.due_at == at(2026, 3, 5, 9, 0)


def test_tet_2026_holidays_are_not_counted(world: World, clock: Clock) -> None:
    clock.set(at(2026, 2, 13, 10, 0))  # Friday before Tết (16–20 February)
    d = received(world)
    # Friday 5 h, Monday 23 and Tuesday 24 February, then 3 h on Wednesday 25.
    assert d.due_at == at(2026, 2, 25, 10, 0)


def test_a_make_up_saturday_is_a_working_day(world: World, clock: Clock) -> None:
    clock.set(at(2026, 8, 21, 10, 0))  # Friday; Saturday 22 August 2026 is worked (làm bù)
    version = world.version
    version_limit = (version.time_limit_value, version.time_limit_unit)
    assert version_limit == (3, TimeLimitUnit.WORKING_DAYS)
    d = received(world)
    # Friday 5 h, Saturday 22 8 h, Monday 24 8 h, Tuesday 25 3 h (Monday 31 is the day off).
    assert d.due_at == at(2026, 8, 25, 10, 0)


def test_receipt_on_a_weekend_starts_the_clock_on_monday_morning(
    world: World, clock: Clock
) -> None:
    clock.set(at(2026, 3, 7, 10, 0))  # Saturday
    d = received(world)
    assert d.clock_started_at == at(2026, 3, 9, 7, 0)
    assert d.due_at == at(2026, 3, 11, 17, 0)  # three full days end at closing


def test_a_case_limit_wins_over_the_version_limit(world: World) -> None:
    case = ProcedureCase.objects.create(
        version=world.version, name="Đăng ký lại", time_limit_value=5,
        time_limit_unit=TimeLimitUnit.WORKING_DAYS,
    )  # fmt: skip
    d = workflow.receive(
        actor=world.receiver, version=world.version, receiving_unit=world.commune,
        applicant=APPLICANT, case=case,
    )  # fmt: skip
    assert d.due_at == at(2026, 3, 9, 9, 0)


def test_supplement_pause_moves_the_due_moment_by_its_working_time(
    world: World, clock: Clock
) -> None:
    d = workflow.forward(dossier=received(world), actor=world.receiver)
    assert d.due_at == at(2026, 3, 5, 9, 0)
    clock.set(at(2026, 3, 3, 9, 0))
    workflow.request_supplement(dossier=d, actor=world.head, missing=["Bản sao CCCD"])
    clock.set(at(2026, 3, 4, 14, 0))
    d = workflow.supplement_received(dossier=d, actor=world.receiver)
    # Paused: Tuesday 09:00–17:00 (6 h) and Wednesday 07:00–14:00 (5 h) = 11 working hours.
    assert d.paused_minutes == 660
    # Thursday 09:00 + 11 h: Thursday 09:00–17:00 (6 h), then 5 h on Friday: 14:00.
    assert d.due_at == at(2026, 3, 6, 14, 0)
    assert d.paused_since is None and d.status == "forwarded"


def test_a_pause_over_tet_counts_only_working_time(world: World, clock: Clock) -> None:
    clock.set(at(2026, 2, 12, 9, 0))  # Thursday
    d = workflow.forward(dossier=received(world), actor=world.receiver)
    due = d.due_at
    clock.set(at(2026, 2, 13, 16, 0))  # Friday before Tết
    workflow.request_supplement(dossier=d, actor=world.head, missing=["Tờ khai"])
    clock.set(at(2026, 2, 23, 8, 0))  # Monday after Tết
    d = workflow.supplement_received(dossier=d, actor=world.head)
    assert d.paused_minutes == 120  # 16:00–17:00 Friday, 07:00–08:00 Monday
    assert due == at(2026, 2, 24, 9, 0)
    assert d.due_at == at(2026, 2, 24, 11, 0)


def test_fee_pause_also_moves_the_step_deadline(world: World, clock: Clock) -> None:
    d = workflow.forward(dossier=received(world), actor=world.receiver)
    d = workflow.assign(dossier=d, actor=world.head, assignee=world.handler)
    step_due = d.step_due_at
    assert step_due == at(2026, 3, 2, 11, 0)  # the first step has 2 hours
    workflow.pause_for_fees(dossier=d, actor=world.handler, amount_vnd=100_000)
    clock.set(at(2026, 3, 2, 13, 30))
    d = workflow.resume(dossier=d, actor=world.receiver)
    assert d.paused_minutes == 150  # 09:00–11:30
    assert d.step_due_at == at(2026, 3, 2, 15, 30)
    assert d.due_at == at(2026, 3, 5, 11, 30)


def test_online_filing_at_night_counts_from_the_next_opening(world: World, clock: Clock) -> None:
    clock.set(at(2026, 3, 2, 22, 15))
    d = workflow.submit_online(
        version=world.version, receiving_unit=world.commune, applicant=APPLICANT
    )
    assert d.due_at is None and d.national_code == 1
    clock.set(at(2026, 3, 3, 8, 0))
    d = workflow.accept_online(dossier=d, actor=world.receiver)
    assert d.clock_started_at == at(2026, 3, 3, 7, 0)
    assert d.due_at == at(2026, 3, 5, 17, 0)
    assert d.national_code == 2 and d.national_label == "Được tiếp nhận"
