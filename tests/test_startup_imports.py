"""Commands start quickly (issue 11 §3, bench/startup.py): starting Django, loading the whole URL
configuration and running the system checks — what `manage.py check` and every timer's command
do — import none of the heavy libraries, and no view module (the URL configuration names its
views lazily: motcua/lib/lazy_views.py). PDF, Excel, signing, linked data and the JSON API
import theirs where they are used; each is still importable (a name here that no longer exists
would make this test pass for nothing)."""

import importlib.util
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
HEAVY = (
    "pyhanko", "pyhanko_certvalidator", "asn1crypto", "cryptography", "fontTools", "uharfbuzz",
    "aiohttp", "openpyxl", "PIL", "docx", "weasyprint", "pypdf", "segno", "qrcode", "lxml",
    "rdflib", "html5rdf", "pyshacl", "jsonschema", "ninja", "pydantic", "holidays",
)  # fmt: skip
# Run in a fresh interpreter: the test process has long imported all of them.
PROBE = """
import json, sys
HEAVY = set(sys.argv[1].split(","))
def heavy():
    return sorted({m.split(".")[0] for m in sys.modules} & HEAVY)
import django
django.setup()
seen = {"setup": heavy()}
from django.core.management import call_command
from django.urls import get_resolver, resolve
from motcua.lib.lazy_views import lazy_views
call_command("check", verbosity=0)
resolve("/")  # the citizen portal's home, behind the API's prefixes in the URL configuration
seen["check"] = heavy()
views = {view.path.rpartition(".")[0] for view in lazy_views()}
seen["view modules"] = sorted(views & set(sys.modules))
seen["views named"] = sorted(views)
get_resolver().resolve("/api/v1/openapi.json")
seen["api"] = heavy()
print(json.dumps(seen))
"""


def probe() -> dict[str, list[str]]:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings"}
    env.setdefault("MOTCUA_SECRET_KEY", "test-only-not-a-secret")
    result = subprocess.run(
        [sys.executable, "-c", PROBE, ",".join(HEAVY)],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    seen: dict[str, list[str]] = json.loads(result.stdout.splitlines()[-1])
    return seen


@pytest.fixture(scope="module")
def seen() -> dict[str, list[str]]:
    return probe()


def test_the_heavy_libraries_are_installed() -> None:
    assert [name for name in HEAVY if importlib.util.find_spec(name) is None] == []


def test_starting_django_imports_no_heavy_library(seen: dict[str, list[str]]) -> None:
    assert seen["setup"] == []


def test_the_url_configuration_and_the_checks_import_no_heavy_library(
    seen: dict[str, list[str]],
) -> None:
    assert seen["check"] == []


def test_the_url_configuration_and_the_checks_import_no_view_module(
    seen: dict[str, list[str]],
) -> None:
    assert len(seen["views named"]) > 20  # e.g. motcua.reform.views.inspections
    # …but the module that holds a middleware too: the admin's checks import the middleware.
    assert seen["view modules"] == ["motcua.accounts.second_factor"]


def test_the_api_is_imported_by_its_first_request(seen: dict[str, list[str]]) -> None:
    assert {"ninja", "pydantic"} <= set(seen["api"])


def test_a_command_runs_with_the_collector_on_and_start_up_frozen() -> None:
    """motcua/lib/startup.py: off while Django starts, on again once the apps are ready."""
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings"}
    env.setdefault("MOTCUA_SECRET_KEY", "test-only-not-a-secret")
    code = "import gc; print(gc.isenabled(), gc.get_freeze_count())"
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", code],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    enabled, frozen = result.stdout.split()[-2:]
    assert enabled == "True" and int(frozen) > 10_000
