"""A commune centre receives, the commune decides: the default process moves the dossier there."""

import pytest

from motcua.accounts.models import Role, UnitKind
from motcua.accounts.tests.factories import make_staff, make_unit
from motcua.catalog import services as catalog
from motcua.catalog.models import ProcedureOffering
from motcua.catalog.tests.factories import make_procedure
from motcua.dossiers import workflow
from motcua.dossiers.selectors import dossiers_for_user
from motcua.dossiers.tests.factories import APPLICANT

pytestmark = pytest.mark.django_db


def test_the_default_process_moves_a_dossier_from_the_centre_to_the_commune_and_back() -> None:
    province = make_unit("86", UnitKind.PROVINCE)
    commune = make_unit("29077", UnitKind.COMMUNE, province)
    centre = make_unit("29077.TTPVHCC", UnitKind.COMMUNE_CENTRE, commune)
    neighbour = make_unit("29083", UnitKind.COMMUNE, province)
    draft = make_procedure(hours=(), publish=False)
    assert catalog.process_create_default(version=draft)
    version = catalog.version_publish(version=draft)
    ProcedureOffering.objects.create(procedure=version.procedure, unit=centre)
    receiver = make_staff("tiepnhan", centre, Role.RECEIVER)
    head = make_staff("lanhdao", commune, Role.HEAD)
    handler = make_staff("xuly", commune, Role.HANDLER)
    stranger = make_staff("xakhac", neighbour, Role.HEAD, Role.HANDLER)

    d = workflow.receive(
        actor=receiver, version=version, receiving_unit=centre, applicant=APPLICANT
    )
    assert d.deciding_unit == commune
    d = workflow.forward(dossier=d, actor=receiver)
    assert d.current_unit == commune  # the reception step was done by receiving
    assert d.current_step is not None and d.current_step.name == "Thẩm định, xử lý hồ sơ"
    d = workflow.assign(dossier=d, actor=head, assignee=handler)
    assert d in dossiers_for_user(handler)
    assert d not in dossiers_for_user(stranger)
