import pytest

from motcua.accounts.models import OrgUnit, UnitKind
from motcua.catalog.models import Level, ProcedureOffering, TimeLimitUnit
from motcua.catalog.selectors import procedure_search, procedures_offered_at
from motcua.catalog.tests.factories import make_procedure

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalog() -> dict[str, int]:
    marriage = make_procedure(code="1.000894", name="Thủ tục đăng ký kết hôn")
    birth = make_procedure(code="1.001193", name="Thủ tục đăng ký khai sinh")
    mediation = make_procedure(
        code="1.012812",
        name="Hòa giải tranh chấp đất đai",
        sector="Đất đai",
        limit=(30, TimeLimitUnit.CALENDAR_DAYS),
        hours=("8", "100", "8", "8"),
    )
    passport = make_procedure(
        code="1.001456", name="Cấp hộ chiếu phổ thông", sector="Xuất nhập cảnh",
        level=Level.PROVINCE,
    )  # fmt: skip
    return {
        "marriage": marriage.procedure_id,
        "birth": birth.procedure_id,
        "mediation": mediation.procedure_id,
        "passport": passport.procedure_id,
    }


def found(query: str, **filters: object) -> set[int]:
    return set(procedure_search(query, **filters).values_list("pk", flat=True))  # type: ignore[arg-type]


@pytest.mark.parametrize("query", ["Đăng ký kết hôn", "dang ky ket hon", "ĐĂNG KÝ KẾT HÔN"])
def test_search_ignores_case_and_diacritics(catalog: dict[str, int], query: str) -> None:
    assert found(query) == {catalog["marriage"]}


@pytest.mark.parametrize("query", ["hộ tịch", "HO TICH", "Hộ Tịch"])
def test_search_finds_procedures_by_sector_name(catalog: dict[str, int], query: str) -> None:
    assert found(query) == {catalog["marriage"], catalog["birth"]}


@pytest.mark.parametrize("query", ["hòa giải", "hoà giải", "hoa giai dat"])
def test_search_ignores_tone_mark_placement(catalog: dict[str, int], query: str) -> None:
    assert found(query) == {catalog["mediation"]}


def test_search_by_national_code(catalog: dict[str, int]) -> None:
    assert found("1.001193") == {catalog["birth"]}


def test_words_match_whole_words_not_parts_of_others(catalog: dict[str, int]) -> None:
    permit = make_procedure(
        code="1.013236",
        name="Cấp giấy phép xây dựng công trình tượng đài, tranh hoành tráng theo giai đoạn",
        sector="Hoạt động xây dựng",
    )
    assert found("hòa giải") == {catalog["mediation"]}
    assert found("tranh hoanh") == {permit.procedure_id}


def test_the_last_word_may_be_unfinished(catalog: dict[str, int]) -> None:
    assert found("dang ky kh") == {catalog["birth"]}
    assert found("1.0011") == {catalog["birth"]}


def test_phrase_matches_come_first(catalog: dict[str, int]) -> None:
    reverse = make_procedure(code="1.999999", name="Kết hôn: đăng ký lại việc kết hôn")
    ranked = list(procedure_search("đăng ký kết hôn").values_list("pk", flat=True))
    assert ranked == [catalog["marriage"], reverse.procedure_id]


def test_every_word_must_match(catalog: dict[str, int]) -> None:
    assert found("đăng ký hộ chiếu") == set()


def test_empty_query_lists_every_published_procedure(catalog: dict[str, int]) -> None:
    make_procedure(code="9.999999", name="Dự thảo đăng ký", publish=False)
    assert found("") == set(catalog.values())


def test_level_filter_keeps_procedures_done_at_both_levels(catalog: dict[str, int]) -> None:
    both = make_procedure(code="2.000908", name="Cấp bản sao từ sổ gốc",
                          level=Level.PROVINCE_COMMUNE)  # fmt: skip
    assert found("", level=Level.PROVINCE) == {catalog["passport"], both.procedure_id}
    assert catalog["passport"] not in found("", level=Level.COMMUNE)


def test_procedures_offered_at_a_unit(catalog: dict[str, int]) -> None:
    commune = OrgUnit.objects.create(code="00001", name="Xã A", kind=UnitKind.COMMUNE)
    ProcedureOffering.objects.create(procedure_id=catalog["birth"], unit=commune)
    assert [p.pk for p in procedures_offered_at(commune)] == [catalog["birth"]]
