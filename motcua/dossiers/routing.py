"""Which unit holds a dossier: the deciding body by default, and the unit of each process step.

Published processes usually name a kind of unit ("the commune centre", "the commune") rather
than one unit, so that one process serves every commune of the province. The kind is resolved
against the units the dossier already involves.
"""

from motcua.accounts.models import OrgUnit, UnitKind
from motcua.catalog.models import ProcessStep
from motcua.dossiers.models import Dossier


def default_deciding_unit(receiving_unit: OrgUnit) -> OrgUnit:
    """A commune centre receives for its commune: the commune (UBND xã) decides.

    Provincial centres receive for many departments; without a named deciding unit the centre
    keeps the dossier and the process steps name the department.
    """
    parent = receiving_unit.parent
    if receiving_unit.kind == UnitKind.COMMUNE_CENTRE and parent is not None:
        return parent
    return receiving_unit


def step_unit(dossier: Dossier, step: ProcessStep) -> OrgUnit | None:
    """The unit that performs `step` for this dossier, or None when it cannot be told."""
    if step.unit_id is not None:
        return step.unit
    if not step.unit_kind:
        return None
    for unit in _involved(dossier):
        if unit.kind == step.unit_kind:
            return unit
    return None


def _involved(dossier: Dossier) -> list[OrgUnit]:
    units = [dossier.deciding_unit, dossier.receiving_unit, dossier.current_unit]
    units += [unit.parent for unit in units if unit.parent is not None]
    return units
