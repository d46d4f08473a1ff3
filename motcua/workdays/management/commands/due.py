import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from motcua.workdays.calendars import calendar_for
from motcua.workdays.management.commands._province import province_by_code
from motcua.workdays.timecalc import ZONE, CalendarError, LimitUnit, TimeLimit, due_at


class Command(BaseCommand):
    help = _(
        "In hạn giải quyết: --received 2026-02-13T10:00 --limit 3 working_days "
        "[--cutoff] [--province MÃ]."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--received", required=True, help=_("thời điểm tiếp nhận, ISO 8601"))
        parser.add_argument(
            "--limit",
            required=True,
            nargs=2,
            metavar=("N", "UNIT"),
            help=", ".join(LimitUnit),
        )
        parser.add_argument("--cutoff", action="store_true", help=_("áp dụng mốc 15 giờ"))
        parser.add_argument("--province", metavar="CODE")

    def handle(self, *args: Any, **options: Any) -> None:
        received = _received(options["received"])
        limit = _limit(*options["limit"], cutoff=options["cutoff"])
        calendar = calendar_for(province_by_code(options["province"]))
        try:
            due = due_at(received, limit, calendar)
        except CalendarError as error:
            raise CommandError(
                _("Không tính được hạn (ngoài phạm vi lịch làm việc?): %(error)s")
                % {"error": error}
            ) from error
        self.stdout.write(due.isoformat(timespec="minutes"))


def _received(text: str) -> dt.datetime:
    """An ISO 8601 moment; without an offset it is Vietnamese local time."""
    try:
        moment = dt.datetime.fromisoformat(text)
    except ValueError as error:
        raise CommandError(
            _("--received «%(text)s» không phải thời điểm ISO 8601 (ví dụ 2026-02-13T10:00).")
            % {"text": text}
        ) from error
    return moment.replace(tzinfo=ZONE) if moment.tzinfo is None else moment


def _limit(value: str, unit: str, *, cutoff: bool) -> TimeLimit:
    if unit not in set(LimitUnit):
        raise CommandError(
            _("Đơn vị thời hạn «%(unit)s» không hợp lệ; dùng một trong: %(units)s.")
            % {"unit": unit, "units": ", ".join(LimitUnit)}
        )
    try:
        return TimeLimit(int(value), LimitUnit(unit), cutoff)
    except ValueError as error:
        raise CommandError(
            _("Thời hạn «%(value)s» phải là số nguyên dương.") % {"value": value}
        ) from error
