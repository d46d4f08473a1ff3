"""Settings for bench/portal.py: the project as configured, with bench/portal_urls.py."""

from config.settings import *  # noqa: F403

ROOT_URLCONF = "bench.portal_urls"
