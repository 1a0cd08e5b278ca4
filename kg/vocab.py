"""Namespaces and the closed vocabulary of our own ontology (``ontology/newskg.ttl``).

Using a term that is not in :class:`KG` raises at once, and a test checks that this
class and the Turtle ontology declare the same terms.

>>> str(KG.Commitment)
'https://w3id.org/newskg/ontology#Commitment'
>>> KG.Comitment
Traceback (most recent call last):
...
AttributeError: term 'Comitment' not in namespace 'https://w3id.org/newskg/ontology#'
"""
from __future__ import annotations

from rdflib import Namespace, URIRef
from rdflib.namespace import OWL, PROV, RDF, RDFS, SKOS, XSD, DefinedNamespace

# schema.org in its http form, the one triple stores and most data use; rdflib's SDO is https.
SDO = Namespace("http://schema.org/")
ORG = Namespace("http://www.w3.org/ns/org#")
NIF = Namespace("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#")
KGR = Namespace("https://w3id.org/newskg/id/")  # resources: articles, entities, events
KGG = Namespace("https://w3id.org/newskg/graph/")  # one named graph per article
SH = Namespace("http://www.w3.org/ns/shacl#")


class KG(DefinedNamespace):
    """Terms of the newskg ontology; only what schema.org, ORG, PROV-O and NIF lack."""

    _NS = Namespace("https://w3id.org/newskg/ontology#")
    _fail = True

    # classes
    Statement: URIRef  # a declaration issued by states or bodies
    JointStatement: URIRef
    Agreement: URIRef
    Communique: URIRef
    Commitment: URIRef  # one point of a statement
    CommitmentKind: URIRef
    CitedReport: URIRef  # the report an article cites (据《亚洲时报》1月10日报导)
    Region: URIRef
    Government: URIRef
    MilitaryOrganization: URIRef
    InternationalOrganization: URIRef
    PostModifier: URIRef
    Merge: URIRef  # why one resolved node stands for several articles' nodes
    MergeLink: URIRef  # one union that built a merge: rule, two members, shared evidence
    # event types (all subclasses of schema:Event)
    Meeting: URIRef
    Summit: URIRef
    Visit: URIRef
    Exercise: URIRef
    Election: URIRef
    Protest: URIRef
    Attack: URIRef
    Announcement: URIRef
    OtherEvent: URIRef
    # commitment kinds (instances of CommitmentKind)
    Commit: URIRef
    Agree: URIRef
    Resolve: URIRef
    Emphasize: URIRef
    Welcome: URIRef
    Note: URIRef
    Oppose: URIRef
    OtherCommitment: URIRef
    # post modifiers (instances of PostModifier)
    Former: URIRef
    New: URIRef
    Acting: URIRef
    Designate: URIRef
    # properties
    mention: URIRef  # anything extracted -> nif:Phrase where the article names it
    rule: URIRef  # nif:Phrase -> id of the rule that found it
    layer: URIRef  # which layer found a fact: meta, lexicon, pattern, tagger
    confidence: URIRef
    mentionCount: URIRef
    surfaceKey: URIRef  # identity within one article, where cross-article resolution starts
    commitmentKind: URIRef
    commitment: URIRef  # statement -> commitment
    issuedBy: URIRef  # statement -> country or organisation
    issuedAt: URIRef  # statement -> event
    participatingCountry: URIRef  # event -> country
    accreditedTo: URIRef  # ambassador's post -> receiving country or body
    postModifier: URIRef
    asOf: URIRef  # post -> date the article attests it
    iso3166Code: URIRef
    inCaption: URIRef  # event known only from an image caption
    sourceFile: URIRef
    contentHash: URIRef
    reader: URIRef
    originalText: URIRef  # the article text in its own (e.g. traditional) characters
    isShort: URIRef  # article with little or no body text (infographic, poem, video)
    bodyLength: URIRef
    # cross-article resolution (the resolution graph)
    canonical: URIRef  # merge -> the resolved node
    member: URIRef  # merge -> a surface key or article-local event it joins
    mergeEvidence: URIRef  # merge -> merge link
    mergeRule: URIRef  # merge link -> id of the resolution rule
    linksMember: URIRef  # merge link -> one of the two members it joins
    evidenceValue: URIRef  # member or link -> a name or date that was compared
    evidenceNode: URIRef  # link -> a shared participant, country or place


SCHEMA_TERMS = {
    "NewsArticle", "Person", "Organization", "Place", "Country", "City", "Event", "ImageObject",
    "CreativeWork", "NewsMediaOrganization", "PoliticalParty", "Corporation",
    "GovernmentOrganization", "headline", "datePublished", "author", "editor", "publisher",
    "citation", "mentions", "about", "attendee", "startDate", "location", "eventAttendanceMode",
    "superEvent", "alternateName", "name", "url", "image", "contentUrl", "caption", "creditText",
    "inLanguage", "OnlineEventAttendanceMode", "OfflineEventAttendanceMode", "dateCreated",
    "isPartOf", "text",
}

PREFIXES = {
    "kg": KG._NS, "kgr": KGR, "kgg": KGG, "schema": SDO, "org": ORG, "prov": PROV, "nif": NIF,
    "rdf": RDF, "rdfs": RDFS, "owl": OWL, "xsd": XSD, "skos": SKOS, "sh": SH,
}


def bind_prefixes(graph) -> None:
    """Bind our prefixes, replacing rdflib's defaults (its ``schema`` is the https form)."""
    for prefix, ns in PREFIXES.items():
        graph.bind(prefix, ns, override=True, replace=True)
