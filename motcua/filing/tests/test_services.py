import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile

from motcua.catalog.models import OnlineLevel, ProcedureVersion
from motcua.dossiers import workflow
from motcua.dossiers.models import Attachment, Channel, Dossier, DossierStatus
from motcua.filing import services
from motcua.filing.models import ContactKind, Filing, FilingFile, FilingStatus
from motcua.filing.otp import Contact
from motcua.filing.tests.conftest import (
    CITIZEN_ID,
    CITIZEN_PHONE,
    PNG,
    Clock,
    Online,
    pdf,
)

pytestmark = pytest.mark.django_db

CONTACT = Contact(ContactKind.PHONE, CITIZEN_PHONE)
GOOD_EXTRA = {"ngay_sinh": "2026-02-20", "so_con": "1", "gioi_tinh": "Nam"}


def ready_draft(online: Online, contact: Contact = CONTACT) -> Filing:
    filing = services.filing_open(version=online.world.version, contact=contact)
    services.filing_save(
        filing=filing, applicant={"name": "Nguyễn Văn An", "personal_id": CITIZEN_ID},
        extra=GOOD_EXTRA, receiving_unit=online.world.commune,
    )  # fmt: skip
    services.filing_attach(filing=filing, document=online.form_doc, upload=pdf())
    return filing


def submit(filing: Filing) -> Dossier:
    return services.filing_submit(filing=filing)


def test_a_procedure_not_offered_online_cannot_be_filed_online(online: Online) -> None:
    ProcedureVersion.objects.filter(pk=online.world.version.pk).update(
        online_level=OnlineLevel.NONE
    )
    with pytest.raises(services.FilingError, match="chưa được cung cấp trực tuyến"):
        services.version_for_online_filing(online.procedure_pk)
    with pytest.raises(services.FilingError, match="Không tìm thấy"):
        services.version_for_online_filing(999_999)


def test_the_same_contact_finds_the_same_draft_again(online: Online, clock: Clock) -> None:
    first = ready_draft(online)
    again = services.filing_open(version=online.world.version, contact=CONTACT)
    assert again.pk == first.pk and again.applicant["name"] == "Nguyễn Văn An"
    other = services.filing_open(
        version=online.world.version, contact=Contact(ContactKind.EMAIL, "b@example.vn")
    )
    assert other.pk != first.pk


def test_a_draft_keeps_invalid_values_as_typed(online: Online) -> None:
    filing = services.filing_open(version=online.world.version, contact=CONTACT)
    services.filing_save(
        filing=filing, applicant={"name": "An", "personal_id": "12"},
        extra={"ngay_sinh": "hôm qua"}, receiving_unit=None,
    )  # fmt: skip
    filing.refresh_from_db()
    assert filing.applicant["personal_id"] == "12" and filing.extra["ngay_sinh"] == "hôm qua"
    problems = services.filing_problems(filing)
    assert "Chưa chọn nơi tiếp nhận hồ sơ." in problems
    assert "Chưa tải lên: Tờ khai." in problems
    assert any(p.startswith("Ngày sinh của trẻ") for p in problems)


def test_a_file_of_the_wrong_type_is_refused_and_the_draft_is_unchanged(online: Online) -> None:
    filing = ready_draft(online)
    fake = SimpleUploadedFile("anh.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf")
    with pytest.raises(services.FilingError, match="Chỉ nhận tệp PDF, JPEG hoặc PNG"):
        services.filing_attach(filing=filing, document=online.form_doc, upload=fake)
    assert filing.files.count() == 1
    filing.refresh_from_db()
    assert filing.applicant["name"] == "Nguyễn Văn An"


def test_an_oversize_file_is_refused(online: Online, settings) -> None:  # type: ignore[no-untyped-def]
    settings.MOTCUA_UPLOAD_MAX_BYTES = 1024
    filing = services.filing_open(version=online.world.version, contact=CONTACT)
    big = SimpleUploadedFile("to.png", PNG + b"\x00" * 2048, content_type="image/png")
    with pytest.raises(services.FilingError, match="vượt quá dung lượng"):
        services.filing_attach(filing=filing, document=online.form_doc, upload=big)
    assert not FilingFile.objects.exists()


def test_submitting_creates_one_online_dossier_in_status_1_with_the_files(
    online: Online, clock: Clock, django_capture_on_commit_callbacks
) -> None:
    filing = ready_draft(online)
    stored = filing.files.get().file.name
    assert stored
    with django_capture_on_commit_callbacks(execute=True):
        dossier = submit(filing)
    assert dossier.status == DossierStatus.SUBMITTED and dossier.national_code == 1
    assert dossier.channel == Channel.ONLINE and dossier.code.startswith("000.00.12.H56-")
    assert dossier.applicant_phone == CITIZEN_PHONE and dossier.assisted_by is None
    attachment = Attachment.objects.get(dossier=dossier)
    assert attachment.document == online.form_doc and attachment.original_name == "to-khai.pdf"
    filing.refresh_from_db()
    assert filing.status == FilingStatus.SUBMITTED and filing.dossier == dossier
    assert filing.extra == GOOD_EXTRA
    assert not FilingFile.objects.exists() and not default_storage.exists(stored)


def test_submitting_twice_returns_the_same_dossier(online: Online, clock: Clock) -> None:
    filing = ready_draft(online)
    first = submit(filing)
    second = submit(filing)
    assert first.pk == second.pk
    assert Dossier.objects.count() == 1


def test_a_second_click_holding_a_stale_draft_gets_the_first_dossier(
    online: Online, clock: Clock
) -> None:
    filing = ready_draft(online)
    stale = Filing.objects.get(pk=filing.pk)  # read as DRAFT by the second request
    winner = submit(filing)
    assert services.filing_submit(filing=stale).pk == winner.pk
    assert Dossier.objects.count() == 1


def test_an_incomplete_draft_is_not_submitted(online: Online, clock: Clock) -> None:
    filing = services.filing_open(version=online.world.version, contact=CONTACT)
    with pytest.raises(services.FilingError):
        services.filing_submit(filing=filing)
    assert not Dossier.objects.exists()


def test_an_assisted_filing_records_the_helper_and_the_citizens_contact(
    online: Online, clock: Clock
) -> None:
    filing = services.filing_open(version=online.world.version, helper=online.digital)
    services.filing_save(
        filing=filing, applicant={"name": "Bà Tư", "personal_id": CITIZEN_ID},
        extra=GOOD_EXTRA, receiving_unit=online.world.commune,
        contact=Contact(ContactKind.PHONE, "0987654321"),
    )  # fmt: skip
    services.filing_attach(filing=filing, document=online.form_doc, upload=pdf())
    dossier = submit(filing)
    assert dossier.assisted_by == online.digital
    assert dossier.applicant_phone == "0987654321"
    assert dossier.events.get().actor == online.digital


def test_a_helper_may_only_file_at_units_they_serve(online: Online, clock: Clock) -> None:
    assert not services.receiving_units(online.world.version, online.world.outsider).exists()
    assert list(services.receiving_units(online.world.version, online.digital)) == [
        online.world.commune
    ]


def test_the_applicant_supplements_online_and_the_dossier_resumes(
    online: Online, clock: Clock
) -> None:
    dossier = submit(ready_draft(online))
    workflow.request_supplement(
        dossier=dossier, actor=online.world.receiver, missing=["Giấy chứng sinh"]
    )
    dossier.refresh_from_db()
    with pytest.raises(services.FilingError, match="Chưa chọn tệp"):
        services.supplement_online(dossier=dossier, uploads=[])
    with pytest.raises(services.FilingError, match="Chỉ nhận tệp"):
        services.supplement_online(dossier=dossier, uploads=[SimpleUploadedFile("x.pdf", b"hello")])
    services.supplement_online(dossier=dossier, uploads=[pdf("giay-chung-sinh.pdf")], note="Đã có")
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.SUBMITTED
    assert dossier.attachments.filter(kind="supplement").count() == 1
    with pytest.raises(services.FilingError, match="không ở trạng thái chờ bổ sung"):
        services.supplement_online(dossier=dossier, uploads=[pdf()])


def test_contact_matching_ignores_email_case(online: Online, clock: Clock) -> None:
    dossier = submit(ready_draft(online, Contact(ContactKind.EMAIL, "an@example.vn")))
    Dossier.objects.filter(pk=dossier.pk).update(applicant_email="An@Example.vn")
    dossier.refresh_from_db()
    assert services.contact_matches(dossier, Contact(ContactKind.EMAIL, "an@example.vn"))
    assert not services.contact_matches(dossier, Contact(ContactKind.PHONE, CITIZEN_PHONE))


def test_abandoned_drafts_and_their_files_are_purged_but_not_recent_or_submitted_ones(
    online: Online, clock: Clock, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    import datetime as dt

    from motcua.filing.models import OneTimeCode

    start = clock.moment
    abandoned = ready_draft(online)
    stored = str(abandoned.files.get().file.name)
    assert default_storage.exists(stored)
    sent = submit(ready_draft(online, Contact(ContactKind.EMAIL, "an@example.vn")))
    clock.set(start + dt.timedelta(days=20))
    # Still being worked on: a file uploaded on day 20 keeps this draft.
    busy = services.filing_open(
        version=online.world.version, contact=Contact(ContactKind.EMAIL, "binh@example.vn")
    )
    Filing.objects.filter(pk=busy.pk).update(updated_at=start)
    services.filing_attach(filing=busy, document=online.form_doc, upload=pdf())
    OneTimeCode.objects.create(
        contact_kind=ContactKind.PHONE, contact=CITIZEN_PHONE, code_hash="x" * 64,
        created_at=start, expires_at=start + dt.timedelta(minutes=10),
    )  # fmt: skip
    clock.set(start + dt.timedelta(days=31))
    with django_capture_on_commit_callbacks(execute=True):
        drafts, codes = services.purge_abandoned(30)
    assert drafts == 1 and codes >= 1
    assert not Filing.objects.filter(pk=abandoned.pk).exists()
    assert not default_storage.exists(stored)
    assert Filing.objects.filter(pk=busy.pk).exists()
    assert Filing.objects.get(dossier=sent).status == FilingStatus.SUBMITTED
    assert not OneTimeCode.objects.filter(expires_at__lt=clock.moment - dt.timedelta(days=1))
