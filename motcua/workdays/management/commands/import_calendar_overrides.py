from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from motcua.workdays.management.commands._province import province_by_code
from motcua.workdays.overrides_file import OverrideFileError, read_overrides
from motcua.workdays.services import calendar_overrides_import


class Command(BaseCommand):
    help = _(
        "Nhập ngày nghỉ / ngày làm bù từ tệp CSV hoặc XLSX (cột: date, kind, reason, "
        "legal_reference). Không nhập gì nếu có dòng sai."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--province", metavar="CODE", help=_("mã tỉnh; bỏ trống: toàn hệ thống")
        )

    def handle(self, *args: Any, **options: Any) -> None:
        province = province_by_code(options["province"])
        try:
            rows = read_overrides(options["file"])
        except OverrideFileError as error:
            raise CommandError(
                _("Tệp có lỗi, chưa nhập dòng nào:\n%(problems)s")
                % {"problems": "\n".join(error.problems)}
            ) from error
        counts = calendar_overrides_import(province=province, rows=rows)
        self.stdout.write(
            _("Đã thêm %(created)d, cập nhật %(updated)d, giữ nguyên %(unchanged)d ngày.")
            % {"created": counts.created, "updated": counts.updated, "unchanged": counts.unchanged}
        )
