"""The posts stage: who holds which post, of which country or body, and since when.

Phrases come from :mod:`kg.lang.zh.post_phrases` (美国国务卿蓬佩奥, 蓬佩奥是国务卿 …); this
module ties them to entities and merges what one article says about one post:

- the holder is the person entity the entities stage found (by name, alias, English name
  or the surname part of a dotted name); a name only the title pattern found becomes a new
  person (layer ``pattern``), since a title right before a name is strong evidence;
- ``of`` and ``to`` are keys of country, region or organisation entities, existing ones
  reused (美 → 美国, 澳洲 → 澳大利亚), missing ones added;
- a post whose country came only from context takes the country of the same person's post
  written out elsewhere (国务卿蓬佩奥 … 美国国务卿蓬佩奥);
- one person's posts of one country with titles that name the same office (外长 and
  外交部长, 驻联合国大使 and 常驻联合国代表) are one post with all mentions;
- bylines give 记者 and editor lines 责任编辑 (or the label the line uses) of the publisher.

``as_of`` is the article's date: a post is stated as held when the article was written.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from ..document import Document
from ..facts import Entity, EntityType, Mention, Post, PostModifier, entity_key
from ..lang.zh import titles as T
from ..lang.zh.name_reading import Ref
from ..lang.zh.names import normalize_dots
from ..lang.zh.post_phrases import Phrase, PhraseFinder
from ..pipeline import extractors, stage
from .post_entities import PostEntities, not_a_person

CONFIDENCE = {"text": 0.9, "list": 0.8, "context": 0.6, "meta": 0.95}
# Posts of one person and country in these categories are one office whatever the wording.
_SAME_OFFICE = T.NATIONAL - {"military"}
_EDITOR_LABEL = re.compile(r"(责任编辑|责编|网编|编辑|主编)\s*[：:]?\s*$")


@dataclass
class _Candidate:
    holder: str
    title: str
    category: str
    of: str | None
    to: str | None
    modifier: PostModifier | None
    mention: Mention
    source: str
    latin: bool = False
    name: Ref | None = None  # the holder's name in the text, while it is not yet an entity


@extractors.register("posts")
@stage("posts", requires={"text", "meta", "entities"}, provides={"posts", "entities"})
def find_posts(doc: Document) -> Document:
    resolver = PostEntities(doc)
    lookup = resolver.lookup()
    lookup.add_names({normalize_dots(who.name) for who in (*doc.meta.authors, *doc.meta.editors)})
    phrases = PhraseFinder(resolver.text, lookup).find()
    # names the titles found are persons elsewhere too (川普总统 after 美国总统川普): read again
    found = {p.holder.text for p in phrases}
    lookup.add_names(found | {n.rsplit("·", 1)[1] for n in found if "·" in n and len(n.rsplit("·", 1)[1]) > 1})
    phrases = PhraseFinder(resolver.text, lookup).find()
    for phrase in phrases:  # full dotted names first, so that 蓬佩奥 finds 迈克·蓬佩奥 wherever it stands
        if "·" in phrase.holder.text:
            resolver.person(phrase.holder, phrase.holder_en, phrase.rule)
    candidates = [_candidate(resolver, p) for p in phrases if not not_a_person(p.holder.text)]
    candidates += _meta_candidates(doc, resolver)
    doc.posts = tuple(_merge(doc, resolver, candidates))
    return doc


def _candidate(resolver: PostEntities, phrase: Phrase) -> _Candidate:
    latin = phrase.holder.text.isascii()  # a caption's English name: resolved once all posts are known
    holder = phrase.holder.text if latin else resolver.person(phrase.holder, phrase.holder_en, phrase.rule)
    of = resolver.of(phrase.of) if phrase.of is not None else None
    to = resolver.to(phrase.to, phrase.start, phrase.end) if phrase.to else None
    mention = resolver.doc.mention(phrase.start, phrase.end, phrase.rule)
    return _Candidate(holder, phrase.title, phrase.category, of, None if to == of else to, phrase.modifier,
                      mention, phrase.of_source, latin, phrase.holder)


def _meta_candidates(doc: Document, resolver: PostEntities) -> list[_Candidate]:
    meta, out = doc.meta, []
    if not any(who.mention for who in (*meta.authors, *meta.editors)) or (publisher := resolver.publisher()) is None:
        return out
    for who, rule in [(a, "post.meta_author") for a in meta.authors] + [(e, "post.meta_editor") for e in meta.editors]:
        if who.mention is None:
            continue
        holder = resolver.find(EntityType.PERSON, who.name) or resolver.add(Entity(
            entity_key(EntityType.PERSON, who.name), EntityType.PERSON, who.name, (who.mention,), layer="meta"))
        title = "记者"
        if rule == "post.meta_editor":
            label = _EDITOR_LABEL.search(doc.text, max(0, who.mention.start - 8), who.mention.start)
            title = label.group(1) if label else "责任编辑"
        mention = Mention(who.mention.start, who.mention.end, who.mention.text, rule)
        out.append(_Candidate(holder, title, "journalist" if title == "记者" else "editor", publisher, None, None,
                              mention, "meta"))
    return out


def _merge(doc: Document, resolver: PostEntities, candidates: list[_Candidate]) -> list[Post]:
    written = [c for c in candidates if c.source in ("text", "list", "meta") and c.of and not c.latin]
    for c in candidates:
        if c.latin:  # 日本外相Toshimitsu Motegi … 日本外相茂木敏充: one person, one office
            same = [w for w in written if w.of == c.of and T.canonical(w.title) == T.canonical(c.title)
                    and c.category in T.SINGULAR]
            if same:
                resolver.add(Entity(same[0].holder, EntityType.PERSON, c.holder, (), en=c.holder))
                c.holder = same[0].holder
            else:
                c.holder = resolver.person(c.name, None, c.mention.rule)
        if c.source in ("context", "none"):  # the same person's post written out in full elsewhere
            same = [w for w in written if w.holder == c.holder and _office(w) == _office(c)]
            if same:
                c.of, c.to, c.source = same[0].of, c.to or same[0].to, "text"
    guessed: dict[tuple, list[_Candidate]] = {}
    for c in candidates:  # one office of one person: context guesses agree on the likeliest country
        if c.source == "context" and c.of:
            guessed.setdefault((c.holder, _office(c)), []).append(c)
    for group in guessed.values():
        votes = Counter(c.of for c in group)
        best = max(votes, key=lambda of: (votes[of], -next(i for i, c in enumerate(group) if c.of == of)))
        for c in group:
            c.of = best
    groups: dict[tuple, list[_Candidate]] = {}
    for c in candidates:
        if c.of is not None and c.holder:  # 前 is often said once: 美国前大使X … X大使 is one post
            groups.setdefault((c.holder, c.of, _office(c)), []).append(c)
    posts = []
    for group in groups.values():
        titles = Counter(c.title for c in group)
        title = max(titles, key=lambda t: (titles[t], -next(i for i, c in enumerate(group) if c.title == t)))
        modifiers = [c.modifier for c in group if c.modifier is not None]
        modifier = PostModifier.FORMER if PostModifier.FORMER in modifiers else next(iter(modifiers), None)
        to = next((c.to for c in group if c.to), None)
        mentions = tuple(sorted({c.mention for c in group}, key=lambda m: (m.start, m.end, m.rule)))
        confidence = max(CONFIDENCE.get(c.source, 0.5) for c in group)
        posts.append(Post(group[0].holder, title, group[0].of, mentions, to, modifier, doc.meta.published, confidence))
    return sorted(posts, key=lambda p: (p.mentions[0].start, p.holder, p.title))


def _office(c: _Candidate) -> str:
    return c.category if c.category in _SAME_OFFICE else T.canonical(c.title)
