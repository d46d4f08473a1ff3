"""axe-core on the public PAKN pages: the list of published answers (with a search), one answer,
and the sending form (contact, one-time code, content). No serious or critical violation."""

import re

import pytest

from motcua.conftest import axe_violations
from motcua.dossiers.models import OutboxMessage
from motcua.dossiers.tests.conftest import make_world
from motcua.feedback import workflow as wf
from motcua.feedback.tests.conftest import PHONE, make_pakn

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_public_pakn_pages_are_accessible(page) -> None:  # type: ignore[no-untyped-def]
    world = make_world()
    pakn = make_pakn(world)
    wf.pakn_answer(pakn=pakn, actor=world.handler, answer="Đã yêu cầu cán bộ rút kinh nghiệm.")
    wf.pakn_publish(pakn=pakn, actor=world.head, public_summary="Yêu cầu giấy tờ ngoài quy định.")
    found: dict[str, list[str]] = {}

    page.goto("/phan-anh-kien-nghi/")
    found["list"] = axe_violations(page)
    page.get_by_label("Tìm trong các câu trả lời đã công khai").fill("giay to")
    page.get_by_role("button", name="Tìm kiếm").click()
    page.wait_for_url("**q=giay**")
    found["search"] = axe_violations(page)
    page.get_by_role("link", name=pakn.title).click()
    page.wait_for_url(f"**/{pakn.code}/")
    found["answer"] = axe_violations(page)

    page.goto("/phan-anh-kien-nghi/gui/")
    found["send: contact"] = axe_violations(page)
    page.get_by_role("textbox").first.fill(PHONE)
    page.get_by_role("button", name="Gửi mã xác thực").click()
    page.wait_for_url("**/xac-thuc/")
    found["send: code"] = axe_violations(page)
    body = OutboxMessage.objects.filter(recipient=PHONE).latest("pk").body
    page.get_by_role("textbox").first.fill(re.search(r"\d{6}", body).group(0))  # type: ignore[union-attr]
    page.get_by_role("button", name="Xác thực").click()
    page.wait_for_url("**/noi-dung/")
    found["send: content"] = axe_violations(page)
    page.get_by_role("button", name="Gửi phản ánh, kiến nghị").click()  # empty: errors shown
    page.locator(".error, [role=alert]").first.wait_for()
    found["send: content with errors"] = axe_violations(page)

    assert {name: v for name, v in found.items() if v} == {}
