"""The personal-data audit trail (DOMAIN.md §10): every view, print, export and download of a
dossier's personal data by an officer is recorded, naming the dossier by its code only."""

from django.core.files.base import ContentFile
from django.test import Client

from motcua.accounts.models import AccessAction, PersonalDataAccess
from motcua.dossiers import workflow
from motcua.dossiers.attachments import NewFile
from motcua.dossiers.models import Dossier
from motcua.dossiers.tests.conftest import World
from motcua.dossiers.tests.factories import APPLICANT
from motcua.lib.uploads import sample_pdf

SCAN = sample_pdf()


def signed_in(user) -> Client:  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(user)
    return client


def with_scan(world: World) -> Dossier:
    return workflow.receive(
        actor=world.receiver, version=world.version, receiving_unit=world.commune,
        applicant=APPLICANT, files=[NewFile(ContentFile(SCAN, name="to-khai.pdf"))],
    )  # fmt: skip


def trail() -> list[tuple[str, str, str, int]]:
    return list(
        PersonalDataAccess.objects.order_by("pk").values_list(
            "user__username", "action", "subject", "records"
        )
    )


def test_viewing_printing_and_downloading_a_dossier_are_each_recorded(world: World) -> None:
    dossier = with_scan(world)
    scan = dossier.attachments.get()
    officer = signed_in(world.handler)
    page = officer.get(f"/ho-so/{dossier.pk}/")
    assert f"/ho-so/{dossier.pk}/tep/{scan.pk}/" in page.content.decode()
    served = officer.get(f"/ho-so/{dossier.pk}/tep/{scan.pk}/")
    assert served.status_code == 200 and b"".join(served.streaming_content) == SCAN  # type: ignore[attr-defined]
    assert served["Content-Type"] == "application/pdf"
    assert officer.get(f"/ho-so/{dossier.pk}/mau-01/").status_code == 200
    user = world.handler.username
    assert trail() == [
        (user, AccessAction.VIEW, f"Hồ sơ {dossier.code}", 1),
        (user, AccessAction.DOWNLOAD, f"Tệp số {scan.pk}, hồ sơ {dossier.code}", 1),
        (user, AccessAction.PRINT, f"Mẫu 01, hồ sơ {dossier.code}", 1),
    ]
    # The trail names dossiers by code: no applicant's name, number or phone is copied into it.
    for row in PersonalDataAccess.objects.all():
        text = f"{row.subject} {row.path}"
        for secret in (APPLICANT.name, APPLICANT.personal_id, APPLICANT.phone):
            assert secret not in text


def test_an_outsider_gets_nothing_and_leaves_no_access_row(world: World) -> None:
    dossier = with_scan(world)
    scan = dossier.attachments.get()
    outsider = signed_in(world.outsider)
    assert outsider.get(f"/ho-so/{dossier.pk}/tep/{scan.pk}/").status_code == 404
    assert outsider.get(f"/ho-so/{dossier.pk}/").status_code == 404
    assert not PersonalDataAccess.objects.exists()


def test_exporting_the_register_records_how_many_dossiers_left(world: World) -> None:
    for _ in range(3):
        workflow.receive(
            actor=world.receiver, version=world.version, receiving_unit=world.commune,
            applicant=APPLICANT,
        )  # fmt: skip
    clerk = signed_in(world.receiver)
    assert clerk.get("/ho-so/so-theo-doi.xlsx").status_code == 200
    assert clerk.get("/ho-so/so-theo-doi/").status_code == 200
    assert trail() == [
        (world.receiver.username, AccessAction.EXPORT, "Sổ theo dõi hồ sơ (Mẫu 07) (Excel)", 3),
        (world.receiver.username, AccessAction.VIEW, "Sổ theo dõi hồ sơ (Mẫu 07)", 3),
    ]
