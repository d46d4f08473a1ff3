"""Reform management (DOMAIN.md §9a): yearly CCHC plans, the staff register, public-service
inspections and meetings with citizens. Plan tasks, inspection findings and the assignments
of a meeting share one life cycle (`motcua.reform.workflow`)."""

from motcua.reform.models.inspections import (
    Finding,
    FindingKind,
    Inspection,
    InspectionPlan,
    Severity,
)
from motcua.reform.models.meetings import Meeting, MeetingQuestion, PapiTopic
from motcua.reform.models.plans import PlanTask, ReformArea, ReformPlan
from motcua.reform.models.staff import (
    Person,
    Posting,
    QualCategory,
    Qualification,
    Sex,
    StaffKind,
    Training,
)
from motcua.reform.models.tracking import Evidence, TrackEvent, TrackStatus

__all__ = [
    "Evidence",
    "Finding",
    "FindingKind",
    "Inspection",
    "InspectionPlan",
    "Meeting",
    "MeetingQuestion",
    "PapiTopic",
    "Person",
    "PlanTask",
    "Posting",
    "QualCategory",
    "Qualification",
    "ReformArea",
    "ReformPlan",
    "Severity",
    "Sex",
    "StaffKind",
    "TrackEvent",
    "TrackStatus",
    "Training",
]
