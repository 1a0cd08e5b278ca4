"""Deterministic IRIs: the same input gives the same names, whatever the order of files.

Entities are named from their type and normalised name (countries from their ISO code),
so one person mentioned by two articles gets one IRI; article-local things (mentions,
events, statements) are named inside the article's slug.

>>> str(country_iri("JP"))
'https://w3id.org/newskg/id/country/JP'
>>> entity_iri("Person:蓬佩奥") == entity_iri("Person:蓬佩奥")
True
"""
from __future__ import annotations

import hashlib

from rdflib import URIRef

from ..vocab import KGG, KGR


def _digest(text: str, size: int = 16) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:size]


def article_iri(slug: str) -> URIRef:
    return KGR[f"article/{slug}"]


def graph_iri(slug: str) -> URIRef:
    return KGG[slug]


def country_iri(iso_code: str) -> URIRef:
    return KGR[f"country/{iso_code.upper()}"]


def entity_iri(key: str, iso_code: str | None = None) -> URIRef:
    """``key`` is ``Type:normalised name`` (see :func:`kg.facts.entity_key`)."""
    if iso_code and key.startswith("Place:"):
        return country_iri(iso_code)
    kind, _, _ = key.partition(":")
    return KGR[f"{kind.lower()}/{_digest(key)}"]


def role_iri(title: str) -> URIRef:
    return KGR[f"role/{_digest(title)}"]


def post_iri(holder_key: str, title: str, of_key: str | None, to_key: str | None = None) -> URIRef:
    return KGR[f"post/{_digest('|'.join((holder_key, title, of_key or '', to_key or '')))}"]


def local_iri(kind: str, slug: str, key: str) -> URIRef:
    """Something that belongs to one article (an event, a statement, a commitment)."""
    return KGR[f"{kind}/{slug}/{_digest(key, 12)}"]


def mention_iri(slug: str, start: int, end: int, rule: str) -> URIRef:
    return KGR[f"mention/{slug}/{start}-{end}-{_digest(rule, 8)}"]


def report_iri(slug: str, source_key: str) -> URIRef:
    return local_iri("report", slug, source_key)


def image_iri(url: str) -> URIRef:
    return KGR[f"image/{_digest(url)}"]
