"""Settings come from documented environment variables and fail loudly on bad values."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
ENV_READ = re.compile(r"env_\w+\(\s*\"([A-Z0-9_]+)\"")


def variables_read_by_settings() -> set[str]:
    source = (ROOT / "config" / "settings.py").read_text(encoding="utf-8")
    return set(ENV_READ.findall(source))


def test_every_environment_variable_is_documented() -> None:
    documented = (ROOT / "docs" / "configuration.md").read_text(encoding="utf-8")
    variables = variables_read_by_settings()
    assert "DATABASE_URL" in variables and "MOTCUA_SECRET_KEY" in variables
    missing = sorted(name for name in variables if f"`{name}`" not in documented)
    assert missing == [], f"undocumented in docs/configuration.md: {missing}"


def start_django(**env: str) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("MOTCUA_", "DATABASE_"))}
    return subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        cwd=ROOT,
        env={**clean, "DJANGO_SETTINGS_MODULE": "config.settings", **env},
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.mark.parametrize(
    ("env", "named"),
    [
        ({"MOTCUA_DEBUG": "maybe"}, "MOTCUA_DEBUG"),
        ({"MOTCUA_DEBUG": "1", "DATABASE_URL": "mysql://x@y/z"}, "DATABASE_URL"),
        ({"MOTCUA_DEBUG": "1", "MOTCUA_SESSION_AGE_SECONDS": "ten"}, "MOTCUA_SESSION_AGE_SECONDS"),
        ({}, "MOTCUA_SECRET_KEY"),
        ({"MOTCUA_DEBUG": "1", "MOTCUA_SMS_BACKEND": "bo-cau"}, "MOTCUA_SMS_BACKEND"),
        ({"MOTCUA_DEBUG": "1", "MOTCUA_UPLOAD_MAX_BYTES": "-5"}, "MOTCUA_UPLOAD_MAX_BYTES"),
        ({"MOTCUA_DEBUG": "1", "MOTCUA_PUBLIC_URL": "dichvucong.gov.vn"}, "MOTCUA_PUBLIC_URL"),
        ({"MOTCUA_DEBUG": "1", "MOTCUA_PROXY_COUNT": "hai"}, "MOTCUA_PROXY_COUNT"),
    ],
)
def test_bad_value_stops_start_up_naming_the_variable(env: dict[str, str], named: str) -> None:
    result = start_django(**env)
    assert result.returncode != 0
    assert named in result.stderr


def test_development_mode_starts_with_no_configuration() -> None:
    result = start_django(MOTCUA_DEBUG="1")
    assert result.returncode == 0, result.stderr
