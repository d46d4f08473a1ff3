"""Typed readers for environment variables.

Every deploy-specific value comes through one of these; a bad value stops start-up with a
message that names the variable. Each variable read here must be documented in
docs/configuration.md (a test checks it).
"""

import os
import re

from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_str(name: str, default: str) -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name}: expected true/false (1/0, yes/no), got {raw!r}")


def env_int(name: str, default: int, *, minimum: int = 0) -> int:
    raw = os.environ.get(name)
    if raw is None:
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name}: expected an integer, got {raw!r}") from None
    if value < minimum:
        raise ImproperlyConfigured(f"{name}: must be at least {minimum}, got {value}")
    return value


def env_choice(name: str, default: str, choices: tuple[str, ...]) -> str:
    value = os.environ.get(name, default).strip()
    if value not in choices:
        raise ImproperlyConfigured(f"{name}: expected one of {', '.join(choices)}, got {value!r}")
    return value


def env_url(name: str, default: str) -> str:
    """An absolute http(s) address without a trailing slash, or empty."""
    value = env_str(name, default).rstrip("/")
    if value and not re.fullmatch(r"https?://[^\s/?#]+(/[^\s?#]*)?", value):
        raise ImproperlyConfigured(
            f"{name}: expected an address such as https://dichvucong.example.gov.vn, got {value!r}"
        )
    return value


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


def env_database(name: str, *, sqlite_path: str) -> dict[str, object]:
    """The database from a URL, or the embedded SQLite file (WAL) when the variable is unset."""
    raw = os.environ.get(name, "").strip()
    if not raw:
        return {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": sqlite_path,
            "OPTIONS": {
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
            },
        }
    import dj_database_url

    try:
        config = dict(dj_database_url.parse(raw, conn_max_age=60))
    except Exception as exc:  # the library raises several types for malformed URLs
        raise ImproperlyConfigured(f"{name}: cannot be parsed as a database URL ({exc})") from None
    engine = str(config.get("ENGINE", ""))
    if engine not in ("django.db.backends.postgresql", "django.db.backends.sqlite3"):
        raise ImproperlyConfigured(
            f"{name}: only postgresql:// and sqlite:// are supported, got {raw.split(':')[0]!r}"
        )
    if engine == "django.db.backends.postgresql":
        _set_session(config)
        _allow_prepared(config)
    return config


def _set_session(config: dict[str, object]) -> None:
    """The session settings sent at connection. `work_mem` (MOTCUA_DB_WORK_MEM, default 16MB;
    empty: the server's own): the memory each sort or grouping may use before spilling to
    disk — a year's report groups tens of thousands of rollup rows, which PostgreSQL's default
    4MB sorts on disk. `random_page_cost` (MOTCUA_DB_RANDOM_PAGE_COST, default 1.1; empty: the
    server's own): what the planner thinks a random page read costs against a sequential one —
    the server's default 4 is a spinning disk's; on SSD, with the data in memory as
    docs/deploy.md sizes it, it made the planner read a quarter of every unit's finishes in
    order (200 ms) rather than one unit's through its index (15 ms)."""
    found = (
        _session_setting(
            "work_mem", "MOTCUA_DB_WORK_MEM", "16MB", r"\d+(kB|MB|GB)", "a size such as 16MB"
        ),
        _session_setting(
            "random_page_cost",
            "MOTCUA_DB_RANDOM_PAGE_COST",
            "1.1",
            r"\d{1,3}(\.\d{1,3})?",
            "a number such as 1.1",
        ),
    )
    settings = [setting for setting in found if setting]
    if not settings:
        return
    options = config.setdefault("OPTIONS", {})
    assert isinstance(options, dict)
    options["options"] = " ".join([options.get("options", ""), *settings]).strip()


def _session_setting(name: str, variable: str, default: str, pattern: str, expected: str) -> str:
    """`-c name=value` from `variable` (`default` when unset; empty when set empty: the
    server's own), the value checked against `pattern`."""
    value = os.environ.get(variable, default).strip()
    if not value:
        return ""
    if not re.fullmatch(pattern, value):
        raise ImproperlyConfigured(f"{variable}: expected {expected}, got {value!r}")
    return f"-c {name}={value}"


def _allow_prepared(config: dict[str, object]) -> None:
    """Prepared statements for the few reads that ask for them (`motcua.lib.rows.fetch`: the
    citizen lookup's), unless MOTCUA_DB_PREPARED=0. Django's own cursors bind parameters on the
    client and never prepare, whatever this says; Django leaves it off by default for
    connection poolers that cannot carry prepared statements."""
    if env_bool("MOTCUA_DB_PREPARED", True):
        options = config.setdefault("OPTIONS", {})
        assert isinstance(options, dict)
        options.setdefault("prepare_threshold", 5)


def password_variable(unit_code: str) -> str:
    """MOTCUA_SIGNING_PASSWORD_<unit code>, the code upper-cased with other characters as _."""
    return "MOTCUA_SIGNING_PASSWORD_" + re.sub(r"[^A-Z0-9]", "_", unit_code.upper())


def env_signing_keys(name: str) -> dict[str, tuple[str, str]]:
    """Unit code → (PKCS#12 path, password) from `<code>=<path>` pairs; each file must exist
    and its password variable be set. Key material never enters the database."""
    keys = {}
    for item in env_list(name, []):
        code, _, path = item.partition("=")
        code, path = code.strip(), path.strip()
        if not code or not path:
            raise ImproperlyConfigured(f"{name}: expected <unit code>=<path to .p12>, got {item!r}")
        if not os.path.isfile(path):
            raise ImproperlyConfigured(f"{name}: no PKCS#12 file at {path!r} (unit {code})")
        password = os.environ.get(password_variable(code))
        if password is None:
            raise ImproperlyConfigured(
                f"{name}: set {password_variable(code)} to the password of {path!r}"
            )
        keys[code] = (path, password)
    return keys


def env_files(name: str) -> list[str]:
    """Comma-separated paths of files that must exist."""
    paths = env_list(name, [])
    for path in paths:
        if not os.path.isfile(path):
            raise ImproperlyConfigured(f"{name}: no file at {path!r}")
    return paths


def env_unit_files(name: str) -> dict[str, str]:
    """Unit code → path of an existing file, from `<code>=<path>` pairs."""
    found = {}
    for item in env_list(name, []):
        code, _, path = item.partition("=")
        code, path = code.strip(), path.strip()
        if not code or not os.path.isfile(path):
            raise ImproperlyConfigured(
                f"{name}: expected <unit code>=<existing file>, got {item!r}"
            )
        found[code] = path
    return found


def env_pairs(name: str, default: dict[str, str]) -> dict[str, str]:
    """Comma-separated KEY=VALUE pairs, e.g. "INSTANCE/CLASS/MEMBER/SUBSYSTEM=username"."""
    raw = os.environ.get(name)
    if raw is None:
        return default
    pairs: dict[str, str] = {}
    for item in (part.strip() for part in raw.split(",")):
        if not item:
            continue
        key, sep, value = item.rpartition("=")
        if not sep or not key.strip() or not value.strip():
            raise ImproperlyConfigured(f"{name}: expected KEY=VALUE pairs, got {item!r}")
        pairs[key.strip()] = value.strip()
    return pairs
