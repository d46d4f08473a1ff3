"""Writes of ratings (one function, called by the portal page and the counter kiosk alike) and
of survey campaigns: the seed questionnaire, the sample, invitations and answers."""

import datetime as dt
import math
import random

from django.core import signing
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from motcua.accounts.models import OrgUnit
from motcua.dossiers.models import Dossier, DossierStatus
from motcua.dossiers.notifications import notify_applicant
from motcua.surveys.models import (
    Answer,
    Campaign,
    Criterion,
    Element,
    Invitation,
    Level,
    Questionnaire,
    Rating,
    RatingChannel,
)
from motcua.workdays.timecalc import ZONE


class RatingError(ValidationError):
    """A rating refused; the message is for the citizen."""


def rating_open(dossier: Dossier) -> bool:
    """Whether the citizen may rate now: the result is returned and nobody rated yet."""
    return (
        dossier.status == DossierStatus.RETURNED
        and not Rating.objects.filter(dossier=dossier).exists()
    )


def rating_of(dossier: Dossier) -> tuple[Rating | None, bool]:
    """The dossier's rating, and whether the citizen may rate now (`rating_open`), in one read
    (none when the caller selected the rating with the dossier, `select_related("rating")`): only
    a returned dossier is rated (`rating_record`), and it stays returned."""
    if dossier.status != DossierStatus.RETURNED:
        return None, False
    try:
        rating: Rating | None = dossier.rating  # read with the dossier when it was selected
    except Rating.DoesNotExist:
        rating = None
    return rating, rating is None


def rating_record(*, dossier: Dossier, level: int, comment: str = "", channel: str) -> Rating:
    """Record the rating of a returned dossier; a second rating of the same dossier is refused."""
    if level not in Level.values:
        raise RatingError(_("Mức đánh giá không hợp lệ."))
    if channel not in RatingChannel.values:
        raise RatingError(_("Kênh đánh giá không hợp lệ."))
    if dossier.status != DossierStatus.RETURNED:
        raise RatingError(_("Chỉ đánh giá được sau khi đã nhận kết quả."))
    try:
        # The one-to-one key settles a double-clicked or concurrent second rating.
        with transaction.atomic():
            return Rating.objects.create(
                dossier=dossier,
                level=level,
                comment=comment.strip(),
                channel=channel,
                at=timezone.now(),
            )
    except IntegrityError:
        raise RatingError(_("Hồ sơ này đã được đánh giá. Xin cảm ơn!")) from None


# -- survey campaigns (DOMAIN.md §8) -----------------------------------------------------------

INVITATION_SALT = "motcua.surveys.invitation"
MARGIN = 0.05  # e in n = N / (1 + N·e²)

# The five public-service elements of SIPAS (QĐ 1001/QĐ-BNV, Part 2), one row per criterion.
SIPAS_SERVICE_ELEMENTS: list[tuple[str, list[str]]] = [
    ("Tiếp cận dịch vụ", [
        "Nơi tiếp nhận và trả kết quả có biển hiệu, chỉ dẫn rõ ràng, dễ tìm",
        "Nơi tiếp nhận và trả kết quả có đủ chỗ ngồi",
        "Trang thiết bị phục vụ người dân đầy đủ, dễ sử dụng",
    ]),
    ("Thủ tục hành chính", [
        "Thủ tục hành chính được niêm yết công khai, đầy đủ",
        "Thành phần hồ sơ phải nộp đúng quy định",
        "Phí, lệ phí phải nộp đúng quy định",
        "Thời hạn giải quyết đúng quy định",
    ]),
    ("Công chức trực tiếp giải quyết công việc", [
        "Công chức có thái độ lịch sự khi tiếp nhận, giải quyết hồ sơ",
        "Công chức hướng dẫn kê khai hồ sơ tận tình, đầy đủ ngay lần đầu",
        "Công chức tuân thủ đúng quy định trong giải quyết công việc",
    ]),
    ("Kết quả giải quyết thủ tục hành chính", [
        "Kết quả được trả đúng hạn",
        "Kết quả đầy đủ, chính xác",
        "Kết quả công bằng",
    ]),
    ("Tiếp nhận, xử lý góp ý, phản ánh, kiến nghị", [
        "Có kênh góp ý, phản ánh, kiến nghị thuận tiện",
        "Góp ý, phản ánh, kiến nghị được tiếp nhận, xử lý đúng quy định",
        "Kết quả xử lý được thông báo kịp thời",
    ]),
]  # fmt: skip
SIPAS_NAME = "SIPAS — Dịch vụ hành chính công (5 yếu tố)"


class SurveyError(ValidationError):
    """A survey action refused; the message is for the user, in Vietnamese."""


def questionnaire_seed_sipas() -> Questionnaire:
    """Create (once) the seed questionnaire of the five public-service elements."""
    with transaction.atomic():
        questionnaire, created = Questionnaire.objects.get_or_create(name=SIPAS_NAME)
        if created:
            for order, (name, criteria) in enumerate(SIPAS_SERVICE_ELEMENTS, start=1):
                element = Element.objects.create(
                    questionnaire=questionnaire, order=order, name=name
                )
                Criterion.objects.bulk_create(
                    Criterion(element=element, order=i, text=text)
                    for i, text in enumerate(criteria, start=1)
                )
    return questionnaire


def sample_size(population: int, margin: float = MARGIN) -> int:
    """n = N / (1 + N·e²), rounded up (Yamane; the 2017 SIPAS method)."""
    if population <= 0:
        return 0
    return min(population, math.ceil(population / (1 + population * margin**2)))


def campaign_create(
    *, questionnaire: Questionnaire, unit: OrgUnit, name: str, period_start: dt.date,
    period_end: dt.date,
) -> Campaign:  # fmt: skip
    if period_end < period_start:
        raise SurveyError(_("Ngày kết thúc phải sau ngày bắt đầu."))
    return Campaign.objects.create(
        questionnaire=questionnaire, unit=unit, name=name.strip(), period_start=period_start,
        period_end=period_end, created_at=timezone.now(),
    )  # fmt: skip


def campaign_population(campaign: Campaign) -> QuerySet[Dossier]:
    """Applicants of the period: dossiers of the unit (and below) returned in the period whose
    applicant left a phone or an e-mail to invite."""
    start = dt.datetime.combine(campaign.period_start, dt.time(), tzinfo=ZONE)
    end = dt.datetime.combine(campaign.period_end + dt.timedelta(days=1), dt.time(), tzinfo=ZONE)
    return (
        Dossier.objects.filter(
            receiving_unit__path__startswith=campaign.unit.path,
            status=DossierStatus.RETURNED, returned_at__gte=start, returned_at__lt=end,
        )
        .exclude(applicant_phone="", applicant_email="")
        .order_by("pk")
    )  # fmt: skip


def invitation_token(invitation: Invitation) -> str:
    return signing.dumps(invitation.pk, salt=INVITATION_SALT)


def campaign_invite(*, campaign: Campaign, base_url: str, rng: random.Random | None = None) -> int:
    """Draw the sample and queue one invitation per sampled applicant; once per campaign."""
    rng = rng or random.SystemRandom()
    with transaction.atomic():
        locked = Campaign.objects.select_for_update().get(pk=campaign.pk)
        if locked.invited_at is not None:
            raise SurveyError(_("Đợt khảo sát này đã gửi phiếu."))
        dossiers = list(campaign_population(locked))
        chosen = rng.sample(dossiers, sample_size(len(dossiers)))
        locked.population, locked.sample_size = len(dossiers), len(chosen)
        locked.invited_at = timezone.now()
        locked.save(update_fields=["population", "sample_size", "invited_at"])
        for dossier in chosen:
            invitation = Invitation.objects.create(campaign=locked, dossier=dossier)
            link = base_url.rstrip("/") + reverse(
                "survey:answer", args=[invitation_token(invitation)]
            )
            notify_applicant(dossier, _("Khảo sát mức độ hài lòng"), _(
                "Mời ông/bà cho ý kiến về việc giải quyết hồ sơ %(code)s (khoảng 3 phút): %(link)s"
            ) % {"code": dossier.code, "link": link})  # fmt: skip
    campaign.refresh_from_db()
    return len(chosen)


def survey_answer(*, invitation: Invitation | int, levels: dict[int, int | None]) -> Invitation:
    """Record one answer sheet; criteria answered None were skipped (not experienced)."""
    pk = invitation.pk if isinstance(invitation, Invitation) else invitation
    with transaction.atomic():
        locked = Invitation.objects.select_for_update().select_related("campaign").get(pk=pk)
        if locked.answered_at is not None:
            raise SurveyError(_("Phiếu khảo sát này đã được trả lời. Xin cảm ơn!"))
        criteria = set(
            Criterion.objects.filter(
                element__questionnaire=locked.campaign.questionnaire
            ).values_list("pk", flat=True)
        )
        given = {c: lv for c, lv in levels.items() if lv is not None}
        if not set(given) <= criteria or not all(lv in Level.values for lv in given.values()):
            raise SurveyError(_("Phiếu trả lời không hợp lệ."))
        if not given:
            raise SurveyError(_("Vui lòng trả lời ít nhất một câu hỏi."))
        Answer.objects.bulk_create(
            Answer(invitation=locked, criterion_id=c, level=lv) for c, lv in given.items()
        )
        locked.answered_at = timezone.now()
        locked.save(update_fields=["answered_at"])
    return locked
