"""Personas and an online procedure shared by the filing tests."""

import re
from dataclasses import dataclass

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from motcua.accounts.models import Role, User
from motcua.accounts.tests.factories import make_staff
from motcua.catalog.models import OnlineLevel, ProcedureDocument, ProcedureOffering
from motcua.dossiers.models import OutboxMessage
from motcua.dossiers.tests.conftest import (  # noqa: F401
    Clock,
    World,
    at,
    clock,
    fast_passwords,
    make_world,
)
from motcua.lib.uploads import sample_pdf

PDF = sample_pdf()
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
EXTRA_FIELDS = [
    {"name": "ngay_sinh", "label": "Ngày sinh của trẻ", "type": "date", "required": True},
    {"name": "so_con", "label": "Con thứ mấy", "type": "number", "required": False},
    {
        "name": "gioi_tinh", "label": "Giới tính của trẻ", "type": "choice", "required": True,
        "choices": ["Nam", "Nữ"],
    },
]  # fmt: skip
CITIZEN_PHONE = "0912345678"
CITIZEN_ID = "001203004005"


@dataclass
class Online:
    world: World
    procedure_pk: int
    form_doc: ProcedureDocument  # "Tờ khai", mandatory
    optional_doc: ProcedureDocument
    digital: User  # a community digital-team member of the commune


def make_online(base: World) -> Online:
    version = base.version
    type(version).objects.filter(pk=version.pk).update(
        online_level=OnlineLevel.FULL, extra_fields=EXTRA_FIELDS
    )
    version.refresh_from_db()
    # Offered (online) at this commune only.
    ProcedureOffering.objects.filter(procedure=version.procedure).exclude(
        unit=base.commune
    ).delete()
    ProcedureOffering.objects.get_or_create(procedure=version.procedure, unit=base.commune)
    optional = ProcedureDocument.objects.create(
        version=version, name="Giấy chứng nhận kết hôn", order=2, mandatory=False
    )
    return Online(
        world=base,
        procedure_pk=version.procedure_id,
        form_doc=version.documents.get(name="Tờ khai"),
        optional_doc=optional,
        digital=make_staff("sohoa", base.commune, Role.DIGITAL_TEAM),
    )


@pytest.fixture
def world(db: None, request: pytest.FixtureRequest) -> World:
    request.getfixturevalue("clock")  # the dossier tests' settable clock, started first
    return make_world()


@pytest.fixture
def online(world: World) -> Online:
    return make_online(world)


def pdf(name: str = "to-khai.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


def last_code(recipient: str) -> str:
    """The one-time code in the newest outbox message to `recipient` (what the citizen reads)."""
    message = OutboxMessage.objects.filter(recipient=recipient).order_by("-pk").first()
    assert message is not None, f"no message to {recipient}"
    found = re.search(r"\b(\d{6})\b", message.body)
    assert found is not None
    return found.group(1)
