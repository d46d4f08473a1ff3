"""Signing in as a persona in the browser tests."""

PASSWORD = "mat-khau-thu-nghiem-9"


def sign_in(page, username: str) -> None:  # type: ignore[no-untyped-def]
    page.context.clear_cookies()
    page.goto("/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.get_by_role("navigation", name="Chức năng").get_by_role(
        "link", name="Cải cách hành chính"
    ).click()
