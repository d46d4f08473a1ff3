"""Drive a dossier to any status through the workflow itself (never by writing the row)."""

from collections.abc import Callable

from motcua.accounts.models import User
from motcua.dossiers import workflow
from motcua.dossiers.models import Dossier, DossierStatus, ReturnMethod
from motcua.dossiers.tests.conftest import World

S = DossierStatus

APPLICANT = workflow.Applicant(
    name="Nguyễn Văn An",
    personal_id="001203004567",
    phone="0912345678",
    email="an@example.vn",
    address="Thôn 1, xã Thử Nghiệm",
)


def received(w: World, actor: User | None = None) -> Dossier:
    return workflow.receive(
        actor=actor or w.receiver,
        version=w.version,
        receiving_unit=w.commune,
        applicant=APPLICANT,
    )


def submitted(w: World, actor: User | None = None) -> Dossier:
    return workflow.submit_online(version=w.version, receiving_unit=w.commune, applicant=APPLICANT)


def withdrawn(w: World, u: User) -> Dossier:
    d = received(w, u)
    assert d.received_at is not None
    return workflow.withdraw(dossier=d, actor=u, request_date=d.received_at.date())


def in_status(w: World, status: str, u: User | None = None) -> Dossier:
    """A dossier of the commune in `status`, reached by the usual path; `u` does every step."""
    u = u or w.everyone
    paths: dict[str, Callable[[], Dossier]] = {
        S.SUBMITTED: lambda: submitted(w),
        S.RECEIVED: lambda: received(w, u),
        S.REFUSED: lambda: workflow.refuse(dossier=received(w, u), actor=u, reasons=["Sai"]),
        S.FORWARDED: lambda: workflow.forward(dossier=received(w, u), actor=u),
        S.IN_PROCESS: lambda: workflow.assign(
            dossier=in_status(w, S.FORWARDED, u), actor=u, assignee=u
        ),
        S.APPROVED: lambda: workflow.approve(dossier=in_status(w, S.IN_PROCESS, u), actor=u),
        S.SUPPLEMENT_REQUESTED: lambda: workflow.request_supplement(
            dossier=received(w, u), actor=u, missing=["Tờ khai"]
        ),
        S.AWAITING_FEES: lambda: workflow.pause_for_fees(
            dossier=in_status(w, S.IN_PROCESS, u), actor=u
        ),
        S.WITHDRAWN: lambda: withdrawn(w, u),
        S.STOPPED: lambda: workflow.stop(
            dossier=in_status(w, S.IN_PROCESS, u), actor=u, reasons=["Không đủ điều kiện"]
        ),
        S.RESULT_READY: lambda: workflow.issue_result(
            dossier=in_status(w, S.APPROVED, u), actor=u, result_number="12/QĐ-UBND"
        ),
        S.RETURNED: lambda: workflow.return_result(
            dossier=in_status(w, S.RESULT_READY, u),
            actor=u,
            method=ReturnMethod.COUNTER,
            returned_to="Nguyễn Văn An",
        ),
    }
    return paths[status]()
