"""Files in the media folder that no row points to (written just before a crash, or left by a
failed restore) — listed, and removed with --delete. Run daily (docs/deploy.md)."""

import datetime as dt
import time
from pathlib import Path
from typing import Any

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand
from django.db.models import FileField


def referenced_files() -> set[str]:
    """Every file name stored in a FileField of any model (each app's, present and future)."""
    names: set[str] = set()
    for model in apps.get_models():
        for field in model._meta.get_fields():
            if isinstance(field, FileField):
                rows = model._default_manager.exclude(**{field.name: ""}).values_list(
                    field.name, flat=True
                )
                names.update(str(name) for name in rows.iterator() if name)
    return names


def orphan_files(root: Path, older_than: dt.timedelta) -> list[Path]:
    """Files under `root` older than `older_than` that no row refers to (uploads in flight
    are younger and left alone)."""
    if not root.is_dir():
        return []
    known = referenced_files()
    cutoff = time.time() - older_than.total_seconds()
    return sorted(
        path
        for path in root.rglob("*")
        if path.is_file()
        and path.relative_to(root).as_posix() not in known
        and path.stat().st_mtime < cutoff
    )


class Command(BaseCommand):
    help = (
        "Liệt kê (và với --delete thì xóa) các tệp trong thư mục tệp tải lên mà không hồ sơ, "
        "bản nháp hay bản ghi nào trỏ tới. Mặc định chỉ liệt kê. Chạy hằng ngày."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--delete", action="store_true", help="Xóa thật (mặc định: chạy thử).")
        parser.add_argument(
            "--hours", type=int, default=24, help="Chỉ xét tệp cũ hơn N giờ (mặc định 24)."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["hours"] < 1:
            self.stderr.write("--hours phải từ 1 trở lên.")
            raise SystemExit(2)
        root = Path(settings.MEDIA_ROOT)
        found = orphan_files(root, dt.timedelta(hours=options["hours"]))
        for path in found:
            self.stdout.write(str(path.relative_to(root)))
            if options["delete"]:
                path.unlink()
        if options["delete"]:
            self.stdout.write(f"Đã xóa {len(found)} tệp không còn được dùng.")
        else:
            self.stdout.write(
                f"{len(found)} tệp không còn được dùng (chạy thử; thêm --delete để xóa)."
            )
