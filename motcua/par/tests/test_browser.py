"""The whole cycle in a real browser: a commune self-scores with evidence and its chairman
submits; Sở Nội vụ changes two leaves in round 1; the commune explains one; round 2;
publication; the public ranking shows the band."""

import pytest

from motcua.lib.uploads import sample_pdf
from motcua.par.tests.conftest import make_par

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "mat-khau-thu-nghiem-9"


def login(page, username: str) -> None:  # type: ignore[no-untyped-def]
    page.context.clear_cookies()
    page.goto("/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()


def answer(page, label: str, *, value: str = "", option: str = "", note: str = "") -> None:  # type: ignore[no-untyped-def]
    field = page.get_by_label(label, exact=True)
    form = page.locator("form", has=field)
    if option:
        field.select_option(option)
    elif value:
        field.fill(value)
    if note:
        form.locator("textarea").fill(note)
    form.locator("button[type=submit]").click()
    page.get_by_role("status").wait_for()


def test_self_assessment_appraisal_explanation_and_publication(page, tmp_path, axe) -> None:  # type: ignore[no-untyped-def]
    par = make_par()
    evidence = tmp_path / "ke-hoach-cchc.pdf"
    evidence.write_bytes(sample_pdf())

    login(page, "chutich")
    page.get_by_role("navigation", name="Chức năng").get_by_role("link", name="Chỉ số CCHC").click()
    page.get_by_role("link", name=f"{par.assessment.name} — Xã Thử 1").click()
    assert page.get_by_text("Còn 4 tiêu chí chưa chấm").is_visible()
    assert axe(page) == []
    answer(page, "Tự chấm tiêu chí 1.1", option="1")
    page.get_by_label("Tệp minh chứng (PDF, JPEG, PNG) — tiêu chí 1.1").set_input_files(
        str(evidence)
    )
    page.get_by_label("Hoặc số, ký hiệu văn bản — tiêu chí 1.1").fill("Kế hoạch 12/KH-UBND")
    page.locator(
        "form", has=page.get_by_label("Hoặc số, ký hiệu văn bản — tiêu chí 1.1")
    ).get_by_role("button", name="Thêm minh chứng").click()
    assert page.get_by_role("link", name="ke-hoach-cchc.pdf").is_visible()
    answer(page, "Tự chấm tiêu chí 1.2 — số lượng", value="1")
    answer(page, "Tự chấm tiêu chí 2.2", option="du")
    answer(page, "Tự chấm tiêu chí 2.3 — số lượng", value="1")
    page.get_by_role("button", name="Gửi bản tự đánh giá").click()
    assert page.get_by_text("Đã gửi bản tự đánh giá đến Sở Nội vụ.").is_visible()

    login(page, "sonoivu")
    page.get_by_role("navigation", name="Chức năng").get_by_role("link", name="Chỉ số CCHC").click()
    page.get_by_role("link", name=par.assessment.name).click()
    page.get_by_role("button", name="Kết thúc giai đoạn, chuyển sang “Thẩm định vòng 1”").click()
    page.get_by_role("cell").get_by_role("link", name="Xã Thử 1").first.click()
    answer(
        page,
        "Điểm thẩm định vòng 1 tiêu chí 1.1",
        option="0",
        note="Kế hoạch ban hành sau thời hạn",
    )
    answer(page, "Điểm thẩm định vòng 1 tiêu chí 2.2", option="thieu", note="Niêm yết thiếu 3 TTHC")
    answer(page, "Kết quả điều tra tiêu chí 3.1 — tỉ lệ (%)", value="80")
    page.get_by_role("link", name="← Kỳ đánh giá").click()
    page.get_by_role("button", name="Kết thúc giai đoạn, chuyển sang “Giải trình”").click()

    login(page, "chutich")
    page.goto(f"/chi-so-cchc/don-vi/{par.ua().pk}/")
    assert page.locator("dd", has_text="Kế hoạch ban hành sau thời hạn").is_visible()
    answer(
        page, "Giải trình tiêu chí 1.1", note="Kế hoạch số 12/KH-UBND ban hành ngày 10/01, đúng hạn"
    )

    login(page, "sonoivu")
    page.goto(f"/chi-so-cchc/ky/{par.assessment.pk}/")
    page.get_by_role("button", name="Kết thúc giai đoạn, chuyển sang “Thẩm định vòng 2”").click()
    page.goto(f"/chi-so-cchc/don-vi/{par.ua().pk}/")
    assert page.locator("dd", has_text="Kế hoạch số 12/KH-UBND ban hành ngày 10/01").is_visible()
    answer(page, "Điểm thẩm định vòng 2 tiêu chí 1.1", option="1", note="Chấp nhận giải trình")
    page.goto(f"/chi-so-cchc/ky/{par.assessment.pk}/")
    page.get_by_label("Số quyết định").fill("25/QĐ-UBND")
    page.get_by_label("Ngày ký").fill(par.assessment.results_by.isoformat())
    page.get_by_label("Người ký").fill("Chủ tịch UBND tỉnh")
    page.get_by_role("button", name="Công bố kết quả").click()
    assert page.get_by_text("Đã công bố kết quả Chỉ số CCHC.").is_visible()

    page.context.clear_cookies()
    page.goto("/cong-khai/")
    page.get_by_role("link", name="Chỉ số cải cách hành chính của các xã").click()
    page.get_by_role("link", name=par.assessment.name).click()
    row = page.get_by_role("row", name="Xã Thử 1")
    # 1 + 1.5 + (2.1 N/A) + 1 (round 1 "thiếu") + 0.5 bonus + 2.4 survey = 6.4 of 8 → 80,00
    assert row.locator("strong").inner_text() == "80,00"
    assert row.get_by_role("cell", name="Tốt").is_visible()
    assert row.get_by_role("cell", name="1/3").is_visible()
    assert page.locator("svg.chart").count() == 1
    assert axe(page) == []
