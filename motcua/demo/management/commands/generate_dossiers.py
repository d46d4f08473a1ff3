from typing import Any

from django.core.management.base import BaseCommand, CommandError

from motcua.demo.generate import bar, generate
from motcua.reports.rollups import rebuild_rollups


class Command(BaseCommand):
    help = (
        "Sinh hồ sơ của một năm qua quy trình thật (kèm thanh tiến độ), "
        "rồi tính lại số liệu tổng hợp."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--count", type=int, required=True)
        parser.add_argument("--year", type=int, default=2026)
        parser.add_argument("--seed", type=int, default=766)
        parser.add_argument(
            "--bulk",
            action="store_true",
            help="Phát lại cùng các quyết định của quy trình trong bộ nhớ, ghi theo lô.",
        )
        parser.add_argument("--batch", type=int, default=5000)
        parser.add_argument(
            "--workers",
            type=int,
            default=1,
            help="Số tiến trình sinh song song (chỉ với --bulk trên PostgreSQL).",
        )

        parser.add_argument(
            "--backlog",
            type=int,
            default=0,
            help="Sau đó, để đơn vị đầu tiên có chừng này hồ sơ đang mở (tồn đọng); "
            "chạy lại không sinh thêm.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            generate(
                options["count"],
                options["year"],
                options["seed"],
                progress=bar,
                bulk=options["bulk"],
                batch=options["batch"],
                workers=options["workers"],
                backlog=options["backlog"],
            )
        except ValueError as error:
            raise CommandError(str(error)) from error
        if options["bulk"]:
            # The bulk path wrote the facts and built the rollups from them.
            self.stdout.write(f"Đã sinh {options['count']} hồ sơ; số liệu tổng hợp đã sẵn sàng.")
            return
        self.stdout.write(f"Đã sinh {options['count']} hồ sơ; tính lại số liệu tổng hợp…")
        self.stdout.write(f"Số liệu của {rebuild_rollups()} hồ sơ đã sẵn sàng.")
