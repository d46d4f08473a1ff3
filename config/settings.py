"""Một Cửa settings: zero configuration in development, everything else from the environment.

See docs/configuration.md for every variable.
"""

from importlib.util import find_spec
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

from config.env import (
    env_bool,
    env_choice,
    env_database,
    env_files,
    env_int,
    env_list,
    env_pairs,
    env_signing_keys,
    env_str,
    env_unit_files,
    env_url,
)

BASE_DIR = Path(__file__).resolve().parent.parent
# django-ninja's templates and static files (the API docs page's scripts, served by us, not a
# CDN: motcua/api/docs_page.py). Found, not imported: "ninja" is not an installed app because
# importing it loads django-ninja and pydantic at every start (bench/startup.py).
_ninja = find_spec("ninja")
if _ninja is None or _ninja.origin is None:
    raise ImproperlyConfigured("django-ninja is not installed")
NINJA_DIR = Path(_ninja.origin).parent

DEBUG = env_bool("MOTCUA_DEBUG", False)
SECRET_KEY = env_str("MOTCUA_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "MOTCUA_SECRET_KEY: must be set in production (or set MOTCUA_DEBUG=1 for development)"
        )
    SECRET_KEY = "insecure-development-key-never-used-in-production"
ALLOWED_HOSTS = env_list("MOTCUA_ALLOWED_HOSTS", ["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env_list("MOTCUA_CSRF_TRUSTED_ORIGINS", [])
DATA_DIR = Path(env_str("MOTCUA_DATA_DIR", str(BASE_DIR / "var")))
DATA_DIR.mkdir(parents=True, exist_ok=True)

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_otp",  # optional TOTP second factor for staff (motcua/accounts/second_factor.py)
    "django_otp.plugins.otp_totp",
    "motcua.accounts",
    "motcua.workdays",
    "motcua.catalog",
    "motcua.dossiers",
    "motcua.portal",
    "motcua.surveys",
    "motcua.filing",
    "motcua.reports",
    "motcua.feedback",
    "motcua.payments",
    "motcua.reform",
    "motcua.api",
    "motcua.par",
    "motcua.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "motcua.lib.guard.InputGuardMiddleware",  # bad URL input → 4xx before any view
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "motcua.lib.language.ChosenLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "motcua.accounts.access.AccessPerRequest",  # memberships read once per request
    "motcua.accounts.second_factor.SecondFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "motcua.dossiers.notifications.SendOutboxAfterRequest",
    "motcua.api.dvcqg.SyncAfterRequest",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "motcua" / "templates", NINJA_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "motcua.lib.csrf.context",  # `csrf_token`, minted for less (motcua/lib/csrf.py)
            ],
        },
    },
]

DATABASES = {"default": env_database("DATABASE_URL", sqlite_path=str(DATA_DIR / "motcua.sqlite3"))}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
SESSION_COOKIE_AGE = env_int("MOTCUA_SESSION_AGE_SECONDS", 8 * 3600, minimum=300)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = not DEBUG and env_bool("MOTCUA_SECURE_COOKIES", True)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "motcua" / "locale"]
FORMAT_MODULE_PATH = ["motcua.formats"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = DATA_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "motcua" / "static", NINJA_DIR / "static"]
MEDIA_URL = "media/"
MEDIA_ROOT = DATA_DIR / "media"
STATIC_ROOT.mkdir(exist_ok=True)
# Serve app static files straight from the source tree too, so a server started without
# collectstatic (the demo, the browser tests) still has its styles.
WHITENOISE_USE_FINDERS = True
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
if DEBUG:
    STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}

# Notifications to applicants. SMS leaves the machine only through a gateway backend added for
# a real provider; "console" prints, "file" appends to <MOTCUA_DATA_DIR>/sms.log.
MOTCUA_SMS_BACKEND = env_choice("MOTCUA_SMS_BACKEND", "console", ("console", "file"))
EMAIL_HOST = env_str("MOTCUA_EMAIL_HOST", "")
EMAIL_PORT = env_int("MOTCUA_EMAIL_PORT", 587, minimum=1)
EMAIL_HOST_USER = env_str("MOTCUA_EMAIL_USER", "")
EMAIL_HOST_PASSWORD = env_str("MOTCUA_EMAIL_PASSWORD", "")
EMAIL_USE_TLS = env_bool("MOTCUA_EMAIL_TLS", True)
DEFAULT_FROM_EMAIL = env_str("MOTCUA_EMAIL_FROM", "Một Cửa <no-reply@localhost>")
# Without a server, e-mails are printed: whole in development, masked and without text outside
# it (motcua/lib/mail.py), so no one-time code or citizen's data reaches a log.
EMAIL_BACKEND = (
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "motcua.lib.mail.MaskedConsoleEmailBackend"
)
# Development: send the outbox right after each request, and keep a copy of what was sent for
# the /dev/hop-thu/ page (404 unless MOTCUA_DEBUG=1). Production sends with `process_outbox`.
MOTCUA_SEND_OUTBOX_AFTER_REQUEST = env_bool(
    "MOTCUA_SEND_OUTBOX_AFTER_REQUEST", DEBUG and not EMAIL_HOST
)
MOTCUA_DEV_MAILBOX = DEBUG

# Attachments (PDF, JPEG, PNG, recognised by content) larger than this are refused.
MOTCUA_UPLOAD_MAX_BYTES = env_int("MOTCUA_UPLOAD_MAX_BYTES", 20 * 1024 * 1024, minimum=1024)
# Trusted reverse proxies in front of the app: the throttles read the client's address from
# X-Forwarded-For (motcua/lib/client.py).
MOTCUA_PROXY_COUNT = env_int("MOTCUA_PROXY_COUNT", 0)
# The citizen portal's public address, for links in notices sent to applicants.
MOTCUA_PUBLIC_URL = env_url("MOTCUA_PUBLIC_URL", "")
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# Fees paid online (motcua/payments/gateways.py): "development" simulates a gateway inside the
# app; "none" offers VietQR transfers and the counter only. Callbacks are HMAC-signed with the
# shared secret.
MOTCUA_PAYMENT_GATEWAY = env_choice(
    "MOTCUA_PAYMENT_GATEWAY", "development" if DEBUG else "none", ("none", "development")
)
if MOTCUA_PAYMENT_GATEWAY == "development" and not DEBUG:
    raise ImproperlyConfigured(
        "MOTCUA_PAYMENT_GATEWAY: the development gateway pretends to take money; "
        "it runs only with MOTCUA_DEBUG=1"
    )
MOTCUA_PAYMENT_GATEWAY_SECRET = env_str(
    "MOTCUA_PAYMENT_GATEWAY_SECRET", "development-gateway-" + SECRET_KEY[:16]
)
# Digital signatures (motcua/lib/signing.py): a PKCS#12 file per unit, its password in
# MOTCUA_SIGNING_PASSWORD_<unit code>; the CA certificates the verification page trusts. With
# MOTCUA_SIGNING_DEMO the throwaway demo CA in <MOTCUA_DATA_DIR>/demo-signing is used too.
MOTCUA_SIGNING_KEYS = env_signing_keys("MOTCUA_SIGNING_KEYS")
MOTCUA_SIGNING_TRUST_ROOTS = env_files("MOTCUA_SIGNING_TRUST_ROOTS")
MOTCUA_SIGNING_DEMO = env_bool("MOTCUA_SIGNING_DEMO", DEBUG)
# Or a remote signing service (HSM / USB-token services): its address, its bearer token and,
# per unit, the PEM certificate chain of the key it holds. Set, it replaces the PKCS#12 files.
MOTCUA_SIGNING_REMOTE_URL = env_url("MOTCUA_SIGNING_REMOTE_URL", "")
MOTCUA_SIGNING_REMOTE_TOKEN = env_str("MOTCUA_SIGNING_REMOTE_TOKEN", "")
MOTCUA_SIGNING_REMOTE_CERTS = env_unit_files("MOTCUA_SIGNING_REMOTE_CERTS")
# The national public-service portal (DVCQG): dossier and PAKN changes are sent there by
# `sync_dvcqg`. Without a URL they are validated and written to <MOTCUA_DATA_DIR>/dvcqg.jsonl.
MOTCUA_DVCQG_URL = env_url("MOTCUA_DVCQG_URL", "")
MOTCUA_DVCQG_TOKEN = env_str("MOTCUA_DVCQG_TOKEN", "")

# GovStack Registration Building Block at /govstack/registration/ (docs/api.md): off unless
# enabled. Callers come through an Information Mediator that names them in the
# Information-Mediator-Client header; each listed client acts as the staff user it is mapped to
# (CLIENT=username), whose memberships limit what it may read and do.
MOTCUA_GOVSTACK_ENABLED = env_bool("MOTCUA_GOVSTACK_ENABLED", False)
MOTCUA_GOVSTACK_CLIENTS = env_pairs("MOTCUA_GOVSTACK_CLIENTS", {})
# The client assumed for a request without the header (the suite sends some without it);
# empty: such requests are refused. Only for a deployment reachable solely through the mediator.
MOTCUA_GOVSTACK_DEFAULT_CLIENT = env_str("MOTCUA_GOVSTACK_DEFAULT_CLIENT", "")
if MOTCUA_GOVSTACK_DEFAULT_CLIENT and MOTCUA_GOVSTACK_DEFAULT_CLIENT not in MOTCUA_GOVSTACK_CLIENTS:
    raise ImproperlyConfigured(
        "MOTCUA_GOVSTACK_DEFAULT_CLIENT: must be one of the clients in MOTCUA_GOVSTACK_CLIENTS"
    )

# The province this deployment serves (administrative code, e.g. "01" for Hà Nội). The demo and
# the working-time calendar use it when no unit-specific value applies.
MOTCUA_PROVINCE_CODE = env_str("MOTCUA_PROVINCE_CODE", "")

# -- production hardening (docs/deploy.md) ------------------------------------------------------
# Behind nginx terminating TLS: trust its X-Forwarded-Proto, redirect plain HTTP, send HSTS.
MOTCUA_BEHIND_TLS_PROXY = env_bool("MOTCUA_BEHIND_TLS_PROXY", False)
if MOTCUA_BEHIND_TLS_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("MOTCUA_SSL_REDIRECT", MOTCUA_BEHIND_TLS_PROXY)
SECURE_HSTS_SECONDS = env_int("MOTCUA_HSTS_SECONDS", 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("MOTCUA_HSTS_INCLUDE_SUBDOMAINS", False)
SECURE_HSTS_PRELOAD = env_bool("MOTCUA_HSTS_PRELOAD", False)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
# nginx serves attachments from an internal location after the app checked access.
MOTCUA_ACCEL_REDIRECT_PREFIX = env_str("MOTCUA_ACCEL_REDIRECT_PREFIX", "")
# The default cache, in each app process's memory, holds rendered citizen pages and fragments:
# the parts that depend only on the language, and the home and procedure pages whole, keyed by
# the catalog stamp (motcua/catalog/stamp.py), so never stale, each visitor's CSRF token and
# return address filled in per request (motcua/portal/pages.py). A procedure page is ~14 KB.
CACHES: dict[str, dict[str, object]] = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "OPTIONS": {"MAX_ENTRIES": 1000},
    }
}
# Throttle counters (lookup, login) live in this cache; empty: the database, shared by every
# app server with no other service. e.g. redis://127.0.0.1:6379/1
MOTCUA_CACHE_URL = env_str("MOTCUA_CACHE_URL", "")
if MOTCUA_CACHE_URL:
    if not MOTCUA_CACHE_URL.startswith(("redis://", "rediss://", "unix://")):
        raise ImproperlyConfigured(
            f"MOTCUA_CACHE_URL: expected redis://host:port/db, got {MOTCUA_CACHE_URL!r}"
        )
    CACHES["throttle"] = {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": MOTCUA_CACHE_URL,
    }
# Staff in the admin and supervisor roles must confirm their login with a TOTP code.
MOTCUA_REQUIRE_2FA = env_bool("MOTCUA_REQUIRE_2FA", False)
OTP_TOTP_ISSUER = "Một Cửa"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("MOTCUA_LOG_LEVEL", "INFO")},
}
