"""One URL per workflow action: GET shows its small form (the confirmation step), POST calls
exactly one workflow function and redirects to the dossier page.

Whether an action is offered comes from `workflow.TRANSITIONS` through the workflow's own
read-only check, so the page never offers what the workflow would refuse for status or role.
"""

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.functional import cached_property
from django.views import View

from motcua.accounts.access import has_role
from motcua.accounts.models import Role, User
from motcua.dossiers import workflow
from motcua.dossiers.attachments import NewFile
from motcua.dossiers.models import Dossier
from motcua.dossiers.office_forms import (
    ActionForm,
    AssignForm,
    FeesForm,
    HandOverForm,
    IssueResultForm,
    ReasonsForm,
    RescheduleForm,
    ReturnResultForm,
    SupplementReceivedForm,
    SupplementRequestForm,
    TransferForm,
    WithdrawForm,
    next_step_of,
)
from motcua.dossiers.selectors import get_dossier_for_user
from motcua.dossiers.views.office_urls import ACTION_SLUGS
from motcua.dossiers.workflow.core import check

Data = Mapping[str, Any]


@dataclass(frozen=True)
class Action:
    name: str  # the key in workflow.TRANSITIONS, the workflow function's and the URL's name
    title: str  # heading of the form page and text of the link on the dossier page
    form: type[ActionForm]
    perform: Callable[[Dossier, User, Data], Dossier]
    done: str  # the message after success
    explain: Callable[[Dossier], str] = lambda dossier: ""  # what will happen, shown above the form
    # Ends the dossier (refuse, stop, withdraw): drawn apart from the main action, confirmed.
    final: bool = False

    @property
    def slug(self) -> str:
        """The last segment of its URL (office_urls.ACTION_SLUGS)."""
        return ACTION_SLUGS[self.name]


def _forward_text(dossier: Dossier) -> str:
    """Names the step the dossier will really enter (after the desk's own reception step)."""
    step, unit = workflow.forward_target(dossier)
    entered = f"; hồ sơ vào bước “{step.order}. {step.name}”" if step else ""
    return (
        f"Hồ sơ {dossier.code} sẽ được chuyển đến {unit}{entered}. "
        "Sau khi chuyển, Bộ phận Một cửa không còn sửa được hồ sơ. Hãy kiểm tra lại trước khi "
        "xác nhận."
    )


def _supplement_text(dossier: Dossier) -> str:
    cause = workflow.late_supplement_cause(dossier, timezone.now())
    if cause:
        return (
            f"Chú ý: yêu cầu bổ sung này làm hồ sơ bị tính là TRỄ HẠN ({cause}). Chỉ gửi khi "
            "thật cần thiết, ghi rõ lý do và xác nhận."
        )
    return (
        "Liệt kê mọi giấy tờ còn thiếu trong một lần: yêu cầu bổ sung lần thứ hai làm hồ sơ "
        "bị tính là trễ hạn."
    )


def _final_text(what: str) -> Callable[[Dossier], str]:
    return lambda d: (
        f"{what} kết thúc việc giải quyết hồ sơ {d.code} và không hoàn tác được. Ghi rõ lý do "
        "(được in trên thông báo gửi người nộp) và đánh dấu xác nhận."
    )


def _withdraw_text(dossier: Dossier) -> str:
    text = _final_text("Rút hồ sơ")(dossier)
    if dossier.withdrawal_requested_at:
        asked = timezone.localtime(dossier.withdrawal_requested_at)
        text = f"Công dân đã đề nghị rút hồ sơ trực tuyến lúc {asked:%H:%M %d/%m/%Y}. " + text
    return text


def _hand_over_text(dossier: Dossier) -> str:
    following = next_step_of(dossier)
    current = dossier.current_step.name if dossier.current_step else "—"
    target = following.name if following else "—"
    return f"Kết thúc bước “{current}” và chuyển sang bước “{target}”."


def _files(data: Data) -> list[NewFile]:
    return [NewFile(file=upload) for upload in data.get("uploads") or []]


W = workflow
ACTIONS: tuple[Action, ...] = (
    Action("accept_online", "Tiếp nhận hồ sơ trực tuyến", ActionForm,
           lambda d, u, f: W.accept_online(dossier=d, actor=u, note=f["note"]),
           "Đã tiếp nhận hồ sơ."),
    Action("refuse", "Từ chối tiếp nhận (Mẫu 03)", ReasonsForm,
           lambda d, u, f: W.refuse(dossier=d, actor=u, reasons=f["reasons"]),
           "Đã từ chối tiếp nhận hồ sơ.", _final_text("Từ chối tiếp nhận"), final=True),
    Action("request_supplement", "Yêu cầu bổ sung (Mẫu 02)",
           SupplementRequestForm,
           lambda d, u, f: W.request_supplement(
               dossier=d, actor=u, missing=f["missing"], reason=f["reason"]),
           "Đã gửi yêu cầu bổ sung; thời hạn tạm dừng.", _supplement_text),
    Action("supplement_received", "Đã nhận bổ sung", SupplementReceivedForm,
           lambda d, u, f: W.supplement_received(
               dossier=d, actor=u, files=_files(f), note=f["note"]),
           "Đã nhận bổ sung; thời hạn được tính tiếp."),
    Action("forward", "Chuyển xử lý", ActionForm,
           lambda d, u, f: W.forward(dossier=d, actor=u, note=f["note"]),
           "Đã chuyển hồ sơ đến đơn vị xử lý.", _forward_text),
    Action("assign", "Phân công xử lý", AssignForm,
           lambda d, u, f: W.assign(dossier=d, actor=u, assignee=f["assignee"], note=f["note"]),
           "Đã phân công cán bộ xử lý."),
    Action("hand_over", "Chuyển bước tiếp theo", HandOverForm,
           lambda d, u, f: W.hand_over(
               dossier=d, actor=u, to_user=f.get("to_user"), note=f["note"]),
           "Đã chuyển sang bước tiếp theo.", _hand_over_text),
    Action("pause_for_fees", "Tạm dừng chờ nghĩa vụ tài chính",
           FeesForm,
           lambda d, u, f: W.pause_for_fees(
               dossier=d, actor=u, amount_vnd=f["amount_vnd"], note=f["note"]),
           "Đã tạm dừng hồ sơ chờ thực hiện nghĩa vụ tài chính."),
    Action("resume", "Tiếp tục xử lý (đã nộp nghĩa vụ tài chính)", ActionForm,
           lambda d, u, f: W.resume(dossier=d, actor=u, note=f["note"]),
           "Hồ sơ được xử lý tiếp; thời hạn được tính tiếp."),
    Action("stop", "Dừng xử lý", ReasonsForm,
           lambda d, u, f: W.stop(dossier=d, actor=u, reasons=f["reasons"]),
           "Đã dừng xử lý hồ sơ.", _final_text("Dừng xử lý"), final=True),
    Action("withdraw", "Rút hồ sơ theo đề nghị của công dân (Mẫu 05)", WithdrawForm,
           lambda d, u, f: W.withdraw(
               dossier=d, actor=u, request_date=f["request_date"], note=f["note"]),
           "Đã ghi nhận việc rút hồ sơ.", _withdraw_text, final=True),
    Action("reschedule", "Gia hạn, xin lỗi (Mẫu 04)", RescheduleForm,
           lambda d, u, f: W.reschedule(
               dossier=d, actor=u, new_due_at=f["new_due_at"], reason=f["reason"]),
           "Đã gia hạn và hẹn lại ngày trả kết quả.",
           lambda d: "Chỉ được gia hạn một lần, trước thời điểm hẹn trả."),
    Action("approve", "Ký duyệt", ActionForm,
           lambda d, u, f: W.approve(dossier=d, actor=u, note=f["note"]),
           "Đã ký duyệt hồ sơ."),
    Action("issue_result", "Vào số, phát hành kết quả", IssueResultForm,
           lambda d, u, f: W.issue_result(
               dossier=d, actor=u, result_number=f["result_number"],
               result_file=f.get("result_file")),
           "Đã phát hành kết quả; kết quả chuyển về Bộ phận Một cửa."),
    Action("return_result", "Trả kết quả", ReturnResultForm,
           lambda d, u, f: W.return_result(
               dossier=d, actor=u, method=f["method"], returned_to=f["returned_to"],
               note=f["note"]),
           "Đã trả kết quả."),
    Action("transfer", "Chuyển liên thông", TransferForm,
           lambda d, u, f: W.transfer(dossier=d, actor=u, to_unit=f["to_unit"], note=f["note"]),
           "Đã chuyển hồ sơ liên thông."),
)  # fmt: skip


def refusal(user: User, dossier: Dossier, action: Action, now: dt.datetime) -> str:
    """Why `user` cannot take `action` now ("" when they can), without changing anything."""
    try:
        check(dossier, action.name, user)
    except workflow.WorkflowError as error:
        return str(error.messages[0])
    return _extra_rule(user, dossier, action.name, now)


def _extra_rule(user: User, dossier: Dossier, name: str, now: dt.datetime) -> str:
    """The workflow's rules beyond the table that decide whether to offer an action at all."""
    if name == "hand_over":
        if next_step_of(dossier) is None:
            return "Đây là bước cuối của quy trình: hãy trình ký hoặc phát hành."
        if dossier.assignee_id not in (None, user.pk) and not has_role(
            user, dossier.current_unit, Role.HEAD
        ):
            return "Chỉ cán bộ đang giữ hồ sơ hoặc lãnh đạo đơn vị được chuyển bước."
    if name == "reschedule":
        if dossier.reschedule_count:
            return "Hồ sơ đã được gia hạn một lần: không thể gia hạn lại."
        if dossier.due_at is None or dossier.due_at <= now:
            return "Đã quá hạn giải quyết: không thể gia hạn nữa."
    if name == "withdraw" and dossier.result_signer_id is not None:
        return f"Hồ sơ {dossier.code} đã có quyết định hoặc kết quả: không thể rút."
    return ""


def actions_for(user: User, dossier: Dossier) -> list[Action]:
    """The actions the user may take on the dossier now, in the order of the table."""
    now = timezone.now()
    return [action for action in ACTIONS if not refusal(user, dossier, action, now)]


BY_NAME = {action.name: action for action in ACTIONS}


class ActionView(LoginRequiredMixin, View):
    """The form page and the POST endpoint of one action (bound in office_urls)."""

    action_name = ACTIONS[0].name  # replaced by as_view(action_name=…) for each URL
    http_method_names = ["get", "post"]

    @cached_property
    def action(self) -> Action:
        return BY_NAME[self.action_name]

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        dossier = get_dossier_for_user(request.user, pk)  # type: ignore[arg-type]
        why_not = refusal(request.user, dossier, self.action, timezone.now())  # type: ignore[arg-type]
        form = None if why_not else self.action.form(dossier=dossier)
        return self._page(request, dossier, form, why_not)

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        user: User = request.user  # type: ignore[assignment]
        dossier = get_dossier_for_user(user, pk)
        form = self.action.form(request.POST, request.FILES, dossier=dossier)
        if not form.is_valid():
            why_not = refusal(user, dossier, self.action, timezone.now())
            return self._page(request, dossier, form, why_not, status=400)
        try:
            self.action.perform(dossier, user, form.cleaned_data)
        except workflow.WorkflowError as error:
            status = 403 if error.code == "permission" else 409
            return self._page(request, dossier, form, str(error.messages[0]), status=status)
        messages.success(request, f"{self.action.done} ({dossier.code})")
        return redirect("dossiers:detail", pk=dossier.pk)

    def _page(
        self,
        request: HttpRequest,
        dossier: Dossier,
        form: ActionForm | None,
        error: str,
        status: int = 200,
    ) -> HttpResponse:
        context = {
            "dossier": dossier,
            "action": self.action,
            "explain": self.action.explain(dossier),
            "form": form,
            "error": error,
        }
        return render(request, "dossiers/office/action.html", context, status=status)
