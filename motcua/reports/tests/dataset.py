"""A small dataset built through the workflow at chosen moments, every figure known by hand.

The procedure has a limit of 3 working days; office hours 07:00–11:30 and 13:30–17:00. The
period under test is March 2026; see test_figures.py for the expected values and why.
"""

from dataclasses import dataclass, field

from motcua.catalog.models import OnlineLevel, ProcedureOffering
from motcua.dossiers import workflow
from motcua.dossiers.models import Dossier, ReturnMethod
from motcua.dossiers.tests.conftest import Clock, World, at
from motcua.dossiers.tests.factories import APPLICANT, received
from motcua.reports.rollups import update_rollups
from motcua.surveys.models import Level, Rating, RatingChannel


@dataclass
class Dataset:
    world: World
    d: dict[str, Dossier] = field(default_factory=dict)


def _to_approved(w: World, d: Dossier) -> Dossier:
    u = w.everyone
    d = workflow.forward(dossier=d, actor=u)
    d = workflow.assign(dossier=d, actor=u, assignee=u)
    return workflow.approve(dossier=d, actor=u)


def _resolve(w: World, d: Dossier) -> Dossier:
    return workflow.issue_result(dossier=_to_approved(w, d), actor=w.everyone, result_number="1")


def _in_process(w: World, d: Dossier) -> Dossier:
    d = workflow.forward(dossier=d, actor=w.everyone)
    return workflow.assign(dossier=d, actor=w.everyone, assignee=w.everyone)


def build(w: World, clock: Clock) -> Dataset:
    version = w.version
    version.online_level, version.paper_result_required = OnlineLevel.FULL, True
    version.save(update_fields=["online_level", "paper_result_required"])
    ProcedureOffering.objects.get_or_create(procedure=version.procedure, unit=w.commune)
    data = Dataset(w)
    _february_and_early_march(w, clock, data)
    _mid_march(w, clock, data)
    _late_march_and_april(w, clock, data)
    return data


def _step(clock: Clock, *moment: int) -> None:
    clock.set(at(*moment))  # type: ignore[arg-type]
    update_rollups()  # the incremental path runs all along; the test compares it with a rebuild


def _february_and_early_march(w: World, clock: Clock, data: Dataset) -> None:
    u = w.everyone
    _step(clock, 2026, 2, 27, 9)
    data.d["D1"] = received(w)  # carried over into March
    _step(clock, 2026, 3, 2, 9)
    data.d["D1"] = _resolve(w, data.d["D1"])  # due Wed 4/3 09:00: early
    data.d["D2"] = received(w)  # due Thu 5/3 09:00
    data.d["D3"] = received(w)
    workflow.receive(
        actor=w.outsider, version=w.version, receiving_unit=w.other_commune, applicant=APPLICANT
    )
    _step(clock, 2026, 3, 2, 10)
    workflow.request_supplement(dossier=data.d["D3"], actor=u, missing=["Tờ khai"])
    _step(clock, 2026, 3, 3, 9)
    workflow.supplement_received(dossier=data.d["D3"], actor=u)
    _step(clock, 2026, 3, 3, 10)
    workflow.request_supplement(dossier=data.d["D3"], actor=u, missing=["Bản sao"])
    _step(clock, 2026, 3, 4, 9)
    workflow.supplement_received(dossier=data.d["D3"], actor=u)
    _step(clock, 2026, 3, 5, 8)
    data.d["D2"] = _resolve(w, data.d["D2"])  # on its due day: on time
    _step(clock, 2026, 3, 5, 9)
    data.d["D3"] = _resolve(w, data.d["D3"])  # two supplement requests: late


def _mid_march(w: World, clock: Clock, data: Dataset) -> None:
    u = w.everyone
    _step(clock, 2026, 3, 9, 9)
    data.d["D4"] = _in_process(w, received(w))  # due Thu 12/3 09:00
    _step(clock, 2026, 3, 10, 9)
    workflow.reschedule(
        dossier=data.d["D4"], actor=u, new_due_at=at(2026, 3, 16, 9), reason="Cần xác minh"
    )
    data.d["D8"] = workflow.refuse(dossier=received(w), actor=u, reasons=["Sai thẩm quyền"])
    _step(clock, 2026, 3, 11, 9)
    data.d["D9"] = _in_process(w, received(w))
    _step(clock, 2026, 3, 12, 9)
    workflow.stop(dossier=data.d["D9"], actor=u, reasons=["Không đủ điều kiện"])
    d10 = received(w)
    data.d["D10"] = workflow.withdraw(dossier=d10, actor=u, request_date=at(2026, 3, 12).date())
    _step(clock, 2026, 3, 13, 9)
    approved = workflow.approve(dossier=data.d["D4"], actor=u)
    data.d["D4"] = workflow.issue_result(dossier=approved, actor=u, result_number="4")
    _online(w, clock, data)


def _online(w: World, clock: Clock, data: Dataset) -> None:
    u = w.everyone
    _step(clock, 2026, 3, 16, 9)
    d11 = workflow.submit_online(version=w.version, receiving_unit=w.commune, applicant=APPLICANT)
    d12 = workflow.submit_online(
        version=w.version, receiving_unit=w.commune, applicant=APPLICANT, assisted_by=w.receiver
    )
    _step(clock, 2026, 3, 16, 10)
    data.d["D11"] = workflow.accept_online(dossier=d11, actor=u)
    data.d["D12"] = workflow.accept_online(dossier=d12, actor=u)
    _step(clock, 2026, 3, 17, 9)
    d11 = _resolve(w, data.d["D11"])
    data.d["D11"] = workflow.return_result(
        dossier=d11, actor=u, method=ReturnMethod.ELECTRONIC, returned_to="an@example.vn"
    )
    Rating.objects.create(
        dossier=d11, level=Level.VERY_SATISFIED, channel=RatingChannel.PORTAL, at=clock()
    )
    _step(clock, 2026, 3, 18, 9)
    data.d["D12"] = _resolve(w, data.d["D12"])


def _late_march_and_april(w: World, clock: Clock, data: Dataset) -> None:
    u = w.everyone
    d2 = data.d["D2"]
    d2 = workflow.return_result(dossier=d2, actor=u, method=ReturnMethod.COUNTER, returned_to="An")
    Rating.objects.create(
        dossier=d2, level=Level.DISSATISFIED, channel=RatingChannel.KIOSK, at=clock()
    )
    _step(clock, 2026, 3, 20, 9)
    data.d["D5"] = received(w)  # due Wed 25/3 09:00: unfinished and late at the end of March
    _step(clock, 2026, 3, 23, 9)
    data.d["D6"] = _in_process(w, received(w))
    _step(clock, 2026, 3, 24, 9)
    workflow.pause_for_fees(dossier=data.d["D6"], actor=u, amount_vnd=50000)
    _step(clock, 2026, 3, 30, 9)
    data.d["D7"] = received(w)  # due Thu 2/4: within time at the end of March
    _step(clock, 2026, 4, 1, 9)
    workflow.resume(dossier=data.d["D6"], actor=u)
    _step(clock, 2026, 4, 2, 9)
    data.d["D5"] = _resolve(w, data.d["D5"])
    _step(clock, 2026, 4, 2, 10)
