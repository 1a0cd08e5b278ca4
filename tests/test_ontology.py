"""The ontology and the shapes: they parse, agree with kg.vocab, and use one form of each namespace."""
from __future__ import annotations

import re

import pytest
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import OWL, RDF, RDFS

from kg.validate import ontology_path, shapes_path
from kg.vocab import KG, NIF, ORG, PREFIXES, SCHEMA_TERMS, SDO, SH

KG_NS = str(KG._NS)
DECLARATION_TYPES = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.NamedIndividual)
PROV = URIRef("http://www.w3.org/ns/prov#")


@pytest.fixture(scope="module")
def ontology() -> Graph:
    # no rdflib default prefixes (its schema: is https), so namespaces() lists the file's own
    return Graph(bind_namespaces="none").parse(ontology_path(), format="turtle")


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return Graph(bind_namespaces="none").parse(shapes_path(), format="turtle")


def vocab_terms() -> set[str]:
    return {name for name in KG.__annotations__ if not name.startswith("_")}


def declared_terms(ontology: Graph) -> set[str]:
    return {
        str(s)[len(KG_NS):]
        for t in DECLARATION_TYPES
        for s in ontology.subjects(RDF.type, t)
        if isinstance(s, URIRef) and str(s).startswith(KG_NS)
    }


def iris(graph: Graph) -> set[str]:
    found = set()
    for triple in graph:
        for term in triple:
            if isinstance(term, URIRef):
                found.add(str(term))
            elif isinstance(term, Literal) and term.datatype is not None:
                found.add(str(term.datatype))
    return found


def test_the_ontology_parses_and_declares_itself(ontology):
    onto = URIRef("https://w3id.org/newskg/ontology")
    assert (onto, RDF.type, OWL.Ontology) in ontology
    assert str(ontology.value(onto, OWL.versionInfo)) == "0.1.0"
    assert str(ontology.value(onto, URIRef("http://purl.org/vocab/vann/preferredNamespacePrefix"))) == "kg"
    assert "apache" in str(ontology.value(onto, URIRef("http://purl.org/dc/terms/license"))).lower()


def test_the_ontology_declares_exactly_the_terms_of_kg_vocab(ontology):
    in_vocab, in_ontology = vocab_terms(), declared_terms(ontology)
    missing, extra = sorted(in_vocab - in_ontology), sorted(in_ontology - in_vocab)
    assert not missing and not extra, (
        f"kg/vocab.py and ontology/newskg.ttl disagree.\n"
        f"  in KG but not declared in newskg.ttl: {missing}\n"
        f"  declared in newskg.ttl but not in KG: {extra}")


def test_the_ontology_uses_no_kg_term_it_does_not_declare(ontology, shapes):
    known = {KG_NS + name for name in vocab_terms()}
    for name, graph in (("newskg.ttl", ontology), ("shapes.ttl", shapes)):
        unknown = sorted(i for i in iris(graph) if i.startswith(KG_NS) and i not in known)
        assert not unknown, f"{name} uses kg: terms that kg/vocab.py does not define: {unknown}"


def test_every_term_has_labels_and_a_comment(ontology):
    for name in sorted(vocab_terms()):
        term = KG[name]
        languages = {label.language for label in ontology.objects(term, RDFS.label)}
        assert {"en", "zh-Hans"} <= languages, f"kg:{name} needs rdfs:label in en and zh-Hans"
        assert any(c.language == "en" for c in ontology.objects(term, RDFS.comment)), f"kg:{name} needs an en comment"


def test_class_hierarchy(ontology):
    expected = {
        KG.Statement: {SDO.CreativeWork, PROV + "Entity"}, KG.JointStatement: {KG.Statement},
        KG.Agreement: {KG.Statement}, KG.Communique: {KG.Statement}, KG.Commitment: {PROV + "Entity"},
        KG.CitedReport: {SDO.CreativeWork}, KG.Region: {SDO.Place}, KG.Government: {SDO.GovernmentOrganization},
        KG.MilitaryOrganization: {SDO.Organization, ORG.FormalOrganization},
        KG.InternationalOrganization: {SDO.Organization, ORG.FormalOrganization},
    }
    for name in ("Meeting", "Summit", "Visit", "Exercise", "Election", "Protest", "Attack", "Announcement", "OtherEvent"):
        expected[KG[name]] = {SDO.Event}
    for cls, parents in expected.items():
        assert set(ontology.objects(cls, RDFS.subClassOf)) == parents, cls


def one_of(ontology: Graph, cls: URIRef) -> list:
    enumeration = next(e for e in ontology.objects(cls, OWL.equivalentClass) if isinstance(e, BNode))
    return list(Collection(ontology, ontology.value(enumeration, OWL.oneOf)))


@pytest.mark.parametrize("cls, names", [
    (KG.CommitmentKind, ["Commit", "Agree", "Resolve", "Emphasize", "Welcome", "Note", "Oppose", "OtherCommitment"]),
    (KG.PostModifier, ["Former", "New", "Acting", "Designate"]),
])
def test_enumerated_classes_list_their_named_individuals(ontology, cls, names):
    assert one_of(ontology, cls) == [KG[n] for n in names]
    for name in names:
        assert {(KG[name], RDF.type, OWL.NamedIndividual), (KG[name], RDF.type, cls)} <= set(ontology)


def test_properties_have_the_ranges_the_mapping_writes(ontology):
    assert ontology.value(KG.mention, RDFS.range) == NIF.Phrase
    assert ontology.value(KG.participatingCountry, RDFS.range) == SDO.Place  # Taiwan takes part as a state
    assert ontology.value(KG.commitmentKind, RDFS.range) == KG.CommitmentKind
    assert (KG.participatingCountry, RDFS.subPropertyOf, None) not in ontology


def shacl_in(shapes: Graph, path: URIRef) -> set:
    """The sh:in values of the property shape on ``path`` (found anywhere, qualified shapes included)."""
    for prop in shapes.subjects(SH.path, path):
        lists = [shapes.value(prop, SH["in"])]
        lists += [shapes.value(q, SH["in"]) for q in shapes.objects(prop, SH.qualifiedValueShape)]
        for head in filter(None, lists):
            return set(Collection(shapes, head))
    raise AssertionError(f"no sh:in on {path}")


def test_shapes_enumerate_what_the_ontology_enumerates(ontology, shapes):
    assert shacl_in(shapes, KG.commitmentKind) == set(one_of(ontology, KG.CommitmentKind))
    assert shacl_in(shapes, KG.postModifier) == set(one_of(ontology, KG.PostModifier))
    event_types = {c for c in ontology.subjects(RDFS.subClassOf, SDO.Event) if str(c).startswith(KG_NS)}
    assert shacl_in(shapes, RDF.type) == event_types


def test_the_shapes_are_valid_shacl(shapes):
    entrypoints = pytest.importorskip("pyshacl.entrypoints")
    meta_validate = getattr(entrypoints, "meta_validate", None)
    if meta_validate is None:
        pytest.skip("this pyshacl offers no SHACL-SHACL validation")
    conforms, _, text = meta_validate(shapes, inference="none")
    assert conforms, text
    assert len(list(shapes.subjects(RDF.type, SH.NodeShape))) >= 10


def test_schema_org_terms_are_the_ones_we_list(ontology, shapes):
    meta = {"domainIncludes", "rangeIncludes"}  # schema.org's own meta-vocabulary
    for name, graph in (("newskg.ttl", ontology), ("shapes.ttl", shapes)):
        used = {i[len(str(SDO)):] for i in iris(graph) if i.startswith(str(SDO))} - {""}
        assert used - meta <= SCHEMA_TERMS, f"{name} uses schema.org terms missing from SCHEMA_TERMS: {sorted(used - meta - SCHEMA_TERMS)}"


def namespace_of(iri: str) -> str:
    return re.sub(r"[^#/]*$", "", iri)


def test_each_namespace_has_one_form(ontology, shapes):
    for path in (ontology_path(), shapes_path()):
        assert "https://schema.org" not in path.read_text(encoding="utf-8"), f"{path.name}: use http://schema.org/"
    forms: dict[str, set[str]] = {}
    for graph in (ontology, shapes):
        for iri in iris(graph) | {str(ns) for _, ns in graph.namespaces()}:
            ns = namespace_of(iri)
            forms.setdefault(re.sub(r"^https?://(www\.)?", "", ns).rstrip("#/"), set()).add(ns)
    clashes = {key: sorted(v) for key, v in forms.items() if len(v) > 1}
    assert not clashes, f"namespaces written in more than one form: {clashes}"
    # and the prefixes the files declare are the ones kg.vocab binds
    for graph in (ontology, shapes):
        for prefix, ns in graph.namespaces():
            if prefix in PREFIXES:
                assert str(ns) == str(PREFIXES[prefix]), f"prefix {prefix}: {ns} here, {PREFIXES[prefix]} in kg.vocab"
