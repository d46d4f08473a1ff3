"""The PAR measures (plans, staff, inspections, dialogues) and the qualification table."""

import datetime as dt
from decimal import Decimal

from motcua.accounts.models import OrgUnit
from motcua.reform import measures
from motcua.reform import workflow as wf
from motcua.reform.models import Person, Posting, Qualification, StaffKind, Training
from motcua.reform.selectors import people_meeting, qualification_table
from motcua.reform.services import MeetingData, meeting_create
from motcua.reform.tests.conftest import (
    Reform,
    make_finding,
    make_inspection,
    make_plan,
    make_task,
)

YEAR = (dt.date(2026, 1, 1), dt.date(2026, 12, 31))


def test_tasks_done_on_time_rate_counts_due_tasks_without_cancelled(rw: Reform) -> None:
    plan = make_plan(rw)
    done = make_task(rw, plan)
    late = make_task(rw, plan, deadline=dt.date(2026, 2, 1))
    cancelled = make_task(rw, plan)
    make_task(rw, plan, deadline=None, ongoing=True)  # due on 31/12, not done
    for task in (done, late):
        wf.item_report_done(item=task, actor=rw.lead, note="xong")
        wf.item_confirm(item=task, actor=rw.head)
    wf.item_cancel(item=cancelled, actor=rw.head, note="không còn phù hợp")
    m = measures.plans_tasks_done_on_time_rate(rw.commune, *YEAR)
    assert (m.numerator, m.denominator) == (1, 3)
    assert m.value == Decimal(1) / Decimal(3)
    assert "đúng hạn" in m.definition and m.evidence_url.startswith("/cai-cach/")
    first_quarter = measures.plans_tasks_done_on_time_rate(
        rw.commune, dt.date(2026, 1, 1), dt.date(2026, 3, 31)
    )
    assert (first_quarter.numerator, first_quarter.denominator) == (1, 2)
    assert measures.plans_tasks_done_on_time_rate(rw.other, *YEAR).value is None


def _person(
    w: Reform, name: str, unit: OrgUnit, kind: str = StaffKind.CONG_CHUC, **dates: dt.date
) -> Person:
    person = Person.objects.create(full_name=name, home_unit=w.commune)
    Posting.objects.create(
        person=person,
        unit=unit,
        position="Công chức",
        kind=kind,
        starts_on=dates.get("starts_on", dt.date(2020, 1, 1)),
        ends_on=dates.get("ends_on"),
    )
    return person


def crafted_register(w: Reform) -> dict[str, Person]:
    """Five people: one moved from another commune in July, one left in June."""
    a = _person(w, "Nguyễn Văn An", w.commune, StaffKind.CAN_BO)
    b = _person(w, "Trần Thị Bình", w.commune)
    c = _person(w, "Lê Văn Cường", w.commune, StaffKind.PART_TIME)
    moved = _person(w, "Phạm Thị Dung", w.other, ends_on=dt.date(2026, 6, 30))
    Posting.objects.create(
        person=moved,
        unit=w.commune,
        position="Công chức Tư pháp",
        kind=StaffKind.CONG_CHUC,
        starts_on=dt.date(2026, 7, 1),
    )
    left = _person(w, "Hoàng Văn Em", w.commune, ends_on=dt.date(2026, 6, 15))
    Q = Qualification.objects.create
    Q(person=a, category="political", level="trung_cap", year=2015)
    Q(person=a, category="professional", level="dai_hoc", year=2010)
    Q(person=a, category="it", level="a", year=2012)
    Q(person=b, category="professional", level="dai_hoc", year=2018)
    Q(person=b, category="political", level="so_cap", year=2019)
    Q(person=b, category="political", level="cao_cap", year=2027)  # not yet held in 2026
    Q(person=c, category="professional", level="trung_cap", year=2016)
    Q(person=moved, category="professional", level="thac_si", year=2022)
    Q(person=moved, category="language", level="bac_3", year=2022)
    Q(person=left, category="political", level="trung_cap", year=2010)
    Training.objects.create(
        person=b,
        name="Bồi dưỡng kỹ năng CCHC",
        organiser="Sở Nội vụ",
        starts_on=dt.date(2026, 4, 1),
        ends_on=dt.date(2026, 4, 5),
    )
    Training.objects.create(
        person=left,
        name="Bồi dưỡng QLNN",
        organiser="Trường Chính trị",
        starts_on=dt.date(2026, 3, 1),
        ends_on=dt.date(2026, 3, 20),
    )
    return {"a": a, "b": b, "c": c, "moved": moved, "left": left}


def test_qualification_table_as_of_a_date_follows_moves_and_leavers(rw: Reform) -> None:
    people = crafted_register(rw)
    table = {row.label: row for row in qualification_table(rw.commune, dt.date(2026, 12, 31))}
    total = table["Tổng cộng"]
    assert total.total == 4  # a, b, c and the one who moved in; not the one who left
    assert total.cells["political"].label == "1/4"
    assert total.cells["professional"].label == "3/4"
    assert total.cells["it"].label == "1/4"
    assert total.cells["language"].label == "1/4"
    assert table["Công chức"].cells["professional"].label == "2/2"
    assert table["Người hoạt động không chuyên trách"].cells["professional"].label == "0/1"
    # In March, before the move and before the leaving, the table is a different one.
    march = {r.label: r for r in qualification_table(rw.commune, dt.date(2026, 3, 31))}
    assert march["Tổng cộng"].cells["political"].label == "2/4"
    missing = people_meeting(rw.commune, dt.date(2026, 12, 31), criterion="political", missing=True)
    assert {s.person.pk for s in missing} == {people["b"].pk, people["c"].pk, people["moved"].pk}
    assert measures.staff_trained_in_year_rate(rw.other, *YEAR).value is None


def test_staff_trained_in_year_rate_counts_who_works_there_at_the_end(rw: Reform) -> None:
    crafted_register(rw)
    m = measures.staff_trained_in_year_rate(rw.commune, *YEAR)
    assert (m.numerator, m.denominator) == (1, 4)  # b; the trained leaver is gone


def test_inspections_held_and_findings_fixed_on_time(rw: Reform) -> None:
    surprise = make_inspection(rw)
    make_inspection(rw, surprise=False, planned_on=dt.date(2026, 5, 1), held_on=None)
    fixed, late = make_finding(rw, surprise), make_finding(rw, surprise)
    make_finding(rw, surprise, due_on=dt.date(2027, 1, 15))  # due next year
    from django.core.files.base import ContentFile

    from motcua.reform.tests.conftest import PDF

    wf.item_report_done(item=fixed, actor=rw.head, note="x", files=[ContentFile(PDF, "a.pdf")])
    wf.item_confirm(item=fixed, actor=rw.inspector)
    del late
    held = measures.inspections_held(rw.province, *YEAR)
    assert held.value == 1 and held.numerator == 1  # the planned one is not held yet
    rate = measures.inspections_findings_fixed_on_time_rate(rw.province, *YEAR)
    assert (rate.numerator, rate.denominator) == (1, 2)


def test_dialogues_held(rw: Reform) -> None:
    for day in (dt.date(2025, 12, 1), dt.date(2026, 2, 1)):
        meeting_create(
            data=MeetingData(
                unit=rw.commune,
                held_on=day,
                place="Nhà văn hóa thôn 2",
                title="Đối thoại",
                leaders="Chủ tịch UBND xã",
                residents=40,
                topics=["transparency"],
            ),
            actor=rw.head,
        )
    assert measures.dialogues_held(rw.commune, *YEAR).value == 1
