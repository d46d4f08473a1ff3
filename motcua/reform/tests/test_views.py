"""The reform pages: who sees what (a 404 outside one's units), the actions through HTTP, the
periodic report's figures and files, the public list of meetings."""

import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from docx import Document

from motcua.accounts.models import PersonalDataAccess, User
from motcua.reform.models import Meeting, PlanTask, TrackEvent
from motcua.reform.models import TrackStatus as S
from motcua.reform.services import MeetingData, QuestionData, meeting_create, question_add
from motcua.reform.tests.conftest import (
    PDF,
    Reform,
    make_finding,
    make_inspection,
    make_plan,
    make_task,
)
from motcua.reform.tests.test_measures import crafted_register


def login(client: Client, user: User) -> Client:
    client.force_login(user)
    return client


def test_lead_updates_with_evidence_and_head_confirms_through_the_pages(
    client: Client, rw: Reform
) -> None:
    task = make_task(rw)
    login(client, rw.lead)
    page = client.get(f"/cai-cach/nhiem-vu/{task.pk}/").content.decode()
    assert "Báo cáo hoàn thành" in page and "Xác nhận hoàn thành" not in page
    evidence = SimpleUploadedFile("quyet-dinh.pdf", PDF, content_type="application/pdf")
    response = client.post(
        f"/cai-cach/nhiem-vu/{task.pk}/bao-cao-hoan-thanh/",
        {"note": "Đã ban hành Quyết định 12/QĐ-UBND", "evidence": [evidence]},
    )
    assert response.status_code == 302
    login(client, rw.head)
    assert "Xác nhận hoàn thành" in client.get(f"/cai-cach/nhiem-vu/{task.pk}/").content.decode()
    assert client.post(f"/cai-cach/nhiem-vu/{task.pk}/xac-nhan/", {"note": ""}).status_code == 302
    task.refresh_from_db()
    assert task.status == S.DONE
    page = client.get(f"/cai-cach/nhiem-vu/{task.pk}/").content.decode()
    assert "quyet-dinh.pdf" in page and "Hoàn thành đúng hạn" in page
    file_url = page.split('href="/cai-cach/minh-chung/')[1].split('"')[0]
    assert client.get(f"/cai-cach/minh-chung/{file_url}").status_code == 200
    login(client, rw.outsider)
    assert client.get(f"/cai-cach/minh-chung/{file_url}").status_code == 404


def test_a_refused_post_shows_the_reason_and_changes_nothing(client: Client, rw: Reform) -> None:
    task = make_task(rw)
    login(client, rw.lead)
    response = client.post(f"/cai-cach/nhiem-vu/{task.pk}/xac-nhan/", {"note": ""})
    assert response.status_code in (403, 409)
    assert "không có quyền" in response.content.decode() or "Không thể" in response.content.decode()
    task.refresh_from_db()
    assert task.status == S.NOT_STARTED and TrackEvent.objects.count() == 1


@pytest.mark.parametrize(
    ("persona", "expected"),
    [("lead", 200), ("head", 200), ("personnel", 200), ("noivu", 200), ("outsider", 404)],
)
def test_plan_pages_are_scoped_to_the_units(
    client: Client, rw: Reform, persona: str, expected: int
) -> None:
    task = make_task(rw)
    login(client, getattr(rw, persona))
    assert client.get(f"/cai-cach/ke-hoach/{task.plan_id}/").status_code == expected
    assert client.get(f"/cai-cach/nhiem-vu/{task.pk}/").status_code == expected
    assert client.get(f"/cai-cach/ke-hoach/{task.plan_id}/excel/").status_code == expected


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        ("personnel", 200),
        ("noivu", 200),
        ("head", 404),
        ("lead", 404),
        ("inspector", 404),
        ("outsider", 404),
    ],
)
def test_only_personnel_officers_see_the_register(
    client: Client, rw: Reform, persona: str, expected: int
) -> None:
    people = crafted_register(rw)
    login(client, getattr(rw, persona))
    assert client.get(f"/cai-cach/don-vi/{rw.commune.pk}/trinh-do/").status_code == expected
    assert client.get(f"/cai-cach/can-bo/{people['a'].pk}/").status_code == expected
    excel = client.get(f"/cai-cach/don-vi/{rw.commune.pk}/trinh-do/excel/")
    assert excel.status_code == expected
    logged = PersonalDataAccess.objects.filter(user=getattr(rw, persona))
    assert logged.count() == (3 if expected == 200 else 0)


def test_the_qualification_table_page_and_drill_down(client: Client, rw: Reform) -> None:
    crafted_register(rw)
    login(client, rw.personnel)
    page = client.get(
        f"/cai-cach/don-vi/{rw.commune.pk}/trinh-do/?ngay=2026-12-31&tieu_chi=professional&loai="
    ).content.decode()
    assert "3/4" in page and "Phạm Thị Dung" in page and "Hoàng Văn Em" not in page
    assert "Lê Văn Cường" not in page.split("Danh sách")[1]  # trung cấp only


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        ("inspector", 200),
        ("noivu", 200),
        ("head", 200),
        ("lead", 200),
        ("personnel", 200),
        ("outsider", 404),
    ],
)
def test_inspections_are_seen_by_both_sides_only(
    client: Client, rw: Reform, persona: str, expected: int
) -> None:
    inspection = make_inspection(rw)
    login(client, getattr(rw, persona))
    assert client.get(f"/cai-cach/kiem-tra/{inspection.pk}/").status_code == expected


def test_inspection_with_two_findings_one_fixed(client: Client, rw: Reform) -> None:
    login(client, rw.inspector)
    response = client.post(
        "/cai-cach/kiem-tra/moi/",
        {
            "inspecting_unit": rw.province.pk,
            "inspected_unit": rw.commune.pk,
            "theme": "Kiểm tra đột xuất Bộ phận Một cửa",
            "surprise": "on",
            "held_on": "2026-03-02",
            "leader": "Phó Giám đốc Sở Nội vụ",
        },
    )
    assert response.status_code == 302
    inspection_url = response["Location"]
    finding = {
        "kind": "attitude",
        "severity": "minor",
        "description": "Cán bộ vắng mặt",
        "recommendation": "Chấn chỉnh",
        "responsible": "Chủ tịch UBND xã",
        "due_on": "2026-03-20",
    }
    client.post(inspection_url + "ton-tai/", finding)
    client.post(inspection_url + "ton-tai/", {**finding, "description": "Chưa niêm yết TTHC"})
    page = client.get(inspection_url).content.decode()
    assert page.count('class="finding"') == 2
    login(client, rw.head)  # the commune answers one finding with evidence
    from motcua.reform.models import Finding

    one = Finding.objects.order_by("pk").first()
    assert one is not None
    evidence = SimpleUploadedFile("anh.png", b"\x89PNG\r\n\x1a\n0000", content_type="image/png")
    answered = client.post(
        f"/cai-cach/ton-tai/{one.pk}/bao-cao-hoan-thanh/",
        {"note": "Đã chấn chỉnh", "evidence": [evidence]},
    )
    assert answered.status_code == 302
    login(client, rw.inspector)
    assert client.post(f"/cai-cach/ton-tai/{one.pk}/xac-nhan/", {}).status_code == 302
    statuses = list(Finding.objects.order_by("pk").values_list("status", flat=True))
    assert statuses == [S.DONE, S.NOT_STARTED]


def test_periodic_report_docx_and_pdf_hold_the_page_figures(client: Client, rw: Reform) -> None:
    plan = make_plan(rw)
    make_task(rw, plan)
    make_finding(rw, make_inspection(rw))
    crafted_register(rw)
    login(client, rw.head)
    url = f"/cai-cach/don-vi/{rw.commune.pk}/bao-cao/?ky=quy-1&nam=2026"
    page = client.get(url).content.decode()
    assert "Báo cáo kết quả công tác cải cách hành chính quý I năm 2026" in page
    again = client.get(url).content.decode()
    assert page.split("<h2>1.")[1] == again.split("<h2>1.")[1]  # reproducible
    docx = client.get(f"/cai-cach/don-vi/{rw.commune.pk}/bao-cao.docx?ky=quy-1&nam=2026")
    assert docx.status_code == 200
    document = Document(io.BytesIO(docx.content))
    cells = [c.text for t in document.tables for r in t.rows for c in r.cells]
    assert "Tổng số nhiệm vụ trong kế hoạch" in cells and "Hồ sơ tiếp nhận" in cells
    assert "0/1 (0,0%)" in cells  # the task due 31/03 not yet done; shown on the page too
    assert "0/1 (0,0%)" in page
    pdf = client.get(f"/cai-cach/don-vi/{rw.commune.pk}/bao-cao.pdf?ky=9-thang&nam=2026")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    login(client, rw.outsider)
    assert client.get(url).status_code == 404
    login(client, rw.lead)  # a handler does not report for the unit
    assert client.get(url).status_code == 404


def test_public_meetings_show_questions_and_answers_without_staff_pages(
    client: Client, rw: Reform
) -> None:
    meeting = meeting_create(
        data=MeetingData(
            unit=rw.commune,
            held_on=dt.date(2026, 2, 20),
            place="Nhà văn hóa thôn 1",
            title="Đối thoại về công khai minh bạch",
            leaders="Chủ tịch UBND xã",
            residents=60,
            topics=["transparency"],
        ),
        actor=rw.head,
    )
    question_add(
        meeting=meeting,
        data=QuestionData(
            question="Công khai quy hoạch ở đâu?", answer="Niêm yết tại trụ sở UBND xã"
        ),
        actor=rw.head,
    )
    page = Client().get("/doi-thoai-nhan-dan/").content.decode()
    assert "Công khai quy hoạch ở đâu?" in page and "Niêm yết tại trụ sở UBND xã" in page
    assert "/cai-cach/" not in page
    assert Client().get(f"/cai-cach/doi-thoai/{meeting.pk}/").status_code == 302  # to login
    assert Meeting.objects.count() == 1


def test_home_links_reach_every_part(client: Client, rw: Reform) -> None:
    make_task(rw)
    login(client, rw.noivu)
    page = client.get("/cai-cach/").content.decode()
    assert "Sổ cán bộ" in page and "Cuộc kiểm tra mới" in page
    login(client, rw.lead)
    page = client.get("/cai-cach/").content.decode()
    assert "Sổ cán bộ" not in page and "Cuộc kiểm tra mới" not in page
    assert "Rà soát, công bố" in page  # the task the officer leads
    assert PlanTask.objects.count() == 1


def test_a_commune_copies_the_tasks_of_the_province_plan_that_apply(
    client: Client, rw: Reform
) -> None:
    from motcua.reform.services import PlanData, TaskData, plan_create

    province_plan = plan_create(
        data=PlanData(
            unit=rw.province,
            year=2026,
            title="Kế hoạch CCHC tỉnh năm 2026",
            decision_number="25/KH-UBND",
        ),
        actor=None,
        tasks=[
            TaskData(
                area="procedures",
                content="Số hóa hồ sơ, kết quả giải quyết TTHC",
                deadline=dt.date(2026, 11, 30),
            ),
            TaskData(
                area="institutions", content="Xây dựng văn bản quy phạm cấp tỉnh", ongoing=True
            ),
        ],
    )
    client.force_login(rw.head)
    page = client.get(f"/cai-cach/ke-hoach/{province_plan.pk}/").content.decode()
    assert "Lập kế hoạch của đơn vị từ kế hoạch này" in page
    first = province_plan.tasks.order_by("pk").first()
    assert first is not None
    response = client.post(
        f"/cai-cach/ke-hoach/{province_plan.pk}/ap-dung/",
        {"unit": rw.commune.pk, "tasks": [first.pk]},
    )
    assert response.status_code == 302
    plan = province_plan.derived.get()
    assert plan.unit == rw.commune and "25/KH-UBND" in plan.legal_basis
    assert [t.source_task_id for t in plan.tasks.all()] == [first.pk]
    client.force_login(rw.outsider)  # another commune reads the province plan, not ours
    assert client.get(f"/cai-cach/ke-hoach/{province_plan.pk}/").status_code == 200
    assert client.get(f"/cai-cach/ke-hoach/{plan.pk}/").status_code == 404


def test_an_inspection_plan_with_a_planned_inspection(client: Client, rw: Reform) -> None:
    from motcua.reform.models import Inspection, InspectionPlan

    client.force_login(rw.inspector)
    response = client.post(
        "/cai-cach/kiem-tra/ke-hoach/moi/",
        {
            "unit": rw.province.pk,
            "year": 2026,
            "title": "Kế hoạch kiểm tra CCHC năm 2026",
            "decision_number": "12/KH-SNV",
        },
    )
    assert response.status_code == 302
    plan = InspectionPlan.objects.get()
    base = {
        "inspecting_unit": rw.province.pk,
        "inspected_unit": rw.commune.pk,
        "theme": "Kiểm tra CCHC",
        "leader": "Trưởng phòng",
        "plan": plan.pk,
    }
    refused = client.post(
        "/cai-cach/kiem-tra/moi/", {**base, "surprise": "on", "held_on": "2026-03-01"}
    )
    assert "đột xuất không thuộc kế hoạch" in refused.content.decode()
    client.post("/cai-cach/kiem-tra/moi/", {**base, "planned_on": "2026-05-10"})
    assert Inspection.objects.get().plan == plan
    page = client.get(f"/cai-cach/don-vi/{rw.province.pk}/kiem-tra/").content.decode()
    assert "Kế hoạch kiểm tra CCHC năm 2026" in page and "10/05/2026" in page
    client.force_login(rw.lead)  # no inspecting role: the pages are not theirs
    for url in (
        "/cai-cach/kiem-tra/ke-hoach/moi/",
        "/cai-cach/kiem-tra/moi/",
        "/cai-cach/ke-hoach/moi/",
        "/cai-cach/doi-thoai/moi/",
    ):
        assert client.get(url).status_code == 404, url
    denied = client.post(
        "/cai-cach/kiem-tra/ke-hoach/moi/", {"unit": rw.province.pk, "year": 2026, "title": "x"}
    )
    assert denied.status_code == 404 and InspectionPlan.objects.count() == 1


def test_a_finding_names_an_officer_of_the_inspected_unit_only(client: Client, rw: Reform) -> None:
    from motcua.reform.models import Finding

    people = crafted_register(rw)
    inspection = make_inspection(rw)
    client.force_login(rw.inspector)
    page = client.get(f"/cai-cach/kiem-tra/{inspection.pk}/").content.decode()
    assert "Nguyễn Văn An" in page and "Phạm Thị Dung" not in page  # came only in July
    finding = {
        "kind": "attitude",
        "severity": "minor",
        "description": "Thái độ chưa đúng mực",
        "recommendation": "Nhắc nhở",
        "responsible": "Chủ tịch UBND xã",
        "due_on": "2026-03-20",
        "person_id": people["a"].pk,
    }
    client.post(f"/cai-cach/kiem-tra/{inspection.pk}/ton-tai/", finding)
    assert Finding.objects.get().person == people["a"]
    stranger = {**finding, "person_id": people["moved"].pk}  # at the other commune in March
    client.post(f"/cai-cach/kiem-tra/{inspection.pk}/ton-tai/", stranger)
    assert Finding.objects.count() == 1


def test_meeting_with_minutes_and_an_assignment_answered_later(client: Client, rw: Reform) -> None:
    client.force_login(rw.head)
    minutes = SimpleUploadedFile("bien-ban.pdf", PDF, content_type="application/pdf")
    response = client.post(
        "/cai-cach/doi-thoai/moi/",
        {
            "unit": rw.commune.pk,
            "held_on": "2026-02-27",
            "title": "Đối thoại về dịch vụ công",
            "place": "Hội trường UBND xã",
            "leaders": "Chủ tịch UBND xã",
            "residents": 70,
            "topics": ["services", "procedures"],
            "minutes": minutes,
        },
    )
    assert response.status_code == 302
    meeting = Meeting.objects.get()
    assert client.get(f"/cai-cach/doi-thoai/{meeting.pk}/bien-ban.pdf").status_code == 200
    client.post(
        f"/cai-cach/doi-thoai/{meeting.pk}/y-kien/",
        {
            "question": "Đường liên thôn 4 xuống cấp",
            "assignee_unit": rw.commune.pk,
            "due_on": "2026-04-30",
        },
    )
    from motcua.reform.models import MeetingQuestion

    question = MeetingQuestion.objects.get()
    public = Client().get("/doi-thoai-nhan-dan/").content.decode()
    assert "Đường liên thôn 4 xuống cấp" in public and "Đã dặm vá" not in public
    assert "bien-ban" not in public  # the minutes (with signatures) stay inside
    client.post(
        f"/cai-cach/y-kien/{question.pk}/bao-cao-hoan-thanh/", {"note": "Đã dặm vá mặt đường"}
    )
    client.post(f"/cai-cach/y-kien/{question.pk}/xac-nhan/", {})
    public = Client().get("/doi-thoai-nhan-dan/").content.decode()
    assert "Đã dặm vá mặt đường" in public
    junk = SimpleUploadedFile("bien-ban.pdf", b"GIF89a", content_type="application/pdf")
    refused = client.post(
        "/cai-cach/doi-thoai/moi/",
        {
            "unit": rw.commune.pk,
            "held_on": "2026-02-28",
            "title": "x",
            "place": "y",
            "leaders": "z",
            "residents": 1,
            "topics": ["services"],
            "minutes": junk,
        },
    )
    assert "PDF" in refused.content.decode() and Meeting.objects.count() == 1
