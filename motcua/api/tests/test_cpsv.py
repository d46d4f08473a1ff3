"""The catalog as CPSV-AP 3.2.0: the whole demo catalog conforms to the official SHACL shapes."""

import json
from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import Client
from pyshacl import validate
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, RDF

from motcua.accounts.models import OrgUnit, UnitKind
from motcua.catalog.exchange import SEED, catalog_import_file

SHAPES = Path(__file__).resolve().parents[3] / "third_party" / "cpsv-ap-3.2.0" / "cpsv-ap-SHACL.ttl"
CPSV = Namespace("http://purl.org/vocab/cpsv#")
CV = Namespace("http://data.europa.eu/m8g/")


@pytest.fixture
def catalog(db: None) -> OrgUnit:
    province = OrgUnit.objects.create(code="86", name="Tỉnh Vĩnh Long", kind=UnitKind.PROVINCE)
    catalog_import_file(SEED, publish=True)
    return province


def test_the_demo_catalog_conforms_to_the_cpsv_ap_shapes(catalog: OrgUnit) -> None:
    response = Client().get("/du-lieu-mo/cpsv-ap.ttl")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/turtle")
    data = Graph().parse(data=response.content.decode(), format="turtle")
    services = set(data.subjects(RDF.type, CPSV.PublicService))
    # 39 seed records; two have no time limit and stay drafts, which are not published.
    assert len(services) == 37
    shapes = Graph().parse(SHAPES)
    conforms, _, report = validate(data, shacl_graph=shapes, inference="none")
    assert conforms, report
    # The shapes do bite: a service without its identifier is a violation.
    broken = Graph() + data
    broken.remove((next(iter(services)), DCTERMS.identifier, None))
    assert not validate(broken, shacl_graph=shapes, inference="none")[0]
    # What a reader of the catalog relies on, for the birth registration.
    birth = next(s for s in services if str(data.value(s, DCTERMS.identifier)) == "1.001193")
    title = data.value(birth, DCTERMS.title)
    assert isinstance(title, Literal) and (str(title), title.language) == (
        "Thủ tục đăng ký khai sinh",
        "vi",
    )
    assert len(list(data.objects(birth, CPSV.hasInput))) == 4
    fees = [data.value(cost, CV.hasValue) for cost in data.objects(birth, CV.hasCost)]
    assert 8000.0 in [fee.toPython() for fee in fees if isinstance(fee, Literal)]
    authority = data.value(birth, CV.hasCompetentAuthority)
    assert data.value(authority, DCTERMS.spatial) == URIRef("http://testserver/id/dia-ban/86")


def test_json_ld_and_the_command_give_the_same_graph(catalog: OrgUnit, tmp_path: Path) -> None:
    response = Client().get("/du-lieu-mo/cpsv-ap.jsonld")
    assert response["Content-Type"] == "application/ld+json"
    json.loads(response.content)
    served = Graph().parse(data=response.content.decode(), format="json-ld")
    out = tmp_path / "catalog.ttl"
    call_command("export_cpsv", str(out), "--base", "http://testserver")
    written = Graph().parse(out)
    assert len(served) == len(written) > 0
    assert Client().get("/du-lieu-mo/cpsv-ap.xml").status_code == 404
