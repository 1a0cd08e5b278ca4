"""The entities stage: persons, organisations and places, with mentions and confidence.

The work is done by :mod:`kg.extract.ner` (lexicons and patterns first, then the LAC
tagger for what they miss, then coreference within the article). Running the stage twice
gives the same entities: it replaces what an earlier run found rather than adding to it.
"""
from __future__ import annotations

from ..document import Document
from ..pipeline import extractors, stage
from .ner import find_entities


@extractors.register("entities")
@stage("entities", requires={"text", "meta"}, provides={"entities"})
def extract_entities(doc: Document) -> Document:
    found = find_entities(doc)
    ours = {e.key for e in found}
    keep = tuple(e for e in doc.entities if e.key not in ours and not _ours(e))
    doc.entities = keep
    doc.add_entities(found)
    return doc


def _ours(entity) -> bool:
    """An entity an earlier run of this stage made (all its mentions carry our rule ids)."""
    return bool(entity.mentions) and all(m.rule.startswith("entity.") for m in entity.mentions)
