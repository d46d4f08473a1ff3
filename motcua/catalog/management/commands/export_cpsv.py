"""Write the published catalog as CPSV-AP linked data (Turtle or JSON-LD)."""

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from motcua.catalog.exchange.cpsv import catalog_cpsv, deployment_province


class Command(BaseCommand):
    help = "Export the published catalog as CPSV-AP 3.2.0 (.ttl Turtle or .jsonld JSON-LD)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", help="output file, .ttl or .jsonld; - for standard output")
        parser.add_argument("--format", choices=["ttl", "jsonld"], help="default: by extension")
        parser.add_argument(
            "--base",
            default=settings.MOTCUA_PUBLIC_URL or "http://127.0.0.1:8000",
            help="public address the identifiers hang from (default: MOTCUA_PUBLIC_URL)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path = options["path"]
        fmt = options["format"] or ("jsonld" if path.endswith(".jsonld") else "ttl")
        province = deployment_province()
        if province is None:
            raise CommandError("Chưa có tỉnh nào (import_units hoặc seed_demo trước).")
        text = catalog_cpsv(options["base"], province, fmt)
        if path == "-":
            self.stdout.write(text)
        else:
            Path(path).write_text(text, encoding="utf-8")
            self.stdout.write(f"Đã ghi {path}.")
