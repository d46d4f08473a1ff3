"""Demo data for reform management: a commune's yearly plan (~30 tasks in every area, at the
stage a real plan would be on the day the demo is seeded), a staff register of 20 people, a
planned and a surprise inspection, and a meeting with residents. Idempotent: a commune that
already has this year's plan is left alone."""

import datetime as dt
import random

from django.db import transaction
from django.utils import timezone

from motcua.accounts.models import Membership, OrgUnit, Role, User
from motcua.reform.models import (
    Finding,
    Inspection,
    InspectionPlan,
    Meeting,
    MeetingQuestion,
    Person,
    PlanTask,
    Posting,
    Qualification,
    ReformPlan,
    StaffKind,
    TrackEvent,
    Training,
)
from motcua.reform.models import TrackStatus as S
from motcua.reform.services import TaskData, task_add
from motcua.workdays.timecalc import ZONE

# (area, content, product, deadline month or 0 for ongoing)
TASKS = [
    ("direction", "Ban hành Kế hoạch cải cách hành chính năm", "Kế hoạch", 1),
    ("direction", "Ban hành kế hoạch tuyên truyền cải cách hành chính", "Kế hoạch", 1),
    ("direction", "Tuyên truyền CCHC trên hệ thống truyền thanh xã", "Tin, bài", 0),
    ("direction", "Báo cáo kết quả CCHC quý I", "Báo cáo", 3),
    ("direction", "Báo cáo kết quả CCHC 6 tháng", "Báo cáo", 6),
    ("direction", "Báo cáo kết quả CCHC 9 tháng", "Báo cáo", 9),
    ("direction", "Báo cáo kết quả CCHC năm", "Báo cáo", 12),
    ("direction", "Tự đánh giá, chấm điểm Chỉ số CCHC của xã", "Báo cáo tự chấm", 11),
    ("institutions", "Rà soát, hệ thống hóa văn bản quy phạm pháp luật của xã", "Báo cáo", 6),
    ("institutions", "Kiểm tra, xử lý văn bản trái pháp luật (nếu có)", "Báo cáo", 0),
    ("institutions", "Tổ chức thi hành pháp luật trên địa bàn xã", "Kế hoạch", 3),
    (
        "procedures",
        "Niêm yết công khai danh mục TTHC thuộc thẩm quyền giải quyết của xã",
        "Bảng niêm yết",
        2,
    ),
    ("procedures", "Rà soát, đề xuất đơn giản hóa TTHC", "Báo cáo", 8),
    ("procedures", "Số hóa hồ sơ, kết quả giải quyết TTHC", "Dữ liệu số hóa", 0),
    ("procedures", "Tiếp nhận, xử lý phản ánh, kiến nghị về quy định hành chính", "Sổ theo dõi", 0),
    (
        "procedures",
        "Đo lường sự hài lòng của người dân đối với dịch vụ hành chính công",
        "Báo cáo",
        10,
    ),
    (
        "organisation",
        "Rà soát chức năng, nhiệm vụ các phòng chuyên môn sau sắp xếp",
        "Quyết định",
        4,
    ),
    ("organisation", "Kiện toàn Tổ công nghệ số cộng đồng các thôn", "Quyết định", 3),
    ("civil_service", "Xây dựng vị trí việc làm công chức xã", "Đề án", 7),
    ("civil_service", "Cử công chức tham gia bồi dưỡng chuyên môn, nghiệp vụ", "Danh sách", 0),
    ("civil_service", "Kiểm tra công vụ, kỷ luật, kỷ cương hành chính", "Thông báo kết quả", 9),
    ("civil_service", "Đánh giá, xếp loại cán bộ, công chức năm", "Quyết định", 12),
    (
        "public_finance",
        "Thực hiện cơ chế tự chủ về tài chính, công khai ngân sách xã",
        "Báo cáo",
        0,
    ),
    ("public_finance", "Công khai dự toán, quyết toán ngân sách xã", "Niêm yết", 2),
    ("public_finance", "Thực hành tiết kiệm, chống lãng phí", "Báo cáo", 12),
    ("digital", "Vận hành Bộ phận Một cửa điện tử, dịch vụ công trực tuyến", "Báo cáo", 0),
    ("digital", "Hướng dẫn người dân nộp hồ sơ trực tuyến, thanh toán trực tuyến", "Số liệu", 0),
    ("digital", "Sử dụng chữ ký số, văn bản điện tử trong chỉ đạo điều hành", "Số liệu", 0),
    ("digital", "Cập nhật Cổng thông tin điện tử của xã", "Tin, bài", 0),
    ("digital", "Bảo đảm an toàn thông tin trong hoạt động của xã", "Báo cáo", 11),
]

# (name, born, sex, position, kind, professional, political, state management, IT, language)
PEOPLE = [
    (
        "Nguyễn Văn Hùng",
        1972,
        "male",
        "Bí thư Đảng ủy",
        "can_bo",
        "thac_si",
        "cao_cap",
        "chuyen_vien_chinh",
        "b",
        "b",
    ),
    (
        "Trần Minh Tâm",
        1976,
        "male",
        "Chủ tịch UBND xã",
        "can_bo",
        "dai_hoc",
        "cao_cap",
        "chuyen_vien_chinh",
        "co_ban",
        "b",
    ),
    (
        "Lê Thị Thu Hà",
        1982,
        "female",
        "Phó Chủ tịch UBND xã",
        "can_bo",
        "thac_si",
        "trung_cap",
        "chuyen_vien",
        "co_ban",
        "bac_2",
    ),
    (
        "Phạm Quốc Bảo",
        1980,
        "male",
        "Chủ tịch HĐND xã",
        "can_bo",
        "dai_hoc",
        "cao_cap",
        "chuyen_vien",
        "a",
        "a",
    ),
    (
        "Võ Thị Ngọc Lan",
        1985,
        "female",
        "Chủ tịch Ủy ban MTTQ xã",
        "can_bo",
        "dai_hoc",
        "trung_cap",
        "",
        "co_ban",
        "",
    ),
    (
        "Huỳnh Văn Sơn",
        1988,
        "male",
        "Chỉ huy trưởng Quân sự",
        "cong_chuc",
        "dai_hoc",
        "trung_cap",
        "",
        "a",
        "",
    ),
    (
        "Đặng Thị Mỹ Duyên",
        1990,
        "female",
        "Văn phòng - Thống kê",
        "cong_chuc",
        "dai_hoc",
        "trung_cap",
        "chuyen_vien",
        "nang_cao",
        "bac_3",
    ),
    (
        "Bùi Thanh Phong",
        1991,
        "male",
        "Văn phòng - Thống kê",
        "cong_chuc",
        "dai_hoc",
        "so_cap",
        "",
        "co_ban",
        "bac_2",
    ),
    (
        "Ngô Thị Kim Ngân",
        1989,
        "female",
        "Tư pháp - Hộ tịch",
        "cong_chuc",
        "dai_hoc",
        "trung_cap",
        "chuyen_vien",
        "co_ban",
        "b",
    ),
    (
        "Lý Văn Toàn",
        1987,
        "male",
        "Địa chính - Xây dựng",
        "cong_chuc",
        "dai_hoc",
        "trung_cap",
        "",
        "a",
        "",
    ),
    (
        "Trương Thị Hồng",
        1993,
        "female",
        "Tài chính - Kế toán",
        "cong_chuc",
        "dai_hoc",
        "so_cap",
        "chuyen_vien",
        "co_ban",
        "bac_2",
    ),
    (
        "Phan Minh Trí",
        1995,
        "male",
        "Văn hóa - Xã hội",
        "cong_chuc",
        "dai_hoc",
        "",
        "",
        "co_ban",
        "bac_3",
    ),
    (
        "Dương Thị Thảo",
        1994,
        "female",
        "Văn hóa - Xã hội",
        "cong_chuc",
        "cao_dang",
        "so_cap",
        "",
        "co_ban",
        "",
    ),
    (
        "Tạ Văn Lực",
        1984,
        "male",
        "Trưởng Công an xã",
        "cong_chuc",
        "dai_hoc",
        "trung_cap",
        "",
        "",
        "",
    ),
    (
        "Hồ Thị Bích",
        1997,
        "female",
        "Viên chức Trung tâm Phục vụ HCC",
        "vien_chuc",
        "dai_hoc",
        "",
        "",
        "nang_cao",
        "bac_3",
    ),
    (
        "Mai Văn Đức",
        1970,
        "male",
        "Phó Chỉ huy trưởng Quân sự",
        "part_time",
        "trung_cap",
        "so_cap",
        "",
        "",
        "",
    ),
    (
        "Châu Thị Diệu",
        1979,
        "female",
        "Phó Chủ tịch Hội Phụ nữ",
        "part_time",
        "trung_cap",
        "so_cap",
        "",
        "co_ban",
        "",
    ),
    (
        "Kiều Văn Nam",
        1975,
        "male",
        "Phó Chủ tịch Hội Nông dân",
        "part_time",
        "",
        "so_cap",
        "",
        "",
        "",
    ),
    ("Lâm Thị Yến", 1999, "female", "Nhân viên bảo vệ, tạp vụ", "contract", "", "", "", "", ""),
    (
        "Quách Văn Thịnh",
        1996,
        "male",
        "Nhân viên kỹ thuật CNTT",
        "contract",
        "cao_dang",
        "",
        "",
        "chuyen_nganh",
        "a",
    ),
]
CATEGORIES = ("professional", "political", "state_mgmt", "it", "language")


def _today() -> dt.date:
    return timezone.now().astimezone(ZONE).date()


def _members(unit: OrgUnit) -> list[User]:
    ids = Membership.objects.filter(unit=unit, active=True).values_list("user_id", flat=True)
    return list(User.objects.filter(pk__in=ids).order_by("username"))


def _head(unit: OrgUnit) -> User | None:
    member = Membership.objects.filter(unit=unit, role__in=(Role.HEAD, Role.SIGNER)).first()
    return member.user if member else None


def _event(task: PlanTask, action: str, old: str, day: dt.date, actor: User | None) -> None:
    TrackEvent.objects.create(
        task=task,
        at=dt.datetime.combine(day, dt.time(9), tzinfo=ZONE),
        actor=actor,
        actor_label=str(actor) if actor else "Hệ thống",
        action=action,
        from_status=old,
        to_status=task.status,
        note="Dữ liệu minh họa",
    )


def _progress(task: PlanTask, today: dt.date, rng: random.Random, head: User | None) -> None:
    """Move a task to where a real plan would be today: most past tasks done, a few late."""
    if task.ongoing or task.due_on > today + dt.timedelta(days=30):
        if task.starts_on and task.starts_on <= today:
            task.status = S.IN_PROGRESS
            task.save(update_fields=["status"])
            _event(task, "update", S.NOT_STARTED, task.starts_on, task.lead_officer)
        return
    roll = rng.random()
    if task.due_on > today or roll < 0.12:  # due soon, or overdue and still in progress
        task.status = S.IN_PROGRESS
        task.save(update_fields=["status"])
        _event(task, "update", S.NOT_STARTED, min(today, task.due_on), task.lead_officer)
        return
    late = roll < 0.22
    task.done_on = task.due_on + dt.timedelta(
        days=rng.randint(3, 20) if late else -rng.randint(0, 10)
    )
    task.done_on = min(task.done_on, today)
    task.reported_on = task.done_on
    task.status = S.DONE_LATE if task.done_on > task.due_on else S.DONE
    task.save(update_fields=["status", "done_on", "reported_on"])
    _event(task, "confirm", S.REPORTED, task.done_on, head)


def _plan(commune: OrgUnit, year: int, rng: random.Random) -> ReformPlan:
    head, members = _head(commune), _members(commune)
    plan = ReformPlan.objects.create(
        unit=commune,
        year=year,
        title=f"Kế hoạch cải cách hành chính năm {year}",
        legal_basis="Căn cứ Nghị quyết số 76/NQ-CP ngày 15/7/2021 của Chính phủ ban hành "
        "Chương trình tổng thể cải cách hành chính nhà nước giai đoạn 2021 – 2030; "
        "Kế hoạch CCHC năm của UBND tỉnh.",
        decision_number="05/KH-UBND",
        decision_date=dt.date(year, 1, 8),
        decision_signer=str(head) if head else "Chủ tịch UBND xã",
        created_at=timezone.now(),
    )
    today = _today()
    for number, (area, content, product, month) in enumerate(TASKS, start=1):
        deadline = None if month == 0 else dt.date(year, month, 28 if month == 2 else 30)
        task = task_add(
            plan=plan,
            actor=None,
            data=TaskData(
                area=area,
                content=content,
                product=product,
                number=str(number),
                lead_officer=members[number % len(members)] if members else None,
                support="Văn phòng - Thống kê; các ban, ngành, đoàn thể",
                starts_on=dt.date(year, 1, 15),
                deadline=deadline,
                ongoing=month == 0,
            ),
        )
        _progress(task, today, rng, head)
    return plan


def _register(commune: OrgUnit, rng: random.Random) -> None:
    for name, born, sex, position, kind, *levels in PEOPLE:
        person = Person.objects.create(
            full_name=name,
            birth_date=dt.date(born, rng.randint(1, 12), rng.randint(1, 28)),
            sex=sex,
            home_unit=commune,
        )
        started = dt.date(rng.randint(2005, 2024), rng.randint(1, 12), 1)
        if kind in (StaffKind.CAN_BO, StaffKind.CONG_CHUC) and rng.random() < 0.4:
            started = dt.date(2025, 7, 1)  # came with the July 2025 merger
        Posting.objects.create(
            person=person, unit=commune, position=position, kind=kind, starts_on=started
        )
        for category, level in zip(CATEGORIES, levels, strict=True):
            if level:
                Qualification.objects.create(
                    person=person, category=category, level=level, year=rng.randint(2005, 2024)
                )
        if rng.random() < 0.45:
            start = _today() - dt.timedelta(days=rng.randint(20, 200))
            Training.objects.create(
                person=person,
                name=rng.choice(
                    [
                        "Bồi dưỡng kỹ năng thực hiện cơ chế một cửa, một cửa liên thông",
                        "Bồi dưỡng kiến thức chuyển đổi số cho cán bộ cấp xã",
                        "Bồi dưỡng quản lý nhà nước ngạch chuyên viên",
                    ]
                ),
                organiser="Sở Nội vụ",
                starts_on=start,
                ends_on=start + dt.timedelta(days=4),
                certificate="Giấy chứng nhận",
            )


def _inspections(province: OrgUnit, commune: OrgUnit, year: int) -> None:
    today = _today()
    plan = InspectionPlan.objects.create(
        unit=province,
        year=year,
        title=f"Kế hoạch kiểm tra công vụ, kiểm tra CCHC năm {year}",
        decision_number="12/KH-SNV",
        decision_date=dt.date(year, 1, 20),
    )
    planned_day = max(dt.date(year, 1, 2), today - dt.timedelta(days=60))
    planned = Inspection.objects.create(
        plan=plan,
        inspecting_unit=province,
        inspected_unit=commune,
        planned_on=planned_day,
        held_on=planned_day,
        theme="Kiểm tra việc thực hiện nhiệm vụ CCHC và cơ chế một cửa",
        leader="Phó Giám đốc Sở Nội vụ",
        members="Phòng CCHC Sở Nội vụ; Văn phòng UBND tỉnh",
        checked_desk="Bộ phận Một cửa bố trí đủ công chức, có máy lấy số thứ tự.",
        checked_posting="Niêm yết đầy đủ, còn 3 thủ tục chưa cập nhật theo quyết định mới.",
        conclusion_number="45/TB-SNV",
        conclusion_date=planned_day + dt.timedelta(days=7),
    )
    surprise_day = today - dt.timedelta(days=10)
    surprise = Inspection.objects.create(
        inspecting_unit=province,
        inspected_unit=commune,
        surprise=True,
        held_on=surprise_day,
        theme="Kiểm tra đột xuất kỷ luật, kỷ cương hành chính",
        leader="Trưởng phòng CCHC Sở Nội vụ",
        checked_presence="1 công chức vắng mặt không có lý do lúc 14h00.",
    )
    F = Finding.objects.create
    F(
        inspection=planned,
        kind="posting",
        severity="minor",
        responsible="Văn phòng - Thống kê",
        description="3 thủ tục hành chính niêm yết chưa cập nhật theo quyết định công bố mới",
        recommendation="Cập nhật niêm yết",
        due_on=planned_day + dt.timedelta(days=15),
        status=S.DONE,
        done_on=planned_day + dt.timedelta(days=9),
        reported_on=planned_day + dt.timedelta(days=9),
    )
    F(
        inspection=surprise,
        kind="presence",
        severity="moderate",
        responsible="Chủ tịch UBND xã",
        description="Công chức vắng mặt tại nơi làm việc không có lý do",
        recommendation="Nhắc nhở, chấn chỉnh; báo cáo kết quả xử lý",
        due_on=surprise_day + dt.timedelta(days=7),
        status=S.IN_PROGRESS,
    )
    F(
        inspection=surprise,
        kind="dossiers",
        severity="moderate",
        responsible="Công chức Địa chính",
        description="2 hồ sơ đất đai trễ hạn không có văn bản xin lỗi (Mẫu 04)",
        recommendation="Gửi văn bản xin lỗi, hẹn lại ngày trả kết quả",
        due_on=surprise_day + dt.timedelta(days=20),
    )


def _meeting(commune: OrgUnit, rng: random.Random) -> None:
    held = _today() - dt.timedelta(days=25)
    meeting = Meeting.objects.create(
        unit=commune,
        held_on=held,
        place="Hội trường UBND xã",
        title="Đối thoại giữa Chủ tịch UBND xã với Nhân dân về cải cách thủ tục hành chính",
        leaders="Chủ tịch UBND xã; Phó Chủ tịch UBND xã; Chủ tịch Ủy ban MTTQ xã",
        residents=rng.randint(70, 120),
        topics=["procedures", "services", "transparency", "e_governance"],
        summary="Người dân nêu 4 ý kiến; 3 ý kiến được trả lời tại buổi đối thoại, 1 ý kiến "
        "giao Văn phòng UBND xã giải quyết.",
    )
    Q = MeetingQuestion.objects.create
    Q(
        meeting=meeting,
        question="Thời gian cấp giấy chứng nhận quyền sử dụng đất lần đầu?",
        answer="Không quá 20 ngày làm việc; người dân có thể theo dõi bằng mã hồ sơ.",
        due_on=held,
        status=S.DONE,
        done_on=held,
    )
    Q(
        meeting=meeting,
        question="Nộp hồ sơ trực tuyến có phải lên xã nộp bản giấy không?",
        answer="Không, trừ khi thủ tục yêu cầu nộp bản gốc khi nhận kết quả.",
        due_on=held,
        status=S.DONE,
        done_on=held,
    )
    Q(
        meeting=meeting,
        question="Đề nghị công khai danh sách hộ nghèo được hỗ trợ",
        answer="UBND xã sẽ niêm yết tại nhà văn hóa các thôn.",
        due_on=held,
        status=S.DONE,
        done_on=held,
    )
    Q(
        meeting=meeting,
        question="Đề nghị bố trí thêm giờ tiếp nhận hồ sơ sáng thứ Bảy",
        assignee_unit=commune,
        due_on=held + dt.timedelta(days=45),
        status=S.IN_PROGRESS,
    )


@transaction.atomic
def seed_reform_demo(province: OrgUnit, commune: OrgUnit) -> str:
    """Seed the demo commune's reform data once; returns a line for seed_demo's summary."""
    year = _today().year
    if ReformPlan.objects.filter(unit=commune, year=year).exists():
        return f"Cải cách hành chính: {commune.name} đã có dữ liệu minh họa năm {year}."
    rng = random.Random(year)
    plan = _plan(commune, year, rng)
    _register(commune, rng)
    _inspections(province, commune, year)
    _meeting(commune, rng)
    return (
        f"Cải cách hành chính: kế hoạch {plan.tasks.count()} nhiệm vụ, sổ {len(PEOPLE)} cán bộ, "
        f"2 cuộc kiểm tra, 1 buổi đối thoại tại {commune.name}."
    )
