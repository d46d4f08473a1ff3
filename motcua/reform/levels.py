"""The levels of each qualification, in order, and the thresholds the reports count.

One table: category → [(code, label, rank)]. A person meets a criterion when one of their
qualifications of that category has a rank at least the threshold's.
"""

from motcua.reform.models.staff import QualCategory

C = QualCategory
LEVELS: dict[str, list[tuple[str, str, int]]] = {
    C.PROFESSIONAL: [
        ("so_cap", "Sơ cấp", 1),
        ("trung_cap", "Trung cấp", 2),
        ("cao_dang", "Cao đẳng", 3),
        ("dai_hoc", "Đại học", 4),
        ("thac_si", "Thạc sĩ", 5),
        ("tien_si", "Tiến sĩ", 6),
    ],
    C.POLITICAL: [
        ("so_cap", "Sơ cấp", 1),
        ("trung_cap", "Trung cấp", 2),
        ("cao_cap", "Cao cấp", 3),
        ("cu_nhan", "Cử nhân", 3),
    ],
    C.STATE_MANAGEMENT: [
        ("chuyen_vien", "Chuyên viên", 1),
        ("chuyen_vien_chinh", "Chuyên viên chính", 2),
        ("chuyen_vien_cao_cap", "Chuyên viên cao cấp", 3),
    ],
    C.IT: [
        ("co_ban", "Ứng dụng CNTT cơ bản", 1),
        ("a", "Chứng chỉ A", 1),
        ("b", "Chứng chỉ B", 2),
        ("nang_cao", "Ứng dụng CNTT nâng cao", 2),
        ("chuyen_nganh", "Trung cấp trở lên chuyên ngành CNTT", 3),
    ],
    C.LANGUAGE: [
        ("a", "Chứng chỉ A", 1),
        ("bac_1", "Bậc 1 (A1)", 1),
        ("b", "Chứng chỉ B", 2),
        ("bac_2", "Bậc 2 (A2)", 2),
        ("c", "Chứng chỉ C", 3),
        ("bac_3", "Bậc 3 (B1)", 3),
        ("bac_4", "Bậc 4 (B2)", 4),
        ("bac_5", "Bậc 5 (C1)", 5),
        ("dai_hoc", "Đại học ngoại ngữ", 5),
        ("bac_6", "Bậc 6 (C2)", 6),
    ],
}

# The criteria of the qualification table: key → (heading, category, minimum rank).
CRITERIA: dict[str, tuple[str, str, int]] = {
    "political": ("Lý luận chính trị từ trung cấp trở lên", C.POLITICAL, 2),
    "professional": ("Chuyên môn từ đại học trở lên", C.PROFESSIONAL, 4),
    "it": ("Tin học từ cơ bản (A) trở lên", C.IT, 1),
    "language": ("Ngoại ngữ từ A / bậc 1 trở lên", C.LANGUAGE, 1),
    "state_mgmt": ("Quản lý nhà nước từ chuyên viên trở lên", C.STATE_MANAGEMENT, 1),
}


def rank(category: str, level: str) -> int:
    return next((r for code, _, r in LEVELS.get(category, []) if code == level), 0)


def level_label(category: str, level: str) -> str:
    return next((label for code, label, _ in LEVELS.get(category, []) if code == level), level)


def level_from_label(category: str, text: str) -> str | None:
    """The code of a level typed as its label or code (ignoring case), for imports."""
    wanted = text.strip().lower()
    for code, label, _ in LEVELS.get(category, []):
        if wanted in (code, label.lower()):
            return code
    return None
