"""Every staff page is reachable by clicking from the staff home, and no link a person is
shown leads to a "no permission" page (issue 10, §1).

For each role a crawler starts at the staff home and follows every link of the staff pages;
forms count as reaching their action. The union over the roles must reach every URL name of
the staff apps.
"""

import datetime as dt
from collections import deque
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
from django.core.files.base import ContentFile
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, resolve
from django.urls.exceptions import Resolver404

from motcua.accounts.models import Role, User
from motcua.accounts.tests.factories import make_staff
from motcua.catalog.models import OnlineLevel
from motcua.dossiers import workflow
from motcua.dossiers.attachments import NewFile
from motcua.dossiers.models import DossierStatus
from motcua.dossiers.tests.conftest import World, make_world
from motcua.dossiers.tests.factories import APPLICANT, in_status
from motcua.feedback import workflow as pakn_workflow
from motcua.feedback.models import PaknChannel, PaknKind
from motcua.surveys.services import campaign_create, questionnaire_seed_sipas

pytestmark = pytest.mark.django_db

STAFF_NAMESPACES = ("dossiers", "feedback", "reports", "surveys", "catalog")
# Links out of the staff pages that the crawl does not follow: logging out, the language switch,
# the administration's own pages beyond its index (Django's, tested by Django).
SKIP_PREFIXES = ("/dang-xuat/", "/i18n/", "/static/", "/media/")
PDF = b"%PDF-1.7\n" + b"x" * 100


class Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.follow: list[str] = []
        self.forms: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "a" and found.get("href"):
            self.follow.append(str(found["href"]))
        if tag == "form" and found.get("action"):
            target = self.follow if (found.get("method") or "get").lower() == "get" else self.forms
            target.append(str(found["action"]))


def staff_url_names() -> set[str]:
    names: set[str] = {"home", "portal:filing:assisted_draft", "admin:index"}

    def walk(patterns: list[URLPattern | URLResolver], namespace: str) -> None:
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                walk(pattern.url_patterns, pattern.namespace or namespace)
            elif pattern.name and namespace in STAFF_NAMESPACES:
                names.add(f"{namespace}:{pattern.name}")

    walk(get_resolver().url_patterns, "")
    return names


def _is_staff_page(name: str) -> bool:
    app = name.split(":")[0]
    return app in (*STAFF_NAMESPACES, "home", "admin") or name == "portal:filing:assisted_draft"


def _name(path: str) -> str | None:
    try:
        match = resolve(path)
    except Resolver404:
        return None
    return match.view_name


def crawl(user: User, limit: int = 600) -> tuple[set[str], list[str]]:
    """(URL names reached, pages that answered 403 or showed Django's "---------" prompt)
    starting from the staff home."""
    client = Client()
    client.force_login(user)
    seen, reached, refused = {"/can-bo/"}, set(), []
    queue = deque(["/can-bo/"])
    per_name: dict[str, int] = {}
    while queue and len(seen) < limit:
        url = queue.popleft()
        response = client.get(url, follow=True)
        name = _name(urlsplit(url).path)
        if response.status_code == 403:
            refused.append(url)
            continue
        if name:
            reached.add(name)
        for hop, _ in response.redirect_chain:  # e.g. the reports' home → one's unit
            reached.add(_name(urlsplit(hop).path) or "")
        if "text/html" not in response.get("Content-Type", ""):
            continue
        html = response.content.decode()
        if "---------" in html:
            refused.append(f"{url} (---------)")
        links = Links()
        links.feed(html)
        for action in links.forms:
            form_name = _name(urlsplit(action).path)
            if form_name:
                reached.add(form_name)
        for href in links.follow:
            parts = urlsplit(href)
            if (
                parts.netloc
                or not parts.path.startswith("/")
                or parts.path.startswith(SKIP_PREFIXES)
            ):
                continue
            target = _name(parts.path)
            if target is None or not _is_staff_page(target):
                continue
            if target.startswith("admin:") and target != "admin:index":
                continue
            if parts.path.endswith((".pdf", ".xlsx", "/excel/")):
                reached.add(target)  # a download: generating every one would only be slow
                continue
            key = parts.path + (f"?{parts.query}" if parts.query else "")
            # Enough of each page to find its links: every dossier page, a few of each list.
            if key in seen or per_name.get(target, 0) >= (40 if target.endswith(":detail") else 6):
                continue
            per_name[target] = per_name.get(target, 0) + 1
            seen.add(key)
            queue.append(key)
    return reached, refused


@pytest.fixture
def office(db: None, clock: object) -> tuple[World, dict[str, User]]:
    w = make_world()
    w.version.online_level = OnlineLevel.FULL  # the digital team files it for citizens
    w.version.save(update_fields=["online_level"])
    people = {
        "receiver": w.receiver,
        "handler": w.handler,
        "head": w.head,
        "signer": w.signer,
        "clerk": w.clerk,
        "supervisor": make_staff("giamsat", w.province, Role.SUPERVISOR),
        "admin": make_staff("quantri", w.commune, Role.ADMIN),
        "digital_team": make_staff("tocongnghe", w.commune, Role.DIGITAL_TEAM),
        "site_admin": User.objects.create_superuser("admin", password="mat-khau-quan-tri-9"),
    }
    for status in DossierStatus:
        in_status(w, status)
    workflow.receive(
        actor=w.receiver, version=w.version, receiving_unit=w.commune, applicant=APPLICANT,
        files=[NewFile(ContentFile(PDF, name="to-khai.pdf"), digitised=True)],
    )  # fmt: skip
    # A dossier assigned to the handler, a step before the last (hand-over, fees).
    d = workflow.forward(dossier=workflow.receive(
        actor=w.receiver, version=w.version, receiving_unit=w.commune, applicant=APPLICANT
    ), actor=w.receiver)  # fmt: skip
    workflow.assign(dossier=d, actor=w.head, assignee=w.handler)
    # A refusal at the counter before receipt: the register lists it with its Mẫu 03.
    workflow.refuse_at_counter(
        actor=w.receiver, version=w.version, receiving_unit=w.commune, applicant=APPLICANT,
        reasons=["Hồ sơ không thuộc thẩm quyền giải quyết của xã"],
    )  # fmt: skip
    _petitions(w)
    campaign_create(
        questionnaire=questionnaire_seed_sipas(), unit=w.commune, name="Khảo sát quý I",
        period_start=dt.date(2026, 1, 1), period_end=dt.date(2026, 3, 31),
    )  # fmt: skip
    return w, people


def _petitions(w: World) -> None:
    def submit() -> object:
        return pakn_workflow.pakn_submit(
            data=pakn_workflow.Submission(
                kind=PaknKind.PROCEDURE, channel=PaknChannel.PORTAL, title="Chậm trả kết quả",
                content="Hồ sơ quá hạn chưa có kết quả.", submitter_name="Trần Văn Bình",
                submitter_phone="0912345678", unit=w.commune, contact_verified=True,
            )
        )  # fmt: skip

    submit()
    asked = submit()
    pakn_workflow.pakn_request_info(pakn=asked, actor=w.head, question="Xin số hồ sơ?")  # type: ignore[arg-type]
    answered = submit()
    pakn_workflow.pakn_answer(pakn=answered, actor=w.head, answer="Đã trả kết quả.")  # type: ignore[arg-type]


def test_no_link_leads_to_a_no_permission_page_and_every_staff_page_is_reached(
    office: tuple[World, dict[str, User]],
) -> None:
    _, people = office
    reached_by_all: set[str] = set()
    refused_by: dict[str, list[str]] = {}
    for role, user in people.items():
        reached, refused = crawl(user)
        reached_by_all |= reached
        if refused:
            refused_by[role] = refused
    assert refused_by == {}
    assert sorted(staff_url_names() - reached_by_all) == []


def test_each_role_sees_the_pages_of_its_work(office: tuple[World, dict[str, User]]) -> None:
    _, people = office

    def menu(user: User) -> str:
        client = Client()
        client.force_login(user)
        page = client.get("/can-bo/").content.decode()
        return page[page.index("<nav") : page.index("</nav>")]

    receiver = menu(people["receiver"])
    assert all(label in receiver for label in ("Tiếp nhận", "Hộp việc", "Sổ theo dõi"))
    assert "Báo cáo" not in receiver and "Quản trị" not in receiver
    handler = menu(people["handler"])
    assert "Hộp việc" in handler and "Tiếp nhận<" not in handler and "Báo cáo" not in handler
    supervisor = menu(people["supervisor"])
    for label in ("Báo cáo", "Chỉ số 766", "Phản ánh, kiến nghị", "Hài lòng"):
        assert label in supervisor
    assert "Tiếp nhận<" not in supervisor and "Quản trị" not in supervisor
    assert "Quản trị" in menu(people["site_admin"])
