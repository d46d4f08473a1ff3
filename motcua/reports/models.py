"""Rollups: read models derived from the dossier event log, never typed in.

`DossierFact` is one row per dossier with everything the reports judge (when it entered,
finished and how, its pauses and reschedules); `Rollup` holds additive counters per
(receiving unit, deciding unit, procedure version, day) and per month, so that a period's
figures are a sum over a few rows whatever the number of dossiers. Both are kept by
`update_rollups` from the events after a watermark (docs/reports.md).
"""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from motcua.accounts.models import OrgUnit
from motcua.catalog.models import ProcedureVersion
from motcua.dossiers.models import Dossier

# The additive counters of a `Rollup` row; each is documented in docs/reports.md.
COUNTERS = (
    "received_counter",
    "received_post",
    "received_online_self",
    "received_online_assisted",
    "online_qualified",
    "digitised",
    "resolved_early",
    "resolved_on_time",
    "resolved_late",
    "refused",
    "stopped",
    "withdrawn",
    "finished_on_time",
    "finished_late",
    "processing_minutes",
    "electronic_results",
    "rated",
    "rated_disliked",
)
# The dossiers open at a closed month's end, by their state there (rows of grain MONTH_END,
# kept like the counters; docs/reports.md, "Month ends").
END_COUNTERS = ("end_in_time", "end_overdue", "end_paused", "end_late")


class FinishKind(models.TextChoices):
    RESOLVED = "resolved", _("Đã giải quyết")
    REFUSED = "refused", _("Từ chối")
    STOPPED = "stopped", _("Dừng xử lý")
    WITHDRAWN = "withdrawn", _("Rút hồ sơ")


class DossierFact(models.Model):
    dossier = models.OneToOneField(
        Dossier, primary_key=True, on_delete=models.CASCADE, related_name="fact"
    )
    receiving_unit = models.ForeignKey(OrgUnit, on_delete=models.CASCADE, related_name="+")
    deciding_unit = models.ForeignKey(OrgUnit, on_delete=models.CASCADE, related_name="+")
    procedure_version = models.ForeignKey(
        ProcedureVersion, on_delete=models.CASCADE, related_name="+"
    )
    channel = models.PositiveSmallIntegerField()
    assisted = models.BooleanField(default=False)
    entered_at = models.DateTimeField()
    due_at = models.DateTimeField(null=True)
    finish_kind = models.CharField(max_length=12, choices=FinishKind.choices, blank=True)
    finished_at = models.DateTimeField(null=True)
    # early / on_time / late for resolved dossiers (Mẫu 06 wording); "" otherwise.
    timing = models.CharField(max_length=8, blank=True)
    # DOMAIN.md §6, 2.1, for every kind of finish.
    on_time = models.BooleanField(null=True)
    supplement_count = models.PositiveSmallIntegerField(default=0)
    # [[start, end or null], …] ISO moments; [[moment, old due], …] for reschedules;
    # [[moment, request number], …] for supplement requests.
    pauses = models.JSONField(default=list)
    reschedules = models.JSONField(default=list)
    supplements = models.JSONField(default=list)
    processing_minutes = models.PositiveIntegerField(null=True)
    online_qualified = models.BooleanField(default=False)
    electronic_result = models.BooleanField(default=False)
    digitised = models.BooleanField(default=False)
    # The step that overran its own deadline the most, and who held it.
    lost_step = models.CharField(max_length=255, blank=True)
    lost_officer = models.CharField(max_length=255, blank=True)
    lost_minutes = models.PositiveIntegerField(default=0)
    # The citizen's rating of the service (1–5), once the result is returned; null if none.
    rating = models.PositiveSmallIntegerField(null=True)

    class Meta:
        verbose_name = _("số liệu hồ sơ")
        verbose_name_plural = _("số liệu hồ sơ")
        indexes = [
            models.Index(fields=["receiving_unit", "entered_at"], name="fact_recv_entered"),
            models.Index(fields=["deciding_unit", "entered_at"], name="fact_dec_entered"),
            models.Index(fields=["finished_at"], name="fact_finished"),
            # A unit's dossiers finished in a period (drill-downs, the late list): without these,
            # the finish index is read for every unit's finishes of the period.
            models.Index(fields=["receiving_unit", "finished_at"], name="fact_recv_finished"),
            models.Index(fields=["deciding_unit", "finished_at"], name="fact_dec_finished"),
            models.Index(
                fields=["entered_at"], condition=Q(finished_at__isnull=True), name="fact_open"
            ),
            # Dossiers still open at a period end that may be judged late there (766, 2.1):
            # past the appointment, or with a second supplement or a reschedule.
            models.Index(fields=["finished_at", "due_at"], name="fact_finished_due"),
            models.Index(
                fields=["finished_at"],
                condition=Q(supplement_count__gt=1) | ~Q(reschedules=[]),
                name="fact_finished_unsettled",
            ),
        ]

    def __str__(self) -> str:
        return f"fact {self.dossier_id}"


class Grain(models.TextChoices):
    DAY = "D", _("Ngày")
    MONTH = "M", _("Tháng")
    MONTH_END = "E", _("Cuối tháng")


def _counter(label: str) -> models.BigIntegerField:  # type: ignore[type-arg]
    return models.BigIntegerField(label, default=0)


class Rollup(models.Model):
    grain = models.CharField(max_length=1, choices=Grain.choices)
    day = models.DateField()  # the first of the month for a month row
    receiving_unit = models.ForeignKey(OrgUnit, on_delete=models.CASCADE, related_name="+")
    deciding_unit = models.ForeignKey(OrgUnit, on_delete=models.CASCADE, related_name="+")
    procedure_version = models.ForeignKey(
        ProcedureVersion, on_delete=models.CASCADE, related_name="+"
    )
    received_counter = _counter("received_counter")
    received_post = _counter("received_post")
    received_online_self = _counter("received_online_self")
    received_online_assisted = _counter("received_online_assisted")
    online_qualified = _counter("online_qualified")
    digitised = _counter("digitised")
    resolved_early = _counter("resolved_early")
    resolved_on_time = _counter("resolved_on_time")
    resolved_late = _counter("resolved_late")
    refused = _counter("refused")
    stopped = _counter("stopped")
    withdrawn = _counter("withdrawn")
    finished_on_time = _counter("finished_on_time")
    finished_late = _counter("finished_late")
    processing_minutes = _counter("processing_minutes")
    electronic_results = _counter("electronic_results")
    rated = _counter("rated")
    rated_disliked = _counter("rated_disliked")
    end_in_time = _counter("end_in_time")
    end_overdue = _counter("end_overdue")
    end_paused = _counter("end_paused")
    end_late = _counter("end_late")

    class Meta:
        verbose_name = _("số liệu tổng hợp")
        verbose_name_plural = _("số liệu tổng hợp")
        constraints = [
            models.UniqueConstraint(
                fields=["grain", "day", "receiving_unit", "deciding_unit", "procedure_version"],
                name="rollup_key_unique",
            )
        ]
        indexes = [
            models.Index(fields=["grain", "day"], name="rollup_grain_day"),
            models.Index(fields=["receiving_unit", "grain", "day"], name="rollup_recv"),
            models.Index(fields=["deciding_unit", "grain", "day"], name="rollup_dec"),
        ]

    def __str__(self) -> str:
        return f"{self.grain} {self.day} {self.receiving_unit_id}/{self.deciding_unit_id}"


class RollupState(models.Model):
    """The single row holding the watermark: the last event id folded into the rollups, and
    the last month whose end is closed (its MONTH_END rows written; None: none yet)."""

    last_event_id = models.BigIntegerField(default=0)
    updated_at = models.DateTimeField(null=True)
    months_closed = models.DateField(null=True)

    def __str__(self) -> str:
        return f"rollups up to event {self.last_event_id}"
