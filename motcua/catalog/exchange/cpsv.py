"""The published catalog as CPSV-AP 3.2.0 linked data (Core Public Service Vocabulary
Application Profile, SEMICeu/CPSV-AP), in Turtle or JSON-LD, built with rdflib.

Each published procedure version is a `cpsv:PublicService` with its competent authority
(`cv:PublicOrganisation`, located in the province), requirements (conditions), evidence (the
documents to file), output (the result), costs (fees), processing time, channels and legal
resources, in Vietnamese (`@vi`). The official SHACL shapes of the release are kept in
third_party/cpsv-ap-3.2.0/ and a test validates the whole demo catalog against them.
"""

import hashlib
from collections.abc import Iterable

from rdflib import RDF, XSD, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, SKOS

from motcua.accounts.models import OrgUnit, UnitKind
from motcua.catalog.models import (
    Channel,
    ProcedureVersion,
    TimeLimitUnit,
    VersionStatus,
)

CPSV = Namespace("http://purl.org/vocab/cpsv#")
CV = Namespace("http://data.europa.eu/m8g/")
ELI = Namespace("http://data.europa.eu/eli/ontology#")
ADMS = Namespace("http://www.w3.org/ns/adms#")
VIETNAMESE = URIRef("http://publications.europa.eu/resource/authority/language/VIE")
VND = URIRef("http://publications.europa.eu/resource/authority/currency/VND")
FORMATS = {"ttl": "turtle", "jsonld": "json-ld"}
MEDIA_TYPES = {"ttl": "text/turtle; charset=utf-8", "jsonld": "application/ld+json"}


def _vi(text: str) -> Literal:
    return Literal(text.strip(), lang="vi")


def _key(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()[:12]


class CatalogGraph:
    """Builds the graph; `base` is the public address every identifier hangs from."""

    def __init__(self, base: str) -> None:
        self.base = base.rstrip("/") + "/id/"
        self.graph = Graph()
        for prefix, ns in (("cpsv", CPSV), ("cv", CV), ("eli", ELI), ("adms", ADMS)):
            self.graph.bind(prefix, ns)
        self.graph.bind("dct", DCTERMS)
        self.graph.bind("skos", SKOS)
        self.graph.add((VIETNAMESE, RDF.type, DCTERMS.LinguisticSystem))
        self.graph.add((VND, RDF.type, SKOS.Concept))
        self.graph.add((VND, SKOS.prefLabel, Literal("Đồng Việt Nam", lang="vi")))

    def iri(self, *parts: str) -> URIRef:
        return URIRef(self.base + "/".join(parts))

    def add(self, subject: URIRef, *pairs: tuple[URIRef, object]) -> URIRef:
        for predicate, obj in pairs:
            self.graph.add((subject, predicate, obj))  # type: ignore[arg-type]
        return subject

    def concept(self, scheme: str, code: str, label: str) -> URIRef:
        return self.add(
            self.iri(scheme, code), (RDF.type, SKOS.Concept), (SKOS.prefLabel, _vi(label))
        )

    def location(self, province: OrgUnit) -> URIRef:
        return self.add(
            self.iri("dia-ban", province.code),
            (RDF.type, DCTERMS.Location),
            (SKOS.prefLabel, _vi(province.name)),
        )

    def authority(self, name: str, province: OrgUnit) -> URIRef:
        return self.add(
            self.iri("co-quan", _key(name)),
            (RDF.type, CV.PublicOrganisation),
            (SKOS.prefLabel, _vi(name)),
            (DCTERMS.spatial, self.location(province)),
        )

    def channel(self, service: URIRef, channel: str, version: ProcedureVersion) -> URIRef:
        node = self.add(
            URIRef(f"{service}/kenh/{channel}"),
            (RDF.type, CV.Channel),
            (DCTERMS.identifier, Literal(channel)),
            (DCTERMS.type, self.concept("kenh", channel, str(Channel(channel).label))),
        )
        duration = _duration(version, online=channel == Channel.ONLINE)
        if duration:
            self.add(node, (CV.processingTime, Literal(duration, datatype=XSD.duration)))
        return node

    def service(self, version: ProcedureVersion, province: OrgUnit) -> URIRef:
        procedure = version.procedure
        code = procedure.code or f"tt-{procedure.pk}"
        node = self.iri("thu-tuc", code)
        description = "\n".join(
            part
            for part in (version.steps_text, version.time_limit_text, version.applicants)
            if part and part.strip()
        )
        self.add(
            node,
            (RDF.type, CPSV.PublicService),
            (DCTERMS.identifier, Literal(code)),
            (DCTERMS.title, _vi(version.name)),
            (DCTERMS.description, _vi(description or version.name)),
            (DCTERMS.language, VIETNAMESE),
            (DCTERMS.spatial, self.location(province)),
            (ADMS.status, self.concept("trang-thai", "cong-bo", "Đang có hiệu lực")),
            (CV.hasCompetentAuthority, self.authority(_authority(version), province)),
        )
        if procedure.sector_id:
            sector = procedure.sector
            self.add(node, (CV.sector, self.concept("linh-vuc", str(sector.pk), sector.name)))
        duration = _duration(version, online=False)
        if duration:
            self.add(node, (CV.processingTime, Literal(duration, datatype=XSD.duration)))
        if version.conditions and version.conditions.strip():
            self.add(
                node,
                (
                    CV.holdsRequirement,
                    self.add(
                        URIRef(f"{node}/dieu-kien"),
                        (RDF.type, CV.Requirement),
                        (DCTERMS.identifier, Literal(f"{code}-dieu-kien")),
                        (DCTERMS.title, _vi(version.conditions)),
                    ),
                ),
            )
        for n, document in enumerate(version.documents.all(), start=1):
            evidence = self.add(
                URIRef(f"{node}/giay-to/{n}"),
                (RDF.type, CV.Evidence),
                (DCTERMS.identifier, Literal(f"{code}-giay-to-{n}")),
                (DCTERMS.title, _vi(document.name)),
            )
            if document.note and document.note.strip():
                self.add(evidence, (DCTERMS.description, _vi(document.note)))
            self.add(node, (CPSV.hasInput, evidence))
        if version.result and version.result.strip():
            output = self.add(
                URIRef(f"{node}/ket-qua"),
                (RDF.type, CV.Output),
                (DCTERMS.identifier, Literal(f"{code}-ket-qua")),
                (DCTERMS.title, _vi(version.result)),
            )
            self.add(node, (CPSV.produces, output))
        for n, fee in enumerate(version.fees.all(), start=1):
            cost = self.add(
                URIRef(f"{node}/phi/{n}"),
                (RDF.type, CV.Cost),
                (DCTERMS.identifier, Literal(f"{code}-phi-{n}")),
                (DCTERMS.description, _vi(fee.name)),
            )
            if fee.amount_vnd is not None:
                self.add(
                    cost,
                    (CV.hasValue, Literal(float(fee.amount_vnd), datatype=XSD.double)),
                    (CV.currency, VND),
                )
            self.add(node, (CV.hasCost, cost))
        for channel in version.channels or [Channel.COUNTER]:
            if channel in Channel.values:
                self.add(node, (CV.hasChannel, self.channel(node, channel, version)))
        for basis in version.legal_basis or []:
            if isinstance(basis, str) and basis.strip():
                legal = self.add(
                    self.iri("van-ban", _key(basis)),
                    (RDF.type, ELI.LegalResource),
                    (ELI.title, _vi(basis)),
                )
                self.add(node, (CV.hasLegalResource, legal))
        return node


def _authority(version: ProcedureVersion) -> str:
    """The body that decides: the version's text, or its level's (e.g. "Cấp xã")."""
    text = (version.deciding_body or version.implementing_body or "").strip()
    return text.split(";")[0].strip() or str(version.procedure.get_level_display())


def _duration(version: ProcedureVersion, *, online: bool) -> str:
    """The time limit as xsd:duration: working days as days (PnD), working hours as hours."""
    value, unit = version.time_limit_value, version.time_limit_unit
    if online and version.online_time_limit_value:
        value, unit = version.online_time_limit_value, version.online_time_limit_unit
    if not value:
        return ""
    if unit == TimeLimitUnit.WORKING_DAYS:
        return f"P{value}D"
    if unit == TimeLimitUnit.WORKING_HOURS:
        return f"PT{value}H"
    return ""


def published_versions() -> Iterable[ProcedureVersion]:
    return (
        ProcedureVersion.objects.filter(status=VersionStatus.PUBLISHED)
        .select_related("procedure__sector")
        .prefetch_related("documents", "fees")
        .order_by("procedure__code", "pk")
    )


def catalog_graph(base: str, province: OrgUnit) -> Graph:
    """Every published procedure of the catalog as CPSV-AP."""
    built = CatalogGraph(base)
    for version in published_versions():
        built.service(version, province)
    return built.graph


def catalog_cpsv(base: str, province: OrgUnit, fmt: str) -> str:
    """The catalog serialised as Turtle (`ttl`) or JSON-LD (`jsonld`)."""
    return catalog_graph(base, province).serialize(format=FORMATS[fmt])


def deployment_province() -> OrgUnit | None:
    """The province this deployment serves: MOTCUA_PROVINCE_CODE, else the only root one."""
    from django.conf import settings

    provinces = OrgUnit.objects.filter(kind=UnitKind.PROVINCE)
    if settings.MOTCUA_PROVINCE_CODE:
        return provinces.filter(code=settings.MOTCUA_PROVINCE_CODE).first()
    return provinces.filter(parent__isnull=True).order_by("code").first()
