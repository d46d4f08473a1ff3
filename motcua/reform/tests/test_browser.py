"""In a real browser: a commune officer reports a plan task done with evidence and the head
confirms it; an inspection with two findings, one fixed; the periodic report downloaded."""

import io
from pathlib import Path

import pytest
from docx import Document

from motcua.reform.models import Finding
from motcua.reform.models import TrackStatus as S
from motcua.reform.tests.browser_login import sign_in
from motcua.reform.tests.conftest import PDF, make_plan, make_reform, make_task

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_task_finding_and_report_in_the_browser(page, clock, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    w = make_reform()
    task = make_task(w, make_plan(w))
    evidence = tmp_path / "quyet-dinh-cong-bo.pdf"
    evidence.write_bytes(PDF)

    # The lead reports the task done with a file.
    sign_in(page, "chutri")
    page.get_by_role("link", name=task.content[:40], exact=False).first.click()
    page.get_by_role("link", name="Báo cáo hoàn thành").click()
    page.get_by_label("Nội dung").fill("Đã ban hành Quyết định công bố danh mục TTHC")
    page.get_by_label("Tệp minh chứng (PDF, JPEG, PNG)").set_input_files(str(evidence))
    page.get_by_role("button", name="Báo cáo hoàn thành").click()
    assert page.locator("#trang-thai").inner_text() == "Chờ xác nhận hoàn thành"

    # The head confirms it from the plan.
    sign_in(page, "chutich")
    page.get_by_role("link", name="Kế hoạch CCHC năm 2026").click()
    page.get_by_role("link", name=task.content).click()
    assert page.get_by_role("link", name="quyet-dinh-cong-bo.pdf").is_visible()
    page.get_by_role("link", name="Xác nhận hoàn thành").click()
    page.get_by_role("button", name="Xác nhận hoàn thành").click()
    assert page.locator("#trang-thai").inner_text() == "Hoàn thành đúng hạn"

    # The province inspects without notice and records two findings.
    sign_in(page, "kiemtra")
    page.get_by_role("link", name="Cuộc kiểm tra mới").click()
    page.get_by_label("Đơn vị được kiểm tra").select_option(label="Xã Bình Mỹ")
    page.get_by_label("Nội dung kiểm tra").fill("Kiểm tra đột xuất kỷ luật, kỷ cương hành chính")
    page.get_by_label("Kiểm tra đột xuất (không báo trước)").check()
    page.get_by_label("Ngày kiểm tra (đột xuất)").fill("2026-03-02")
    page.get_by_label("Trưởng đoàn").fill("Trưởng phòng CCHC Sở Nội vụ")
    page.get_by_role("button", name="Lưu").click()
    for text in ("Công chức vắng mặt không lý do", "Bảng niêm yết TTHC chưa cập nhật"):
        form = page.locator("#them-ton-tai")
        form.get_by_label("Tồn tại, hạn chế").fill(text)
        form.get_by_label("Kiến nghị khắc phục").fill("Chấn chỉnh, báo cáo kết quả")
        form.get_by_label("Người, bộ phận chịu trách nhiệm khắc phục").fill("Chủ tịch UBND xã")
        form.get_by_label("Hạn khắc phục").fill("2026-03-16")
        form.get_by_role("button", name="Thêm tồn tại").click()
    assert page.locator("tr.finding").count() == 2

    # The commune answers one with evidence; the team confirms it.
    sign_in(page, "chutich")
    page.get_by_role("link", name="Kiểm tra đột xuất kỷ luật", exact=False).click()
    page.locator("tr.finding").first.get_by_role("link", name="Báo cáo hoàn thành").click()
    page.get_by_label("Nội dung").fill("Đã kiểm điểm, nhắc nhở công chức")
    page.get_by_label("Tệp minh chứng (PDF, JPEG, PNG)").set_input_files(str(evidence))
    page.get_by_role("button", name="Báo cáo hoàn thành").click()
    sign_in(page, "kiemtra")
    page.get_by_role("link", name="Các cuộc kiểm tra của Tỉnh thử nghiệm").click()
    page.get_by_role("link", name="Kiểm tra đột xuất kỷ luật", exact=False).click()
    page.locator("tr.finding").first.get_by_role("link", name="Xác nhận hoàn thành").click()
    page.get_by_role("button", name="Xác nhận hoàn thành").click()
    statuses = list(Finding.objects.order_by("pk").values_list("status", flat=True))
    assert statuses == [S.DONE, S.NOT_STARTED]

    # The head generates the first-quarter report and downloads it.
    sign_in(page, "chutich")
    page.get_by_role("link", name="Xã Bình Mỹ", exact=True).click()
    page.get_by_label("Năm").fill("2026")
    page.get_by_role("button", name="Xem").click()
    shown = page.locator("td.figure").all_inner_texts()
    with page.expect_download() as info:
        page.get_by_role("link", name="Tải bản thảo (.docx)").click()
    document = Document(io.BytesIO(Path(info.value.path()).read_bytes()))
    figures = [row.cells[1].text for table in document.tables for row in table.rows[1:]]
    assert figures == shown and "1/1 (100,0%)" in figures
