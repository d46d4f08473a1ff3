"""The small schema of a procedure version's own fields ("extra fields").

A version lists the facts its form asks for beyond the applicant's details, e.g. the child's
date of birth on a birth registration:

    [{"name": "ngay_sinh", "label": "Ngày sinh của trẻ", "type": "date", "required": true}]

`type` is one of text, date, number, choice; a choice field lists its `choices` (strings).
The catalog validates the schema when a version is saved; the portal renders it as a form and
validates the values on the server.
"""

import re
from typing import Any

from django.core.exceptions import ValidationError

TYPES = ("text", "date", "number", "choice")
KEYS = {"name", "label", "type", "required", "choices"}
NAME = re.compile(r"^[a-z][a-z0-9_]{0,39}\Z")


def validate_schema(value: Any) -> None:
    """Raise ValidationError (in Vietnamese, naming the field) unless `value` is a valid schema."""
    if not isinstance(value, list):
        raise ValidationError("Trường bổ sung phải là một danh sách.")
    seen: set[str] = set()
    for position, item in enumerate(value, start=1):
        where = f"Trường bổ sung thứ {position}"
        if not isinstance(item, dict) or not KEYS.issuperset(item):
            raise ValidationError(f"{where}: chỉ dùng các khóa {', '.join(sorted(KEYS))}.")
        name = item.get("name")
        if not isinstance(name, str) or not NAME.match(name) or name in seen:
            raise ValidationError(
                f"{where}: tên (name) phải là chữ thường không dấu, số, gạch dưới và không trùng."
            )
        seen.add(name)
        if not isinstance(item.get("label"), str) or not item["label"].strip():
            raise ValidationError(f"{where}: thiếu nhãn (label).")
        if item.get("type") not in TYPES:
            raise ValidationError(f"{where}: kiểu (type) phải là một trong {', '.join(TYPES)}.")
        if not isinstance(item.get("required", False), bool):
            raise ValidationError(f"{where}: required phải là true hoặc false.")
        choices = item.get("choices")
        if item["type"] == "choice":
            if not (isinstance(choices, list) and choices and all(
                isinstance(c, str) and c.strip() for c in choices
            )):  # fmt: skip
                raise ValidationError(f"{where}: kiểu choice cần danh sách lựa chọn (choices).")
        elif choices is not None:
            raise ValidationError(f"{where}: chỉ kiểu choice mới có lựa chọn (choices).")
