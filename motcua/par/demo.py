"""The demo's PAR index: the sample commune rubric (a SAMPLE, not a provincial decision) and an
open assessment of the province's communes, for `seed_demo`."""

import datetime as dt
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from motcua.accounts.models import OrgUnit, User
from motcua.par.exchange import rubric_from_json
from motcua.par.models import Assessment, Rubric
from motcua.par.services import assessment_open, rubric_create, rubric_publish

SAMPLE = Path(__file__).resolve().parent / "samples" / "commune-sample.json"


@transaction.atomic
def par_seed_demo(*, province: OrgUnit) -> str:
    """Idempotent: the sample rubric once per province, and one assessment of its communes."""
    data = rubric_from_json(SAMPLE.read_text(encoding="utf-8"))
    rubric = Rubric.objects.filter(province=province, name=data.name, year=data.year).first()
    if rubric is None:
        rubric = rubric_publish(rubric=rubric_create(province=province, data=data))
    if not Assessment.objects.filter(rubric=rubric).exists():
        today = timezone.localdate()
        actor = User.objects.filter(is_superuser=True).order_by("pk").first()
        communes = OrgUnit.objects.communes().filter(parent=province).order_by("code")
        assessment_open(
            rubric=rubric,
            units=communes,
            actor=actor,  # type: ignore[arg-type]
            self_by=today + dt.timedelta(days=20),
            explain_by=today + dt.timedelta(days=40),
            results_by=today + dt.timedelta(days=60),
        )
    count = rubric.assessments.first().units.count()  # type: ignore[union-attr]
    return f"Chỉ số CCHC: bộ tiêu chí mẫu cấp xã năm {rubric.year}, kỳ đánh giá mở cho {count} xã."
