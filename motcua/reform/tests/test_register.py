"""Writing the staff register: a person, a move between units with dates, leaving, a
qualification and a course; only personnel officers; the table follows the dates."""

import datetime as dt

from django.test import Client

from motcua.reform.models import Person, Posting
from motcua.reform.selectors import people_in, qualification_table
from motcua.reform.tests.conftest import Reform


def test_personnel_officer_adds_moves_and_retires_a_person(client: Client, rw: Reform) -> None:
    client.force_login(rw.personnel)
    response = client.post(
        "/cai-cach/can-bo/them/",
        {
            "unit": rw.commune.pk,
            "full_name": "Cao Thị Mai",
            "birth_date": "1988-04-02",
            "sex": "female",
            "position": "Văn phòng - Thống kê",
            "kind": "cong_chuc",
            "starts_on": "2018-03-01",
        },
    )
    assert response.status_code == 302
    person = Person.objects.get()
    url = f"/cai-cach/can-bo/{person.pk}/"
    client.post(url + "trinh-do/", {"category": "political", "level": "trung_cap", "year": 2020})
    client.post(url + "trinh-do/", {"category": "political", "level": "chuyen_vien"})  # refused
    client.post(
        url + "boi-duong/",
        {
            "name": "Bồi dưỡng CCHC",
            "organiser": "Sở Nội vụ",
            "starts_on": "2026-02-02",
            "ends_on": "2026-02-06",
        },
    )
    assert person.qualifications.count() == 1 and person.trainings.count() == 1
    # Moved to the other commune on 1 July (the merger), then retired at the year's end.
    client.post(
        url + "dieu-dong/",
        {
            "unit": rw.other.pk,
            "position": "Tư pháp - Hộ tịch",
            "kind": "cong_chuc",
            "starts_on": "2026-07-01",
        },
    )
    posts = list(Posting.objects.order_by("starts_on").values_list("unit_id", "ends_on"))
    assert posts == [(rw.commune.pk, dt.date(2026, 6, 30)), (rw.other.pk, None)]
    refused = client.post(
        url + "dieu-dong/",
        {"unit": rw.commune.pk, "position": "x", "kind": "cong_chuc", "starts_on": "2026-05-01"},
    )
    assert refused.status_code == 302 and Posting.objects.count() == 2
    client.post(url + "thoi-cong-tac/", {"ends_on": "2026-12-31"})
    assert [s.person.pk for s in people_in(rw.commune, dt.date(2026, 6, 30))] == [person.pk]
    assert people_in(rw.commune, dt.date(2026, 7, 1)) == []
    assert [s.person.pk for s in people_in(rw.other, dt.date(2026, 12, 31))] == [person.pk]
    assert people_in(rw.other, dt.date(2027, 1, 1)) == []
    june = qualification_table(rw.commune, dt.date(2026, 6, 30))[-1]
    assert june.cells["political"].label == "1/1"
    assert client.get(url).status_code == 200  # still on the register that kept her file


def test_nobody_but_personnel_writes_the_register(client: Client, rw: Reform) -> None:
    client.force_login(rw.head)
    response = client.post(
        "/cai-cach/can-bo/them/",
        {
            "unit": rw.commune.pk,
            "full_name": "X",
            "position": "Y",
            "kind": "cong_chuc",
            "starts_on": "2020-01-01",
        },
    )
    assert response.status_code == 404 and not Person.objects.exists()
    person = Person.objects.create(full_name="Z", home_unit=rw.commune)
    client.force_login(rw.outsider)
    reply = client.post(f"/cai-cach/can-bo/{person.pk}/thoi-cong-tac/", {"ends_on": "2026-01-01"})
    assert reply.status_code == 404
