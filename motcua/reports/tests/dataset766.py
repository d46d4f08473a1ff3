"""A crafted dataset for the 766 index: one dossier or PAKN per rule of DOMAIN.md §6 and issue 9.

Two procedures of the commune, both fully online, both 3 working days (office hours
07:00–11:30 and 13:30–17:00): P requires a paper result, E does not. The period under test is
March 2026. Every dossier and PAKN says in test_index766.py where it counts and why; the
expected figures there are computed by hand, not by this code.
"""

from dataclasses import dataclass, field

from django.core.files.base import ContentFile

from motcua.catalog.models import OnlineLevel, ProcedureOffering, ProcedureVersion
from motcua.catalog.tests.factories import make_procedure
from motcua.dossiers import workflow
from motcua.dossiers.attachments import NewFile
from motcua.dossiers.models import Channel, Dossier, ReturnMethod
from motcua.dossiers.tests.conftest import Clock, World, at
from motcua.dossiers.tests.factories import APPLICANT
from motcua.feedback import workflow as pakn_workflow
from motcua.feedback.models import Pakn
from motcua.feedback.tests.conftest import make_pakn
from motcua.reports.rollups import update_rollups
from motcua.surveys.models import Level, Rating, RatingChannel

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@dataclass
class Crafted:
    world: World
    paper: ProcedureVersion  # P: a paper result is required
    no_paper: ProcedureVersion  # E: no paper result
    d: dict[str, Dossier] = field(default_factory=dict)
    k: dict[str, Pakn] = field(default_factory=dict)


def _pdf(name: str) -> ContentFile:  # type: ignore[type-arg]
    return ContentFile(PDF, name=name)


def _step(clock: Clock, *moment: int) -> None:
    clock.set(at(*moment))  # type: ignore[arg-type]
    update_rollups()  # the incremental path runs all along; the test compares with a rebuild


def build(w: World, clock: Clock) -> Crafted:
    paper = w.version
    paper.online_level, paper.paper_result_required = OnlineLevel.FULL, True
    paper.save(update_fields=["online_level", "paper_result_required"])
    no_paper = make_procedure(code="1.000002", name="Thủ tục không cần bản giấy")
    no_paper.online_level, no_paper.paper_result_required = OnlineLevel.FULL, False
    no_paper.save(update_fields=["online_level", "paper_result_required"])
    ProcedureOffering.objects.create(procedure=no_paper.procedure, unit=w.commune)
    data = Crafted(w, paper, no_paper)
    _february(w, clock, data)
    _early_march(w, clock, data)
    _mid_march(w, clock, data)
    _late_march(w, clock, data)
    return data


def _receive(data: Crafted, version: ProcedureVersion | None = None, **kw: object) -> Dossier:
    w = data.world
    return workflow.receive(
        actor=w.receiver,
        version=version or data.paper,
        receiving_unit=w.commune,
        applicant=APPLICANT,
        **kw,  # type: ignore[arg-type]
    )


def _submit(data: Crafted, version: ProcedureVersion, files: bool = True) -> Dossier:
    return workflow.submit_online(
        version=version,
        receiving_unit=data.world.commune,
        applicant=APPLICANT,
        files=[NewFile(_pdf("to-khai.pdf"))] if files else [],
    )


def _in_process(w: World, d: Dossier) -> Dossier:
    d = workflow.forward(dossier=d, actor=w.everyone)
    return workflow.assign(dossier=d, actor=w.everyone, assignee=w.everyone)


def _resolve(w: World, d: Dossier, result_file: bool = False) -> Dossier:
    d = workflow.approve(dossier=_in_process(w, d), actor=w.everyone)
    return workflow.issue_result(
        dossier=d,
        actor=w.everyone,
        result_number="1",
        result_file=_pdf("ket-qua.pdf") if result_file else None,
    )


def _rate(d: Dossier, level: int, clock: Clock) -> None:
    Rating.objects.create(dossier=d, level=level, channel=RatingChannel.KIOSK, at=clock())


def _answered(w: World, pakn: Pakn, liked: bool | None) -> Pakn:
    pakn = pakn_workflow.pakn_answer(pakn=pakn, actor=w.handler, answer="Đã xem xét và trả lời.")
    pakn = pakn_workflow.pakn_publish(pakn=pakn, actor=w.head, public_summary="Tóm tắt vụ việc.")
    if liked is not None:
        pakn = pakn_workflow.pakn_react(pakn=pakn, liked=liked)
    return pakn


def _february(w: World, clock: Clock, data: Crafted) -> None:
    _step(clock, 2026, 2, 23, 9)
    data.d["A0"] = _receive(data)
    data.k["K7"] = make_pakn(w)
    _step(clock, 2026, 2, 24, 9)
    data.d["A0"] = _resolve(w, data.d["A0"])
    _step(clock, 2026, 2, 27, 9)
    data.d["A1"] = _receive(data)


def _early_march(w: World, clock: Clock, data: Crafted) -> None:
    u = w.everyone
    _step(clock, 2026, 3, 2, 9)
    scan = NewFile(_pdf("to-khai-scan.pdf"), digitised=True)
    data.d["A2"] = _receive(data, files=[scan])
    data.d["A3"] = _receive(data)
    workflow.receive(
        actor=w.outsider, version=data.paper, receiving_unit=w.other_commune, applicant=APPLICANT
    )
    for name in ("K1", "K2", "K3", "K5"):
        data.k[name] = make_pakn(w)
    make_pakn(w, unit=w.other_commune)
    _step(clock, 2026, 3, 2, 10)
    workflow.request_supplement(dossier=data.d["A3"], actor=u, missing=["Tờ khai"])
    _step(clock, 2026, 3, 3, 9)
    data.d["A1"] = _resolve(w, data.d["A1"], result_file=True)
    workflow.supplement_received(dossier=data.d["A3"], actor=u)
    data.k["K1"] = _answered(w, data.k["K1"], liked=True)
    data.k["K2"] = _answered(w, data.k["K2"], liked=False)
    data.k["K3"] = _answered(w, data.k["K3"], liked=True)
    _step(clock, 2026, 3, 3, 10)
    workflow.request_supplement(dossier=data.d["A3"], actor=u, missing=["Bản sao"])
    _step(clock, 2026, 3, 4, 9)
    workflow.supplement_received(dossier=data.d["A3"], actor=u)
    _step(clock, 2026, 3, 5, 9)
    data.d["A3"] = _resolve(w, data.d["A3"])
    _step(clock, 2026, 3, 6, 9)
    a2 = _resolve(w, data.d["A2"])
    data.d["A2"] = workflow.return_result(
        dossier=a2, actor=u, method=ReturnMethod.ELECTRONIC, returned_to="an@example.vn"
    )
    _rate(data.d["A2"], Level.VERY_DISSATISFIED, clock)


def _mid_march(w: World, clock: Clock, data: Crafted) -> None:
    u = w.everyone
    _step(clock, 2026, 3, 9, 9)
    data.d["A4"] = _receive(
        data, data.no_paper, files=[NewFile(_pdf("to-khai-scan.pdf"), digitised=True)]
    )
    _step(clock, 2026, 3, 10, 9)
    data.d["A15"] = _receive(data)
    _step(clock, 2026, 3, 10, 10)
    data.d["A15"] = workflow.refuse(dossier=data.d["A15"], actor=u, reasons=["Sai thẩm quyền"])
    _step(clock, 2026, 3, 11, 9)
    a4 = _resolve(w, data.d["A4"])
    data.d["A4"] = workflow.return_result(
        dossier=a4, actor=u, method=ReturnMethod.COUNTER, returned_to="An"
    )
    _rate(data.d["A4"], Level.DISSATISFIED, clock)
    data.d["A16"] = _in_process(w, _receive(data))
    _step(clock, 2026, 3, 12, 9)
    data.d["A16"] = workflow.stop(dossier=data.d["A16"], actor=u, reasons=["Không đủ điều kiện"])
    data.d["A17"] = _receive(data)
    _step(clock, 2026, 3, 12, 10)
    data.d["A17"] = workflow.withdraw(
        dossier=data.d["A17"], actor=u, request_date=at(2026, 3, 12).date()
    )
    _step(clock, 2026, 3, 16, 9)
    for name, version in (("A5", data.paper), ("A6", data.paper), ("A7", data.no_paper)):
        data.d[name] = _submit(data, version)
    data.d["A8"] = _submit(data, data.paper, files=False)
    data.d["A9"] = _submit(data, data.paper, files=False)
    data.k["K4"] = make_pakn(w, earlier=data.k["K3"])
    _step(clock, 2026, 3, 16, 10)
    for name in ("A5", "A6", "A7"):
        data.d[name] = workflow.accept_online(dossier=data.d[name], actor=u)
    _step(clock, 2026, 3, 16, 11)
    data.d["A8"] = workflow.refuse(dossier=data.d["A8"], actor=u, reasons=["Hồ sơ không hợp lệ"])
    _step(clock, 2026, 3, 17, 9)
    a7 = _resolve(w, data.d["A7"])
    data.d["A7"] = workflow.return_result(
        dossier=a7, actor=u, method=ReturnMethod.ELECTRONIC, returned_to="an@example.vn"
    )
    _rate(data.d["A7"], Level.NEUTRAL, clock)
    data.d["A9"] = workflow.withdraw(
        dossier=data.d["A9"], actor=u, request_date=at(2026, 3, 17).date()
    )
    _step(clock, 2026, 3, 18, 10)
    data.d["A5"] = _resolve(w, data.d["A5"], result_file=True)
    _step(clock, 2026, 3, 18, 11)
    data.d["A6"] = _resolve(w, data.d["A6"])
    _rate(data.d["A1"], Level.VERY_SATISFIED, clock)


def _late_march(w: World, clock: Clock, data: Crafted) -> None:
    u = w.everyone
    _step(clock, 2026, 3, 20, 9)
    data.d["A11"] = _receive(data)
    data.k["K6"] = make_pakn(w, dossier_id=data.d["A5"].pk)
    _step(clock, 2026, 3, 23, 9)
    data.d["A13"] = _receive(data)
    data.d["A14"] = _receive(data)
    _step(clock, 2026, 3, 24, 9)
    workflow.request_supplement(dossier=data.d["A13"], actor=u, missing=["Tờ khai"])
    _step(clock, 2026, 3, 27, 9)
    workflow.request_supplement(dossier=data.d["A14"], actor=u, missing=["Tờ khai"])
    _step(clock, 2026, 3, 30, 9)
    data.d["A12"] = _receive(data)
    _step(clock, 2026, 3, 31, 9)
    data.d["A10"] = _submit(data, data.paper, files=False)
    assert data.d["A10"].channel == Channel.ONLINE
    _step(clock, 2026, 4, 2, 9)
