"""A province with three communes, Sở Nội vụ (a supervisor at the province), each commune's
chairman (signer) and an officer, and a small published rubric with one assessment open."""

import datetime as dt
from dataclasses import dataclass
from typing import Any

import pytest
from django.utils import timezone

from motcua.accounts.models import OrgUnit, Role, UnitKind, User
from motcua.accounts.tests.factories import make_staff, make_unit
from motcua.par.exchange import rubric_from_dict
from motcua.par.models import Assessment, Rubric, UnitAssessment
from motcua.par.services import assessment_open, rubric_create, rubric_publish

BANDS = [
    {"name": "Xuất sắc", "from": 90},
    {"name": "Tốt", "from": 80},
    {"name": "Khá", "from": 70},
    {"name": "Trung bình", "from": 55},
    {"name": "Yếu", "from": 0},
]


def small_rubric(**changes: Any) -> dict[str, Any]:
    """10 points: 7 appraised (one auto leaf) + 3 survey, two areas and a survey area."""
    raw: dict[str, Any] = {
        "name": "Bộ tiêu chí thử nghiệm 2026",
        "level": "commune",
        "year": 2026,
        "parts": {"appraised": 7, "survey": 3},
        "bands": BANDS,
        "nodes": [
            {
                "code": "1",
                "name": "Chỉ đạo, điều hành",
                "max": 3,
                "children": [
                    {"code": "1.1", "name": "Kế hoạch CCHC", "max": 1, "method": "yes_no"},
                    {
                        "code": "1.2",
                        "name": "Báo cáo định kỳ",
                        "max": 2,
                        "method": "deduction",
                        "params": {"per_item": 0.5},
                    },
                ],
            },
            {
                "code": "2",
                "name": "Cải cách TTHC",
                "max": 4,
                "children": [
                    {
                        "code": "2.1",
                        "name": "Hồ sơ đúng hạn",
                        "max": 2,
                        "method": "ratio",
                        "params": {"full_at": 1, "prorate_from": 0.8},
                        "measure": "dossiers.on_time_rate",
                    },
                    {
                        "code": "2.2",
                        "name": "Niêm yết TTHC",
                        "max": 2,
                        "method": "choice",
                        "params": {
                            "options": [
                                {"key": "du", "label": "Đầy đủ", "points": 2},
                                {"key": "thieu", "label": "Thiếu", "points": 1},
                            ]
                        },
                    },
                    {
                        "code": "2.3",
                        "name": "Mô hình được khen",
                        "max": 1,
                        "method": "bonus",
                        "params": {"per_item": 0.5},
                    },
                ],
            },
            {
                "code": "3",
                "name": "Điều tra xã hội học",
                "max": 3,
                "children": [
                    {"code": "3.1", "name": "Hài lòng của người dân", "max": 3, "method": "survey"},
                ],
            },
        ],
    }
    raw.update(changes)
    return raw


@dataclass
class Par:
    province: OrgUnit
    communes: list[OrgUnit]
    appraiser: User
    chairman: User  # signer of commune 0
    officer: User  # receiver of commune 0
    outsider: User  # chairman of commune 1
    rubric: Rubric
    assessment: Assessment

    def ua(self, index: int = 0) -> UnitAssessment:
        return UnitAssessment.objects.get(assessment=self.assessment, unit=self.communes[index])


def make_par(today: dt.date | None = None) -> Par:
    province = make_unit("01", UnitKind.PROVINCE, name="Tỉnh thử nghiệm")
    communes = [
        make_unit(f"0000{i}", UnitKind.COMMUNE, province, name=f"Xã Thử {i}") for i in range(1, 4)
    ]
    appraiser = make_staff("sonoivu", province, Role.SUPERVISOR)
    chairman = make_staff("chutich", communes[0], Role.SIGNER)
    officer = make_staff("congchuc", communes[0], Role.RECEIVER)
    outsider = make_staff("chutichkhac", communes[1], Role.SIGNER)
    rubric = rubric_publish(
        rubric=rubric_create(province=province, data=rubric_from_dict(small_rubric()))
    )
    start = today or timezone.localdate()
    assessment = assessment_open(
        rubric=rubric,
        units=communes,
        actor=appraiser,
        self_by=start + dt.timedelta(days=10),
        explain_by=start + dt.timedelta(days=20),
        results_by=start + dt.timedelta(days=30),
    )
    return Par(province, communes, appraiser, chairman, officer, outsider, rubric, assessment)


@pytest.fixture
def par(db: None) -> Par:
    return make_par()


@pytest.fixture(autouse=True)
def fast_passwords(settings) -> None:  # type: ignore[no-untyped-def]
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
