"""django-ninja's own command (`manage.py export_openapi_schema --api motcua.api.api.api`),
offered here because "ninja" is not an installed app (config/settings.py)."""

from ninja.management.commands.export_openapi_schema import Command

__all__ = ["Command"]
