"""After a restore: is everything there? Compares the configured (restored) database and media
folder with the source database: row counts of every table, and every attachment's file
present with the checksum recorded when it was received (docs/deploy.md, "Backup and restore").
"""

import hashlib
from pathlib import Path
from typing import Any

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connections
from django.db.models import FileField

from motcua.dossiers.models import Attachment

SOURCE = "backup_check_source"


def table_counts(alias: str) -> dict[str, int]:
    return {
        model._meta.db_table: model._default_manager.using(alias).count()
        for model in apps.get_models()
        if model._meta.managed and not model._meta.proxy
    }


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for chunk in iter(lambda: stream.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def file_problems(media: Path) -> list[str]:
    """Attachments whose file is missing or altered, and other stored files that are missing."""
    problems = []
    for row in Attachment.objects.only("pk", "file", "sha256").iterator():
        path = media / str(row.file.name)
        if not path.is_file():
            problems.append(f"tệp đính kèm {row.pk}: thiếu {path.relative_to(media)}")
        elif sha256_of(path) != row.sha256:
            problems.append(f"tệp đính kèm {row.pk}: sai mã băm {path.relative_to(media)}")
    for model in apps.get_models():
        if model is Attachment:
            continue
        for field in model._meta.get_fields():
            if isinstance(field, FileField):
                names = model._default_manager.exclude(**{field.name: ""}).values_list(
                    field.name, flat=True
                )
                problems += [
                    f"{model._meta.db_table}: thiếu {name}"
                    for name in names.iterator()
                    if not (media / name).is_file()
                ]
    return problems


class Command(BaseCommand):
    help = (
        "Kiểm tra bản khôi phục: so số dòng từng bảng của cơ sở dữ liệu đang cấu hình (bản khôi "
        "phục) với cơ sở dữ liệu nguồn, và kiểm tra mọi tệp đính kèm có mặt, đúng mã băm."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--source-url",
            help="DATABASE_URL của cơ sở dữ liệu nguồn (bỏ trống: chỉ kiểm tra tệp).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        problems = []
        if options["source_url"]:
            connections.databases[SOURCE] = env_database_from(options["source_url"])
            try:
                source, restored = table_counts(SOURCE), table_counts("default")
            finally:
                connections[SOURCE].close()
            for table in sorted(source):
                if source[table] != restored.get(table):
                    problems.append(
                        f"bảng {table}: nguồn {source[table]} dòng, bản khôi phục "
                        f"{restored.get(table)} dòng"
                    )
            self.stdout.write(f"So sánh {len(source)} bảng.")
        media = Path(settings.MEDIA_ROOT)
        problems += file_problems(media)
        for problem in problems:
            self.stdout.write(f"LỖI: {problem}")
        if problems:
            raise CommandError(f"Bản khôi phục chưa khớp: {len(problems)} vấn đề.")
        self.stdout.write("Bản khôi phục khớp với nguồn: đủ dòng mọi bảng, đủ tệp, đúng mã băm.")


def env_database_from(url: str) -> dict[str, Any]:
    """Connection settings for `url`, on top of the default connection's other settings."""
    import dj_database_url

    try:
        parsed = dict(dj_database_url.parse(url))
    except Exception as error:  # the library raises several types for malformed URLs
        raise CommandError(f"--source-url: không đọc được ({error})") from None
    settings_dict = dict(connections.databases["default"])
    settings_dict.update(parsed, CONN_MAX_AGE=0)
    return settings_dict
