"""The demo's year of history (issue 10, §5): a few thousand dossiers of a handful of communes
with ratings and petitions through their life cycle, made once."""

import datetime as dt

import pytest

from motcua.accounts.models import OrgUnit, UnitKind
from motcua.demo import history
from motcua.demo.services import demo_seed
from motcua.dossiers.models import Dossier
from motcua.feedback.models import Pakn, PaknStatus
from motcua.surveys.models import Rating

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def data_dir(tmp_path, settings):  # type: ignore[no-untyped-def]
    settings.DATA_DIR = tmp_path


def test_history_is_made_once_for_a_handful_of_communes() -> None:
    demo_seed()
    province = OrgUnit.objects.get(code="86")
    said = history.demo_seed_history(province=province, dossiers=200, petitions=24)
    assert "200 hồ sơ" in said
    units = set(Dossier.objects.values_list("receiving_unit__code", flat=True))
    communes = history.history_communes(province)
    assert len(communes) == history.HISTORY_COMMUNES and communes[:2] == ["29077", "29083"]
    assert all(code.split(".")[0] in communes or code in communes for code in units), units
    assert Rating.objects.exists()
    statuses = set(Pakn.objects.values_list("status", flat=True))
    assert PaknStatus.PUBLISHED in statuses and Pakn.objects.filter(reaction__gt="").exists()
    again = history.demo_seed_history(province=province, dossiers=200, petitions=24)
    assert "không sinh thêm" in again and Dossier.objects.count() == 200


def test_the_history_year_is_a_year_behind_us() -> None:
    assert history.history_year(dt.date(2026, 12, 7)) == 2026
    assert history.history_year(dt.date(2027, 2, 1)) == 2026
    assert OrgUnit.objects.filter(kind=UnitKind.PROVINCE).count() == 0
