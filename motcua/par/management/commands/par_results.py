import json
from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from motcua.par.models import Assessment
from motcua.par.selectors import STANDING, Results, assessment_results


class Command(BaseCommand):
    help = (
        "Kết quả Chỉ số CCHC của mọi đơn vị: chỉ số, chỉ số từng lĩnh vực, điểm, xếp loại, vị thứ."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--assessment", type=int, required=True)
        parser.add_argument("--json", action="store_true")
        parser.add_argument("--stage", choices=list(STANDING), default="final")

    def handle(self, *args: Any, **options: Any) -> None:
        assessment = (
            Assessment.objects.select_related("rubric").filter(pk=options["assessment"]).first()
        )
        if assessment is None:
            raise CommandError(f"Không có kỳ đánh giá số {options['assessment']}.")
        results = assessment_results(assessment, options["stage"])
        if options["json"]:
            self.stdout.write(json.dumps(as_json(results), ensure_ascii=False, indent=2))
            return
        for u in results.units:
            self.stdout.write(
                f"{u.rank or '—':>4}  {u.index or '—':>6}  {u.band:<11} {u.unit.name}"
            )


def _text(value: object) -> str | None:
    return None if value is None else str(value)


def as_json(results: Results) -> dict[str, object]:
    a = results.assessment
    return {
        "assessment": a.pk,
        "name": a.name,
        "year": a.year,
        "phase": a.phase,
        "units": [
            {
                "unit": u.unit.code,
                "name": u.unit.name,
                "index": _text(u.index),
                "achieved": str(u.total.achieved),
                "applicable": str(u.total.applicable),
                "band": u.band,
                "rank": u.rank,
                "of": results.count,
                "areas": {
                    code: {
                        "index": _text(t.index),
                        "achieved": str(t.achieved),
                        "applicable": str(t.applicable),
                    }
                    for code, t in u.areas.items()
                },
            }
            for u in results.units
        ],
    }
