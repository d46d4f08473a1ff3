"""Fixtures shared by every app: a real headless Chromium driven by Playwright.

The browser is Debian's Chromium (/usr/bin/chromium, installed by `make test`); Playwright's own
browser download is never used. On a failing browser test a screenshot is saved under
test-artifacts/. `axe_violations(page)` (also the `axe` fixture) runs the vendored axe-core on the
page and lists its serious and critical findings.
"""

import os
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = os.environ.get("MOTCUA_TEST_CHROMIUM", "/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"
AXE = Path(__file__).resolve().parent / "portal" / "static" / "portal" / "vendor" / "axe-core"
AXE_SCRIPT = AXE / "axe.min.js"
SERIOUS = ("serious", "critical")
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
def browser(live_server: object) -> Iterator[object]:
    """Chromium for the session. It asks for the live server so that it closes first: a page
    left open keeps connections to the server alive, and a request thread ending after the
    server has stopped sharing its SQLite connection fails in the background."""
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
    _request_threads_ended()


def _request_threads_ended(seconds: float = 10.0) -> None:
    """Wait for the live server's request threads, which the browser's kept-alive connections
    held, to end while the server still shares its connection with them."""
    deadline = time.monotonic() + seconds
    for thread in threading.enumerate():
        if "process_request_thread" in thread.name:
            thread.join(max(0.0, deadline - time.monotonic()))


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


def axe_violations(page: Any, impacts: Iterable[str] = SERIOUS) -> list[str]:
    """axe-core's violations of the given impacts on the page, one readable line each.

    The script is vendored from the npm registry (no CDN); injecting it twice is harmless.
    """
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE_SCRIPT))
    result = page.evaluate("axe.run()")
    wanted = set(impacts)
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']]}"
        for v in result["violations"]
        if v["impact"] in wanted
    ]


@pytest.fixture
def axe() -> Callable[..., list[str]]:
    """`axe(page)`: the serious and critical accessibility violations on the page."""
    return axe_violations


@pytest.fixture(autouse=True)
def _default_language_after_each_test() -> Iterator[None]:
    """An English request leaves its language active in the thread; reset it to Vietnamese."""
    yield
    from django.utils import translation

    translation.deactivate()
