from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from motcua.accounts.models import User
from motcua.par.bulk import ScoresInvalid, rows_from_file, scores_import
from motcua.par.models import Assessment


class Command(BaseCommand):
    help = (
        "Nhập điểm hàng loạt (Excel hoặc JSON: mã đơn vị, mã tiêu chí, giá trị hoặc mức, ghi chú) "
        "cho một kỳ đánh giá Chỉ số CCHC; một dòng sai thì không nhập dòng nào."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument("--assessment", type=int, required=True)
        parser.add_argument(
            "--stage", choices=["self", "round1", "round2", "survey"], required=True
        )
        parser.add_argument(
            "--user", default="", help="tên đăng nhập người nhập (mặc định: người mở kỳ)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        assessment = Assessment.objects.filter(pk=options["assessment"]).first()
        if assessment is None:
            raise CommandError(f"Không có kỳ đánh giá số {options['assessment']}.")
        actor = assessment.opened_by
        if options["user"]:
            found = User.objects.filter(username=options["user"]).first()
            if found is None:
                raise CommandError(f"Không có người dùng “{options['user']}”.")
            actor = found
        try:
            content = options["file"].read_bytes()
        except OSError as exc:
            raise CommandError(f"Không đọc được tệp: {exc.strerror}") from None
        try:
            count = scores_import(
                assessment=assessment,
                stage=options["stage"],
                rows=rows_from_file(content),
                actor=actor,
            )
        except ScoresInvalid as exc:
            raise CommandError("Không nhập dòng nào. Lỗi:\n" + "\n".join(exc.errors)) from None
        self.stdout.write(self.style.SUCCESS(f"Đã nhập {count} điểm."))
