"""The records the GovStack Registration BB conformance suite expects, in one receiving unit.

The suite (GovStackWorkingGroup/bb-registration, test/openAPI) asks for fixed identifiers —
seven services, five eForms, five application files, three tasks and a registration named
"MCTS" — and changes data as it runs. `load` (re)creates exactly those records over real
procedures and real dossiers of the unit, so that it can run before every suite run.
"""

import datetime as dt
from dataclasses import dataclass

from django.db import transaction

from motcua.accounts.models import Membership, OrgUnit, Role, User
from motcua.api.models import GovstackApplication, GovstackForm, GovstackService
from motcua.catalog.models import ProcedureVersion, VersionStatus
from motcua.dossiers import workflow
from motcua.dossiers.models import DossierStatus

SUITE_CLIENT = "eGovStack/GOV/90000009/eregistrations-dev"
INTEGRATION_USER = "govstack.demo"
# When the fixture's drafts were started (the suite only reads it back).
DRAFTED = dt.datetime(2026, 1, 5, 1, 0, tzinfo=dt.UTC)

FORMS = [
    "d98a205a-679b-485b-823d-7a32a391e744",
    "w12a205a-679b-xx34-823d-7a32a391e744",
    "w12a89q9-679b-xx34-823d-7a32a391e744",
    "k02a20pa-679b-34xx-823d-7a32a391e744",
    "3f7d1b2e-6c51-473a-a583-814f868cf172",
]
# service id → (its eForm, the short registration name statistics are asked for)
SERVICES = {
    "f7d33db0-2809-484e-a780-76b7ccd4ecbf": (FORMS[0], "MCTS"),
    "P2c9280957e579ad7017e58a3399f0068": (FORMS[1], ""),
    "WWc9280957e579ad0007e58a3399f0068": (FORMS[2], ""),
    "DEc9280007e579ad7017e58a3399k5528": (FORMS[3], ""),
    "DEc9280007e579ad7017e58a3399k1234": (FORMS[0], ""),
    "c37b650a-24a9-4151-95d0-4d9c7437fe81": (FORMS[0], ""),
    "8b410187-e137-4487-b627-09b2b909e630": (FORMS[4], ""),
}


@dataclass(frozen=True)
class FixtureFile:
    ref: str
    task_ref: str
    service: str
    applicant_ref: str
    filed: bool  # a dossier awaiting acceptance; otherwise a draft


FILES = [
    FixtureFile(
        "81c4445c-bff6-11ed-afa1-0242ac120002",
        "81c4445c-bff6-11ed-afa1-0242ac120002",
        "f7d33db0-2809-484e-a780-76b7ccd4ecbf",
        "42962de0-bdb2-11ed-9397-0242ac120004",
        True,
    ),
    FixtureFile(
        "33c4445c-bff3-13ed-afa1-0332ac120033",
        "42962de0-bdb2-11ed-9397-0242ac120033",
        "P2c9280957e579ad7017e58a3399f0068",
        "42933de0-xxxx-33ed-0033-3342ac120004",
        False,
    ),
    FixtureFile(
        "77c4775c-b7f3-17ed-afa1-0772ac120077",
        "d1e33d56-c5c7-4272-aeb6-bc2732cce1f2",
        "f7d33db0-2809-484e-a780-76b7ccd4ecbf",
        "11962de0-11b2-11cc-9390-0242ac121114",
        True,
    ),
    FixtureFile(
        "11c4115c-b7f3-17ed-afa1-0112ac120011",
        "bebb3890-f7e6-4e8f-b64a-5f778868f380",
        "WWc9280957e579ad0007e58a3399f0068",
        "99b62de0-11b2-11cc-9390-0242ac121555",
        False,
    ),
    FixtureFile(
        "b8508d35-c2f3-442b-88a1-267ca25e85c0",
        "13883ad3-9de2-4951-b104-49b73edcf0b0",
        "8b410187-e137-4487-b627-09b2b909e630",
        "42962de0-bdb2-11ed-9397-0242ac120004",
        True,
    ),
]


def _versions(unit: OrgUnit) -> list[ProcedureVersion]:
    versions = list(
        ProcedureVersion.objects.filter(
            status=VersionStatus.PUBLISHED, procedure__offerings__unit=unit
        ).order_by("procedure__code", "pk")[: len(FORMS)]
    )
    if not versions:
        raise ValueError(f"{unit.name} không tiếp nhận thủ tục nào đã công bố.")
    return versions


def _integration_user(unit: OrgUnit) -> User:
    user, made = User.objects.get_or_create(
        username=INTEGRATION_USER,
        defaults={"full_name": "Kết nối GovStack (ứng dụng thử nghiệm)"},
    )
    if made:
        user.set_unusable_password()  # acts through the API only, never signs in
        user.save(update_fields=["password"])
    Membership.objects.get_or_create(user=user, unit=unit, role=Role.RECEIVER)
    return user


def _applicant(n: int) -> workflow.Applicant:
    # Made-up people for a test unit; the numbers are not real identification numbers.
    return workflow.Applicant(
        name=f"Người nộp thử GovStack số {n}", personal_id=f"0990000000{n:02d}"
    )


@transaction.atomic
def load(unit: OrgUnit, client: str = SUITE_CLIENT) -> User:
    """(Re)create the suite's records in `unit`; returns the integration user to map `client` to.

    Dossiers filed by earlier runs stay (they are real dossiers with their history); the
    fixture's application files are pointed at fresh ones awaiting acceptance.
    """
    user = _integration_user(unit)
    versions = _versions(unit)
    forms = {}
    for n, ref in enumerate(FORMS):
        forms[ref], _ = GovstackForm.objects.update_or_create(
            ref=ref, defaults={"version": versions[n % len(versions)]}
        )
    services = {}
    for ref, (form, registration) in SERVICES.items():
        services[ref], _ = GovstackService.objects.update_or_create(
            ref=ref,
            defaults={"form": forms[form], "unit": unit, "registration_name": registration},
        )
    fixture_refs = [f.ref for f in FILES]
    # Drafts left by earlier runs (the suite submits new ones each time) go; filed ones stay.
    GovstackApplication.objects.filter(service__unit=unit, dossier__isnull=True).exclude(
        ref__in=fixture_refs
    ).delete()
    for n, spec in enumerate(FILES, start=1):
        service = services[spec.service]
        app = GovstackApplication.objects.filter(ref=spec.ref).first()
        dossier = None
        if spec.filed:
            kept = app.dossier if app else None
            if kept is not None and kept.status == DossierStatus.SUBMITTED:
                dossier = kept
            else:
                dossier = workflow.submit_online(
                    version=service.form.version,
                    receiving_unit=unit,
                    applicant=_applicant(n),
                    assisted_by=user,
                )
        GovstackApplication.objects.update_or_create(
            ref=spec.ref,
            defaults={
                "task_ref": spec.task_ref,
                "service": service,
                "client": client,
                "applicant_ref": spec.applicant_ref,
                "name": f"Hồ sơ thử nghiệm GovStack {n}",
                "created": (dossier.submitted_at if dossier else None) or DRAFTED,
                "form_data": {"data": {}, "eFormId": service.form.ref},
                "document_urls": [],
                "dossier": dossier,
            },
        )
    return user
