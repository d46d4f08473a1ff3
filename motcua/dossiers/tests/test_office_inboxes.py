"""Each inbox shows the right dossiers to the right role, and nothing of another commune."""

import re
from dataclasses import dataclass

import pytest
from django.test import Client

from motcua.accounts.models import OrgUnit, Role, User
from motcua.accounts.tests.factories import make_staff
from motcua.dossiers import workflow
from motcua.dossiers.models import Dossier
from motcua.dossiers.selectors import inbox_counts, inbox_dossiers
from motcua.dossiers.tests.conftest import Clock, World, at
from motcua.dossiers.tests.factories import APPLICANT, received, submitted
from motcua.dossiers.views import office

INBOX = "/ho-so/hop-viec/"


@dataclass
class Desk:
    """One dossier waiting at every desk of the commune, and the same in the other commune."""

    submitted: Dossier
    received: Dossier
    forwarded: Dossier
    assigned: Dossier
    at_last_step: Dossier
    approved: Dossier
    result_ready: Dossier
    paused: Dossier
    foreign: list[Dossier]


def _forwarded(w: World, actor: User) -> Dossier:
    d = workflow.receive(
        actor=actor, version=w.version, receiving_unit=_unit_of(w, actor), applicant=APPLICANT
    )
    return workflow.forward(dossier=d, actor=actor)


def _unit_of(w: World, actor: User) -> OrgUnit:
    return w.other_commune if actor == w.outsider else w.commune


def _assigned(w: World, head: User, handler: User, desk: User | None = None) -> Dossier:
    forwarded = _forwarded(w, desk or head)
    return workflow.assign(dossier=forwarded, actor=head, assignee=handler)


def _at_last_step(w: World, actor: User) -> Dossier:
    d = _assigned(w, actor, actor)
    for _ in range(3):  # the test procedure has four steps
        d = workflow.hand_over(dossier=d, actor=actor, to_user=actor)
    return d


def _approved(w: World, actor: User) -> Dossier:
    return workflow.approve(dossier=_assigned(w, actor, actor), actor=actor)


def _ready(w: World, actor: User) -> Dossier:
    return workflow.issue_result(dossier=_approved(w, actor), actor=actor, result_number="1/QĐ")


def make_desk(w: World) -> Desk:
    e, o = w.everyone, w.outsider
    foreign_received = workflow.receive(
        actor=o, version=w.version, receiving_unit=w.other_commune, applicant=APPLICANT
    )
    foreign_online = workflow.submit_online(
        version=w.version, receiving_unit=w.other_commune, applicant=APPLICANT
    )
    return Desk(
        submitted=submitted(w),
        received=received(w),
        forwarded=_forwarded(w, e),
        assigned=_assigned(w, w.head, w.handler, desk=w.receiver),
        at_last_step=_at_last_step(w, e),
        approved=_approved(w, e),
        result_ready=_ready(w, e),
        paused=workflow.request_supplement(dossier=received(w), actor=w.receiver, missing=["A"]),
        foreign=[
            foreign_received, foreign_online, _forwarded(w, o), _assigned(w, o, o),
            _at_last_step(w, o), _approved(w, o), _ready(w, o),
        ],
    )  # fmt: skip


@pytest.fixture
def desk(world: World) -> Desk:
    return make_desk(world)


def codes(client: Client, user: User, box: str, **params: str) -> set[str]:
    client.force_login(user)
    page = client.get(INBOX, {"ngan": box, **params}).content.decode()
    return set(re.findall(r'<th scope="row"><a href="/ho-so/\d+/">([^<]+)</a>', page))


def test_the_receiver_sees_online_filings_to_accept_and_received_dossiers_to_forward(
    world: World, desk: Desk, client: Client
) -> None:
    assert codes(client, world.receiver, "tiep-nhan") == {desk.submitted.code, desk.received.code}


def test_the_head_sees_forwarded_dossiers_nobody_is_assigned_to(
    world: World, desk: Desk, client: Client
) -> None:
    assert codes(client, world.head, "phan-cong") == {desk.forwarded.code}


def test_the_handler_sees_only_what_is_assigned_to_them(
    world: World, desk: Desk, client: Client
) -> None:
    assert codes(client, world.handler, "xu-ly") == {desk.assigned.code}


def test_the_signer_sees_dossiers_at_the_last_step(
    world: World, desk: Desk, client: Client
) -> None:
    assert codes(client, world.signer, "ky-duyet") == {desk.at_last_step.code}


def test_the_clerk_sees_approved_dossiers_to_issue(
    world: World, desk: Desk, client: Client
) -> None:
    assert codes(client, world.clerk, "phat-hanh") == {desk.approved.code}


def test_the_receiver_sees_results_to_return(world: World, desk: Desk, client: Client) -> None:
    assert codes(client, world.receiver, "tra-ket-qua") == {desk.result_ready.code}


def test_every_officer_sees_paused_dossiers_of_their_commune(
    world: World, desk: Desk, client: Client
) -> None:
    assert codes(client, world.handler, "tam-dung") == {desk.paused.code}


def test_no_box_of_any_role_shows_a_dossier_of_another_commune(
    world: World, desk: Desk, client: Client
) -> None:
    foreign = {d.code for d in desk.foreign}
    for user in (world.receiver, world.handler, world.head, world.signer, world.clerk):
        for box, _ in inbox_counts(user):
            assert not codes(client, user, box.key) & foreign, (user, box.key)
    # …and the other commune's officer sees theirs, not ours.
    assert codes(client, world.outsider, "tat-ca") == foreign


def test_a_role_sees_only_its_own_boxes_and_the_shared_ones(world: World, desk: Desk) -> None:
    keys = [box.key for box, _ in inbox_counts(world.clerk)]
    assert keys == ["phat-hanh", "sap-den-han", "qua-han", "tam-dung", "tat-ca"]


def test_box_counts_match_the_lists(world: World, desk: Desk, client: Client) -> None:
    client.force_login(world.everyone)
    page = client.get(INBOX).content.decode()
    for box, count in inbox_counts(world.everyone):
        assert count == inbox_dossiers(world.everyone, box.key).count()
        assert re.search(rf'ngan={box.key}"[^>]*>[^<]*<span class="count">{count}</span>', page)


def test_due_soon_and_overdue_follow_working_time(
    world: World, client: Client, clock: Clock
) -> None:
    dossier = received(world)  # Monday 09:00, three working days: due Thursday 09:00
    assert dossier.due_at == at(2026, 3, 5, 9, 0)
    assert codes(client, world.receiver, "sap-den-han") == set()
    clock.set(at(2026, 3, 4, 9, 30))  # Wednesday: less than one working day left
    assert codes(client, world.receiver, "sap-den-han") == {dossier.code}
    assert codes(client, world.receiver, "qua-han") == set()
    clock.set(at(2026, 3, 5, 9, 1))
    assert codes(client, world.receiver, "qua-han") == {dossier.code}
    assert "Quá hạn 1 phút làm việc" in client.get(INBOX, {"ngan": "qua-han"}).content.decode()


def _named(w: World, name: str) -> Dossier:
    return workflow.receive(
        actor=w.receiver, version=w.version, receiving_unit=w.commune,
        applicant=workflow.Applicant(name=name, personal_id="001203004568"),
    )  # fmt: skip


def test_search_finds_names_without_accents_and_codes_by_part(world: World, client: Client) -> None:
    an, binh = _named(world, "Nguyễn Văn An"), _named(world, "Trần Thị Bình")
    assert codes(client, world.receiver, "tat-ca", q="tran thi binh") == {binh.code}
    assert codes(client, world.receiver, "tat-ca", q="NGUYỄN an") == {an.code}
    assert codes(client, world.receiver, "tat-ca", q=binh.code[-4:]) == {binh.code}


def test_filters_by_status_procedure_and_received_dates(
    world: World, client: Client, clock: Clock
) -> None:
    monday = received(world)
    clock.set(at(2026, 3, 3, 10, 0))
    tuesday = workflow.forward(dossier=received(world), actor=world.receiver)
    procedure = str(world.version.procedure_id)
    assert codes(client, world.receiver, "tat-ca", status="forwarded") == {tuesday.code}
    assert codes(client, world.receiver, "tat-ca", received_to="2026-03-02") == {monday.code}
    assert codes(client, world.receiver, "tat-ca", received_from="2026-03-03") == {tuesday.code}
    assert codes(client, world.receiver, "tat-ca", procedure=procedure) == {
        monday.code,
        tuesday.code,
    }


def test_htmx_gets_only_the_list_fragment_and_the_page_works_without_it(
    world: World, client: Client
) -> None:
    received(world)
    client.force_login(world.receiver)
    full = client.get(INBOX, {"ngan": "tat-ca"})
    fragment = client.get(INBOX, {"ngan": "tat-ca"}, headers={"HX-Request": "true"})
    assert "<html" in full.content.decode() and 'hx-get="/ho-so/hop-viec/"' in full.content.decode()
    assert "<html" not in fragment.content.decode()
    assert "<table" in fragment.content.decode()
    assert "HX-Request" in fragment["Vary"]


def test_the_list_is_paginated(world: World, client: Client) -> None:
    for _ in range(23):
        received(world)
    client.force_login(world.receiver)
    first = client.get(INBOX, {"ngan": "tat-ca"}).content.decode()
    second = client.get(INBOX, {"ngan": "tat-ca", "trang": "2"}).content.decode()
    assert first.count('<th scope="row">') == 20 and second.count('<th scope="row">') == 3
    assert "trang=2" in first


@pytest.mark.parametrize("whole", [20000, 2])
def test_a_filtered_list_is_paginated_whether_read_whole_or_counted(
    world: World, client: Client, monkeypatch: pytest.MonkeyPatch, whole: int
) -> None:
    monkeypatch.setattr(office, "LISTED_WHOLE", whole)
    for _ in range(23):
        received(world)
    client.force_login(world.receiver)
    wanted = {"ngan": "tat-ca", "status": "received"}
    first = client.get(INBOX, wanted).content.decode()
    second = client.get(INBOX, wanted | {"trang": "2"}).content.decode()
    assert first.count('<th scope="row">') == 20 and second.count('<th scope="row">') == 3
    assert "23 hồ sơ — trang 1/2" in first


def test_an_account_without_a_unit_sees_no_dossier(world: World, client: Client) -> None:
    received(world)
    lonely = User.objects.create_user("khongdonvi", password="x-y-z-123456")
    client.force_login(lonely)
    page = client.get(INBOX).content.decode()
    assert "chưa được phân công vào đơn vị nào" in page and "<table" not in page


def test_the_home_page_shows_the_officers_inbox_counts(world: World, client: Client) -> None:
    submitted(world)
    make_staff("tiepnhan2", world.commune, Role.RECEIVER)
    client.force_login(world.receiver)
    page = client.get("/can-bo/").content.decode()
    assert re.search(r'ngan=tiep-nhan"[^>]*>Chờ tiếp nhận</a>\s*<span class="count">1</span>', page)
