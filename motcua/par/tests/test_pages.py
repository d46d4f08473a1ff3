"""The staff pages: who sees what (a matrix like the dossiers'), the forms doing what they say,
bad input answered in Vietnamese without a change, and the Excel tables."""

import io
import json
from decimal import Decimal as D

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from openpyxl import load_workbook

from motcua.accounts.models import Role, User
from motcua.accounts.tests.factories import make_staff
from motcua.par.models import Entry, RubricNode, Stage
from motcua.par.services import assessment_publish, entry_save, phase_advance, self_submit
from motcua.par.tests.conftest import Par, small_rubric

pytestmark = pytest.mark.django_db


def client_for(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def node(par: Par, code: str) -> RubricNode:
    return RubricNode.objects.get(rubric=par.rubric, code=code)


def fill_and_submit(par: Par, index: int = 0) -> None:
    ua, who = par.ua(index), par.officer
    for code, kwargs in (
        ("1.1", {"value": D(1)}),
        ("1.2", {"value": D(0)}),
        ("2.2", {"choice": "du"}),
        ("2.3", {"value": D(0)}),
    ):
        entry_save(unit_assessment=ua, leaf=node(par, code), stage=Stage.SELF, actor=who, **kwargs)
    self_submit(unit_assessment=ua, actor=par.chairman)


def publish(par: Par) -> None:
    fill_and_submit(par)
    for _ in range(3):
        phase_advance(assessment=par.assessment, actor=par.appraiser)
    assessment_publish(
        assessment=par.assessment,
        number="9/QĐ-UBND",
        signer="Chủ tịch",
        date=par.assessment.results_by,
        actor=par.appraiser,
    )


# (persona, own unit page, other commune's unit page, assessment page, results before publication)
MATRIX = [
    ("appraiser", 200, 200, 200, 200),
    ("chairman", 200, 404, 200, 404),
    ("officer", 200, 404, 200, 404),
    ("outsider", 404, 200, 200, 404),
    ("stranger", 404, 404, 404, 404),
]


@pytest.mark.parametrize(("who", "own", "other", "assessment", "results"), MATRIX)
def test_who_sees_what_before_publication(
    par: Par, who: str, own: int, other: int, assessment: int, results: int
) -> None:
    stranger = make_staff("nguoingoai", par.province, Role.HANDLER)
    users = {
        "appraiser": par.appraiser,
        "chairman": par.chairman,
        "officer": par.officer,
        "outsider": par.outsider,
        "stranger": stranger,
    }
    client = client_for(users[who])
    assert client.get(f"/chi-so-cchc/don-vi/{par.ua(0).pk}/").status_code == own
    assert client.get(f"/chi-so-cchc/don-vi/{par.ua(1).pk}/").status_code == other
    assert client.get(f"/chi-so-cchc/ky/{par.assessment.pk}/").status_code == assessment
    assert client.get(f"/chi-so-cchc/ky/{par.assessment.pk}/ket-qua/").status_code == results
    assert client.get(f"/chi-so-cchc/ky/{par.assessment.pk}/ket-qua/excel/").status_code == results


def test_a_commune_sees_the_ranking_after_publication(par: Par) -> None:
    publish(par)
    page = client_for(par.outsider).get(f"/chi-so-cchc/ky/{par.assessment.pk}/ket-qua/")
    assert page.status_code == 200
    assert "Xã Thử 1" in page.content.decode() and "1/3" in page.content.decode()


def test_the_menu_shows_the_par_link_only_to_those_who_use_it(par: Par) -> None:
    assert "Chỉ số CCHC" in client_for(par.officer).get("/can-bo/").content.decode()
    stranger = make_staff("khac", par.province, Role.HANDLER)
    assert "Chỉ số CCHC" not in client_for(stranger).get("/can-bo/").content.decode()


def test_the_officer_self_scores_a_percentage_and_only_the_leader_submits(par: Par) -> None:
    officer = client_for(par.officer)
    url = f"/chi-so-cchc/don-vi/{par.ua().pk}/"
    page = officer.post(f"{url}cham/{node(par, '1.2').pk}/tu-cham/", {"gia_tri": "2"}, follow=True)
    assert "Đã lưu tiêu chí 1.2" in page.content.decode()
    assert Entry.objects.get(node__code="1.2").points == D("1.00")
    page = officer.post(
        f"{url}cham/{node(par, '1.2').pk}/tu-cham/", {"gia_tri": "hai"}, follow=True
    )
    assert "“hai” không phải là một số." in page.content.decode()
    assert Entry.objects.get(node__code="1.2").value == 2
    assert officer.post(f"{url}gui/").status_code == 403
    page = client_for(par.chairman).post(f"{url}gui/", follow=True)
    assert "Còn 3 tiêu chí chưa chấm" in page.content.decode()


def test_an_other_commune_cannot_write_into_this_one(par: Par) -> None:
    url = f"/chi-so-cchc/don-vi/{par.ua().pk}/cham/{node(par, '1.1').pk}/tu-cham/"
    assert client_for(par.outsider).post(url, {"gia_tri": "1"}).status_code == 404
    assert not Entry.objects.exists()


def test_the_unit_sees_round_one_only_when_explanations_open(par: Par) -> None:
    fill_and_submit(par)
    phase_advance(assessment=par.assessment, actor=par.appraiser)
    entry_save(
        unit_assessment=par.ua(),
        leaf=node(par, "1.1"),
        stage=Stage.ROUND1,
        actor=par.appraiser,
        value=D(0),
        comment="Chưa có kế hoạch",
    )
    url = f"/chi-so-cchc/don-vi/{par.ua().pk}/"
    assert "Chưa có kế hoạch" not in client_for(par.chairman).get(url).content.decode()
    phase_advance(assessment=par.assessment, actor=par.appraiser)
    assert "Chưa có kế hoạch" in client_for(par.chairman).get(url).content.decode()


def test_unit_excel_lists_every_leaf_with_its_stages(par: Par) -> None:
    fill_and_submit(par)
    response = client_for(par.appraiser).get(f"/chi-so-cchc/don-vi/{par.ua().pk}/excel/")
    sheet = load_workbook(io.BytesIO(response.content)).worksheets[0]
    rows = {r[0]: r for r in sheet.iter_rows(min_row=2, values_only=True)}
    assert rows["1.1"][3] == "Có" and rows["1.1"][4] == 1
    assert rows["2.2"][3] == "Đầy đủ"
    assert len(rows) == 9  # 3 areas + 6 leaves


def test_results_excel_has_units_by_areas_with_band_and_rank(par: Par) -> None:
    publish(par)
    response = client_for(par.appraiser).get(f"/chi-so-cchc/ky/{par.assessment.pk}/ket-qua/excel/")
    sheet = load_workbook(io.BytesIO(response.content)).worksheets[0]
    header = [c.value for c in sheet[1]]
    assert header[:3] == ["Vị thứ", "Mã đơn vị", "Đơn vị"]
    assert header[-4:-2] == ["Chỉ số CCHC (%)", "Xếp loại"]
    assert header[-2:] == ["Chỉ số năm trước (%)", "Tăng, giảm so với năm trước"]
    first = [c.value for c in sheet[2]]
    assert first[0] == 1 and first[2] == "Xã Thử 1"


def test_the_public_page_shows_only_published_rankings(par: Par, client: Client) -> None:
    assert client.get(f"/chi-so-cai-cach-hanh-chinh/{par.assessment.pk}/").status_code == 404
    publish(par)
    page = client.get(f"/chi-so-cai-cach-hanh-chinh/{par.assessment.pk}/").content.decode()
    assert "9/QĐ-UBND" in page and "Xã Thử 1" in page and "<svg" in page


def test_rubric_import_refuses_a_bad_file_whole(par: Par) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    before = RubricNode.objects.count()
    raw = small_rubric()
    raw["nodes"][0]["max"] = 2
    bad = SimpleUploadedFile("bo.json", json.dumps(raw).encode())
    page = client_for(par.appraiser).post(
        "/chi-so-cchc/bo-tieu-chi/nhap/", {"tep": bad}, follow=True
    )
    assert "1: điểm tối đa 2 khác tổng điểm các tiêu chí con 3" in page.content.decode()
    assert RubricNode.objects.count() == before
    assert (
        client_for(par.chairman).post("/chi-so-cchc/bo-tieu-chi/nhap/", {"tep": bad}).status_code
        == 404
    )


def test_the_sample_rubric_renders_for_the_commune_and_sở_nội_vụ(par: Par) -> None:
    from motcua.par.demo import par_seed_demo
    from motcua.par.models import Assessment, UnitAssessment

    make_staff("admin-demo", par.province, Role.ADMIN)
    User.objects.filter(username="admin-demo").update(is_superuser=True)
    assert "kỳ đánh giá mở cho 3 xã" in par_seed_demo(province=par.province)
    demo = Assessment.objects.exclude(pk=par.assessment.pk).get()
    ua = UnitAssessment.objects.get(assessment=demo, unit=par.communes[0])
    page = client_for(par.chairman).get(f"/chi-so-cchc/don-vi/{ua.pk}/").content.decode()
    assert "BẢN MẪU" in page and "Còn <strong>35</strong> tiêu chí chưa chấm" in page
    assert "hệ thống tự tính" in page
    rubric = client_for(par.appraiser).get(f"/chi-so-cchc/bo-tieu-chi/{demo.rubric_id}/")
    assert "Bản mẫu để trình diễn — không phải quyết định của tỉnh." in rubric.content.decode()
    assert client_for(par.appraiser).get(f"/chi-so-cchc/ky/{demo.pk}/ket-qua/").status_code == 200


def test_a_huge_number_is_refused_in_vietnamese(par: Par) -> None:
    url = f"/chi-so-cchc/don-vi/{par.ua().pk}/cham/{node(par, '1.2').pk}/tu-cham/"
    page = client_for(par.officer).post(url, {"gia_tri": "1e20"}, follow=True)
    assert "Giá trị “1e20” quá lớn." in page.content.decode()
    assert not Entry.objects.exists()


def test_a_department_rubric_assesses_the_departments(par: Par) -> None:
    from motcua.accounts.models import UnitKind
    from motcua.accounts.tests.factories import make_unit
    from motcua.par.models import Rubric

    departments = [
        make_unit(code, UnitKind.DEPARTMENT, par.province, name=f"Sở {code}")
        for code in ("STP", "SNV")
    ]
    raw = small_rubric(level="department", name="Bộ tiêu chí sở, ngành 2026")
    client = client_for(par.appraiser)
    upload = SimpleUploadedFile("so.json", json.dumps(raw).encode())
    client.post("/chi-so-cchc/bo-tieu-chi/nhap/", {"tep": upload})
    rubric = Rubric.objects.get(level="department")
    client.post(f"/chi-so-cchc/bo-tieu-chi/{rubric.pk}/ban-hanh/")
    dates = {
        "han_tu_danh_gia": "2026-12-20",
        "han_giai_trinh": "2026-12-25",
        "han_ket_qua": "2026-12-30",
    }
    page = client.post(f"/chi-so-cchc/bo-tieu-chi/{rubric.pk}/mo-ky/", dates, follow=True)
    assert "Đã mở kỳ đánh giá cho 2 đơn vị." in page.content.decode()
    assessed = {ua.unit for ua in rubric.assessments.get().units.all()}
    assert assessed == set(departments)
    page = client.post(
        f"/chi-so-cchc/bo-tieu-chi/{rubric.pk}/mo-ky/",
        {**dates, "han_ket_qua": "2026-12-01"},
        follow=True,
    )
    assert "Các hạn phải theo thứ tự" in page.content.decode()
    assert rubric.assessments.count() == 1
