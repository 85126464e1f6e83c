"""The API's response and request models (pydantic), as documented in its OpenAPI spec.

Row models name the fields the store's flat rows always carry (see
:mod:`sitrep.store.rows` and :mod:`sitrep.out.facts`) and allow the others
through (``extra="allow"``): a stored row keeps every field of the output
contract, its mention offsets and the store's aliases (``killed`` for
``fatalities`` …), so clients see what ``sitrep extract`` writes.
"""

from __future__ import annotations

from datetime import date
from typing import Any, Generic, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field

# Strings from users may not carry NUL characters (PostgreSQL refuses them in text).
NO_NUL = r"^[^\x00]*$"


class Row(BaseModel):
    """A flat store row; fields beyond the named ones are passed through."""

    model_config = ConfigDict(extra="allow")


class FactRow(Row):
    """Fields shared by events, deployments and control statements."""

    doc_id: str
    id: str
    kind: str
    place: str | None = None
    admin1: str | None = None
    country: str | None = None
    geo_precision: int | None = None
    lat: float | None = None
    lon: float | None = None
    date: str | None = None
    date_precision: int | None = None
    source: str | None = None
    source_role: str | None = None
    evidence: str | None = None
    start: int | None = None
    end: int | None = None
    rule: str | None = None
    confidence: float | None = None
    modality: str | None = None
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    published: str | None = None


class EventRow(FactRow):
    """One event: ACLED type, actors, casualties, evidence, document and cluster fields."""

    event_id: str
    event_type: str | None = None
    sub_event_type: str | None = None
    plover: str | None = None
    actor1: str | None = None
    actor2: str | None = None
    #: ACLED's associated actors of each side (absent from rows stored before them)
    assoc_actor1: list[str] = Field(default_factory=list)
    assoc_actor2: list[str] = Field(default_factory=list)
    fatalities: int | None = None
    injuries: int | None = None
    casualties_text: str | None = None
    weapons: list[str] = Field(default_factory=list)
    headline: bool = False
    cluster_id: str | None = None
    n_reports: int | None = None
    n_outlets: int | None = None
    corroboration: int | None = None
    contradicted: bool = False
    contradictions: list[Any] = Field(default_factory=list)


class DeploymentRow(FactRow):
    """One deployment (force posture) or control statement (``kind`` ``control``)."""

    deployment_id: str
    actor: str | None = None
    strength: int | None = None
    strength_text: str | None = None
    role: str | None = None


class ClaimRow(Row):
    """One claim: who says what (spans flattened into ``<name>_start/_end/_text``)."""

    doc_id: str
    id: str
    claim_id: str
    type: str | None = None
    speaker: str | None = None
    speaker_role: str | None = None
    content_text: str | None = None
    evidence_text: str | None = None
    events: list[str] = Field(default_factory=list)
    deployments: list[str] = Field(default_factory=list)
    outlet: str | None = None
    url: str | None = None
    published: str | None = None


class PlaceRow(Row):
    """One resolved place of one document."""

    doc_id: str
    id: str
    name: str | None = None
    lat: float | None = None
    lon: float | None = None
    admin1: str | None = None
    country: str | None = None
    feature: str | None = None
    geo_precision: int | None = None
    geonameid: int | str | None = None


class ActorRow(Row):
    """One actor of one document, with its aliases."""

    doc_id: str
    id: str
    name: str | None = None
    kind: str | None = None
    country: str | None = None
    aliases: list[str] = Field(default_factory=list)


class SourceRow(BaseModel):
    """One outlet behind the events: how many documents and events, first and last day."""

    outlet: str | None
    documents: int
    events: int
    first: str | None = None
    last: str | None = None


class DocumentRow(BaseModel):
    """A stored document's metadata (no text)."""

    doc_id: str
    url: str | None = None
    content_hash: str | None = None
    title: str | None = None
    outlet: str | None = None
    published: str | None = None
    byline: str | None = None
    language: str | None = None
    length: int | None = None
    ingested_at: str | None = None


class DocumentDetail(DocumentRow):
    """A stored document with its text and its JSON report."""

    text: str
    report: dict[str, Any]


R = TypeVar("R", bound=BaseModel)


class Page(BaseModel, Generic[R]):
    """One page of rows: ``total`` rows match; ``items`` holds ``limit`` from ``offset``."""

    total: int
    limit: int
    offset: int
    items: list[R]


class PointGeometry(BaseModel):
    """A GeoJSON Point, ``[lon, lat]`` (RFC 7946)."""

    type: Literal["Point"] = "Point"
    coordinates: tuple[float, float]


class Feature(BaseModel, Generic[R]):
    """A GeoJSON Feature; ``id`` is ``doc_id#fact_id``."""

    type: Literal["Feature"] = "Feature"
    id: str
    geometry: PointGeometry
    properties: R


class FeatureCollection(BaseModel, Generic[R]):
    """A GeoJSON FeatureCollection of the located rows of one page, with paging members."""

    type: Literal["FeatureCollection"] = "FeatureCollection"
    total: int
    limit: int
    offset: int
    features: list[Feature[R]]


class DayCount(BaseModel):
    """Events on one day."""

    date: str
    count: int


class NameCount(BaseModel):
    """A name and how many rows carry it."""

    name: str
    count: int


class Summary(BaseModel):
    """What the store holds: counts, the span of dates, events per day and per type."""

    documents: int
    events: int
    deployments: int
    claims: int
    first_date: str | None
    last_date: str | None
    dates: list[DayCount]
    event_types: list[NameCount]
    actors: list[NameCount]


class PageConfig(BaseModel):
    """What the map page needs to know about the server."""

    tiles_url: str | None
    tiles_attribution: str
    write_enabled: bool
    max_body: int
    max_limit: int
    version: str


class ErrorResponse(BaseModel):
    """A 4xx answer: ``detail`` says what was wrong and what to do."""

    detail: str


class ArticleIn(BaseModel):
    """An article to extract: its text (or HTML with ``html`` true) and optional metadata."""

    model_config = ConfigDict(extra="forbid")

    text: str = Field(min_length=1, pattern=NO_NUL, description="The article text (or HTML).")
    html: bool = Field(
        False, description="True when `text` is an HTML page (main text found with trafilatura)."
    )
    id: str | None = Field(
        None,
        max_length=300,
        pattern=NO_NUL,
        description="Document id; default: a hash of the text.",
    )
    title: str | None = Field(None, max_length=1000, pattern=NO_NUL)
    outlet: str | None = Field(None, max_length=300, pattern=NO_NUL)
    url: str | None = Field(None, max_length=2000, pattern=r"^https?://[^\s\x00]+$")
    published: date | None = Field(None, description="Publication date: anchors relative dates.")


class Counts(BaseModel):
    """How many facts one report holds."""

    events: int
    deployments: int
    claims: int
    places: int
    actors: int


class ExtractResult(BaseModel):
    """The outcome of POST /api/extract: the stored id, whether it is new, the report."""

    doc_id: str
    stored: bool
    matched: str | None = None
    counts: Counts
    report: dict[str, Any]


class IngestIn(BaseModel):
    """Articles to extract and store in one request."""

    model_config = ConfigDict(extra="forbid")

    documents: list[ArticleIn] = Field(min_length=1, max_length=100)


class IngestItem(BaseModel):
    """What happened to one article of an ingest request."""

    doc_id: str | None
    stored: bool
    counts: Counts | None = None
    error: str | None = None


class IngestResult(BaseModel):
    """The outcome of POST /api/ingest, one item per article in order."""

    added: int
    already: int
    failed: int
    items: list[IngestItem]
