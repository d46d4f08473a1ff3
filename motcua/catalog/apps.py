from typing import Any

from django.apps import AppConfig
from django.db import connections
from django.db.models.signals import post_migrate


class CatalogConfig(AppConfig):
    name = "motcua.catalog"
    verbose_name = "Thủ tục hành chính"

    def ready(self) -> None:
        post_migrate.connect(_install_stamp_triggers, sender=self)


def _install_stamp_triggers(using: str, **kwargs: Any) -> None:
    """SQLite drops a table's triggers when a migration rebuilds it: put them back."""
    from motcua.catalog import stamp

    connection = connections[using]
    if stamp.STAMP_TABLE in connection.introspection.table_names():
        stamp.install(connection)
