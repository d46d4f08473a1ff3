"""The one way to change a dossier: one function per legal action (ARCHITECTURE.md).

Every function is atomic, locks the dossier row, checks `TRANSITIONS` and the actor's role in
the right unit, saves with `update_fields` and appends a `DossierEvent` — or raises
`WorkflowError` having changed nothing. See docs/workflow.md.
"""

from motcua.dossiers.workflow.amend import amend
from motcua.dossiers.workflow.fees import exempt_fee, record_payment
from motcua.dossiers.workflow.intake import (
    Applicant,
    accept_online,
    late_supplement_cause,
    receive,
    refuse,
    refuse_at_counter,
    request_supplement,
    request_withdrawal,
    submit_online,
    supplement_received,
    withdraw,
)
from motcua.dossiers.workflow.processing import (
    assign,
    forward,
    forward_target,
    hand_over,
    pause_for_fees,
    reschedule,
    resume,
    stop,
    transfer,
)
from motcua.dossiers.workflow.result import approve, issue_result, return_result
from motcua.dossiers.workflow.table import TRANSITIONS, Transition, WorkflowError

__all__ = [
    "TRANSITIONS",
    "Applicant",
    "Transition",
    "WorkflowError",
    "accept_online",
    "amend",
    "approve",
    "assign",
    "exempt_fee",
    "forward",
    "forward_target",
    "hand_over",
    "issue_result",
    "late_supplement_cause",
    "pause_for_fees",
    "receive",
    "record_payment",
    "refuse",
    "refuse_at_counter",
    "request_supplement",
    "request_withdrawal",
    "reschedule",
    "resume",
    "return_result",
    "stop",
    "submit_online",
    "supplement_received",
    "transfer",
    "withdraw",
]
