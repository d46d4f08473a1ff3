"""A year of history for the demo province, so that dashboards, the 766 ranking (group 5
included), late lists, published petition answers, Open311 and the transparency page show
real shapes on the first `make run`.

A handful of communes get a few thousand dossiers from the generator's bulk path (with their
ratings) and a few dozen petitions (PAKN) taken through their life cycle by the workflow
functions. Run once: a second `seed_demo --history` finds the generator's officers and adds
nothing.
"""

import datetime as dt
import random
from collections.abc import Callable

from django.utils import timezone

from motcua.accounts.models import OrgUnit, User
from motcua.demo.generate import Clock, _staff, _working_moment, frozen, generate
from motcua.demo.services import DEMO_COMMUNES
from motcua.feedback import workflow as pakn
from motcua.feedback.models import PaknChannel, PaknKind
from motcua.workdays.timecalc import ZONE

HISTORY_COMMUNES = 6
HISTORY_DOSSIERS = 3000
HISTORY_PETITIONS = 36

MATTERS = [
    (PaknKind.PROCEDURE, "Thời gian chờ tại Bộ phận Một cửa",
     "Buổi sáng thứ Hai phải chờ hơn một giờ mới đến lượt nộp hồ sơ."),
    (PaknKind.PROCEDURE, "Hướng dẫn thành phần hồ sơ chưa rõ",
     "Trên trang thủ tục chưa ghi rõ cần bản sao hay bản chính giấy tờ nhà đất."),
    (PaknKind.REGULATION, "Đề nghị kéo dài giờ tiếp nhận ngày thứ Bảy",
     "Người lao động khó đến trong giờ hành chính, đề nghị tiếp nhận sáng thứ Bảy."),
    (PaknKind.PROCEDURE, "Chậm trả kết quả chứng thực",
     "Hồ sơ chứng thực hẹn trong ngày nhưng hôm sau mới nhận được kết quả."),
    (PaknKind.CONDUCT, "Cán bộ hướng dẫn chưa tận tình",
     "Khi hỏi về hồ sơ đăng ký hộ kinh doanh, cán bộ trả lời chung chung, không hướng dẫn cụ thể."),
]  # fmt: skip


def history_present() -> bool:
    """Whether the history was generated already (its officers exist)."""
    return User.objects.filter(username__startswith="sinh-du-lieu-").exists()


def history_communes(province: OrgUnit) -> list[str]:
    """The demo communes first, then the next ones by code, up to HISTORY_COMMUNES."""
    codes = list(
        OrgUnit.objects.communes()
        .filter(parent=province, valid_to__isnull=True)
        .order_by("code")
        .values_list("code", flat=True)
    )
    first = [c for c in DEMO_COMMUNES if c in codes]
    return (first + [c for c in codes if c not in first])[:HISTORY_COMMUNES]


def history_year(today: dt.date) -> int:
    # Mid-year or later: this year, with the autumn's dossiers still running; earlier in the
    # year the previous one, so that there is a year behind us either way.
    return today.year if today.month >= 7 else today.year - 1


def demo_seed_history(
    *,
    province: OrgUnit,
    dossiers: int = HISTORY_DOSSIERS,
    petitions: int = HISTORY_PETITIONS,
    progress: Callable[[int, int], None] | None = None,
) -> str:
    """Generate the history unless it is there; a sentence saying what was done."""
    if history_present():
        return "Dữ liệu lịch sử trình diễn đã có, không sinh thêm."
    communes = history_communes(province)
    year = history_year(timezone.now().astimezone(ZONE).date())
    generate(dossiers, year, seed=766, progress=progress, bulk=True, communes=communes)
    made = petitions_generate(communes, year, petitions)
    return (
        f"Đã sinh {dossiers} hồ sơ năm {year} của {len(communes)} xã (kèm đánh giá) "
        f"và {made} phản ánh, kiến nghị."
    )


def petitions_generate(communes: list[str], year: int, count: int) -> int:
    """`count` petitions to the communes, each taken as far as its random fate and the clock
    allow: refused, answered (after a request for information), published and rated, or
    still open."""
    rng = random.Random(f"pakn/{year}")
    units = list(OrgUnit.objects.filter(code__in=communes).order_by("code"))
    now = timezone.now()
    clock = Clock()
    made = 0
    with frozen(clock):
        for index in range(count):
            clock.now = _working_moment(rng, year)
            if clock.now >= now:
                continue
            unit = units[index % len(units)]
            _petition_life(rng, clock, unit, _staff(unit), index, now)
            made += 1
    return made


def _petition_life(
    rng: random.Random, clock: Clock, unit: OrgUnit, officer: User, index: int, now: dt.datetime
) -> None:
    kind, title, content = MATTERS[index % len(MATTERS)]
    row = pakn.pakn_submit(
        data=pakn.Submission(
            kind=kind, channel=rng.choice([PaknChannel.PORTAL, PaknChannel.HOTLINE]),
            title=title, content=content, submitter_name="Người dân thử nghiệm",
            submitter_address="Ấp 1", unit=unit,
        )
    )  # fmt: skip

    def later(days: float) -> bool:
        clock.now += dt.timedelta(days=days * rng.uniform(0.5, 1.5))
        return clock.now < now

    fate = rng.random()
    if fate < 0.1:
        if later(1):
            pakn.pakn_refuse(
                pakn=row,
                actor=officer,
                reason="Nội dung là khiếu nại, hướng dẫn gửi theo Luật Khiếu nại.",
            )
        return
    if fate < 0.25 and later(2):
        pakn.pakn_request_info(
            pakn=row, actor=officer, question="Đề nghị cho biết ngày và địa điểm cụ thể."
        )
        if not later(3):
            return
        pakn.pakn_info_received(pakn=row, actor=None, info="Sáng thứ Hai, tại Bộ phận Một cửa.")
    # Most are answered within the 15 working days; about one in six late.
    if not later(rng.choice([5, 8, 12, 25])):
        return
    pakn.pakn_answer(
        pakn=row,
        actor=officer,
        answer="Ủy ban nhân dân xã đã chỉ đạo khắc phục và cảm ơn ý kiến của người dân.",
    )
    if not later(1):
        return
    pakn.pakn_publish(pakn=row, actor=officer, public_summary=title)
    if rng.random() < 0.6 and later(2):
        pakn.pakn_react(pakn=row, liked=rng.random() < 0.8)
