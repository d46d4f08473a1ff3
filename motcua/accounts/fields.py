"""A select of organisation units for long lists (124 centres, 257 petition recipients):
grouped by kind, in Vietnamese alphabetical order, with a Vietnamese prompt and a search box
(`data-search`, motcua/static/motcua/select-search.js)."""

from collections.abc import Iterable
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from motcua.accounts.models import CENTRE_KINDS, COMMUNE_KINDS, OrgUnit, UnitKind
from motcua.lib.text import vietnamese_sort_key

GROUPS: list[tuple[Any, tuple[str, ...]]] = [
    (_("Xã, phường, đặc khu"), tuple(COMMUNE_KINDS)),
    (_("Trung tâm Phục vụ hành chính công"), tuple(CENTRE_KINDS)),
    (_("Sở, ban, ngành"), (UnitKind.DEPARTMENT, UnitKind.DIVISION)),
    (_("Tỉnh"), (UnitKind.PROVINCE,)),
    (_("Đơn vị khác"), (UnitKind.DISTRICT,)),
]


def group_units(units: Iterable[OrgUnit]) -> list[tuple[str, list[OrgUnit]]]:
    found: dict[str, list[OrgUnit]] = {}
    for unit in units:
        label = next((str(g) for g, kinds in GROUPS if unit.kind in kinds), str(GROUPS[-1][0]))
        found.setdefault(label, []).append(unit)
    order = [str(g) for g, _kinds in GROUPS]
    return [
        (label, sorted(found[label], key=lambda u: vietnamese_sort_key(u.name)))
        for label in order
        if label in found
    ]


class UnitChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    """`likely`: the units this person most probably means (where they filed a dossier),
    offered first in a group of their own."""

    likely: list[OrgUnit]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("empty_label", _("— Chọn cơ quan, đơn vị —"))
        super().__init__(*args, **kwargs)
        self.widget.attrs["data-search"] = "true"
        self.likely = []

    def offer_first(self, units: list[OrgUnit]) -> None:
        self.likely = units
        self.widget.choices = self.choices  # type: ignore[attr-defined]

    def _get_choices(self) -> Any:
        first: list[Any] = [("", self.empty_label)] if self.empty_label is not None else []
        if getattr(self, "likely", None):
            first.append((_("Gợi ý cho bạn"), [(u.pk, u.name) for u in self.likely]))
        grouped = [
            (label, [(unit.pk, unit.name) for unit in units])
            for label, units in group_units(self.queryset)  # type: ignore[arg-type]
        ]
        return first + grouped

    choices = property(_get_choices, forms.ChoiceField.choices.fset)  # type: ignore[union-attr]
