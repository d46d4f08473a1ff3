"""GovStack Registration BB: the mapping to dossiers, the client rules, scope and audit.

The conformance suite itself runs with `make govstack-suite` (it needs node); these tests pin
the behaviour it relies on and what it does not check (scope, the workflow, the audit trail).
"""

import base64
import json
from typing import Any

import pytest
from django.test import Client

from motcua.accounts.models import PersonalDataAccess, Role
from motcua.accounts.tests.factories import make_staff
from motcua.api import govstack_fixture as fx
from motcua.api.govstack import statistics_of
from motcua.api.models import GovstackApplication, GovstackForm, GovstackService
from motcua.dossiers.models import Dossier, DossierEvent, DossierStatus
from motcua.dossiers.tests.conftest import Clock, World, make_world
from motcua.lib.uploads import sample_pdf

BASE = "/govstack/registration/"
OTHER = "VN/GOV/000.00.00.H99/other-commune"


@pytest.fixture
def world(db: None, clock: Clock) -> World:
    return make_world()


@pytest.fixture
def gs(world: World, settings: Any) -> World:
    """The suite's records in the commune; the suite's client maps to the integration user,
    another client to a desk officer of the other commune."""
    user = fx.load(world.commune)
    stranger = make_staff("ketnoi.xakhac", world.other_commune, Role.RECEIVER)
    settings.MOTCUA_GOVSTACK_ENABLED = True
    settings.MOTCUA_GOVSTACK_CLIENTS = {fx.SUITE_CLIENT: user.username, OTHER: stranger.username}
    settings.MOTCUA_GOVSTACK_DEFAULT_CLIENT = fx.SUITE_CLIENT
    return world


def call(method: str, path: str, client_id: str | None = fx.SUITE_CLIENT, **kw: Any) -> Any:
    headers = {"HTTP_INFORMATION_MEDIATOR_CLIENT": client_id} if client_id else {}
    return getattr(Client(), method)(BASE + path, **kw, **headers)


def dossier_of(ref: str) -> Dossier:
    app = GovstackApplication.objects.get(ref=ref)
    assert app.dossier is not None
    return Dossier.objects.get(pk=app.dossier.pk)


FILED = "77c4775c-b7f3-17ed-afa1-0772ac120077"  # its task d1e33d56… awaits acceptance
DRAFT = "33c4445c-bff3-13ed-afa1-0332ac120033"
TASK = "d1e33d56-c5c7-4272-aeb6-bc2732cce1f2"


def test_off_unless_enabled(gs: World, settings: Any) -> None:
    settings.MOTCUA_GOVSTACK_ENABLED = False
    assert call("get", "services").status_code == 404
    assert call("get", "applications").status_code == 404


def test_services_are_procedures_offered_and_a_single_service_is_a_list(gs: World) -> None:
    listed = call("get", "services").json()
    assert len(listed) == 7
    assert {s["name"] for s in listed} == {gs.version.name}
    one = call("get", "services/P2c9280957e579ad7017e58a3399f0068")
    assert one.status_code == 200 and isinstance(one.json(), list)
    body = {item["code"]: item["value"] for item in one.json()[0]["serviceBody"]}
    assert body["receivingUnit"] == gs.commune.name
    assert call("get", "services/khong-co").status_code == 404
    # The name filter is an exact match.
    assert len(call("get", "services", data={"name": gs.version.name}).json()) == 7
    assert call("get", "services", data={"name": gs.version.name[:-1]}).json() == []


def test_eforms_list_summaries_and_give_the_json_schema(gs: World) -> None:
    forms = call("get", "services/f7d33db0-2809-484e-a780-76b7ccd4ecbf/eForms").json()
    assert [set(f) for f in forms] == [{"eFormId", "name", "description", "version", "latest"}]
    form = call("get", f"eForms/{forms[0]['eFormId']}").json()
    assert form["schema"]["properties"]["applicant"]["properties"]["personalId"]["pattern"]
    assert call("get", "eForms/n0t-ex1st1ng").status_code == 404


def test_client_header_rules(gs: World) -> None:
    stats = "data/statistics/1.0"
    assert call("get", stats, client_id=None).status_code == 400
    assert call("get", stats, client_id="eGovStack/GOV/90000009/").status_code == 400
    assert call("get", stats, client_id="invalid_header").status_code == 400
    assert call("get", stats, client_id="VN/GOV/1/unknown").status_code == 403
    ok = call("get", stats)
    assert ok.status_code == 200
    assert ok["Content-Type"] == "application/json; charset=utf-8"
    error = call("get", stats, client_id="invalid_header").json()
    assert set(error) == {"traceId", "code", "message", "localizedMessage"}


def test_a_submission_without_identity_is_a_draft_and_with_it_an_online_dossier(
    gs: World,
) -> None:
    service = "f7d33db0-2809-484e-a780-76b7ccd4ecbf"
    before = Dossier.objects.count()
    draft = call(
        "post",
        f"services/{service}/applications",
        data={"applicationName": "Amya Yuko", "applicantId": "sgh123h5-bdb2-11ed-9397"},
    ).json()
    assert draft["serviceId"] == service
    assert draft["applicationData"]["applicantId"] == "sgh123h5-bdb2-11ed-9397"
    assert draft["status"]["code"] == "PENDING" and Dossier.objects.count() == before
    filed = call(
        "post",
        f"services/{service}/applications",
        data=json.dumps(
            {
                "applicantId": "079200001234",
                "formData": {"data": {"applicant": {"name": "Trần Thị Bình"}}},
            }
        ),
        content_type="application/json",
    ).json()
    dossier = Dossier.objects.get(govstack__ref=filed["fileId"])
    assert dossier.status == DossierStatus.SUBMITTED
    assert dossier.applicant_personal_id == "079200001234"
    assert dossier.assisted_by is not None and dossier.assisted_by.username == fx.INTEGRATION_USER
    assert filed["status"] == {"code": "PENDING", "title": "Mới đăng ký"}
    missing = call("post", f"services/{service}/applications", data={"applicationName": "x"})
    assert missing.status_code == 400
    assert (
        call("post", "services/khong-co/applications", data={"applicantId": "a"}).status_code == 404
    )


def test_completing_a_task_runs_the_desk_step_of_the_workflow(gs: World) -> None:
    done = call("post", f"tasks/{TASK}/complete", data=json.dumps({"data": {}}),
                content_type="application/json")  # fmt: skip
    assert done.status_code == 200, done.content
    assert dossier_of(FILED).status == DossierStatus.RECEIVED
    last = DossierEvent.objects.filter(dossier=dossier_of(FILED)).order_by("seq").last()
    assert last is not None and last.action == "accept_online"
    assert last.actor is not None and last.actor.username == fx.INTEGRATION_USER
    call("post", f"tasks/{TASK}/complete", data="{}", content_type="application/json")
    assert dossier_of(FILED).status == DossierStatus.FORWARDED
    # From here the processing unit works in Một Cửa: the desk's client cannot decide for it.
    refused = call("post", f"tasks/{TASK}/complete", data="{}", content_type="application/json")
    assert refused.status_code == 409
    assert dossier_of(FILED).status == DossierStatus.FORWARDED
    assert call("post", "tasks/n0t-ex1st1ng/complete", data="{}",
                content_type="application/json").status_code == 404  # fmt: skip


def test_sending_back_asks_for_a_supplement(gs: World) -> None:
    body = {"data": {"decision": "sendback", "reasons": ["Bản sao giấy khai sinh"]}}
    done = call("post", f"tasks/{TASK}/complete", data=json.dumps(body),
                content_type="application/json")  # fmt: skip
    assert done.json()["status"]["code"] == "SENDBACK"
    assert dossier_of(FILED).status == DossierStatus.SUPPLEMENT_REQUESTED


def test_completing_a_draft_files_it_when_the_applicant_is_identified(gs: World) -> None:
    app = GovstackApplication.objects.get(ref=DRAFT)
    refused = call("post", f"tasks/{app.task_ref}/complete", data="{}",
                   content_type="application/json")  # fmt: skip
    assert refused.status_code == 400 and "định danh" in refused.json()["message"]
    app.form_data = {"data": {"applicant": {"name": "Lê Văn Cường", "personalId": "079300004321"}}}
    app.save()
    call("post", f"tasks/{app.task_ref}/complete", data="{}", content_type="application/json")
    assert dossier_of(DRAFT).status == DossierStatus.SUBMITTED


def test_an_officers_edit_is_a_recorded_workflow_action(gs: World) -> None:
    ref = "b8508d35-c2f3-442b-88a1-267ca25e85c0"
    body = {
        "applicationName": "Amya Yuko",
        "applicantId": "42962de0-bdb2-11ed-9397-0242ac120004",
        "formData": {"data": {"ghi_chu": {}}, "eFormId": "x"},
    }
    done = call("put", f"applications/{ref}", data=json.dumps(body),
                content_type="application/json")  # fmt: skip
    assert done.status_code == 200 and done.json()["fileId"] == ref
    event = DossierEvent.objects.filter(dossier=dossier_of(ref)).order_by("seq").last()
    assert event is not None and event.action == "amend"
    assert event.payload["changed"] == ["form_data", "name"]
    # The applicant of a filed dossier cannot be swapped; nothing changes.
    body["applicantId"] = "someone-else"
    assert call("put", f"applications/{ref}", data=json.dumps(body),
                content_type="application/json").status_code == 409  # fmt: skip
    assert GovstackApplication.objects.get(ref=ref).applicant_ref.startswith("42962de0")
    assert call("put", "applications/n0t-ex1st1ng", data="{}",
                content_type="application/json").status_code == 404  # fmt: skip


def test_a_client_sees_only_its_integration_users_units(gs: World) -> None:
    assert call("get", "applications", client_id=OTHER).json() == []
    assert call("get", "tasks", client_id=OTHER).json() == []
    assert call("get", f"applications/{FILED}", client_id=OTHER).status_code == 404
    refused = call("post", f"tasks/{TASK}/complete", client_id=OTHER, data="{}",
                   content_type="application/json")  # fmt: skip
    assert refused.status_code == 404
    assert dossier_of(FILED).status == DossierStatus.SUBMITTED
    assert len(call("get", "applications").json()) == 5


def test_reading_personal_data_is_in_the_audit_trail(gs: World) -> None:
    call("get", f"applications/{FILED}")
    row = PersonalDataAccess.objects.get()
    assert row.user is not None and row.user.username == fx.INTEGRATION_USER
    assert dossier_of(FILED).code in row.subject and fx.SUITE_CLIENT in row.subject


def test_filters_and_windows(gs: World) -> None:
    by_service = call(
        "get", "applications", data={"serviceId": "P2c9280957e579ad7017e58a3399f0068"}
    )
    assert [a["fileId"] for a in by_service.json()] == [DRAFT]
    assert call("get", "applications", data={"applicantId": "n0t"}).json() == []
    window = call("get", "applications", data={"firstResult": 2, "maxResult": 2}).json()
    assert len(window) == 2
    assert call("get", "applications", data={"maxResult": "x"}).status_code == 400
    tasks = call("get", "tasks", data={"fileId": FILED}).json()
    assert [t["taskId"] for t in tasks] == [TASK]
    assert call("get", f"tasks/{TASK}").json()["fileId"] == FILED
    assert call("get", "tasks/n0t-ex1st1ng").status_code == 404


def test_documents_are_stored_and_served_back_to_their_client_only(gs: World) -> None:
    content = sample_pdf()
    done = call("post", "documents", data={"file": base64.b64encode(content).decode()})
    assert done.status_code == 200
    url = done.json()["url"]
    ref = url.rstrip("/").rsplit("/", 1)[1]
    assert call("get", f"documents/{ref}").content == content
    assert call("get", f"documents/{ref}", client_id=OTHER).status_code == 404
    assert call("post", "documents").status_code == 400
    assert call("post", "documents", data={"file": "***"}).status_code == 400
    fake = base64.b64encode(b"%PDF-1.4 not really").decode()
    assert call("post", "documents", data={"file": fake}).status_code == 400


def test_statistics_count_the_decisions(gs: World) -> None:
    call("post", f"tasks/{TASK}/complete", data="{}", content_type="application/json")
    body = {"data": {"decision": "reject", "reasons": ["Không thuộc thẩm quyền"]}}
    first = GovstackApplication.objects.get(ref="81c4445c-bff6-11ed-afa1-0242ac120002")
    call("post", f"tasks/{first.task_ref}/complete", data=json.dumps(body),
         content_type="application/json")  # fmt: skip
    figures = call("get", "data/statistics/1.0", data={"registrationName": "MCTS",
                                                    "timeframe": "day"}).json()  # fmt: skip
    assert figures[0]["approved"] == 1 and figures[0]["rejected"] == 1
    assert figures[0]["processed"] == 2 and figures[0]["sentBack"] == 0
    assert figures[0]["references"]["timeframeDay"] is True
    registrar = call("get", "data/statistics/1.0", data={"role": "Handler"}).json()
    assert registrar[0]["processed"] == 0
    assert (
        call("get", "data/statistics/1.0", data={"registrationName": "n0tex1st"}).status_code == 404
    )
    assert statistics_of([gs.other_commune.pk])["processed"] == 0


def test_the_fixture_can_be_loaded_again(gs: World) -> None:
    call("post", f"tasks/{TASK}/complete", data="{}", content_type="application/json")
    call("post", "services/f7d33db0-2809-484e-a780-76b7ccd4ecbf/applications",
         data={"applicantId": "a-new-draft"})  # fmt: skip
    fx.load(gs.commune)
    assert GovstackApplication.objects.count() == 5
    assert GovstackService.objects.count() == 7 and GovstackForm.objects.count() == 5
    # The task the suite completes awaits acceptance again, on a fresh dossier.
    assert dossier_of(FILED).status == DossierStatus.SUBMITTED
