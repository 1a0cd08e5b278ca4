"""Map one :class:`~kg.document.Document` to its named graph under our ontology.

The graph holds the article node, its metadata and every fact taken from it. Each
entity, event, statement and commitment points (``kg:mention``) to NIF phrases that give
the code-point offsets into the article's normalised text (``nif:isString`` of the
article node), the exact words, and the rule that found them.
"""
from __future__ import annotations

from functools import reduce
from typing import Iterable

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import PROV, RDF, RDFS, XSD

from ..document import Document
from ..facts import (
    Citation, Entity, EntityType, Event, EventType, Mention, OrgKind, PartialDate, PlaceKind, Post, Statement,
    entity_key, merge_entities,
)
from ..vocab import KG, NIF, ORG, SDO, bind_prefixes
from . import iris

# Language tags in lower case: BCP 47 tags are case-insensitive and Oxigraph stores them
# lower-cased, so zh-Hans is written zh-hans to keep graphs identical through the store.
ZH = "zh-hans"
ZH_HANT = "zh-hant"
# Offsets are xsd:integer, not NIF's xsd:nonNegativeInteger: Oxigraph stores derived integer
# types as xsd:integer, so anything else would not survive a round trip through the store.
_DATE_TYPES = {"day": XSD.date, "month": XSD.gYearMonth, "year": XSD.gYear}

ENTITY_CLASSES = {EntityType.PERSON: SDO.Person, EntityType.ORGANIZATION: SDO.Organization,
                  EntityType.PLACE: SDO.Place}
PLACE_CLASSES = {PlaceKind.COUNTRY: SDO.Country, PlaceKind.REGION: KG.Region, PlaceKind.CITY: SDO.City}
ORG_CLASSES = {OrgKind.GOVERNMENT: KG.Government, OrgKind.PARTY: SDO.PoliticalParty,
               OrgKind.MILITARY: KG.MilitaryOrganization, OrgKind.MEDIA: SDO.NewsMediaOrganization,
               OrgKind.INTERNATIONAL: KG.InternationalOrganization, OrgKind.COMPANY: SDO.Corporation}
EVENT_CLASSES = {t.value: getattr(KG, t.value) for t in EventType if t is not EventType.OTHER} | {
    EventType.OTHER.value: KG.OtherEvent}
COMMITMENT_KINDS = {"commit": KG.Commit, "agree": KG.Agree, "resolve": KG.Resolve,
                    "emphasize": KG.Emphasize, "welcome": KG.Welcome, "note": KG.Note,
                    "oppose": KG.Oppose, "other": KG.OtherCommitment}
STATEMENT_CLASSES = {"JointStatement": KG.JointStatement, "Statement": KG.Statement,
                     "Agreement": KG.Agreement, "Communique": KG.Communique}
MODIFIERS = {"former": KG.Former, "new": KG.New, "acting": KG.Acting, "designate": KG.Designate}


def date_literal(date: PartialDate) -> Literal:
    """
    >>> date_literal(PartialDate(2020, 10)).datatype.endswith("gYearMonth")
    True
    """
    return Literal(date.iso, datatype=_DATE_TYPES[date.precision])


def confidence_literal(value: float) -> Literal:
    """A decimal in the canonical form Oxigraph stores, so graphs round-trip unchanged.

    >>> str(confidence_literal(1.0)), str(confidence_literal(0.8500))
    ('1', '0.85')
    """
    return Literal(f"{value:.3f}".rstrip("0").rstrip("."), datatype=XSD.decimal)


class _Writer:
    """Adds one document's triples to a graph; one instance per document."""

    def __init__(self, doc: Document, graph: Graph):
        self.doc, self.g = doc, graph
        self.slug = doc.slug
        self.article = iris.article_iri(self.slug)
        self.entity_iris: dict[str, URIRef] = {}
        self.event_keys = {e.key for e in doc.events}  # links only to events this graph holds

    def add(self, s, p, o) -> None:
        if o is not None:
            self.g.add((s, p, o))

    def zh(self, text: str) -> Literal:
        return Literal(text, lang=ZH)

    # -- provenance --------------------------------------------------------------------
    def mentions(self, subject: URIRef, mentions: Iterable[Mention]) -> None:
        for m in mentions:
            node = iris.mention_iri(self.slug, m.start, m.end, m.rule)
            self.add(subject, KG.mention, node)
            self.add(node, RDF.type, NIF.Phrase)
            self.add(node, NIF.referenceContext, self.article)
            self.add(node, NIF.beginIndex, Literal(m.start, datatype=XSD.integer))
            self.add(node, NIF.endIndex, Literal(m.end, datatype=XSD.integer))
            self.add(node, NIF.anchorOf, Literal(m.text))
            self.add(node, KG.rule, Literal(m.rule))
            original = self.doc.original_text[m.start : m.end]
            if original != m.text:
                self.add(subject, SDO.alternateName, Literal(original, lang=ZH_HANT))

    # -- the article -------------------------------------------------------------------
    def article_node(self) -> None:
        doc, a, meta = self.doc, self.article, self.doc.meta
        self.add(a, RDF.type, SDO.NewsArticle)
        self.add(a, RDF.type, NIF.Context)
        self.add(a, NIF.isString, Literal(doc.text))
        if doc.is_traditional:
            self.add(a, KG.originalText, Literal(doc.original_text, lang=ZH_HANT))
        self.add(a, SDO.headline, self.zh(meta.title))
        self.add(a, RDFS.label, self.zh(meta.title))
        self.add(a, SDO.inLanguage, Literal(meta.language))
        if meta.published:
            self.add(a, SDO.datePublished, date_literal(meta.published))
        if meta.source_url:
            self.add(a, SDO.url, URIRef(meta.source_url))
        self.add(a, KG.contentHash, Literal(doc.content_hash))
        self.add(a, KG.sourceFile, Literal(doc.source))
        self.add(a, KG.reader, Literal(doc.reader))
        body_length = len(doc.body)
        self.add(a, KG.bodyLength, Literal(body_length))
        self.add(a, KG.isShort, Literal(body_length < 200))
        if meta.dateline:
            self.mentions(a, [meta.dateline])
        if meta.publisher:
            self.add(a, SDO.publisher, self.attribution(meta.publisher, EntityType.ORGANIZATION, "meta.publisher"))
        for person in meta.authors:
            self.add(a, SDO.author, self.attribution(person, EntityType.PERSON, "meta.byline"))
        for person in meta.editors:
            self.add(a, SDO.editor, self.attribution(person, EntityType.PERSON, "meta.editor"))
        for image in doc.images:
            node = iris.image_iri(image.url)
            self.add(a, SDO.image, node)
            self.add(node, RDF.type, SDO.ImageObject)
            self.add(node, SDO.contentUrl, URIRef(image.url))
            if image.caption:
                self.add(node, SDO.caption, self.zh(image.caption.text))
                self.mentions(node, [image.caption])
            if image.credit:
                self.add(node, SDO.creditText, Literal(image.credit))

    def attribution(self, who, type_: EntityType, rule: str) -> URIRef:
        key = entity_key(type_, who.name)
        known = self.doc.entity(key)
        mentions = (who.mention,) if who.mention else ()
        entity = known or Entity(key, type_, who.name, mentions, layer="meta",
                                 org_kind=OrgKind.MEDIA if type_ is EntityType.ORGANIZATION else None)
        if known is None:
            self.entity(entity)
        else:
            self.mentions(self.entity_iris[key], mentions)
        return self.entity_iris[key]

    # -- facts -------------------------------------------------------------------------
    def entities(self, entities: Iterable[Entity]) -> None:
        """Write entities; two keys naming one IRI (澳洲, 澳大利亚: both AU) become one node."""
        by_iri: dict[URIRef, list[Entity]] = {}
        for e in entities:
            by_iri.setdefault(iris.entity_iri(e.key, e.iso_code), []).append(e)
        for node, group in by_iri.items():
            self.entity(reduce(merge_entities, group))
            for e in group:
                self.entity_iris[e.key] = node

    def entity(self, e: Entity) -> URIRef:
        node = iris.entity_iri(e.key, e.iso_code)
        self.entity_iris[e.key] = node
        self.add(self.article, SDO.mentions, node)
        self.add(node, RDF.type, ENTITY_CLASSES[e.type])
        self.add(node, RDF.type, PLACE_CLASSES.get(e.place_kind))
        self.add(node, RDF.type, ORG_CLASSES.get(e.org_kind))
        self.add(node, SDO.name, self.zh(e.name))
        self.add(node, RDFS.label, self.zh(e.name))
        for alias in e.aliases:
            self.add(node, SDO.alternateName, self.zh(alias) if not alias.isascii() else Literal(alias, lang="en"))
        if e.en:
            self.add(node, SDO.alternateName, Literal(e.en, lang="en"))
            self.add(node, RDFS.label, Literal(e.en, lang="en"))
        if e.iso_code:
            self.add(node, KG.iso3166Code, Literal(e.iso_code.upper()))
        self.add(node, KG.layer, Literal(e.layer))
        self.add(node, KG.confidence, confidence_literal(e.confidence))
        self.add(node, KG.mentionCount, Literal(len(e.mentions)))
        self.add(node, KG.surfaceKey, Literal(e.key))
        self.mentions(node, e.mentions)
        return node

    def ref(self, key: str | None) -> URIRef | None:
        return None if key is None else self.entity_iris.get(key)

    def post(self, p: Post) -> None:
        holder = self.ref(p.holder)
        if holder is None:
            return
        node = iris.post_iri(p.holder, p.title, p.of, p.to)
        role = iris.role_iri(p.title)
        self.add(holder, ORG.holds, node)
        self.add(node, RDF.type, ORG.Post)
        self.add(node, ORG.heldBy, holder)
        self.add(node, ORG.role, role)
        self.add(role, RDF.type, ORG.Role)
        self.add(role, RDFS.label, self.zh(p.title))
        self.add(node, RDFS.label, self.zh(p.title))
        self.add(node, ORG.postIn, self.ref(p.of))
        self.add(node, KG.accreditedTo, self.ref(p.to))
        if p.modifier:
            self.add(node, KG.postModifier, MODIFIERS[p.modifier.value])
        if p.as_of:
            self.add(node, KG.asOf, date_literal(p.as_of))
        self.add(node, KG.confidence, confidence_literal(p.confidence))
        self.mentions(node, p.mentions)

    def event(self, e: Event) -> None:
        node = iris.local_iri("event", self.slug, e.key)
        self.add(node, RDF.type, SDO.Event)
        self.add(node, RDF.type, EVENT_CLASSES[e.type.value])
        self.add(node, KG.surfaceKey, Literal(e.key))
        self.add(node, SDO.name, self.zh(e.name))
        self.add(node, RDFS.label, self.zh(e.name))
        self.add(self.article, SDO.about, node)
        if e.date:
            self.add(node, SDO.startDate, date_literal(e.date))
        self.add(node, SDO.location, self.ref(e.place))
        for person in e.participants:
            self.add(node, SDO.attendee, self.ref(person))
        for country in e.countries:
            self.add(node, KG.participatingCountry, self.ref(country))
        if e.online is not None:
            mode = SDO.OnlineEventAttendanceMode if e.online else SDO.OfflineEventAttendanceMode
            self.add(node, SDO.eventAttendanceMode, mode)
        if e.part_of in self.event_keys:
            self.add(node, SDO.superEvent, iris.local_iri("event", self.slug, e.part_of))
        if e.in_caption:
            self.add(node, KG.inCaption, Literal(True))
        self.add(node, KG.confidence, confidence_literal(e.confidence))
        self.mentions(node, e.mentions)

    def statement(self, s: Statement) -> None:
        node = iris.local_iri("statement", self.slug, s.key)
        self.add(node, RDF.type, KG.Statement)
        self.add(node, RDF.type, STATEMENT_CLASSES[s.type.value])
        self.add(node, RDF.type, SDO.CreativeWork)
        self.add(node, SDO.name, self.zh(s.name))
        self.add(node, RDFS.label, self.zh(s.name))
        for issuer in s.issued_by:
            self.add(node, KG.issuedBy, self.ref(issuer))
        if s.date:
            self.add(node, SDO.dateCreated, date_literal(s.date))
        if s.event in self.event_keys:
            self.add(node, KG.issuedAt, iris.local_iri("event", self.slug, s.event))
        self.add(node, KG.confidence, confidence_literal(s.confidence))
        self.mentions(node, s.mentions)
        for c in s.commitments:
            point = iris.local_iri("commitment", self.slug, f"{s.key}:{c.quote.start}-{c.quote.end}")
            self.add(node, KG.commitment, point)
            self.add(point, RDF.type, KG.Commitment)
            self.add(point, SDO.isPartOf, node)
            self.add(point, KG.commitmentKind, COMMITMENT_KINDS[c.kind.value])
            self.add(point, PROV.value, self.zh(c.quote.text))
            self.add(point, KG.confidence, confidence_literal(c.confidence))
            self.mentions(point, [c.quote])

    def citation(self, c: Citation) -> None:
        source = self.ref(c.source)
        if source is None:
            return
        node = iris.report_iri(self.slug, c.source)
        self.add(self.article, SDO.citation, node)
        self.add(node, RDF.type, KG.CitedReport)
        self.add(node, RDF.type, SDO.CreativeWork)
        by = SDO.author if c.source.startswith("Person:") else SDO.publisher
        self.add(node, by, source)
        if c.date:
            self.add(node, SDO.datePublished, date_literal(c.date))
        self.add(node, KG.confidence, confidence_literal(c.confidence))
        self.mentions(node, [c.mention])


def document_graph(doc: Document) -> Graph:
    """The named graph of one article, as an rdflib Graph whose identifier is the graph IRI."""
    graph = Graph(identifier=iris.graph_iri(doc.slug))
    bind_prefixes(graph)
    writer = _Writer(doc, graph)
    writer.entities(doc.entities)
    writer.article_node()
    for post in doc.posts:
        writer.post(post)
    for event in doc.events:
        writer.event(event)
    for statement in doc.statements:
        writer.statement(statement)
    for citation in doc.citations:
        writer.citation(citation)
    graph.add((graph.identifier, RDF.type, PROV.Entity))
    graph.add((graph.identifier, PROV.wasDerivedFrom, writer.article))
    return graph
