"""Public figures per unit, on a small dataset built through the workflow at chosen moments."""

from decimal import Decimal

from django.test import Client

from motcua.dossiers import workflow
from motcua.dossiers.models import DossierStatus as S
from motcua.dossiers.tests.factories import APPLICANT, in_status
from motcua.portal import selectors
from motcua.portal.tests.conftest import Clock, World, at, received
from motcua.reports.rollups import update_rollups


def result_issued(w: World, dossier):  # type: ignore[no-untyped-def]
    return workflow.issue_result(dossier=dossier, actor=w.everyone, result_number="1/QĐ")


def build(w: World, clock: Clock) -> None:
    clock.set(at(2025, 12, 1, 9))  # last year: received and returned in 2025
    in_status(w, S.RETURNED)
    clock.set(at(2026, 1, 5, 9))  # H: received and withdrawn in January
    h = received(w)
    assert h.received_at is not None
    workflow.withdraw(dossier=h, actor=w.receiver, request_date=h.received_at.date())
    clock.set(at(2026, 2, 2, 9))  # D: received in February, result a month late
    d = in_status(w, S.APPROVED)
    clock.set(at(2026, 3, 2, 9))
    a = in_status(w, S.APPROVED)  # A: result the next day, on time
    received(w)  # C: never processed, overdue by the 20th
    b = workflow.accept_online(
        dossier=in_status(w, S.SUBMITTED), actor=w.receiver
    )  # B: online, waiting for a supplement (the clock is paused)
    workflow.request_supplement(dossier=b, actor=w.receiver, missing=["Tờ khai"])
    workflow.receive(  # another commune's dossier counts only there
        actor=w.outsider, version=w.version, receiving_unit=w.other_commune, applicant=APPLICANT
    )
    clock.set(at(2026, 3, 3, 9))
    result_issued(w, a)
    clock.set(at(2026, 3, 10, 9))
    result_issued(w, d)
    clock.set(at(2026, 3, 20, 10))
    update_rollups()  # the figures come from the report rollups, kept by this command step


def test_month_and_year_figures_follow_the_documented_definitions(
    world: World, clock: Clock
) -> None:
    build(world, clock)
    periods = selectors.periods_to_date()
    month = selectors.unit_service_figures(world.commune, periods["month"].start, clock())
    year = selectors.unit_service_figures(world.commune, periods["year"].start, clock())
    assert (month.received, month.resolved, month.resolved_on_time, month.overdue) == (3, 2, 1, 1)
    assert (month.online, month.on_time_rate, month.online_share) == (
        1, Decimal("33.33"), Decimal("33.33"),
    )  # fmt: skip
    assert (year.received, year.resolved, year.resolved_on_time, year.overdue) == (5, 3, 2, 1)
    assert (year.on_time_rate, year.online_share) == (Decimal("50.00"), Decimal("20.00"))


def test_a_unit_without_dossiers_shows_not_applicable_rather_than_zero(
    world: World, client: Client
) -> None:
    figures = selectors.unit_service_figures(world.partner, at(2026, 1, 1), at(2026, 3, 2))
    assert figures.received == 0 and figures.on_time_rate is None and figures.online_share is None
    page = client.get(f"/cong-khai/{world.partner.code}/").content.decode()
    assert "Không áp dụng" in page


def test_the_public_page_lists_units_and_shows_a_unit_s_figures(
    world: World, clock: Clock, client: Client
) -> None:
    build(world, clock)
    index = client.get("/cong-khai/").content.decode()
    assert world.commune.name in index and world.other_commune.name in index
    page = client.get(f"/cong-khai/{world.commune.code}/").content.decode()
    assert (
        "Tỉ lệ đúng hạn" in page and "33,33%" in page and "50,00%" in page
    )  # Vietnamese decimal comma
    assert client.get("/cong-khai/KHONG-CO/").status_code == 404
