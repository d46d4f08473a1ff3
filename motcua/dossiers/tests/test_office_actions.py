"""Every action through HTTP: its form page, one POST, a redirect, and the dossier changed —
or a Vietnamese message and the dossier exactly as it was."""

from typing import Any

import pytest
from django.forms.models import model_to_dict
from django.test import Client

from motcua.dossiers import workflow
from motcua.dossiers.models import Dossier, DossierStatus, ReturnMethod
from motcua.dossiers.tests.conftest import Clock, World, at
from motcua.dossiers.tests.factories import in_status, received, submitted
from motcua.lib.uploads import sample_pdf

S = DossierStatus


def url(dossier: Dossier, slug: str = "") -> str:
    return f"/ho-so/{dossier.pk}/{slug + '/' if slug else ''}"


def as_user(client: Client, user: Any) -> Client:
    client.force_login(user)
    return client


def snapshot(dossier: Dossier) -> tuple[dict[str, Any], int]:
    dossier.refresh_from_db()
    return model_to_dict(dossier), dossier.events.count()


def forwarded(w: World) -> Dossier:
    return workflow.forward(dossier=received(w), actor=w.receiver)


def assigned(w: World) -> Dossier:
    return workflow.assign(dossier=forwarded(w), actor=w.head, assignee=w.handler)


def approved(w: World) -> Dossier:
    return workflow.approve(dossier=assigned(w), actor=w.signer)


# (how to get the dossier, URL slug, who posts, form data, status afterwards)
CASES: list[tuple[str, Any, str, str, dict[str, Any], str]] = [
    ("accept_online", submitted, "tiep-nhan-truc-tuyen", "receiver", {}, S.RECEIVED),
    ("refuse", received, "tu-choi", "receiver", {"reasons": "Sai thẩm quyền", "confirm": "on"},
     S.REFUSED),
    ("request_supplement", received, "yeu-cau-bo-sung", "receiver",
     {"missing": "Tờ khai", "reason": "Thiếu"}, S.SUPPLEMENT_REQUESTED),
    ("supplement_received",
     lambda w: workflow.request_supplement(dossier=received(w), actor=w.receiver, missing=["A"]),
     "da-bo-sung", "receiver", {"note": "Đã nộp đủ"}, S.RECEIVED),
    ("forward", received, "chuyen-xu-ly", "receiver", {"note": ""}, S.FORWARDED),
    ("assign", forwarded, "phan-cong", "head", {"assignee": "handler"}, S.IN_PROCESS),
    ("hand_over", assigned, "chuyen-buoc", "handler", {"to_user": "handler"}, S.IN_PROCESS),
    ("pause_for_fees", assigned, "tam-dung-nghia-vu-tai-chinh", "handler",
     {"amount_vnd": "50000"}, S.AWAITING_FEES),
    ("resume", lambda w: workflow.pause_for_fees(dossier=assigned(w), actor=w.handler),
     "tiep-tuc", "receiver", {}, S.IN_PROCESS),
    ("stop", assigned, "dung-xu-ly", "head", {"reasons": "Không đủ điều kiện", "confirm": "on"},
     S.STOPPED),
    ("withdraw", forwarded, "rut-ho-so", "receiver",
     {"request_date": "2026-03-02", "note": "Không còn nhu cầu", "confirm": "on"}, S.WITHDRAWN),
    ("reschedule", assigned, "gia-han", "signer",
     {"new_due_at": "2026-03-20T10:30", "reason": "Chờ xác minh"}, S.IN_PROCESS),
    ("approve", assigned, "phe-duyet", "signer", {}, S.APPROVED),
    ("issue_result", approved, "phat-hanh", "clerk", {"result_number": "12/QĐ-UBND"},
     S.RESULT_READY),
    ("return_result",
     lambda w: workflow.issue_result(dossier=approved(w), actor=w.clerk, result_number="1/QĐ"),
     "tra-ket-qua", "receiver", {"method": ReturnMethod.COUNTER, "returned_to": "Nguyễn Văn An"},
     S.RETURNED),
    ("transfer", assigned, "lien-thong", "head", {"to_unit": "partner"}, S.FORWARDED),
]  # fmt: skip


def _resolve(w: World, data: dict[str, Any]) -> dict[str, Any]:
    """Form values naming a persona or a unit of the world become their primary keys."""
    out = {}
    for key, value in data.items():
        target = getattr(w, value, None) if isinstance(value, str) else None
        out[key] = target.pk if target is not None and hasattr(target, "pk") else value
    return out


@pytest.mark.parametrize(
    ("make", "slug", "who", "data", "after"),
    [case[1:] for case in CASES],
    ids=[case[0] for case in CASES],
)
def test_each_action_posted_changes_the_dossier_records_one_event_and_redirects(
    world: World, client: Client, make: Any, slug: str, who: str, data: dict[str, Any], after: str
) -> None:
    dossier = make(world)
    events = dossier.events.count()
    client = as_user(client, getattr(world, who))

    page = client.get(url(dossier, slug))
    assert page.status_code == 200
    assert b'method="post"' in page.content

    response = client.post(url(dossier, slug), _resolve(world, data))

    assert response.status_code == 302, response.content.decode()[:2000]
    assert response["Location"] == url(dossier)
    dossier.refresh_from_db()
    assert dossier.status == after
    assert dossier.events.count() == events + 1
    assert "Đã" in client.get(url(dossier)).content.decode() or after == S.IN_PROCESS


def test_forwarding_asks_for_confirmation_naming_the_processing_unit(
    world: World, client: Client
) -> None:
    dossier = received(world)
    page = as_user(client, world.receiver).get(url(dossier, "chuyen-xu-ly")).content.decode()
    assert "sẽ được chuyển đến" in page and world.commune.name in page
    assert "Xác nhận: chuyển xử lý" in page
    dossier.refresh_from_db()
    assert dossier.status == S.RECEIVED  # the GET changed nothing


def test_supplement_request_sends_every_missing_item_in_one_notice(
    world: World, client: Client
) -> None:
    dossier = received(world)
    as_user(client, world.receiver).post(
        url(dossier, "yeu-cau-bo-sung"),
        {"missing": "Tờ khai có chữ ký\n\n- Bản sao giấy khai sinh\nẢnh 4x6", "reason": "Thiếu"},
    )
    event = dossier.events.order_by("seq").last()
    assert event is not None and event.action == "request_supplement"
    assert event.payload["missing"] == ["Tờ khai có chữ ký", "Bản sao giấy khai sinh", "Ảnh 4x6"]
    assert event.note == "Thiếu"
    dossier.refresh_from_db()
    assert dossier.supplement_count == 1


def test_a_refused_transition_shows_the_message_and_leaves_row_and_events_unchanged(
    world: World, client: Client
) -> None:
    dossier = forwarded(world)
    before = snapshot(dossier)
    response = as_user(client, world.receiver).post(url(dossier, "chuyen-xu-ly"), {"note": "x"})
    assert response.status_code == 409
    assert "Không thể chuyển xử lý hồ sơ" in response.content.decode()
    assert 'role="alert"' in response.content.decode()
    assert snapshot(dossier) == before


def test_a_handler_posting_a_signers_approval_is_refused(world: World, client: Client) -> None:
    dossier = assigned(world)
    before = snapshot(dossier)
    response = as_user(client, world.handler).post(url(dossier, "phe-duyet"), {"note": ""})
    assert response.status_code == 403
    assert "Bạn không có quyền ký duyệt hồ sơ này" in response.content.decode()
    assert snapshot(dossier) == before


def test_a_rule_beyond_the_table_is_refused_with_its_message(
    world: World, client: Client, clock: Clock
) -> None:
    dossier = assigned(world)
    before = snapshot(dossier)
    response = as_user(client, world.signer).post(
        url(dossier, "gia-han"), {"new_due_at": "2026-03-01T10:00", "reason": "Chậm"}
    )
    assert response.status_code == 409
    assert "Ngày hẹn mới phải sau ngày hẹn cũ" in response.content.decode()
    assert snapshot(dossier) == before


def test_an_invalid_form_changes_nothing_and_says_what_is_missing(
    world: World, client: Client
) -> None:
    dossier = received(world)
    before = snapshot(dossier)
    response = as_user(client, world.receiver).post(url(dossier, "yeu-cau-bo-sung"), {})
    assert response.status_code == 400
    assert "This field is required" in response.content.decode() or "bắt buộc" in (
        response.content.decode()
    )
    assert snapshot(dossier) == before


def test_the_form_page_of_an_action_not_allowed_explains_why_and_offers_no_form(
    world: World, client: Client
) -> None:
    dossier = assigned(world)
    page = as_user(client, world.handler).get(url(dossier, "phe-duyet")).content.decode()
    assert "Bạn không có quyền ký duyệt" in page
    assert 'method="post" action="/ho-so/' not in page


@pytest.mark.parametrize("method", ["put", "patch", "delete"])
def test_actions_accept_only_get_and_post(world: World, client: Client, method: str) -> None:
    dossier = received(world)
    response = getattr(as_user(client, world.receiver), method)(url(dossier, "chuyen-xu-ly"))
    assert response.status_code == 405


def test_an_anonymous_visitor_is_sent_to_the_login_page(world: World, client: Client) -> None:
    dossier = received(world)
    response = client.post(url(dossier, "chuyen-xu-ly"))
    assert response.status_code == 302 and response["Location"].startswith("/dang-nhap/")
    dossier.refresh_from_db()
    assert dossier.status == S.RECEIVED


def test_a_reschedule_is_offered_only_once(world: World, client: Client, clock: Clock) -> None:
    dossier = assigned(world)
    client = as_user(client, world.signer)
    assert "/gia-han/" in client.get(url(dossier)).content.decode()
    client.post(url(dossier, "gia-han"), {"new_due_at": "2026-03-20T10:30", "reason": "Chậm"})
    dossier.refresh_from_db()
    assert dossier.due_at == at(2026, 3, 20, 10, 30)
    assert "/gia-han/" not in client.get(url(dossier)).content.decode()


def test_every_status_leaves_the_everyone_persona_only_actions_the_workflow_accepts(
    world: World, client: Client
) -> None:
    """The dossier page offers an action only when posting it would not be refused."""
    client = as_user(client, world.everyone)
    for status in (S.RECEIVED, S.FORWARDED, S.APPROVED, S.RETURNED):
        dossier = in_status(world, status)
        page = client.get(url(dossier)).content.decode()
        offered = [slug for _, _, slug, *_ in CASES if f"/{dossier.pk}/{slug}/" in page]
        for slug in offered:
            assert client.get(url(dossier, slug)).content.decode().count('role="alert"') == 0


def test_supplement_files_posted_with_the_form_are_stored_as_supplements(
    world: World, client: Client
) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    from motcua.dossiers.models import AttachmentKind

    dossier = workflow.request_supplement(
        dossier=received(world), actor=world.receiver, missing=["Tờ khai"]
    )
    scan = SimpleUploadedFile("to-khai.pdf", sample_pdf(), content_type="application/pdf")
    response = as_user(client, world.receiver).post(
        url(dossier, "da-bo-sung"), {"uploads": [scan], "note": ""}
    )
    assert response.status_code == 302
    attachment = dossier.attachments.get()
    assert (
        attachment.kind == AttachmentKind.SUPPLEMENT and attachment.original_name == "to-khai.pdf"
    )


def test_the_new_appointment_is_typed_day_first(world: World, client: Client, clock: Clock) -> None:
    dossier = assigned(world)
    client = as_user(client, world.signer)
    page = client.get(url(dossier, "gia-han")).content.decode()
    assert 'placeholder="ngày/tháng/năm giờ:phút"' in page
    client.post(url(dossier, "gia-han"), {"new_due_at": "20/03/2026 10:30", "reason": "Chậm"})
    dossier.refresh_from_db()
    assert dossier.due_at == at(2026, 3, 20, 10, 30)  # 20 March, not 3 August
