"""The shipped production set-up (issue 14 §4): the documented production values pass
`manage.py check --deploy`, the compose file parses and uses only documented settings, the
files docs/deploy.md installs exist, and no shipped access log carries a query string."""

import os
import re
import subprocess
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
DEPLOY = ROOT / "deploy"
DOCUMENTED = (ROOT / "docs" / "configuration.md").read_text(encoding="utf-8")
VARIABLE = re.compile(r"\b((?:MOTCUA|DATABASE)_[A-Z0-9_]+)\b")
# Read by gunicorn.conf.py or scripts/backup.sh, not by the Django settings.
OUTSIDE_SETTINGS = {
    "MOTCUA_BIND", "MOTCUA_WORKERS", "MOTCUA_FORWARDED_ALLOW_IPS", "MOTCUA_DB_PASSWORD",
    "MOTCUA_BACKUP_DIR", "MOTCUA_BACKUP_KEEP_DAYS",
}  # fmt: skip


def production_env() -> dict[str, str]:
    values = {}
    for line in (DEPLOY / "motcua.env.example").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            name, _, value = line.partition("=")
            values[name.strip()] = value.strip()
    return values


def test_check_deploy_is_clean_with_the_documented_production_values(tmp_path: Path) -> None:
    # The browser tests set DJANGO_ALLOW_ASYNC_UNSAFE in this process; a server never has it.
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("MOTCUA_", "DATABASE_")) and k != "DJANGO_ALLOW_ASYNC_UNSAFE"
    }
    env.update(production_env())
    env.update(MOTCUA_SECRET_KEY="x" * 20 + "-a-long-random-secret-" + "Zq9" * 10)
    env.update(MOTCUA_DATA_DIR=str(tmp_path), DATABASE_URL=f"sqlite:///{tmp_path}/db.sqlite3")
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_compose_parses_and_names_only_documented_settings() -> None:
    compose = yaml.safe_load((ROOT / "compose.yaml").read_text(encoding="utf-8"))
    assert {"db", "app"} <= set(compose["services"])
    app = compose["services"]["app"]
    assert app["build"] == "." and "DATABASE_URL" in app["environment"]
    named = set(VARIABLE.findall((ROOT / "compose.yaml").read_text(encoding="utf-8")))
    named |= set(production_env())
    undocumented = sorted(n for n in named - OUTSIDE_SETTINGS if f"`{n}`" not in DOCUMENTED)
    assert undocumented == []


def test_the_image_runs_as_a_user_with_the_shipped_gunicorn_configuration() -> None:
    dockerfile = (ROOT / "Dockerfile").read_text(encoding="utf-8")
    assert re.search(r"^USER motcua$", dockerfile, re.M)
    assert "deploy/gunicorn.conf.py" in dockerfile
    unit = (DEPLOY / "systemd" / "motcua.service").read_text(encoding="utf-8")
    assert "--config /opt/motcua/deploy/gunicorn.conf.py" in unit and "User=motcua" in unit


def test_the_workers_fork_from_an_imported_application_that_holds_no_connection() -> None:
    """`preload_app`: what the master imports is shared by every worker it forks, so importing
    the application must open no database connection (a socket two processes would share)
    and start no thread (which a fork does not copy)."""
    config: dict[str, object] = {}
    exec((DEPLOY / "gunicorn.conf.py").read_text(encoding="utf-8"), config)
    assert config["preload_app"] is True
    probe = (
        "import threading, config.wsgi\n"
        "from django.db import connections\n"
        "print([connections[a].connection for a in connections], threading.active_count())"
    )
    environment = os.environ | {"DJANGO_SETTINGS_MODULE": "config.settings"}
    found = subprocess.run(
        [sys.executable, "-c", probe], cwd=ROOT, env=environment, capture_output=True,
        text=True, check=True,
    )  # fmt: skip
    assert found.stdout.split() == ["[None]", "1"]


def test_no_shipped_access_log_carries_a_query_string() -> None:
    config: dict[str, object] = {}
    exec((DEPLOY / "gunicorn.conf.py").read_text(encoding="utf-8"), config)
    log_format = str(config["access_log_format"])
    assert "%(U)s" in log_format
    assert not any(part in log_format for part in ("%(q)s", "%(r)s", "%(f)s"))
    nginx = (DEPLOY / "nginx" / "motcua.conf").read_text(encoding="utf-8")
    assert "$request_uri" not in nginx.split("log_format", 1)[1].split(";", 1)[0]
    assert "$request " not in nginx and "$args" not in nginx
    assert all(
        line.strip().endswith("motcua_noquery;")
        for line in nginx.splitlines()
        if "access_log /" in line
    )


def test_every_file_the_deploy_guide_installs_is_shipped() -> None:
    guide = (ROOT / "docs" / "deploy.md").read_text(encoding="utf-8")
    shipped = set(re.findall(r"`((?:deploy|scripts)/[\w./-]+)`", guide))
    assert len(shipped) >= 8
    missing = sorted(path for path in shipped if not (ROOT / path).exists())
    assert missing == []
    timers = {p.stem for p in (DEPLOY / "systemd").glob("*.timer")}
    assert {"motcua-outbox", "motcua-rollups", "motcua-reminders", "motcua-daily"} <= timers
    for timer in timers:
        assert (DEPLOY / "systemd" / f"{timer}.service").exists()


def test_the_commands_run_every_minute_skip_the_system_checks() -> None:
    """`migrate` runs the checks at every install and upgrade (docs/deploy.md); a command started
    every minute does not pay them again (bench/startup.py)."""
    from django.core.management import get_commands, load_command_class

    every_minute = []
    for timer in (DEPLOY / "systemd").glob("*.timer"):
        if re.search(r"OnCalendar=\*-\*-\* \*:\*:\d\d", timer.read_text(encoding="utf-8")):
            service = timer.with_suffix(".service").read_text(encoding="utf-8")
            every_minute += re.findall(r"^ExecStart=.* manage\.py (\w+)", service, re.MULTILINE)
    assert sorted(every_minute) == ["process_outbox", "sync_dvcqg", "update_rollups"]
    commands = get_commands()
    for name in every_minute:
        assert load_command_class(commands[name], name).requires_system_checks == [], name
    assert "manage.py migrate" in (ROOT / "docs" / "deploy.md").read_text(encoding="utf-8")
