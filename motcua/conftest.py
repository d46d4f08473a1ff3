"""Fixtures shared by every app: a real headless Chromium driven by Playwright.

The browser is Debian's Chromium (/usr/bin/chromium, installed by `make test`); Playwright's own
browser download is never used. On a failing browser test a screenshot is saved under
test-artifacts/.
"""

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("MOTCUA_TEST_CHROMIUM", "/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Iterator[None]:
    outcome = yield
    report = outcome.get_result()  # type: ignore[attr-defined]
    if report.when == "call" and report.failed and "page" in getattr(item, "funcargs", {}):
        ARTIFACTS.mkdir(exist_ok=True)
        page = item.funcargs["page"]  # type: ignore[attr-defined]
        page.screenshot(path=str(ARTIFACTS / f"{item.name}.png"), full_page=True)


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}: run `make browser-deps`.")
    # Playwright's sync API runs an event loop in this thread; the ORM calls made by tests
    # around it are still synchronous.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser: object, live_server: object) -> Iterator[object]:
    """A fresh phone-sized browser page (the product is used on phones first)."""
    context = browser.new_context(  # type: ignore[attr-defined]
        viewport={"width": 390, "height": 844},
        locale="vi-VN",
        base_url=live_server.url,  # type: ignore[attr-defined]
    )
    tab = context.new_page()
    tab.set_default_timeout(20_000)  # CI machines are shared: be patient, not flaky
    yield tab
    context.close()


@pytest.fixture(autouse=True)
def _media_in_a_temporary_directory(settings, tmp_path_factory):  # type: ignore[no-untyped-def]
    """Uploaded files written by a test go to a directory of its own, never to var/media."""
    settings.MEDIA_ROOT = tmp_path_factory.mktemp("media")
