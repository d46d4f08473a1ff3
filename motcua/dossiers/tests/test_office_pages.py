"""The dossier page: what an officer of the unit reads, and the actions offered to them."""

from pathlib import Path

from django.test import Client

from motcua.accounts.models import Role
from motcua.dossiers import workflow
from motcua.dossiers.models import DossierStatus
from motcua.dossiers.tests.conftest import Clock, World, at
from motcua.dossiers.tests.factories import received
from motcua.dossiers.views.office_actions import ACTIONS
from motcua.workdays.timecalc import ZONE

DOCS = Path(__file__).resolve().parents[3] / "docs"


def page_of(client: Client, user: object, pk: int) -> str:
    client.force_login(user)  # type: ignore[arg-type]
    return client.get(f"/ho-so/{pk}/").content.decode()


def test_the_page_shows_national_status_procedure_applicant_and_working_time_left(
    world: World, client: Client
) -> None:
    dossier = received(world)
    page = page_of(client, world.handler, dossier.pk)
    assert "2. Được tiếp nhận" in page
    assert world.version.name in page
    assert "Nguyễn Văn An" in page and "001203004567" in page and "0912345678" in page
    assert "09:00 05/03/2026" in page  # the appointment
    assert "Còn 3 ngày làm việc" in page


def test_the_page_shows_overdue_in_working_time(world: World, client: Client, clock: Clock) -> None:
    dossier = received(world)
    clock.set(at(2026, 3, 6, 10, 0))  # due Thursday 09:00; Friday 10:00 is a day and an hour on
    assert "Quá hạn 1 ngày 1 giờ làm việc" in page_of(client, world.receiver, dossier.pk)


def test_the_timeline_shows_who_when_what_from_to_step_timing_and_the_missing_items(
    world: World, client: Client, clock: Clock
) -> None:
    dossier = received(world)
    workflow.request_supplement(
        dossier=dossier, actor=world.receiver, missing=["Tờ khai", "Ảnh 4x6"], reason="Thiếu"
    )
    workflow.supplement_received(dossier=dossier, actor=world.receiver)
    dossier = workflow.forward(dossier=dossier, actor=world.receiver)
    dossier = workflow.assign(dossier=dossier, actor=world.head, assignee=world.handler)
    clock.set(at(2026, 3, 3, 16, 0))  # step 1 has a 2-hour budget: this is late
    workflow.hand_over(dossier=dossier, actor=world.handler)

    page = page_of(client, world.head, dossier.pk)
    assert "Cán bộ tiepnhan" in page and "09:00 02/03/2026" in page
    assert "Yêu cầu bổ sung</th>" in page
    assert "Cần bổ sung: Tờ khai" in page and "Cần bổ sung: Ảnh 4x6" in page
    assert "Đã tiếp nhận → Yêu cầu bổ sung" in page
    assert "Chuyển bước</th>" in page and "Bước 1" in page
    assert '<span class="timing late">Quá hạn</span>' in page
    assert "Giao cho: Cán bộ xuly" in page


def test_the_page_links_the_printable_forms_that_exist(world: World, client: Client) -> None:
    dossier = received(world)
    workflow.request_supplement(dossier=dossier, actor=world.receiver, missing=["Tờ khai"])
    page = page_of(client, world.receiver, dossier.pk)
    assert f"/ho-so/{dossier.pk}/mau-01/" in page and f"/ho-so/{dossier.pk}/mau-02/" in page
    assert f"/ho-so/{dossier.pk}/mau-03/" not in page


def test_each_officer_is_offered_only_their_own_actions(world: World, client: Client) -> None:
    dossier = received(world)
    receiver_page = page_of(client, world.receiver, dossier.pk)
    for slug in ("chuyen-xu-ly", "yeu-cau-bo-sung", "tu-choi", "rut-ho-so"):
        assert f"/{dossier.pk}/{slug}/" in receiver_page
    for slug in ("phan-cong", "phe-duyet", "phat-hanh", "tra-ket-qua"):
        assert f"/{dossier.pk}/{slug}/" not in receiver_page
    signer_page = page_of(client, world.signer, dossier.pk)
    assert not any(f"/{dossier.pk}/{a.slug}/" in signer_page for a in ACTIONS)
    assert "Bạn không có thao tác nào" in signer_page


def test_a_finished_dossier_offers_no_action_even_to_an_officer_with_every_role(
    world: World, client: Client
) -> None:
    dossier = workflow.refuse(dossier=received(world), actor=world.receiver, reasons=["Sai"])
    page = page_of(client, world.everyone, dossier.pk)
    assert not any(f"/{dossier.pk}/{a.slug}/" in page for a in ACTIONS)
    assert "3. Không được tiếp nhận" in page


def test_the_supervisor_reads_the_page_but_is_offered_nothing(world: World, client: Client) -> None:
    from motcua.accounts.tests.factories import make_staff

    supervisor = make_staff("giamsat", world.province, Role.SUPERVISOR)
    dossier = received(world)
    page = page_of(client, supervisor, dossier.pk)
    assert dossier.code in page and "Bạn không có thao tác nào" in page


def test_every_role_is_documented_in_permissions_md() -> None:
    text = (DOCS / "permissions.md").read_text(encoding="utf-8")
    missing = [role.value for role in Role if f"`{role.value}`" not in text]
    assert not missing, f"Roles missing from docs/permissions.md: {missing}"


def test_every_action_url_and_function_is_documented_in_permissions_md() -> None:
    text = (DOCS / "permissions.md").read_text(encoding="utf-8")
    missing = [a.name for a in ACTIONS if f"`{a.slug}/`" not in text or f"`{a.name}`" not in text]
    assert not missing, f"Actions missing from docs/permissions.md: {missing}"


def test_every_status_is_documented_in_workflow_md() -> None:
    text = (DOCS / "workflow.md").read_text(encoding="utf-8")
    missing = [s.value for s in DossierStatus if f"`{s.value}`" not in text]
    assert not missing, f"Statuses missing from docs/workflow.md: {missing}"


def test_times_are_shown_in_vietnamese_local_time(world: World, client: Client) -> None:
    dossier = received(world)
    assert dossier.received_at is not None
    local = dossier.received_at.astimezone(ZONE)
    assert f"{local:%H:%M %d/%m/%Y}" in page_of(client, world.receiver, dossier.pk)
