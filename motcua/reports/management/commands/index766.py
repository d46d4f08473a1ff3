import datetime as dt
import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from motcua.accounts.models import OrgUnit
from motcua.reports.index766 import as_json, index766
from motcua.reports.periods import Period


class Command(BaseCommand):
    help = "Bộ chỉ số 766 theo đơn vị và kỳ: tử số, mẫu số, tỷ lệ, điểm từng chỉ tiêu và tổng điểm."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--from", dest="first", required=True, type=dt.date.fromisoformat)
        parser.add_argument("--to", dest="last", required=True, type=dt.date.fromisoformat)
        parser.add_argument("--unit", help="Mã đơn vị (mặc định: mọi đơn vị có số liệu).")
        parser.add_argument("--json", action="store_true")

    def handle(self, *args: Any, **options: Any) -> None:
        units = None
        if options["unit"]:
            units = list(OrgUnit.objects.filter(code=options["unit"]))
            if not units:
                raise CommandError(f"Không có đơn vị mã {options['unit']}.")
        results = as_json(index766(Period(options["first"], options["last"]), units))
        if options["json"]:
            self.stdout.write(json.dumps(results, ensure_ascii=False, indent=2))
            return
        for row in results:
            self.stdout.write(
                f"{row['rank']:>3}. {row['name']}: {row['total']}/{row['attainable']}"
            )
            for c in row["components"]:  # type: ignore[attr-defined]
                number = c["national"] or c["code"]
                if c["points"] is not None:
                    figure = f"{c['points']} điểm ({c['numerator']}/{c['denominator']})"
                elif c["value"] is not None:
                    figure = f"{c['value']} ngày ({c['denominator']} hồ sơ)"
                else:
                    figure = f"Không có dữ liệu: {c['reason']}"
                self.stdout.write(f"     {number} {c['name']}: {figure}")
