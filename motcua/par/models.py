"""The PAR index: rubrics (a tree of criteria per level and year), assessments of units against
a rubric, the scores given at each stage, evidence, and the log of every change."""

from decimal import Decimal

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from motcua.accounts.models import OrgUnit, User
from motcua.par.scoring import METHOD_LABELS, Band, Node


class Level(models.TextChoices):
    COMMUNE = "commune", _("Cấp xã")
    DEPARTMENT = "department", _("Sở, ban, ngành")


class Rubric(models.Model):
    """One level's criteria for one year. Published rubrics are never edited: the next year's is
    a copy (`previous`)."""

    province = models.ForeignKey(
        OrgUnit, verbose_name=_("tỉnh"), on_delete=models.PROTECT, related_name="+"
    )
    name = models.CharField(_("tên bộ tiêu chí"), max_length=500)
    level = models.CharField(_("áp dụng cho"), max_length=20, choices=Level.choices)
    year = models.PositiveIntegerField(_("năm đánh giá"))
    decision = models.CharField(_("quyết định ban hành"), max_length=255, blank=True)
    sample = models.BooleanField(_("bộ tiêu chí mẫu"), default=False)
    bands = models.JSONField(_("mức xếp loại"), default=list)
    parts = models.JSONField(_("cơ cấu điểm"), default=dict, blank=True)
    published_at = models.DateTimeField(_("ban hành lúc"), null=True, blank=True)
    previous = models.ForeignKey(
        "self",
        verbose_name=_("bộ tiêu chí năm trước"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)

    class Meta:
        verbose_name = _("bộ tiêu chí chỉ số CCHC")
        verbose_name_plural = _("bộ tiêu chí chỉ số CCHC")
        ordering = ["-year", "level", "pk"]

    def __str__(self) -> str:
        return self.name

    @property
    def published(self) -> bool:
        return self.published_at is not None

    def band_list(self) -> list[Band]:
        return [Band(b["name"], Decimal(str(b["from"]))) for b in self.bands]

    def tree(self) -> list[Node]:
        """The areas, each with its subtree, as scoring nodes (one query)."""
        built: dict[int, Node] = {}
        areas: list[Node] = []
        for row in self.nodes.order_by("position"):
            node = Node(row.code, row.name, row.max_points, row.method, row.params, row.measure)
            built[row.pk] = node
            if row.parent_id is None:
                areas.append(node)
            else:
                built[row.parent_id].children.append(node)
        return areas


class RubricNode(models.Model):
    """An area, criterion or sub-criterion; leaves carry the scoring method and its parameters."""

    rubric = models.ForeignKey(Rubric, on_delete=models.CASCADE, related_name="nodes")
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="children"
    )
    position = models.PositiveIntegerField(_("thứ tự"))
    code = models.CharField(_("mã"), max_length=32)
    name = models.TextField(_("tên"))
    max_points = models.DecimalField(_("điểm tối đa"), max_digits=6, decimal_places=2)
    method = models.CharField(_("phương pháp chấm"), max_length=20, blank=True)
    params = models.JSONField(_("tham số"), default=dict, blank=True)
    measure = models.CharField(_("phép đo tự động"), max_length=80, blank=True)
    is_leaf = models.BooleanField(default=True)

    class Meta:
        ordering = ["rubric", "position"]
        constraints = [
            models.UniqueConstraint(fields=["rubric", "code"], name="par_node_code_unique")
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    @property
    def depth(self) -> int:
        return self.code.count(".")

    @property
    def method_label(self) -> str:
        return METHOD_LABELS.get(self.method, "")

    @property
    def is_survey(self) -> bool:
        return self.method == "survey"


class Phase(models.TextChoices):
    SELF = "self", _("Tự đánh giá")
    ROUND1 = "round1", _("Thẩm định vòng 1")
    EXPLAIN = "explain", _("Giải trình")
    ROUND2 = "round2", _("Thẩm định vòng 2")
    PUBLISHED = "published", _("Đã công bố")


class Assessment(models.Model):
    """One year's assessment of a level's units against a rubric, opened by Sở Nội vụ."""

    rubric = models.ForeignKey(Rubric, on_delete=models.PROTECT, related_name="assessments")
    name = models.CharField(_("tên kỳ đánh giá"), max_length=500)
    year = models.PositiveIntegerField(_("năm đánh giá"))
    phase = models.CharField(
        _("giai đoạn"), max_length=12, choices=Phase.choices, default=Phase.SELF
    )
    self_by = models.DateField(_("hạn tự đánh giá"))
    explain_by = models.DateField(_("hạn giải trình"))
    results_by = models.DateField(_("hạn công bố kết quả"))
    decision_number = models.CharField(_("số quyết định công bố"), max_length=100, blank=True)
    decision_date = models.DateField(_("ngày quyết định"), null=True, blank=True)
    decision_signer = models.CharField(_("người ký"), max_length=255, blank=True)
    published_at = models.DateTimeField(_("công bố lúc"), null=True, blank=True)
    opened_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    opened_at = models.DateTimeField(_("mở lúc"))

    class Meta:
        verbose_name = _("kỳ đánh giá chỉ số CCHC")
        verbose_name_plural = _("kỳ đánh giá chỉ số CCHC")
        ordering = ["-year", "-pk"]

    def __str__(self) -> str:
        return self.name


class UnitStatus(models.TextChoices):
    DRAFT = "draft", _("Đang tự chấm")
    SUBMITTED = "submitted", _("Đã gửi")
    RETURNED = "returned", _("Trả lại để bổ sung")


class UnitAssessment(models.Model):
    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="units")
    unit = models.ForeignKey(OrgUnit, on_delete=models.PROTECT, related_name="+")
    status = models.CharField(max_length=12, choices=UnitStatus.choices, default=UnitStatus.DRAFT)
    submitted_at = models.DateTimeField(null=True, blank=True)
    submitted_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    return_note = models.TextField(blank=True)

    class Meta:
        ordering = ["assessment", "unit__name"]
        constraints = [models.UniqueConstraint(fields=["assessment", "unit"], name="par_unit_once")]

    def __str__(self) -> str:
        return f"{self.assessment} — {self.unit}"


class Stage(models.TextChoices):
    SELF = "self", _("Tự chấm")
    ROUND1 = "round1", _("Thẩm định vòng 1")
    EXPLANATION = "explanation", _("Giải trình")
    ROUND2 = "round2", _("Thẩm định vòng 2")
    SURVEY = "survey", _("Điều tra xã hội học")


class Entry(models.Model):
    """What one stage gave one leaf for one unit: a value or option (or N/A), its points, a
    comment; for an auto leaf, the measured figure and how it was computed."""

    unit_assessment = models.ForeignKey(
        UnitAssessment, on_delete=models.CASCADE, related_name="entries"
    )
    node = models.ForeignKey(RubricNode, on_delete=models.CASCADE, related_name="+")
    stage = models.CharField(max_length=12, choices=Stage.choices)
    value = models.DecimalField(max_digits=12, decimal_places=4, null=True, blank=True)
    choice = models.CharField(max_length=40, blank=True)
    not_applicable = models.BooleanField(default=False)
    points = models.DecimalField(max_digits=6, decimal_places=2, null=True, blank=True)
    comment = models.TextField(blank=True)
    auto = models.BooleanField(default=False)
    numerator = models.BigIntegerField(null=True, blank=True)
    denominator = models.BigIntegerField(null=True, blank=True)
    definition = models.TextField(blank=True)
    evidence_url = models.CharField(max_length=500, blank=True)
    by = models.ForeignKey(User, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["unit_assessment", "node", "stage"], name="par_entry_once"
            ),
            models.CheckConstraint(
                condition=~Q(not_applicable=True) | Q(points__isnull=True),
                name="par_entry_na_has_no_points",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.unit_assessment_id}/{self.node_id}/{self.stage}"


class Evidence(models.Model):
    """A file (PDF, JPEG, PNG recognised by content) or a reference to a document."""

    unit_assessment = models.ForeignKey(
        UnitAssessment, on_delete=models.CASCADE, related_name="evidence"
    )
    node = models.ForeignKey(RubricNode, on_delete=models.CASCADE, related_name="+")
    file = models.FileField(upload_to="par/evidence/", blank=True)
    original_name = models.CharField(max_length=255, blank=True)
    content_type = models.CharField(max_length=50, blank=True)
    size = models.PositiveIntegerField(default=0)
    sha256 = models.CharField(max_length=64, blank=True)
    reference = models.CharField(_("văn bản, tài liệu"), max_length=500, blank=True)
    by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField()

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return self.original_name or self.reference


class Change(models.Model):
    """Append-only log: who changed what at which stage, before and after (like dossier events)."""

    unit_assessment = models.ForeignKey(
        UnitAssessment, on_delete=models.CASCADE, related_name="changes"
    )
    node = models.ForeignKey(
        RubricNode, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    stage = models.CharField(max_length=12, blank=True)
    action = models.CharField(max_length=40)
    before = models.JSONField(default=dict, blank=True)
    after = models.JSONField(default=dict, blank=True)
    by = models.ForeignKey(User, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(db_index=True)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.action}"

    def get_label(self) -> str:
        if self.action == "score" and self.stage:
            return str(Stage(self.stage).label)
        return CHANGE_LABELS.get(self.action, self.action)

    @property
    def before_text(self) -> str:
        return _described(self.before)

    @property
    def after_text(self) -> str:
        return _described(self.after)


CHANGE_LABELS = {
    "auto": "Hệ thống cập nhật số liệu",
    "evidence": "Thêm minh chứng",
    "submit": "Gửi bản tự đánh giá",
    "return": "Trả lại để bổ sung",
    "phase": "Chuyển giai đoạn",
    "publish": "Công bố kết quả",
}
DESCRIBED = (
    ("points", "điểm"),
    ("value", "giá trị"),
    ("choice", "mức"),
    ("comment", "ghi chú"),
    ("status", "tình trạng"),
    ("phase", "giai đoạn"),
    ("evidence", "minh chứng"),
    ("decision", "quyết định"),
    ("note", "nội dung"),
)


def _described(data: dict[str, object]) -> str:
    parts = [f"{label}: {data[key]}" for key, label in DESCRIBED if data.get(key) not in (None, "")]
    if data.get("not_applicable"):
        parts.insert(0, "không áp dụng")
    return "; ".join(parts)
