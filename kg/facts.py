"""The facts extraction produces: small frozen values, each carrying where it was found.

Every fact points back to the article text through :class:`Mention` objects
(code-point offsets into :attr:`kg.document.Document.text` plus the id of the rule
that found it). Relations between facts use entity *keys* (stable within one article),
never object references, so facts stay hashable and trivially comparable.

>>> m = Mention(3, 6, "蓬佩奥", "entity.title_name")
>>> m.end - m.start == len(m.text)
True
>>> PartialDate(2020, 10).iso
'2020-10'
"""
from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


@dataclass(frozen=True, slots=True)
class Mention:
    """A stretch of the article text, ``text == doc.text[start:end]``, and the rule that took it."""

    start: int
    end: int
    text: str
    rule: str

    def __post_init__(self) -> None:
        if not 0 <= self.start <= self.end or self.end - self.start != len(self.text):
            raise ValueError(f"mention offsets {self.start}..{self.end} do not fit {self.text!r}")


@dataclass(frozen=True, slots=True, order=True)
class PartialDate:
    """A calendar date known to the year, the month or the day.

    >>> PartialDate(2022, 1, 6).iso, PartialDate(2022).precision
    ('2022-01-06', 'year')
    >>> PartialDate.from_iso("2020-09")
    PartialDate(year=2020, month=9, day=None)
    """

    year: int
    month: int | None = None
    day: int | None = None

    def __post_init__(self) -> None:
        if self.day is not None and self.month is None:
            raise ValueError("a day needs a month")
        if self.month is not None and not 1 <= self.month <= 12:
            raise ValueError(f"month {self.month} out of range")
        if self.day is not None:
            import datetime

            datetime.date(self.year, self.month, self.day)  # raises ValueError for 2022-02-30

    @property
    def precision(self) -> str:
        return "day" if self.day else "month" if self.month else "year"

    @property
    def iso(self) -> str:
        parts = [f"{self.year:04d}"]
        if self.month:
            parts.append(f"{self.month:02d}")
        if self.day:
            parts.append(f"{self.day:02d}")
        return "-".join(parts)

    @classmethod
    def from_iso(cls, value: str) -> "PartialDate":
        numbers = [int(p) for p in value.split("-")]
        return cls(*numbers)


class EntityType(StrEnum):
    PERSON = "Person"
    ORGANIZATION = "Organization"
    PLACE = "Place"


class PlaceKind(StrEnum):
    COUNTRY = "Country"
    REGION = "Region"
    CITY = "City"
    PLACE = "Place"


class OrgKind(StrEnum):
    GOVERNMENT = "Government"
    PARTY = "Party"
    MILITARY = "Military"
    MEDIA = "Media"
    INTERNATIONAL = "International"
    COMPANY = "Company"
    OTHER = "Other"


@dataclass(frozen=True, slots=True)
class Entity:
    """A person, organisation or place named in one article.

    ``key`` identifies the entity within the article; relations refer to it.
    ``layer`` says which layer found it (meta, lexicon, pattern, tagger).
    """

    key: str
    type: EntityType
    name: str
    mentions: tuple[Mention, ...]
    aliases: tuple[str, ...] = ()
    en: str | None = None
    place_kind: PlaceKind | None = None
    org_kind: OrgKind | None = None
    iso_code: str | None = None
    layer: str = "pattern"
    confidence: float = 1.0


class PostModifier(StrEnum):
    FORMER = "former"
    NEW = "new"
    ACTING = "acting"
    DESIGNATE = "designate"


@dataclass(frozen=True, slots=True)
class Post:
    """``holder`` holds the post ``title`` of ``of`` (a country or organisation key)."""

    holder: str
    title: str
    of: str | None
    mentions: tuple[Mention, ...]
    to: str | None = None  # where an ambassador or envoy is accredited
    modifier: PostModifier | None = None
    as_of: PartialDate | None = None
    confidence: float = 1.0


class EventType(StrEnum):
    MEETING = "Meeting"
    SUMMIT = "Summit"
    VISIT = "Visit"
    EXERCISE = "Exercise"
    ELECTION = "Election"
    PROTEST = "Protest"
    ATTACK = "Attack"
    ANNOUNCEMENT = "Announcement"
    OTHER = "Other"


@dataclass(frozen=True, slots=True)
class Event:
    key: str
    type: EventType
    name: str
    mentions: tuple[Mention, ...]
    date: PartialDate | None = None
    place: str | None = None  # place entity key
    online: bool | None = None
    participants: tuple[str, ...] = ()  # person keys
    countries: tuple[str, ...] = ()  # country keys
    part_of: str | None = None  # key of the larger event
    in_caption: bool = False
    confidence: float = 1.0


class CommitmentKind(StrEnum):
    COMMIT = "commit"
    AGREE = "agree"
    RESOLVE = "resolve"
    EMPHASIZE = "emphasize"
    WELCOME = "welcome"
    NOTE = "note"
    OPPOSE = "oppose"
    OTHER = "other"


class StatementType(StrEnum):
    JOINT_STATEMENT = "JointStatement"
    STATEMENT = "Statement"
    AGREEMENT = "Agreement"
    COMMUNIQUE = "Communique"


@dataclass(frozen=True, slots=True)
class Commitment:
    """One point of a statement; ``quote`` is its words in the article."""

    kind: CommitmentKind
    quote: Mention
    confidence: float = 1.0


@dataclass(frozen=True, slots=True)
class Statement:
    key: str
    type: StatementType
    name: str
    mentions: tuple[Mention, ...]
    issued_by: tuple[str, ...] = ()  # entity keys
    date: PartialDate | None = None
    event: str | None = None  # event key
    commitments: tuple[Commitment, ...] = ()
    confidence: float = 1.0


@dataclass(frozen=True, slots=True)
class Citation:
    """The article reports from ``source`` (an entity key), e.g. 据《亚洲时报》1月10日报导."""

    source: str
    mention: Mention
    date: PartialDate | None = None
    confidence: float = 1.0


@dataclass(frozen=True, slots=True)
class Attribution:
    """A name from the article's furniture (byline, editor line, dateline) and where it stands."""

    name: str
    mention: Mention | None = None


@dataclass(frozen=True, slots=True)
class Image:
    url: str
    caption: Mention | None = None  # the caption block in doc.text
    credit: str | None = None  # e.g. "OLIVIER DOULIERY/POOL/AFP via Getty Images"


@dataclass(frozen=True, slots=True)
class ArticleMeta:
    title: str
    published: PartialDate | None = None
    publisher: Attribution | None = None
    authors: tuple[Attribution, ...] = ()
    editors: tuple[Attribution, ...] = ()
    source_url: str | None = None
    dateline: Mention | None = None
    language: str = "zh-Hans"  # zh-Hant when the original is in traditional characters
    extra: tuple[tuple[str, str], ...] = field(default=())


_NAME_SEPARATORS = str.maketrans("", "", " \u3000·・•‧.．")


def normalize_name(name: str) -> str:
    """The form names are compared in: NFKC, no spaces, no name dots, lower case Latin.

    >>> normalize_name("安东尼・布林肯") == normalize_name("安东尼·布林肯")
    True
    >>> normalize_name("Antony  Blinken")
    'antonyblinken'
    """
    import unicodedata

    return unicodedata.normalize("NFKC", name).translate(_NAME_SEPARATORS).lower()


def entity_key(type_: "EntityType | str", name: str) -> str:
    """The key of an entity within one article: its type and normalised name.

    >>> entity_key(EntityType.ORGANIZATION, "亚洲时报")
    'Organization:亚洲时报'
    """
    return f"{EntityType(type_).value}:{normalize_name(name)}"


def merge_entities(a: Entity, b: Entity) -> Entity:
    """One entity from two descriptions of it: mentions and aliases united, first name kept."""
    from dataclasses import replace

    mentions = tuple(sorted(set(a.mentions) | set(b.mentions), key=lambda m: (m.start, m.end, m.rule)))
    names = {a.name}
    aliases = tuple(dict.fromkeys(x for x in (*a.aliases, b.name, *b.aliases) if x not in names))
    return replace(
        a,
        mentions=mentions,
        aliases=aliases,
        en=a.en or b.en,
        place_kind=a.place_kind or b.place_kind,
        org_kind=a.org_kind or b.org_kind,
        iso_code=a.iso_code or b.iso_code,
        confidence=max(a.confidence, b.confidence),
    )
