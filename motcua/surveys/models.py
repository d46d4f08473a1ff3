"""Per-dossier satisfaction ratings and SIPAS-style survey campaigns (DOMAIN.md §8)."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from motcua.accounts.models import OrgUnit
from motcua.dossiers.models import Dossier


class Level(models.IntegerChoices):
    """The 5-level scale; 766 component 5.4 counts the two lowest as a "dislike"."""

    VERY_SATISFIED = 5, _("Rất hài lòng")
    SATISFIED = 4, _("Hài lòng")
    NEUTRAL = 3, _("Bình thường")
    DISSATISFIED = 2, _("Không hài lòng")
    VERY_DISSATISFIED = 1, _("Rất không hài lòng")


DISLIKE_LEVELS = (Level.DISSATISFIED, Level.VERY_DISSATISFIED)


class RatingChannel(models.TextChoices):
    PORTAL = "portal", _("Cổng dịch vụ công")
    KIOSK = "kiosk", _("Máy đánh giá tại quầy")


class Rating(models.Model):
    """One citizen's rating of one dossier's service, given once after the result is returned."""

    dossier = models.OneToOneField(
        Dossier, verbose_name=_("hồ sơ"), on_delete=models.PROTECT, related_name="rating"
    )
    level = models.PositiveSmallIntegerField(_("mức độ hài lòng"), choices=Level.choices)
    comment = models.TextField(_("ý kiến"), blank=True, max_length=2000)
    channel = models.CharField(_("kênh đánh giá"), max_length=8, choices=RatingChannel.choices)
    at = models.DateTimeField(_("đánh giá lúc"))

    class Meta:
        verbose_name = _("đánh giá hồ sơ")
        verbose_name_plural = _("đánh giá hồ sơ")
        ordering = ["-at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(level__gte=1) & Q(level__lte=5), name="rating_level_in_scale"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.dossier_id}: {self.level}"


# -- SIPAS-style survey campaigns (DOMAIN.md §8) ----------------------------------------------


class Questionnaire(models.Model):
    """A questionnaire defined as data: elements, each with criteria on the 5-level scale."""

    name = models.CharField(_("tên bộ câu hỏi"), max_length=255, unique=True)

    class Meta:
        verbose_name = _("bộ câu hỏi khảo sát")
        verbose_name_plural = _("bộ câu hỏi khảo sát")

    def __str__(self) -> str:
        return self.name


class Element(models.Model):
    questionnaire = models.ForeignKey(
        Questionnaire, on_delete=models.CASCADE, related_name="elements"
    )
    order = models.PositiveSmallIntegerField(_("thứ tự"))
    name = models.CharField(_("yếu tố"), max_length=255)

    class Meta:
        verbose_name = _("yếu tố")
        verbose_name_plural = _("yếu tố")
        ordering = ["questionnaire", "order"]
        constraints = [
            models.UniqueConstraint(fields=["questionnaire", "order"], name="element_order_unique")
        ]

    def __str__(self) -> str:
        return self.name


class Criterion(models.Model):
    element = models.ForeignKey(Element, on_delete=models.CASCADE, related_name="criteria")
    order = models.PositiveSmallIntegerField(_("thứ tự"))
    text = models.CharField(_("tiêu chí"), max_length=500)

    class Meta:
        verbose_name = _("tiêu chí")
        verbose_name_plural = _("tiêu chí")
        ordering = ["element", "order"]
        constraints = [
            models.UniqueConstraint(fields=["element", "order"], name="criterion_order_unique")
        ]

    def __str__(self) -> str:
        return self.text


class Campaign(models.Model):
    """One survey of the users of one unit over a period: the sample and its invitations."""

    questionnaire = models.ForeignKey(Questionnaire, on_delete=models.PROTECT, related_name="+")
    unit = models.ForeignKey(
        OrgUnit, verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="+"
    )
    name = models.CharField(_("tên đợt khảo sát"), max_length=255)
    period_start = models.DateField(_("trả kết quả từ ngày"))
    period_end = models.DateField(_("đến ngày"))
    population = models.PositiveIntegerField(_("số người sử dụng dịch vụ (N)"), default=0)
    sample_size = models.PositiveIntegerField(_("cỡ mẫu (n)"), default=0)
    invited_at = models.DateTimeField(_("gửi phiếu lúc"), null=True, blank=True)
    created_at = models.DateTimeField(_("tạo lúc"))

    class Meta:
        verbose_name = _("đợt khảo sát")
        verbose_name_plural = _("đợt khảo sát")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.name


class Invitation(models.Model):
    """One sampled applicant's invitation; answered once through its signed link."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="invitations")
    dossier = models.ForeignKey(Dossier, on_delete=models.PROTECT, related_name="+")
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["campaign", "dossier"], name="invitation_unique")
        ]

    def __str__(self) -> str:
        return f"{self.campaign_id}/{self.pk}"


class Answer(models.Model):
    """A level for one criterion; no row when the person skipped it (not experienced)."""

    invitation = models.ForeignKey(Invitation, on_delete=models.CASCADE, related_name="answers")
    criterion = models.ForeignKey(Criterion, on_delete=models.PROTECT, related_name="answers")
    level = models.PositiveSmallIntegerField(choices=Level.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["invitation", "criterion"], name="answer_unique"),
            models.CheckConstraint(
                condition=Q(level__gte=1) & Q(level__lte=5), name="answer_level_in_scale"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.invitation_id}: {self.criterion_id}={self.level}"
