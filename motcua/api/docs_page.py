"""The APIs' documentation page (Swagger UI) from our own static files, never from a CDN.

django-ninja renders its local template only when "ninja" is in INSTALLED_APPS, which it is
not: importing that app would load django-ninja and pydantic at every start (config/settings.py
serves its static files and templates instead). The template file it falls back to is pointed
at the same local template.
"""

from pathlib import Path

import ninja
from ninja.openapi.docs import Swagger

TEMPLATES = Path(ninja.__file__).resolve().parent / "templates"


class OfflineSwagger(Swagger):
    template_cdn = str(TEMPLATES / Swagger.template)
