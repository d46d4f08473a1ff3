"""The yearly cycle through the services: self-assessment, submission, two appraisal rounds
with an explanation between, survey points, publication — refusals change nothing, every change
is logged."""

from decimal import Decimal as D

import pytest

from motcua.lib.uploads import sample_pdf
from motcua.par import registry
from motcua.par.models import Change, Entry, Phase, RubricNode, Stage, UnitStatus
from motcua.par.selectors import assessment_results
from motcua.par.services import (
    ParError,
    assessment_publish,
    auto_refresh,
    entry_save,
    evidence_add,
    phase_advance,
    self_submit,
    unit_return,
)
from motcua.par.tests.conftest import Par

pytestmark = pytest.mark.django_db


def leaf(par: Par, code: str) -> RubricNode:
    return RubricNode.objects.get(rubric=par.rubric, code=code)


def self_score_all(par: Par, index: int = 0) -> None:
    ua, who = par.ua(index), par.officer
    entry_save(unit_assessment=ua, leaf=leaf(par, "1.1"), stage=Stage.SELF, actor=who, value=D(1))
    entry_save(unit_assessment=ua, leaf=leaf(par, "1.2"), stage=Stage.SELF, actor=who, value=D(1))
    entry_save(unit_assessment=ua, leaf=leaf(par, "2.2"), stage=Stage.SELF, actor=who, choice="du")
    entry_save(unit_assessment=ua, leaf=leaf(par, "2.3"), stage=Stage.SELF, actor=who, value=D(1))


def test_auto_leaf_without_dossiers_is_not_applicable_and_shows_why(par: Par) -> None:
    assert auto_refresh(assessment=par.assessment) == 3
    entry = Entry.objects.get(unit_assessment=par.ua(), node__code="2.1", stage=Stage.SELF)
    assert entry.auto and entry.not_applicable and entry.points is None
    assert "Bộ chỉ số 766, chỉ tiêu 2.1" in entry.definition
    assert auto_refresh(assessment=par.assessment) == 0  # unchanged figures are not rewritten


def test_auto_leaves_take_only_a_comment_from_the_unit(par: Par) -> None:
    auto_refresh(assessment=par.assessment)
    entry = entry_save(
        unit_assessment=par.ua(),
        leaf=leaf(par, "2.1"),
        stage=Stage.SELF,
        actor=par.officer,
        value=D(1),
        comment="Số liệu đúng",
    )
    assert (entry.not_applicable, entry.value, entry.comment) == (True, None, "Số liệu đúng")


def test_survey_leaves_are_never_self_scored(par: Par) -> None:
    with pytest.raises(ParError, match="điều tra xã hội học, không tự chấm"):
        entry_save(
            unit_assessment=par.ua(),
            leaf=leaf(par, "3.1"),
            stage=Stage.SELF,
            actor=par.officer,
            value=D(1),
        )
    assert not Entry.objects.exists()


def test_submission_needs_every_leaf_and_then_locks_the_unit(par: Par) -> None:
    ua = par.ua()
    with pytest.raises(ParError, match=r"Còn 4 tiêu chí chưa chấm: 1.1, 1.2, 2.2, 2.3"):
        self_submit(unit_assessment=ua, actor=par.chairman)
    self_score_all(par)
    self_submit(unit_assessment=ua, actor=par.chairman)
    with pytest.raises(ParError, match="đã gửi bản tự đánh giá"):
        entry_save(
            unit_assessment=ua,
            leaf=leaf(par, "1.1"),
            stage=Stage.SELF,
            actor=par.officer,
            value=D(0),
        )
    assert Entry.objects.get(unit_assessment=ua, node__code="1.1").points == 1
    unit_return(unit_assessment=ua, actor=par.appraiser, note="Bổ sung minh chứng 1.1")
    entry_save(
        unit_assessment=ua, leaf=leaf(par, "1.1"), stage=Stage.SELF, actor=par.officer, value=D(0)
    )
    ua.refresh_from_db()
    assert ua.status == UnitStatus.RETURNED


def test_not_applicable_needs_a_reason(par: Par) -> None:
    with pytest.raises(ParError, match="lý do"):
        entry_save(
            unit_assessment=par.ua(),
            leaf=leaf(par, "1.2"),
            stage=Stage.SELF,
            actor=par.officer,
            not_applicable=True,
        )
    entry_save(
        unit_assessment=par.ua(),
        leaf=leaf(par, "1.2"),
        stage=Stage.SELF,
        actor=par.officer,
        not_applicable=True,
        comment="Không có kỳ báo cáo",
    )
    assert Entry.objects.get(node__code="1.2").points is None


def test_bad_values_are_refused_with_the_leaf_named(par: Par) -> None:
    with pytest.raises(ParError, match=r"Tiêu chí 1\.1: Chỉ chọn Có hoặc Không"):
        entry_save(
            unit_assessment=par.ua(),
            leaf=leaf(par, "1.1"),
            stage=Stage.SELF,
            actor=par.officer,
            value=D(2),
        )
    assert not Entry.objects.exists()


def test_evidence_is_recognised_by_content(par: Par) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    fake = SimpleUploadedFile("minh-chung.pdf", b"MZ not a pdf")
    with pytest.raises(ParError, match="Chỉ nhận tệp PDF"):
        evidence_add(
            unit_assessment=par.ua(), leaf=leaf(par, "1.1"), actor=par.officer, upload=fake
        )
    real = SimpleUploadedFile("ke-hoach.pdf", sample_pdf())
    found = evidence_add(
        unit_assessment=par.ua(),
        leaf=leaf(par, "1.1"),
        actor=par.officer,
        upload=real,
        reference="Kế hoạch 12/KH-UBND",
    )
    assert found.content_type == "application/pdf" and found.original_name == "ke-hoach.pdf"


def test_the_whole_cycle_to_publication(par: Par) -> None:
    self_score_all(par)
    ua = par.ua()
    self_submit(unit_assessment=ua, actor=par.chairman)
    phase_advance(assessment=par.assessment, actor=par.appraiser)
    with pytest.raises(ParError, match="cần ghi nhận xét"):
        entry_save(
            unit_assessment=ua,
            leaf=leaf(par, "1.1"),
            stage=Stage.ROUND1,
            actor=par.appraiser,
            value=D(0),
        )
    entry_save(
        unit_assessment=ua,
        leaf=leaf(par, "1.1"),
        stage=Stage.ROUND1,
        actor=par.appraiser,
        value=D(0),
        comment="Kế hoạch ban hành sau thời hạn",
    )
    entry_save(
        unit_assessment=ua,
        leaf=leaf(par, "3.1"),
        stage=Stage.SURVEY,
        actor=par.appraiser,
        value=D("0.9"),
    )
    assert assessment_results(par.assessment, "round1").units[0].total.achieved == D("6.70")
    phase_advance(assessment=par.assessment, actor=par.appraiser)
    entry_save(
        unit_assessment=ua,
        leaf=leaf(par, "1.1"),
        stage=Stage.EXPLANATION,
        actor=par.chairman,
        comment="Kế hoạch số 12 ban hành đúng hạn, gửi kèm",
    )
    phase_advance(assessment=par.assessment, actor=par.appraiser)
    entry_save(
        unit_assessment=ua,
        leaf=leaf(par, "1.1"),
        stage=Stage.ROUND2,
        actor=par.appraiser,
        value=D(1),
        comment="Chấp nhận giải trình",
    )
    with pytest.raises(ParError, match="số quyết định"):
        assessment_publish(
            assessment=par.assessment,
            number=" ",
            date=par.assessment.results_by,
            signer="",
            actor=par.appraiser,
        )
    assessment_publish(
        assessment=par.assessment,
        number="123/QĐ-UBND",
        signer="Nguyễn Văn A",
        date=par.assessment.results_by,
        actor=par.appraiser,
    )
    results = assessment_results(par.assessment)
    first = results.units[0]
    # 1.1 → 1, 1.2 → 1.5, 2.1 N/A, 2.2 → 2, bonus 0.5, survey 2.7: 7.7 of 8 applicable points
    assert (first.unit, first.total.achieved, first.total.applicable) == (
        par.communes[0],
        D("7.70"),
        D(8),
    )
    assert (first.index, first.band, first.rank) == (D("96.25"), "Xuất sắc", 1)
    assert first.areas["2"].index == D("100.00")  # 2 + 0.5 bonus of 2 applicable, capped
    assert [u.rank for u in results.units[1:]] == [2, 2]  # the others: 0 each, sharing a rank
    with pytest.raises(ParError, match="Thẩm định vòng 1"):
        entry_save(
            unit_assessment=ua,
            leaf=leaf(par, "1.1"),
            stage=Stage.ROUND1,
            actor=par.appraiser,
            value=D(0),
            comment="x",
        )
    with pytest.raises(ParError, match="đã công bố"):
        auto_refresh(assessment=par.assessment)
    actions = list(
        Change.objects.filter(unit_assessment=ua, node__code="1.1").values_list(
            "stage", "before", "after"
        )
    )
    assert actions[1] == (
        "round1",
        {},
        {
            "value": "0",
            "choice": "",
            "not_applicable": False,
            "points": "0.00",
            "comment": "Kế hoạch ban hành sau thời hạn",
        },
    )
    assert [a[0] for a in actions] == ["self", "round1", "explanation", "round2"]


def test_phases_move_one_way_only(par: Par) -> None:
    with pytest.raises(ParError, match="Chưa đơn vị nào gửi"):
        phase_advance(assessment=par.assessment, actor=par.appraiser)
    par.assessment.refresh_from_db()
    assert par.assessment.phase == Phase.SELF


def test_a_measure_from_a_missing_app_is_a_clear_error(
    par: Par, monkeypatch: pytest.MonkeyPatch
) -> None:
    missing = registry.Entry("motcua.khong_co.measures.dem", "Phép đo của phân hệ chưa cài")
    monkeypatch.setitem(registry.MEASURES, "khong_co.dem", missing)
    node = leaf(par, "2.1")
    node.measure = "khong_co.dem"
    node.save()
    with pytest.raises(ParError, match=r"cần phân hệ motcua\.khong_co\.measures, chưa có"):
        auto_refresh(assessment=par.assessment)
    assert not Entry.objects.exists()
    with pytest.raises(registry.MeasureUnavailable, match="Không có phép đo"):
        registry.resolve("khong.co")


def test_the_reform_keys_point_at_the_reform_app() -> None:
    reform = {k: e.path for k, e in registry.MEASURES.items() if e.path.startswith(registry.REFORM)}
    names = [
        "plans_tasks_done_on_time_rate",
        "staff_trained_in_year_rate",
        "inspections_held",
        "inspections_findings_fixed_on_time_rate",
        "dialogues_held",
    ]
    assert sorted(reform.values()) == sorted(f"motcua.reform.measures.{n}" for n in names)
    assert set(reform) == {
        "plans.tasks_done_on_time_rate",
        "staff.trained_in_year_rate",
        "inspections.held",
        "inspections.findings_fixed_on_time_rate",
        "dialogues.held",
    }
