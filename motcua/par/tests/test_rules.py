"""Deadlines, rubric versions, last year's comparison and who may fetch an evidence file."""

import datetime as dt
from decimal import Decimal as D

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone

from motcua.lib.uploads import sample_pdf
from motcua.par.models import Assessment, Entry, Phase, Rubric, RubricNode, Stage
from motcua.par.selectors import assessment_results
from motcua.par.services import (
    ParError,
    assessment_open,
    assessment_publish,
    entry_save,
    evidence_add,
    phase_advance,
    rubric_copy,
    rubric_publish,
    self_submit,
)
from motcua.par.tests.conftest import Par

PDF = sample_pdf()

pytestmark = pytest.mark.django_db


def leaf(par: Par, code: str, rubric: Rubric | None = None) -> RubricNode:
    return RubricNode.objects.get(rubric=rubric or par.rubric, code=code)


def test_self_scores_after_the_deadline_are_refused(
    par: Par, monkeypatch: pytest.MonkeyPatch
) -> None:
    late = par.assessment.self_by + dt.timedelta(days=1)
    monkeypatch.setattr(timezone, "localdate", lambda *a: late)
    with pytest.raises(ParError, match=r"Đã quá hạn tự đánh giá \("):
        entry_save(
            unit_assessment=par.ua(),
            leaf=leaf(par, "1.1"),
            stage=Stage.SELF,
            actor=par.officer,
            value=D(1),
        )
    assert not Entry.objects.exists()


def test_a_rubric_opens_assessments_only_once_published_and_is_copied_for_next_year(
    par: Par,
) -> None:
    copy = rubric_copy(rubric=par.rubric, year=2027)
    assert (copy.year, copy.published, copy.previous) == (2027, False, par.rubric)
    assert copy.name == "Bộ tiêu chí thử nghiệm 2027"
    assert copy.nodes.count() == par.rubric.nodes.count()
    with pytest.raises(ParError, match="chưa được ban hành"):
        assessment_open(
            rubric=copy,
            units=par.communes,
            actor=par.appraiser,
            self_by=dt.date(2027, 3, 1),
            explain_by=dt.date(2027, 4, 1),
            results_by=dt.date(2027, 5, 1),
        )
    with pytest.raises(ParError, match="Đã có bản sao"):
        rubric_copy(rubric=par.rubric, year=2027)


def _publish(par: Par, assessment: Assessment, rubric: Rubric, value: D) -> None:
    ua = assessment.units.get(unit=par.communes[0])
    for code, kw in (
        ("1.1", {"value": value}),
        ("1.2", {"value": D(0)}),
        ("2.2", {"choice": "du"}),
        ("2.3", {"value": D(0)}),
    ):
        entry_save(
            unit_assessment=ua,
            leaf=leaf(par, code, rubric),
            stage=Stage.SELF,
            actor=par.officer,
            **kw,
        )
    self_submit(unit_assessment=ua, actor=par.chairman)
    for _ in range(3):
        phase_advance(assessment=assessment, actor=par.appraiser)
    assessment_publish(
        assessment=assessment,
        number="1/QĐ",
        date=dt.date(2027, 1, 1),
        signer="A",
        actor=par.appraiser,
    )


def test_results_compare_with_last_year(par: Par) -> None:
    _publish(par, par.assessment, par.rubric, D(0))
    nxt = rubric_publish(rubric=rubric_copy(rubric=par.rubric, year=2027))
    opened = assessment_open(
        rubric=nxt,
        units=par.communes,
        actor=par.appraiser,
        self_by=timezone.localdate(),
        explain_by=timezone.localdate(),
        results_by=timezone.localdate(),
    )
    _publish(par, opened, nxt, D(1))
    first = assessment_results(opened).units[0]
    assert first.unit == par.communes[0] and first.previous is not None
    assert (first.previous.index, first.index) == (D("50.00"), D("62.50"))
    assert first.previous.areas["1"].index == D("66.67") and first.areas["1"].index == D("100.00")
    opened.refresh_from_db()
    assert opened.phase == Phase.PUBLISHED


def test_an_evidence_file_is_served_only_within_reach(par: Par) -> None:
    item = evidence_add(
        unit_assessment=par.ua(),
        leaf=leaf(par, "1.1"),
        actor=par.officer,
        upload=SimpleUploadedFile("kh.pdf", PDF),
    )
    mine, other = Client(), Client()
    mine.force_login(par.chairman)
    other.force_login(par.outsider)
    response = mine.get(f"/chi-so-cchc/minh-chung/{item.pk}/")
    assert response.status_code == 200 and b"".join(response.streaming_content) == PDF  # type: ignore[attr-defined]
    assert other.get(f"/chi-so-cchc/minh-chung/{item.pk}/").status_code == 404
