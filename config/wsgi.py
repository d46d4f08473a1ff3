import os

from django.core.wsgi import get_wsgi_application

from motcua.lib.startup import pause_collector, resume_collector

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
pause_collector()  # until the apps are ready (motcua/lib/startup.py)
application = get_wsgi_application()

# The URL configuration names its views and APIs without importing them, so that commands start
# quickly (motcua/lib/lazy_views.py); a web server imports them now, as each worker starts,
# rather than on the first request of each page — frozen with the rest of start-up.
from motcua.lib.lazy_views import load_views  # noqa: E402  (needs the apps loaded above)

pause_collector()
load_views()
resume_collector()
