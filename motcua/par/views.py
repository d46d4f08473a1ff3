"""Staff pages of the PAR index: rubrics, assessments, a unit's scored rubric, results. Every
object is read through a `get_<thing>_for_user` selector (404 outside the user's reach); every
change is one POST calling one service, then a redirect."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.text import slugify
from django.views.decorators.http import require_POST

from motcua.accounts.models import COMMUNE_KINDS, OrgUnit, UnitKind, User
from motcua.lib.widgets import parse_day
from motcua.par import charts, excel, selectors, services
from motcua.par.exchange import (
    RubricInvalid,
    rubric_from_excel,
    rubric_from_json,
    rubric_to_excel,
    rubric_to_json,
)
from motcua.par.models import Change, Evidence, Phase, RubricNode, Stage, UnitAssessment, UnitStatus
from motcua.par.sheet import Row, parse_answer, sheet_rows

MAX_RUBRIC_BYTES = 5 * 1024 * 1024


def _user(request: HttpRequest) -> User:
    assert isinstance(request.user, User)
    return request.user


def _refused(request: HttpRequest, error: services.ParError) -> None:
    for message in error.messages:
        messages.error(request, message)


@login_required
def home(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    provinces = selectors.appraiser_provinces(user)
    context = {
        "assessments": selectors.assessments_for_user(user),
        "own": selectors.own_unit_assessments(user).order_by("-assessment__year", "unit__name"),
        "appraiser": bool(provinces),
    }
    return render(request, "par/home.html", context)


# -- rubrics ----------------------------------------------------------------------------------


@login_required
def rubrics(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    if not selectors.appraiser_provinces(user):
        raise Http404
    return render(request, "par/rubrics.html", {"rubrics": selectors.rubrics_for_user(user)})


@login_required
@require_POST
def rubric_import(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    provinces = sorted(selectors.appraiser_provinces(user))
    upload = request.FILES.get("tep")
    if not provinces:
        raise Http404
    if upload is None or upload.size > MAX_RUBRIC_BYTES:  # type: ignore[operator]
        messages.error(request, "Chọn tệp bộ tiêu chí (JSON hoặc Excel .xlsx, tối đa 5 MB).")
        return redirect("par:rubrics")
    content = upload.read()
    try:
        is_excel = content[:2] == b"PK"
        data = rubric_from_excel(content) if is_excel else rubric_from_json(content)
        province = OrgUnit.objects.get(pk=provinces[0])
        rubric = services.rubric_create(province=province, data=data)
    except RubricInvalid as exc:
        messages.error(request, "Không nhập bộ tiêu chí; chưa có gì được lưu. Lỗi:")
        for error in exc.errors[:50]:
            messages.error(request, error)
        return redirect("par:rubrics")
    messages.success(request, f"Đã nhập “{rubric.name}” (bản nháp, chưa ban hành).")
    return redirect("par:rubric", pk=rubric.pk)


@login_required
def rubric(request: HttpRequest, pk: int) -> HttpResponse:
    found = selectors.get_rubric_for_user(_user(request), pk)
    nodes = found.nodes.order_by("position")
    communes = OrgUnit.objects.filter(parent=found.province, kind__in=_kinds(found.level))
    context = {"rubric": found, "nodes": nodes, "unit_count": communes.count()}
    return render(request, "par/rubric.html", context)


def _kinds(level: str) -> tuple[str, ...]:
    """The units a rubric of this level assesses: the province's communes or its departments."""
    return tuple(COMMUNE_KINDS) if level == "commune" else (UnitKind.DEPARTMENT,)


@login_required
def rubric_export(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    found = selectors.get_rubric_for_user(_user(request), pk)
    data = services.rubric_data(found)
    name = slugify(f"bo-tieu-chi-cchc-{found.level}-{found.year}")
    if fmt == "json":
        response = HttpResponse(rubric_to_json(data), content_type="application/json")
        response["Content-Disposition"] = f'attachment; filename="{name}.json"'
        return response
    response = HttpResponse(rubric_to_excel(data), content_type=excel.XLSX)
    response["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
    return response


@login_required
@require_POST
def rubric_publish(request: HttpRequest, pk: int) -> HttpResponse:
    found = selectors.get_rubric_for_user(_user(request), pk)
    services.rubric_publish(rubric=found)
    messages.success(request, "Đã ban hành bộ tiêu chí; từ nay không sửa được nữa.")
    return redirect("par:rubric", pk=pk)


@login_required
@require_POST
def rubric_copy(request: HttpRequest, pk: int) -> HttpResponse:
    found = selectors.get_rubric_for_user(_user(request), pk)
    try:
        copy = services.rubric_copy(rubric=found, year=found.year + 1)
    except services.ParError as exc:
        _refused(request, exc)
        return redirect("par:rubric", pk=pk)
    messages.success(request, f"Đã tạo bộ tiêu chí năm {copy.year} (bản nháp) từ năm {found.year}.")
    return redirect("par:rubric", pk=copy.pk)


def _date(raw: str) -> dt.date | None:
    return parse_day(raw)


@login_required
@require_POST
def assessment_open(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    found = selectors.get_rubric_for_user(user, pk)
    keys = ("han_tu_danh_gia", "han_giai_trinh", "han_ket_qua")
    dates = [d for k in keys if (d := _date(request.POST.get(k, ""))) is not None]
    if len(dates) < len(keys):
        messages.error(request, "Nhập đủ ba hạn (ngày/tháng/năm).")
        return redirect("par:rubric", pk=pk)
    units = OrgUnit.objects.filter(parent=found.province, kind__in=_kinds(found.level))
    try:
        opened = services.assessment_open(
            rubric=found,
            units=units,
            actor=user,
            self_by=dates[0],
            explain_by=dates[1],
            results_by=dates[2],
        )
    except services.ParError as exc:
        _refused(request, exc)
        return redirect("par:rubric", pk=pk)
    messages.success(request, f"Đã mở kỳ đánh giá cho {opened.units.count()} đơn vị.")
    return redirect("par:assessment", pk=opened.pk)


# -- assessments ------------------------------------------------------------------------------


@login_required
def assessment(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    found = selectors.get_assessment_for_user(user, pk)
    appraiser = selectors.is_appraiser(user, found)
    units = found.units.select_related("unit")
    if not appraiser:
        units = units.filter(pk__in=selectors.own_unit_assessments(user).values("pk"))
    context = {
        "assessment": found,
        "appraiser": appraiser,
        "units": units.order_by("unit__name"),
        "queue": selectors.appraisal_queue(found) if appraiser else [],
        "results_visible": selectors.results_visible(user, found),
        "next_phase": services.NEXT_PHASE.get(Phase(found.phase)),
    }
    return render(request, "par/assessment.html", context)


def _appraised(request: HttpRequest, pk: int):  # type: ignore[no-untyped-def]
    user = _user(request)
    found = selectors.get_assessment_for_user(user, pk)
    if not selectors.is_appraiser(user, found):
        raise PermissionDenied
    return user, found


@login_required
@require_POST
def phase_advance(request: HttpRequest, pk: int) -> HttpResponse:
    user, found = _appraised(request, pk)
    try:
        moved = services.phase_advance(assessment=found, actor=user)
        messages.success(request, f"Đã chuyển sang giai đoạn “{moved.get_phase_display()}”.")
    except services.ParError as exc:
        _refused(request, exc)
    return redirect("par:assessment", pk=pk)


@login_required
@require_POST
def assessment_publish(request: HttpRequest, pk: int) -> HttpResponse:
    user, found = _appraised(request, pk)
    day = _date(request.POST.get("ngay", ""))
    if day is None:
        messages.error(request, "Nhập ngày ký quyết định công bố.")
        return redirect("par:assessment", pk=pk)
    try:
        services.assessment_publish(
            assessment=found,
            number=request.POST.get("so", ""),
            date=day,
            signer=request.POST.get("nguoi_ky", ""),
            actor=user,
        )
        messages.success(request, "Đã công bố kết quả Chỉ số CCHC.")
    except services.ParError as exc:
        _refused(request, exc)
    return redirect("par:assessment", pk=pk)


@login_required
@require_POST
def assessment_refresh(request: HttpRequest, pk: int) -> HttpResponse:
    _, found = _appraised(request, pk)
    try:
        written = services.auto_refresh(assessment=found)
        messages.success(request, f"Đã cập nhật số liệu tự động ({written} tiêu chí thay đổi).")
    except services.ParError as exc:
        _refused(request, exc)
    return redirect("par:assessment", pk=pk)


@login_required
def results(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    found = selectors.get_assessment_for_user(user, pk)
    if not selectors.results_visible(user, found):
        raise Http404
    stage = request.GET.get("vong", "final")
    computed = selectors.assessment_results(
        found, stage if stage in selectors.STANDING else "final"
    )
    context = {"assessment": found, "results": computed, "chart": charts.ranking_chart(computed)}
    return render(request, "par/results.html", context)


@login_required
def results_excel(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    found = selectors.get_assessment_for_user(user, pk)
    if not selectors.results_visible(user, found):
        raise Http404
    response = HttpResponse(
        excel.results_workbook(selectors.assessment_results(found)), content_type=excel.XLSX
    )
    response["Content-Disposition"] = (
        f'attachment; filename="ket-qua-chi-so-cchc-{found.year}.xlsx"'
    )
    return response


# -- one unit's assessment --------------------------------------------------------------------


@login_required
def unit(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    ua = selectors.get_unit_assessment_for_user(user, pk)
    can = _abilities(user, ua)
    rows = sheet_rows(ua, _stage_shown(ua, can["appraiser"]))
    published = ua.assessment.phase == Phase.PUBLISHED
    show_appraisal = can["appraiser"] or ua.assessment.phase not in (Phase.SELF, Phase.ROUND1)
    mine, count, chart = None, 0, ""
    if can["appraiser"] or published or ua.assessment.phase in (Phase.EXPLAIN, Phase.ROUND2):
        computed = selectors.assessment_results(ua.assessment, _stage_shown(ua, can["appraiser"]))
        mine = next((r for r in computed.units if r.unit_assessment_id == ua.pk), None)
        count = len(computed.units)
        chart = charts.areas_chart(computed, mine) if mine else ""
    context = {
        "ua": ua,
        "assessment": ua.assessment,
        "rows": rows,
        "can": can,
        "show_appraisal": show_appraisal,
        "missing": services.missing_leaves(ua),
        "result": mine,
        "count": count,
        "chart": chart,
        "changes": _changes_seen(ua, can["appraiser"]),
    }
    return render(request, "par/unit.html", context)


def _stage_shown(ua: UnitAssessment, appraiser: bool) -> str:
    """The unit sees round 1 until publication; appraisers see where they stand."""
    phase = ua.assessment.phase
    if phase == Phase.PUBLISHED or (appraiser and phase == Phase.ROUND2):
        return "final"
    return "round1" if phase != Phase.SELF else "self"


def _abilities(user: User, ua: UnitAssessment) -> dict[str, bool]:
    phase, appraiser = ua.assessment.phase, selectors.is_appraiser(user, ua.assessment)
    member = selectors.is_member(user, ua)
    submitted = ua.status == UnitStatus.SUBMITTED
    return {
        "appraiser": appraiser,
        "self": member and phase == Phase.SELF and not submitted,
        "submit": selectors.is_leader(user, ua) and phase == Phase.SELF and not submitted,
        "return": appraiser and phase == Phase.SELF and submitted,
        "round1": appraiser and phase == Phase.ROUND1 and submitted,
        "round2": appraiser and phase == Phase.ROUND2 and submitted,
        "explain": member and phase == Phase.EXPLAIN,
        "survey": appraiser and phase != Phase.PUBLISHED,
        "refresh": (member or appraiser) and phase == Phase.SELF and not submitted,
    }


STAGE_SLUGS = {
    "tu-cham": Stage.SELF,
    "vong-1": Stage.ROUND1,
    "giai-trinh": Stage.EXPLANATION,
    "vong-2": Stage.ROUND2,
    "dieu-tra": Stage.SURVEY,
}
STAGE_ABILITY = {
    Stage.SELF: "self",
    Stage.ROUND1: "round1",
    Stage.EXPLANATION: "explain",
    Stage.ROUND2: "round2",
    Stage.SURVEY: "survey",
}


def _back(ua: UnitAssessment, node: RubricNode | None = None) -> HttpResponse:
    anchor = f"#tc-{node.code}" if node else ""
    return redirect(reverse("par:unit", args=[ua.pk]) + anchor)


@login_required
@require_POST
def entry_save(request: HttpRequest, pk: int, node: int, stage: str) -> HttpResponse:
    user = _user(request)
    ua = selectors.get_unit_assessment_for_user(user, pk)
    leaf = get_object_or_404(RubricNode, pk=node, rubric=ua.assessment.rubric_id, is_leaf=True)
    chosen = STAGE_SLUGS.get(stage)
    if chosen is None or not _abilities(user, ua)[STAGE_ABILITY[chosen]]:
        raise PermissionDenied
    not_applicable = request.POST.get("khong_ap_dung") == "1"
    try:
        value, choice = (None, "")
        if (
            chosen != Stage.EXPLANATION
            and not not_applicable
            and not (chosen == Stage.SELF and leaf.measure)
        ):
            value, choice = parse_answer(
                leaf, request.POST.get("gia_tri", ""), request.POST.get("muc", "")
            )
        services.entry_save(
            unit_assessment=ua,
            leaf=leaf,
            stage=chosen,
            actor=user,
            value=value,
            choice=choice,
            not_applicable=not_applicable,
            comment=request.POST.get("ghi_chu", ""),
        )
        messages.success(request, f"Đã lưu tiêu chí {leaf.code}.")
    except services.ParError as exc:
        _refused(request, exc)
    return _back(ua, leaf)


@login_required
@require_POST
def evidence_add(request: HttpRequest, pk: int, node: int) -> HttpResponse:
    user = _user(request)
    ua = selectors.get_unit_assessment_for_user(user, pk)
    leaf = get_object_or_404(RubricNode, pk=node, rubric=ua.assessment.rubric_id, is_leaf=True)
    if not selectors.is_member(user, ua):
        raise PermissionDenied
    try:
        services.evidence_add(
            unit_assessment=ua,
            leaf=leaf,
            actor=user,
            upload=request.FILES.get("tep"),
            reference=request.POST.get("van_ban", ""),
        )
        messages.success(request, f"Đã thêm minh chứng cho tiêu chí {leaf.code}.")
    except services.ParError as exc:
        _refused(request, exc)
    return _back(ua, leaf)


@login_required
def evidence_file(request: HttpRequest, pk: int) -> FileResponse:
    item = get_object_or_404(Evidence, pk=pk)
    selectors.get_unit_assessment_for_user(_user(request), item.unit_assessment_id)
    if not item.file:
        raise Http404
    return FileResponse(
        item.file.open("rb"),
        content_type=item.content_type,
        filename=item.original_name or "minh-chung",
    )


@login_required
@require_POST
def unit_submit(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    ua = selectors.get_unit_assessment_for_user(user, pk)
    if not selectors.is_leader(user, ua):
        raise PermissionDenied
    try:
        services.self_submit(unit_assessment=ua, actor=user)
        messages.success(request, "Đã gửi bản tự đánh giá đến Sở Nội vụ.")
    except services.ParError as exc:
        _refused(request, exc)
    return _back(ua)


@login_required
@require_POST
def unit_return(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    ua = selectors.get_unit_assessment_for_user(user, pk)
    if not selectors.is_appraiser(user, ua.assessment):
        raise PermissionDenied
    try:
        services.unit_return(unit_assessment=ua, actor=user, note=request.POST.get("ly_do", ""))
        messages.success(request, "Đã trả lại bản tự đánh giá cho đơn vị.")
    except services.ParError as exc:
        _refused(request, exc)
    return _back(ua)


@login_required
@require_POST
def unit_refresh(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    ua = selectors.get_unit_assessment_for_user(user, pk)
    if not _abilities(user, ua)["refresh"]:
        raise PermissionDenied
    try:
        written = services.auto_refresh(assessment=ua.assessment, unit_assessments=[ua])
        messages.success(request, f"Đã cập nhật số liệu tự động ({written} tiêu chí thay đổi).")
    except services.ParError as exc:
        _refused(request, exc)
    return _back(ua)


@login_required
def unit_excel(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    ua = selectors.get_unit_assessment_for_user(user, pk)
    appraiser = selectors.is_appraiser(user, ua.assessment)
    rows = sheet_rows(ua, _stage_shown(ua, appraiser))
    if not appraiser:
        rows = [_as_unit_sees(row, ua.assessment.phase) for row in rows]
    response = HttpResponse(excel.unit_workbook(ua, rows), content_type=excel.XLSX)
    name = slugify(f"chi-so-cchc-{ua.assessment.year}-{ua.unit.code}")
    response["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
    return response


def _hidden_from_unit(phase: str) -> set[str]:
    """Appraisal scores reach the unit with round 1's result, round 2's with publication."""
    hidden: set[str] = set()
    if phase in (Phase.SELF, Phase.ROUND1):
        hidden |= {Stage.ROUND1, Stage.ROUND2}
    if phase != Phase.PUBLISHED:
        hidden.add(Stage.ROUND2)
    return hidden


def _as_unit_sees(row: Row, phase: str) -> Row:
    hidden = _hidden_from_unit(phase)
    row.entries = {s: e for s, e in row.entries.items() if s not in hidden}
    return row


def _changes_seen(ua: UnitAssessment, appraiser: bool) -> list[Change]:
    changes = ua.changes.select_related("node", "by").order_by("-at", "-pk")
    if not appraiser:
        changes = changes.exclude(stage__in=_hidden_from_unit(ua.assessment.phase))
    return list(changes[:50])
