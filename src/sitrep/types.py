"""Shared record types of sitrep: every stage reads and writes these.

All records are plain dataclasses with integer character offsets into the
document text as given (the file's text, or the ``text`` field of a JSONL
record). Nothing here encodes a span as a string. Field names follow the
output contract of ``DESIGN.md``; ``to_dict`` gives the JSON form.
"""

from __future__ import annotations

import dataclasses
import datetime
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Literal

#: Roles a deployment may take; free strings are allowed beyond these.
DeploymentRole = Literal[
    "headquarters", "base", "deployed", "reinforced", "withdrawn", "stationed", "controls"
]
#: Kinds of GeoJSON features sitrep emits.
FeatureKind = Literal["event", "deployment", "control"]


@dataclass(frozen=True, slots=True)
class Span:
    """A stretch of the document text: ``text == document.text[start:end]``."""

    start: int
    end: int
    text: str

    def overlaps(self, other: Span) -> bool:
        """True when the two spans share at least one character."""
        return self.start < other.end and other.start < self.end

    def contains(self, other: Span) -> bool:
        """True when ``other`` lies wholly inside this span."""
        return self.start <= other.start and other.end <= self.end


@dataclass(slots=True)
class Document:
    """One article as read by ``sitrep.ingest``.

    ``byline`` is the author line when the reader found one (kept out of the
    claims: an author is not a source); ``byline_span`` locates it in ``text``.
    """

    id: str
    text: str
    title: str | None = None
    outlet: str | None = None
    byline: str | None = None
    byline_span: Span | None = None
    published: date | None = None
    url: str | None = None
    language: str | None = None


@dataclass(slots=True)
class Evidence:
    """Provenance of one extracted fact.

    ``sentence`` is the sentence (or sentences) the fact comes from, ``rule``
    names the pattern or rule that produced it (``"events.trigger:clash"``),
    and ``explanation`` says why the confidence is what it is.
    """

    sentence: Span
    rule: str
    explanation: str = ""


@dataclass(slots=True)
class Place:
    """A resolved place: one gazetteer entry and every mention of it.

    ``geo_precision`` follows ACLED (1 the place itself, 2 near / part of,
    3 first-order division) plus 4 for a country. ``feature`` is the GeoNames
    feature code or class (``PPLA``, ``ADM1``, ``PCLI``, ``neighbourhood`` …).
    """

    id: str
    name: str
    lat: float
    lon: float
    geonameid: int | None = None
    admin1: str | None = None
    country: str | None = None
    feature: str | None = None
    geo_precision: int = 1
    pcode: str | None = None
    population: int | None = None
    layer: str = "geonames"
    #: Second- and third-order divisions, from a gazetteer layer that has them.
    admin2: str | None = None
    admin3: str | None = None
    mentions: list[Span] = field(default_factory=list)
    #: How the place was chosen among candidates (for provenance).
    resolution: str = ""


@dataclass(slots=True)
class Actor:
    """A canonical actor and its mentions in the document.

    ``name`` is sitrep's canonical name (``"Russia"``); ``acled_name`` the
    ACLED-style standard name (``"Military Forces of Russia (2000-)"``);
    ``inter`` ACLED's interaction code (1 state forces … 8 external forces).
    """

    id: str
    name: str
    kind: str
    acled_name: str | None = None
    inter: int | None = None
    country: str | None = None
    aliases: list[str] = field(default_factory=list)
    mentions: list[Span] = field(default_factory=list)


@dataclass(slots=True)
class Claim:
    """Who asserts what: a speaker, a cue and the content they assert.

    ``source`` is the span of the speaker's mention (None for an implicit
    speaker such as the outlet); ``speaker`` the canonical speaker name with
    variants merged; ``type`` is ``direct``, ``indirect``, ``according_to``,
    ``mixed`` or ``unattributed``.
    """

    id: str
    cue: Span | None
    content: Span
    type: str
    source: Span | None = None
    speaker: str | None = None
    speaker_role: str | None = None
    speaker_kind: str = "person"
    medium: str | None = None
    events: list[str] = field(default_factory=list)
    deployments: list[str] = field(default_factory=list)
    evidence: Evidence | None = None
    confidence: float = 0.5


@dataclass(slots=True)
class Event:
    """One event in ACLED's sense: one type, one place, one day.

    ``place_mention`` is the toponym the event is located by; ``place`` the id
    of the resolved :class:`Place` (filled after geocoding). ``modality`` is
    ``asserted``, ``negated``, ``hypothetical``, ``future``, ``threatened`` or
    ``historical`` (dated decades or centuries before the document).
    """

    id: str
    event_type: str
    sub_event_type: str
    trigger: Span
    evidence: Evidence
    plover: str | None = None
    actor1: str | None = None
    actor2: str | None = None
    actor1_mention: Span | None = None
    actor2_mention: Span | None = None
    place: str | None = None
    place_mention: Span | None = None
    #: The fact's own ACLED geo precision when coarser than its place's (an
    #: event placed by its article's main place, not by its own sentence).
    geo_precision: int | None = None
    date: datetime.date | None = None
    date_end: datetime.date | None = None
    date_precision: int | None = None
    date_text: str | None = None
    fatalities: int | None = None
    injuries: int | None = None
    casualties_text: str | None = None
    weapons: list[str] = field(default_factory=list)
    source: str | None = None
    source_role: str | None = None
    claims: list[str] = field(default_factory=list)
    modality: str = "asserted"
    headline: bool = False
    confidence: float = 0.5
    #: Triggers of the other sentences that report this same event (merged
    #: into it: same type, actors, place and day).
    also_reported: list[Span] = field(default_factory=list)
    #: ACLED's associated actors: other actors on actor 1's side that took
    #: part in the act ("US and British warplanes" -> the United Kingdom),
    #: and other actors hit with actor 2 ("Kurdish fighters and their US
    #: allies" -> the United States); canonical names, as actor1/actor2.
    assoc_actor1: list[str] = field(default_factory=list)
    assoc_actor2: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Deployment:
    """A force posture or a statement of control over a place.

    ``kind`` is ``deployment`` (troops, bases, headquarters, withdrawals) or
    ``control`` (an actor's control of or influence over a place, with its
    ``extent``: military, administrative, economic, influence).
    """

    id: str
    kind: FeatureKind
    actor: str | None
    role: str
    evidence: Evidence
    trigger: Span | None = None
    actor_mention: Span | None = None
    strength: int | None = None
    strength_text: str | None = None
    strength_qualifier: str | None = None
    composition: str | None = None
    extent: str | None = None
    place: str | None = None
    place_mention: Span | None = None
    #: The fact's own ACLED geo precision when coarser than its place's.
    geo_precision: int | None = None
    date: datetime.date | None = None
    date_precision: int | None = None
    date_text: str | None = None
    source: str | None = None
    source_role: str | None = None
    claims: list[str] = field(default_factory=list)
    modality: str = "asserted"
    confidence: float = 0.5
    #: Evidence sentences of the other statements of this same posture
    #: (merged into it: same kind, role, actor, place and extent).
    also_reported: list[Span] = field(default_factory=list)


@dataclass(slots=True)
class Relation:
    """A relation between two actors stated in the text (allied, hostile, …)."""

    actor1: str
    actor2: str
    type: str
    evidence: Evidence


@dataclass(slots=True)
class Report:
    """Everything sitrep extracted from one document."""

    document: Document
    actors: list[Actor] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    deployments: list[Deployment] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    credits: list[str] = field(default_factory=list)

    def place_by_id(self, place_id: str | None) -> Place | None:
        """The place with this id, or None."""
        if place_id is None:
            return None
        return next((p for p in self.places if p.id == place_id), None)

    def to_dict(self) -> dict[str, Any]:
        """The JSON form of the report (dates as ISO strings)."""
        from sitrep.out.json import report_to_dict

        result: dict[str, Any] = report_to_dict(self)
        return result

    def to_geojson(self) -> dict[str, Any]:
        """A GeoJSON FeatureCollection of located events, deployments and control."""
        from sitrep.out.geojson import reports_to_geojson

        result: dict[str, Any] = reports_to_geojson([self])
        return result

    def to_dataframe(self, what: str = "events") -> Any:
        """A pandas DataFrame of ``events``, ``deployments``, ``claims`` or ``places``."""
        from sitrep.out.frames import report_to_dataframe

        return report_to_dataframe(self, what)


def plain(value: Any) -> Any:
    """Turn records, dates and spans into JSON-ready Python values."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    return value


@dataclass(slots=True)
class Toponym:
    """A place name found in the text, before gazetteer resolution.

    ``feature_hint`` comes from the words around it ("the neighbourhood of",
    "Mount", "the town of"): ``neighbourhood``, ``town``, ``village``,
    ``city``, ``mountain``, ``facility``, ``region``, ``country``, ``province``.
    ``relative`` / ``anchor`` / ``distance_km`` hold a relative phrase
    ("west of the city", "20 km south of Idlib"). ``role`` is ``place``,
    ``government`` (a capital standing for its state: "Moscow said"),
    ``dateline`` (where the story was filed: "BEIRUT (Reuters) -") or
    ``modifier`` (a place naming an institution: "Danbury police", "Brant
    OPP"; geocoded, but no event's setting).
    ``country_hint`` is the ISO alpha-2 code of a country a demonym puts the
    name in ("the Syrian border town of X" -> ``SY``), else None.
    """

    span: Span
    label: str
    feature_hint: str | None = None
    relative: str | None = None
    anchor: Span | None = None
    distance_km: float | None = None
    role: str = "place"
    rule: str = "ner"
    country_hint: str | None = None
