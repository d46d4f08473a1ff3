"""The transition table: the only place that knows which status may follow which."""

from typing import NamedTuple

from django.core.exceptions import ValidationError

from motcua.accounts.models import Role
from motcua.dossiers.models import DossierStatus as S


class WorkflowError(ValidationError):
    """An action refused; nothing was changed. The message is for the officer, in Vietnamese."""


# Targets that are not a fixed status.
BACK_FROM_PAUSE = "back_from_pause"  # the status the dossier had when the pause began
UNCHANGED = "unchanged"  # the action records something without moving the dossier


# Actions the applicant may perform themselves (actor None), having proven their contact on
# the portal: the portal is the caller that checks who they are.
BY_APPLICANT = frozenset({"supplement_received", "request_withdrawal", "record_payment", "resume"})
APPLICANT_LABEL = "Người nộp hồ sơ"


class Transition(NamedTuple):
    label: str  # the verb in "Không thể <label> hồ sơ …"
    sources: tuple[S, ...]  # empty: the action creates the dossier
    target: str  # a DossierStatus, BACK_FROM_PAUSE or UNCHANGED
    roles: tuple[Role, ...]
    # Units where the actor must hold one of `roles`: "receiving" (Bộ phận Một cửa where it
    # was filed), "current" (the unit holding it now), "deciding" (the competent body).
    places: tuple[str, ...]


_RECEIPT = ("receiving",)
_HOLDER = ("current",)
_DECIDER = ("deciding",)
_ACTIVE = (S.FORWARDED, S.IN_PROCESS)
_PAUSED = (S.SUPPLEMENT_REQUESTED, S.AWAITING_FEES)
# While fees can still be paid or exempted (motcua/payments).
_PAYABLE = (S.SUBMITTED, S.RECEIVED, *_ACTIVE, S.AWAITING_FEES, S.APPROVED, S.RESULT_READY)

TRANSITIONS: dict[str, Transition] = {
    # The citizen (or a community digital team member helping) files online.
    "submit_online": Transition(
        "nộp trực tuyến", (), S.SUBMITTED, (Role.DIGITAL_TEAM, Role.RECEIVER), _RECEIPT
    ),
    "receive": Transition("tiếp nhận", (), S.RECEIVED, (Role.RECEIVER,), _RECEIPT),
    "accept_online": Transition(
        "tiếp nhận", (S.SUBMITTED,), S.RECEIVED, (Role.RECEIVER,), _RECEIPT
    ),
    # Before receipt, at the counter: creates a CounterRefusal, never a dossier (Mẫu 03).
    "refuse_at_counter": Transition("từ chối tiếp nhận", (), S.REFUSED, (Role.RECEIVER,), _RECEIPT),
    "refuse": Transition(
        "từ chối tiếp nhận", (S.SUBMITTED, S.RECEIVED), S.REFUSED, (Role.RECEIVER,), _RECEIPT
    ),
    "request_supplement": Transition(
        "yêu cầu bổ sung",
        (S.SUBMITTED, S.RECEIVED, *_ACTIVE),
        S.SUPPLEMENT_REQUESTED,
        (Role.RECEIVER, Role.HANDLER, Role.HEAD),
        ("receiving", "current"),
    ),
    "supplement_received": Transition(
        "nhận bổ sung",
        (S.SUPPLEMENT_REQUESTED,),
        BACK_FROM_PAUSE,
        (Role.RECEIVER, Role.HANDLER, Role.HEAD),
        ("receiving", "current"),
    ),
    "forward": Transition("chuyển xử lý", (S.RECEIVED,), S.FORWARDED, (Role.RECEIVER,), _RECEIPT),
    "assign": Transition("phân công", _ACTIVE, S.IN_PROCESS, (Role.HEAD,), _HOLDER),
    "hand_over": Transition(
        "chuyển bước",
        (S.IN_PROCESS,),
        S.IN_PROCESS,
        (Role.HANDLER, Role.HEAD, Role.SIGNER),
        _HOLDER,
    ),
    "pause_for_fees": Transition(
        "tạm dừng chờ nghĩa vụ tài chính",
        (S.IN_PROCESS, S.APPROVED),
        S.AWAITING_FEES,
        (Role.HANDLER, Role.HEAD),
        _HOLDER,
    ),
    "resume": Transition(
        "tiếp tục xử lý",
        (S.AWAITING_FEES,),
        BACK_FROM_PAUSE,
        (Role.RECEIVER, Role.HANDLER, Role.HEAD),
        ("receiving", "current"),
    ),
    "stop": Transition(
        "dừng xử lý", (*_ACTIVE, *_PAUSED), S.STOPPED, (Role.HEAD, Role.SIGNER), _HOLDER
    ),
    # Recorded by Bộ phận Một cửa, which issues Mẫu 05; never once a decision is signed.
    "withdraw": Transition(
        "rút",
        (S.SUBMITTED, S.RECEIVED, *_ACTIVE, *_PAUSED),
        S.WITHDRAWN,
        (Role.RECEIVER,),
        _RECEIPT,
    ),
    # A correction of the application's own data by the desk (e.g. through the GovStack
    # Registration API, docs/api.md): recorded with what changed, the status is unchanged.
    "amend": Transition(
        "cập nhật thông tin",
        (S.SUBMITTED, S.RECEIVED, *_ACTIVE, *_PAUSED),
        UNCHANGED,
        (Role.RECEIVER,),
        _RECEIPT,
    ),
    # The applicant asks online (second factor checked by the portal); `withdraw` confirms.
    "request_withdrawal": Transition(
        "đề nghị rút",
        (S.SUBMITTED, S.RECEIVED, *_ACTIVE, *_PAUSED),
        UNCHANGED,
        (Role.RECEIVER,),
        _RECEIPT,
    ),
    "reschedule": Transition(
        "gia hạn", (*_ACTIVE, *_PAUSED, S.APPROVED), UNCHANGED, (Role.SIGNER,), _DECIDER
    ),
    "approve": Transition("ký duyệt", (S.IN_PROCESS,), S.APPROVED, (Role.SIGNER,), _DECIDER),
    "issue_result": Transition(
        "phát hành kết quả", (S.APPROVED,), S.RESULT_READY, (Role.CLERK,), _DECIDER
    ),
    "return_result": Transition(
        "trả kết quả", (S.RESULT_READY,), S.RETURNED, (Role.RECEIVER,), _RECEIPT
    ),
    # Fees (motcua/payments): recorded in the log without moving the dossier.
    "record_payment": Transition(
        "ghi nhận thanh toán cho", _PAYABLE, UNCHANGED, (Role.RECEIVER,), _RECEIPT
    ),
    "exempt_fee": Transition(
        "miễn, giảm phí cho",
        _PAYABLE,
        UNCHANGED,
        (Role.RECEIVER, Role.HEAD),
        ("receiving", "current"),
    ),
    # Liên thông: the dossier goes to a coordinating unit, whose head assigns it again.
    "transfer": Transition(
        "chuyển liên thông", _ACTIVE, S.FORWARDED, (Role.HEAD, Role.SIGNER), _HOLDER
    ),
}
