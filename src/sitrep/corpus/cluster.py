"""Cross-article events: reports of the same event in several articles, merged.

GDELT's best-known flaw is that one incident reported by twenty outlets
becomes twenty events; ACLED pays coders to merge them. :func:`cluster_events`
does the merge in software, over the flat event rows that the store and the
outputs use (:func:`sitrep.out.facts.fact_properties` plus document fields;
:func:`event_rows` builds them from a :class:`~sitrep.types.Report`).

Method, in three steps:

1. **Blocking.** Every event is put in blocks that hold the only events it
   could be the same as: its first-order division (``country`` + ``admin1``),
   its cell in a grid of ``max_km`` cells (compared with the neighbouring
   cells), or, for country-level events, its country. Inside a block, events
   are sorted by day and only those within the date window are compared, so
   the work grows with n log n plus the number of near pairs, not n².
2. **Pair rules** (:func:`events_compatible`): different documents; both
   asserted (not negated, hypothetical, threatened); dates within the window
   of the coarser date (``day_window``, default ±1 day, for a day;
   ``week_window`` for a week; ``month_window`` for a month; year-level and
   undated events never merge); places compatible (within ``max_km`` when both
   are exact places with coordinates, the same first-order division when one
   is located only by it, the same country when both are country-level);
   tolls not further apart than a factor ``max_toll_ratio``; types
   compatible (the same ``event_type`` and compatible sub-types:
   :data:`COMPATIBLE_SUB_EVENT_TYPES`); actors compatible. Two different
   named ``actor1``, or two different sub-types, are two events unless both
   reports give the same death toll — then they are one incident whose
   perpetrator or means the sources tell differently.
3. **Merging.** Candidate pairs are taken best first (same day, same place,
   same toll, same actors score higher) and two clusters merge only when
   *every* pair across them is compatible (complete linkage), so a chain of
   near pairs cannot glue distinct incidents together. Input order does not
   matter: events are ordered by ``(doc_id, event_id)`` first.

Each :class:`EventCluster` then lists its outlets, how many *independent*
outlets stand behind it (the same outlet twice counts once; outlets whose
reports share an identical evidence sentence or document hash — a wire story
re-published — count once), and its contradictions: death tolls that differ
beyond a tolerance, different perpetrators (``actor1``).

Limits: the rules read the extracted fields only, so an event mislocated or
misdated by extraction is clustered by its wrong place or date; a cluster
never holds two events of the same document (an article that names two
attacks means two); tolls reported hours apart legitimately differ and show
as contradictions.
"""

from __future__ import annotations

import bisect
import functools
import math
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from sitrep.errors import Errors, SitrepError

if TYPE_CHECKING:
    from sitrep.types import Report

#: A cluster member: ``(doc_id, event_id)``.
MemberKey = tuple[str, str]

#: Sub-event types that reporters use for the same incident, by event type.
#: Two sub-types are compatible when they are equal or share a set here.
#: Air strikes and shelling are told apart poorly by the press ("bombardment",
#: "raids", "strikes"), and a chemical attack arrives by one or the other;
#: a car bomb is a "suicide bombing" in one outlet and an "explosion" in the
#: next; the Battles sub-types describe the same fighting from either side.
COMPATIBLE_SUB_EVENT_TYPES: dict[str, tuple[frozenset[str], ...]] = {
    "Explosions/Remote violence": (
        frozenset({"Air/drone strike", "Shelling/artillery/missile attack", "Chemical weapon"}),
        frozenset({"Remote explosive/landmine/IED", "Suicide bomb", "Grenade"}),
    ),
    "Battles": (
        frozenset(
            {
                "Armed clash",
                "Government regains territory",
                "Non-state actor overtakes territory",
            }
        ),
    ),
    "Protests": (
        frozenset(
            {"Peaceful protest", "Protest with intervention", "Excessive force against protesters"}
        ),
    ),
    "Riots": (frozenset({"Violent demonstration", "Mob violence"}),),
}

#: Modalities of facts that happened; the others (negated, hypothetical,
#: future, threatened) stay single.
_ASSERTED = frozenset({"asserted", ""})
#: Actor names that name no one in particular: never a contradiction.
_GENERIC_ACTOR = re.compile(r"unidentified|unknown|civilian", re.IGNORECASE)
#: Words around a first-order division's name ("Idlib Governorate").
_ADMIN_WORDS = frozenset(
    {"governorate", "province", "oblast", "state", "region", "muhafazat", "wilayah", "county"}
)
_NOT_ALNUM = re.compile(r"[^0-9a-z]+")
_EARTH_RADIUS_KM = 6371.0
_KM_PER_DEGREE = 111.2


@dataclass(frozen=True, slots=True)
class ClusterSettings:
    """The knobs of :func:`cluster_events`; every field has a default and a check.

    ``day_window`` / ``week_window`` / ``month_window``: ± days within which
    two events can be one, by the coarser of their date precisions (ACLED's
    ``time_precision`` 1 day, 2 week, 3 month; 4 year never merges).
    ``max_km``: largest distance between two exactly located reports of one
    event. ``killed_tolerance`` (relative) and ``killed_slack`` (absolute):
    two tolls agree when they differ by at most ``max(slack, tolerance *
    larger)``; tolls further apart than the factor ``max_toll_ratio`` (on
    toll + 1) are two incidents (early and late tolls of one incident differ,
    by less than that). ``min_wire_chars``: shortest evidence sentence whose identical
    copy in two outlets marks a re-published wire story.
    """

    day_window: int = 1
    week_window: int = 3
    month_window: int = 15
    max_km: float = 25.0
    killed_tolerance: float = 0.1
    killed_slack: int = 1
    max_toll_ratio: float = 2.0
    min_wire_chars: int = 40

    def __post_init__(self) -> None:
        windows = (self.day_window, self.week_window, self.month_window)
        if any(w < 0 for w in windows) or list(windows) != sorted(windows):
            raise SitrepError(
                Errors.E022,
                name="day_window/week_window/month_window",
                reason="must be non-negative and growing (day <= week <= month)",
            )
        if not self.max_km > 0:
            raise SitrepError(Errors.E022, name="max_km", reason="must be positive")
        if self.killed_tolerance < 0 or self.killed_slack < 0:
            raise SitrepError(
                Errors.E022, name="killed_tolerance/killed_slack", reason="must be non-negative"
            )
        if self.max_toll_ratio < 1:
            raise SitrepError(Errors.E022, name="max_toll_ratio", reason="must be at least 1")

    def window(self, precision: int | None) -> int | None:
        """± days for a date of this ACLED time precision; None: never merges."""
        if precision is None or precision <= 1:
            return self.day_window
        if precision == 2:
            return self.week_window
        if precision == 3:
            return self.month_window
        return None

    def tolls_apart(self, first: int, second: int) -> bool:
        """Whether two tolls are too far apart to be counts of one incident."""
        low, high = sorted((first, second))
        return (high + 1) / (low + 1) > self.max_toll_ratio

    def tolls_agree(self, first: int, second: int) -> bool:
        """Whether two death tolls are the same within the tolerance."""
        return abs(first - second) <= max(
            self.killed_slack, self.killed_tolerance * max(first, second)
        )


@dataclass(slots=True)
class EventCluster:
    """One real-world event and every report of it.

    ``cluster_id`` is the smallest member's ``doc_id#event_id`` (stable while
    that member stays). ``members`` are ``(doc_id, event_id)`` sorted;
    ``outlets`` the named outlets, sorted; ``n_outlets`` the independent
    outlets (see :func:`cluster_events`). ``corroborating`` holds the member
    keys (``doc_id#event_id``) that agree with the cluster's majority on the
    toll and the perpetrator (every member when nothing is disputed);
    ``contradicting`` one ``{"field", "values": {value: [member keys]}}`` per
    disputed field (``killed``, ``actor1``). ``killed`` and ``actor1`` are
    the majority's values; ``date_first``/``date_last`` the span of the
    members' dates.
    """

    cluster_id: str
    members: list[MemberKey]
    outlets: list[str]
    n_reports: int
    n_outlets: int
    corroborating: list[str]
    contradicting: list[dict[str, Any]] = field(default_factory=list)
    event_type: str | None = None
    sub_event_type: str | None = None
    killed: int | None = None
    actor1: str | None = None
    date_first: str | None = None
    date_last: str | None = None

    @property
    def contradicted(self) -> bool:
        """Whether the reports disagree on the toll or the perpetrator."""
        return bool(self.contradicting)

    @property
    def member_keys(self) -> list[str]:
        """The members as ``doc_id#event_id`` strings."""
        return [member_key(doc_id, event_id) for doc_id, event_id in self.members]

    def row_fields(self) -> dict[str, Any]:
        """The cluster columns of an event row (the store contract's names)."""
        return {
            "cluster_id": self.cluster_id,
            "n_reports": self.n_reports,
            "n_outlets": self.n_outlets,
            "corroboration": self.n_outlets,
            "contradicted": self.contradicted,
            "contradictions": [dict(c) for c in self.contradicting],
        }

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form (members as ``[doc_id, event_id]`` lists)."""
        return {
            "cluster_id": self.cluster_id,
            "members": [list(m) for m in self.members],
            "outlets": list(self.outlets),
            "n_reports": self.n_reports,
            "n_outlets": self.n_outlets,
            "corroborating": list(self.corroborating),
            "contradicting": [dict(c) for c in self.contradicting],
            "contradicted": self.contradicted,
            "event_type": self.event_type,
            "sub_event_type": self.sub_event_type,
            "killed": self.killed,
            "actor1": self.actor1,
            "date_first": self.date_first,
            "date_last": self.date_last,
        }


def member_key(doc_id: str, event_id: str) -> str:
    """``doc_id#event_id``: how clusters name their members in lists."""
    return f"{doc_id}#{event_id}"


# --- reading rows ----------------------------------------------------------------


def _missing(value: Any) -> bool:
    """None, NaN, pandas' NA, or blank text (the common types tested first: this
    runs for every field of every row)."""
    if value is None:
        return True
    kind = type(value)
    if kind is str:
        return not value.strip()
    if kind is int or kind is bool:
        return False
    if isinstance(value, float):
        return value != value  # NaN
    return kind.__name__ in ("NAType", "NaTType")


def _first(row: Mapping[str, Any], *names: str) -> Any:
    """The first present, non-empty value among ``names`` (rows from the store,
    from ``Report.to_dict()`` and from DataFrames spell some fields differently)."""
    for name in names:
        value = row.get(name)
        if not _missing(value):
            return value
    return None


def _as_day(value: Any) -> int | None:
    if _missing(value):
        return None
    if isinstance(value, datetime):
        return value.date().toordinal()
    if isinstance(value, date):
        return value.toordinal()
    if hasattr(value, "to_pydatetime"):  # a pandas Timestamp
        return int(value.to_pydatetime().date().toordinal())
    try:
        return date.fromisoformat(str(value).strip()[:10]).toordinal()
    except ValueError:
        return None


def _as_int(value: Any) -> int | None:
    if _missing(value):
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return int(number) if math.isfinite(number) else None


def _as_float(value: Any) -> float | None:
    if _missing(value):
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return number if math.isfinite(number) else None


def fold_name(value: Any) -> str | None:
    """Lower case, no accents, words separated by one space; None when empty."""
    if _missing(value):
        return None
    return _fold_text(str(value))


@functools.lru_cache(maxsize=65536)
def _fold_text(text: str) -> str | None:
    # names repeat across a corpus (outlets, places, actors): fold each once
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    return " ".join(_NOT_ALNUM.sub(" ", text).split()) or None


def _admin_key(value: Any) -> str | None:
    folded = fold_name(value)
    if folded is None:
        return None
    words = [w for w in folded.split() if w not in _ADMIN_WORDS]
    return " ".join(words) or folded


def _actor_key(value: Any) -> str | None:
    folded = fold_name(value)
    if folded is None or _GENERIC_ACTOR.search(folded):
        return None
    return folded


@dataclass(slots=True)
class _Item:
    """One event row, read once into the fields the rules compare."""

    index: int
    doc_id: str
    event_id: str
    outlet: str | None
    outlet_key: str
    copy_keys: tuple[str, ...]
    day: int | None
    window: int | None
    country: str | None
    admin: str | None
    place: str | None
    lat: float | None
    lon: float | None
    level: int | None
    event_type: str | None
    sub_event_type: str | None
    actor1: str | None
    actor1_name: str | None
    actor2: str | None
    killed: int | None
    asserted: bool
    headline: bool
    type_block: tuple[str | None, str | None]

    @property
    def key(self) -> str:
        return member_key(self.doc_id, self.event_id)


def _read_item(index: int, row: Mapping[str, Any], settings: ClusterSettings) -> _Item:
    doc_id = str(_first(row, "doc_id") or "")
    event_id = str(_first(row, "event_id", "id") or index)
    outlet = _first(row, "outlet")
    outlet_text = str(outlet).strip() if outlet is not None else None
    lat = _as_float(_first(row, "lat", "latitude"))
    lon = _as_float(_first(row, "lon", "longitude"))
    if lat is None or lon is None:
        lat = lon = None
    country = fold_name(_first(row, "country"))
    admin = _admin_key(_first(row, "admin1"))
    place = fold_name(_first(row, "place_name", "place", "location"))
    level = _as_int(_first(row, "geo_precision"))
    if level is None:
        level = 1 if lat is not None else 3 if admin else 4 if country else None
    if level == 3 and admin is None:
        # a first-order division itself, stored without its own admin1
        admin = _admin_key(_first(row, "place_name", "place", "location"))
    precision = _as_int(_first(row, "time_precision", "date_precision"))
    copy_keys: list[str] = []
    evidence = fold_name(_first(row, "evidence", "notes"))
    if evidence and len(evidence) >= settings.min_wire_chars:
        copy_keys.append("s:" + evidence)
    content_hash = _first(row, "content_hash", "text_hash")
    if content_hash is not None:
        copy_keys.append("h:" + str(content_hash))
    actor1_name = _first(row, "actor1")
    modality = str(_first(row, "modality") or "").strip().lower()
    return _Item(
        index=index,
        doc_id=doc_id,
        event_id=event_id,
        outlet=outlet_text or None,
        outlet_key=fold_name(outlet_text) or f"doc:{doc_id}",
        copy_keys=tuple(copy_keys),
        day=_as_day(_first(row, "date", "event_date")),
        window=settings.window(precision),
        country=country,
        admin=admin,
        place=place,
        lat=lat,
        lon=lon,
        level=level,
        event_type=_first(row, "event_type"),
        sub_event_type=_first(row, "sub_event_type"),
        actor1=_actor_key(actor1_name),
        actor1_name=str(actor1_name) if actor1_name is not None else None,
        actor2=_actor_key(_first(row, "actor2")),
        killed=_as_int(_first(row, "killed", "fatalities")),
        asserted=modality in _ASSERTED,
        headline=bool(_first(row, "headline")),
        type_block=_type_block(_first(row, "event_type"), _first(row, "sub_event_type")),
    )


def _type_block(
    event_type: str | None, sub_event_type: str | None
) -> tuple[str | None, str | None]:
    """The set of sub-types an event can be compatible with, as a blocking key."""
    for number, group in enumerate(COMPATIBLE_SUB_EVENT_TYPES.get(event_type or "", ())):
        if sub_event_type in group:
            return (event_type, f"group {number}")
    return (event_type, sub_event_type)


# --- pair rules ------------------------------------------------------------------


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km (haversine, spherical Earth)."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi = phi2 - phi1
    dlambda = math.radians(lon2 - lon1)
    h = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlambda / 2) ** 2
    return 2 * _EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


def sub_event_types_compatible(event_type: str, first: str | None, second: str | None) -> bool:
    """Whether two ACLED sub-event types of one event type can name one incident."""
    if first == second:
        return True
    if first is None or second is None:
        return False
    return any(
        first in group and second in group
        for group in COMPATIBLE_SUB_EVENT_TYPES.get(event_type, ())
    )


def _dates_compatible(a: _Item, b: _Item) -> bool:
    if a.day is None or b.day is None or a.window is None or b.window is None:
        return False
    return abs(a.day - b.day) <= max(a.window, b.window)


def _places_compatible(a: _Item, b: _Item, settings: ClusterSettings) -> bool:
    if a.country and b.country and a.country != b.country:
        return False
    if a.level is None or b.level is None:
        return False
    if a.level >= 4 or b.level >= 4:
        # A report that names only the country matches another such report,
        # or a located one that gives the same toll ("21 killed in northern
        # Syria" / "21 killed in Raqqa").
        if a.country is None or a.country != b.country:
            return False
        return (a.level >= 4 and b.level >= 4) or (
            _tolls_agree(a, b, settings) and (a.killed or 0) > 0
        )
    if a.level <= 2 and b.level <= 2:
        if a.lat is not None and a.lon is not None and b.lat is not None and b.lon is not None:
            return distance_km(a.lat, a.lon, b.lat, b.lon) <= settings.max_km
        same_admin = a.admin is None or b.admin is None or a.admin == b.admin
        return a.place is not None and a.place == b.place and same_admin
    # one of them is located by its first-order division only
    return a.admin is not None and a.admin == b.admin


def _types_compatible(a: _Item, b: _Item) -> bool:
    if a.event_type is None or a.event_type != b.event_type:
        return False
    return sub_event_types_compatible(a.event_type, a.sub_event_type, b.sub_event_type)


def _actors_conflict(a: _Item, b: _Item) -> bool:
    if a.actor1 is None or b.actor1 is None or a.actor1 == b.actor1:
        return False
    # Battles have no direction: either side may come first.
    swapped = a.actor1 == b.actor2 and b.actor1 == a.actor2
    return not (a.event_type == "Battles" and swapped)


def _tolls_agree(a: _Item, b: _Item, settings: ClusterSettings) -> bool:
    if a.killed is None or b.killed is None:
        return False
    return settings.tolls_agree(a.killed, b.killed)


def _compatible(a: _Item, b: _Item, settings: ClusterSettings) -> bool:
    if a.doc_id == b.doc_id or not (a.asserted and b.asserted):
        return False
    if not _types_compatible(a, b) or not _dates_compatible(a, b):
        return False
    if not _places_compatible(a, b, settings):
        return False
    if a.killed is not None and b.killed is not None and settings.tolls_apart(a.killed, b.killed):
        return False
    # Two named perpetrators, or two different (if compatible) means, are two
    # events unless the same toll says they are one incident told two ways.
    mismatch = _actors_conflict(a, b) or a.sub_event_type != b.sub_event_type
    return not mismatch or _tolls_agree(a, b, settings)


def _pair_score(a: _Item, b: _Item, settings: ClusterSettings) -> int:
    """How alike two compatible reports are; higher pairs merge first."""
    score = 0
    if a.day == b.day:
        score += 3
    if a.place is not None and a.place == b.place:
        score += 2
    if _tolls_agree(a, b, settings):
        score += 3
    elif a.killed is not None and b.killed is not None:
        score -= 2
    if a.sub_event_type == b.sub_event_type:
        score += 1
    if a.actor1 is not None and a.actor1 == b.actor1:
        score += 1
    if a.actor2 is not None and a.actor2 == b.actor2:
        score += 1
    if a.headline and b.headline:
        # two articles' main events: merge them before background mentions
        score += 2
    return score


def events_compatible(
    first: Mapping[str, Any], second: Mapping[str, Any], settings: ClusterSettings | None = None
) -> bool:
    """Whether two event rows may report the same event (the pair rules above)."""
    settings = settings or ClusterSettings()
    return _compatible(_read_item(0, first, settings), _read_item(1, second, settings), settings)


# --- blocking --------------------------------------------------------------------


BlockKey = tuple[Any, ...]


def _toll_range(killed: int, settings: ClusterSettings) -> range:
    """The tolls that agree with ``killed`` (a superset; the pair rule decides)."""
    low = min(killed - settings.killed_slack, math.floor(killed * (1 - settings.killed_tolerance)))
    high = max(
        killed + settings.killed_slack,
        math.ceil(killed / max(1 - settings.killed_tolerance, 0.5)),
    )
    return range(max(low, 1), high + 1)


def _blocks_of(item: _Item, settings: ClusterSettings) -> tuple[list[BlockKey], list[BlockKey]]:
    """The blocks an event is filed in, and the blocks it is compared with.

    Each block holds only events some pair rule could match: exact places
    meet by grid cell (the neighbouring cells probed) or, without
    coordinates, by name; events located by a first-order division meet the
    events of that division; country-level events meet each other by country
    and located events of that country by toll. Undated, year-level and
    non-asserted events are filed nowhere: they stay single.
    """
    homes: list[BlockKey] = []
    probes: list[BlockKey] = []
    if item.level is None or item.day is None or item.window is None or not item.asserted:
        return homes, probes
    country = item.country
    if item.level >= 4:
        if country:
            homes.append(("country", country))
            probes.append(("country", country))
            if item.killed is not None and item.killed > 0:
                probes += [("toll", country, k) for k in _toll_range(item.killed, settings)]
        return homes, probes
    if country and item.killed is not None and item.killed > 0:
        homes.append(("toll", country, item.killed))
    if item.level == 3:
        if item.admin:
            homes.append(("division", country, item.admin))
            probes += [("division", country, item.admin), ("admin", country, item.admin)]
        return homes, probes
    if item.admin:
        homes.append(("admin", country, item.admin))
        probes.append(("division", country, item.admin))
    if item.place:
        homes.append(("place", country, item.place))
    if item.lat is not None and item.lon is not None:
        cell = settings.max_km / _KM_PER_DEGREE
        home = ("grid", math.floor(item.lat / cell), math.floor(item.lon / cell))
        homes.append(home)
        probes += _grid_neighbours(home, settings)
    elif item.place:
        probes.append(("place", country, item.place))
    return homes, probes


class _DayIndex:
    """A block's items by date window class, each sorted by day, for range look-ups."""

    def __init__(self, items: Sequence[_Item]) -> None:
        by_window: dict[int, list[tuple[int, int]]] = defaultdict(list)
        for item in items:
            assert item.day is not None and item.window is not None
            by_window[item.window].append((item.day, item.index))
        self.classes: list[tuple[int, list[int], list[int]]] = []
        for window, entries in by_window.items():
            entries.sort()
            days = [day for day, _ in entries]
            self.classes.append((window, days, [index for _, index in entries]))

    def near(self, item: _Item) -> list[int]:
        """Indices of items whose day lies within the pair's window of ``item``."""
        assert item.day is not None and item.window is not None
        found: list[int] = []
        for window, days, indices in self.classes:
            reach = window if window > item.window else item.window
            low = bisect.bisect_left(days, item.day - reach)
            high = bisect.bisect_right(days, item.day + reach, low)
            found += indices[low:high]
        return found


def _grid_neighbours(key: BlockKey, settings: ClusterSettings) -> list[BlockKey]:
    """The cell ``key`` and the cells east and north of it that a pair within
    ``max_km`` may reach (the other half finds this cell from its side).

    Cells are ``max_km / 111.2`` degrees on each side; a degree of longitude
    shrinks with the cosine of the latitude, so more columns are probed away
    from the equator.
    """
    _, row, col = key
    cell = settings.max_km / _KM_PER_DEGREE
    latitude = min(89.0, (abs(row) + 2) * cell)
    span = min(360, math.ceil(1 / max(math.cos(math.radians(latitude)), 0.01)))
    same_row = [("grid", row, col + dc) for dc in range(span + 1)]
    return same_row + [("grid", row + 1, col + dc) for dc in range(-span, span + 1)]


def _candidate_pairs(items: Sequence[_Item], settings: ClusterSettings) -> set[tuple[int, int]]:
    """Index pairs ``(i, j)``, ``i < j``, that share a block and a date window."""
    blocks: dict[BlockKey, list[_Item]] = defaultdict(list)
    plans: list[list[BlockKey]] = []
    for item in items:
        homes, probes = _blocks_of(item, settings)
        # only events of compatible types can pair: block by type too
        for key in homes:
            blocks[(item.type_block, *key)].append(item)
        plans.append([(item.type_block, *key) for key in probes])
    indexes = {key: _DayIndex(members) for key, members in blocks.items()}
    # a pair (i, j), i < j, is kept as the integer i * n + j: cheaper to hash
    n = len(items)
    codes: set[int] = set()
    for item, probes in zip(items, plans, strict=True):
        i = item.index
        for key in dict.fromkeys(probes):
            index = indexes.get(key)
            if index is not None:
                codes.update(i * n + j if i < j else j * n + i for j in index.near(item) if j != i)
    return {divmod(code, n) for code in codes}


# --- clustering ------------------------------------------------------------------


def cluster_events(
    rows: Iterable[Mapping[str, Any]], settings: ClusterSettings | None = None
) -> list[EventCluster]:
    """Cluster event rows that report the same event; one :class:`EventCluster` each.

    ``rows`` are flat event dicts (the store's rows, or :func:`event_rows` of
    reports) with at least ``doc_id``, ``event_id`` (or ``id``),
    ``event_type``, ``sub_event_type``, ``date`` and a place (``lat``/``lon``,
    ``admin1``, ``country``, ``geo_precision``); used when present:
    ``outlet``, ``time_precision`` (or ``date_precision``), ``actor1``,
    ``actor2``, ``killed`` (or ``fatalities``), ``modality``, ``evidence``,
    ``content_hash``. Every row is in exactly one cluster (most in a
    singleton); clusters come sorted by ``cluster_id``. Method and limits:
    see the module docstring. Deterministic: the same rows in any order give
    the same clusters.
    """
    settings = settings or ClusterSettings()
    ordered = sorted(
        (dict(row) for row in rows),
        key=lambda r: (str(_first(r, "doc_id") or ""), str(_first(r, "event_id", "id") or "")),
    )
    items = [_read_item(i, row, settings) for i, row in enumerate(ordered)]
    scored = sorted(
        (-_pair_score(items[i], items[j], settings), i, j)
        for i, j in _candidate_pairs(items, settings)
        if _compatible(items[i], items[j], settings)
    )
    parent = list(range(len(items)))
    groups: dict[int, list[int]] = {i: [i] for i in range(len(items))}

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for _, i, j in scored:
        root_i, root_j = find(i), find(j)
        if root_i == root_j:
            continue
        if all(
            _compatible(items[a], items[b], settings)
            for a in groups[root_i]
            for b in groups[root_j]
        ):
            low, high = min(root_i, root_j), max(root_i, root_j)
            parent[high] = low
            groups[low] = sorted(groups[low] + groups.pop(high))
    clusters = [_make_cluster([items[i] for i in members], settings) for members in groups.values()]
    return sorted(clusters, key=lambda c: c.cluster_id)


def _independent_outlets(members: Sequence[_Item]) -> int:
    """Outlets with their own reporting: one per outlet, copies of one wire story once."""
    parent: dict[str, str] = {m.outlet_key: m.outlet_key for m in members}

    def find(key: str) -> str:
        while parent[key] != key:
            key = parent[key]
        return key

    first_outlet_of_copy: dict[str, str] = {}
    for member in members:
        for copy in member.copy_keys:
            seen = first_outlet_of_copy.setdefault(copy, member.outlet_key)
            a, b = find(seen), find(member.outlet_key)
            if a != b:
                parent[max(a, b)] = min(a, b)
    return len({find(key) for key in parent})


def _majority(members: Sequence[_Item], groups: Sequence[list[int]]) -> list[int]:
    """The group with the most independent outlets, then the most reports, then the first."""

    def weight(group: list[int]) -> tuple[int, int]:
        return (len({members[i].outlet_key for i in group}), len(group))

    return max(groups, key=weight)  # max() keeps the first of equals: stable


def _dispute(
    name: str, members: Sequence[_Item], values: Sequence[Any], groups: Sequence[list[int]]
) -> tuple[dict[str, Any] | None, set[str]]:
    """The contradiction record of one field and the member keys outside its majority."""
    if len(groups) < 2:
        return None, set()
    majority = _majority(members, groups)
    dissent = {members[i].key for group in groups if group is not majority for i in group}
    record: dict[str, Any] = {"field": name, "values": {}}
    for group in groups:
        for i in group:
            record["values"].setdefault(values[i], []).append(members[i].key)
    return record, dissent


def _toll_groups(members: Sequence[_Item], settings: ClusterSettings) -> list[list[int]]:
    """Members with a toll, grouped: each group's tolls agree with its smallest."""
    groups: list[list[int]] = []
    start = 0
    for i, member in sorted(
        ((i, m) for i, m in enumerate(members) if m.killed is not None),
        key=lambda pair: (pair[1].killed, pair[0]),
    ):
        assert member.killed is not None
        if groups and settings.tolls_agree(start, member.killed):
            groups[-1].append(i)
        else:
            groups.append([i])
            start = member.killed
    return groups


def _single(member: _Item) -> EventCluster:
    """The cluster of an event no other report matches."""
    day = date.fromordinal(member.day).isoformat() if member.day is not None else None
    return EventCluster(
        cluster_id=member.key,
        members=[(member.doc_id, member.event_id)],
        outlets=[member.outlet] if member.outlet else [],
        n_reports=1,
        n_outlets=1,
        corroborating=[member.key],
        event_type=member.event_type,
        sub_event_type=member.sub_event_type,
        killed=member.killed,
        actor1=member.actor1_name if member.actor1 is not None else None,
        date_first=day,
        date_last=day,
    )


def _make_cluster(members: Sequence[_Item], settings: ClusterSettings) -> EventCluster:
    if len(members) == 1:
        return _single(members[0])
    contradicting: list[dict[str, Any]] = []
    dissent: set[str] = set()

    tolls = [m.killed for m in members]
    toll_groups = _toll_groups(members, settings)
    killed = None
    if toll_groups:
        agreeing = [tolls[i] for i in _majority(members, toll_groups)]
        killed = max(agreeing, key=agreeing.count)  # the most reported; first of equals
    record, out = _dispute("killed", members, tolls, toll_groups)
    if record is not None:
        contradicting.append(record)
        dissent |= out

    names: dict[str, str] = {}
    actor_groups: dict[str, list[int]] = {}
    for i, member in enumerate(members):
        if member.actor1 is not None:
            names.setdefault(member.actor1, member.actor1_name or member.actor1)
            actor_groups.setdefault(member.actor1, []).append(i)
    actor_values = [names[m.actor1] if m.actor1 is not None else None for m in members]
    groups = list(actor_groups.values())
    actor1 = actor_values[_majority(members, groups)[0]] if groups else None
    record, out = _dispute("actor1", members, actor_values, groups)
    if record is not None:
        contradicting.append(record)
        dissent |= out

    days = [m.day for m in members if m.day is not None]
    sub_types: dict[str, int] = {}
    for member in members:
        if member.sub_event_type:
            sub_types[member.sub_event_type] = sub_types.get(member.sub_event_type, 0) + 1
    first = members[0]
    return EventCluster(
        cluster_id=first.key,
        members=[(m.doc_id, m.event_id) for m in members],
        outlets=sorted({m.outlet for m in members if m.outlet}),
        n_reports=len(members),
        n_outlets=_independent_outlets(members),
        corroborating=[m.key for m in members if m.key not in dissent],
        contradicting=contradicting,
        event_type=first.event_type,
        sub_event_type=max(sub_types, key=lambda s: sub_types[s]) if sub_types else None,
        killed=killed,
        actor1=actor1,
        date_first=date.fromordinal(min(days)).isoformat() if days else None,
        date_last=date.fromordinal(max(days)).isoformat() if days else None,
    )


# --- rows from reports -----------------------------------------------------------


def event_rows(report: Report) -> list[dict[str, Any]]:
    """The flat event rows of one report, as :func:`cluster_events` reads them.

    Each row is :func:`sitrep.out.json.fact_to_dict` of the event (the
    contract properties, ``lat``/``lon``) plus the document's ``outlet``,
    ``title``, ``url`` and ``published``, and the store's names for three
    fields (``event_id``, ``killed``, ``time_precision``).
    """
    from sitrep.out.json import fact_to_dict

    document = report.document
    rows: list[dict[str, Any]] = []
    for event in report.events:
        row = fact_to_dict(report, event)
        row.update(
            event_id=event.id,
            killed=event.fatalities,
            time_precision=event.date_precision,
            outlet=document.outlet,
            title=document.title,
            url=document.url,
            published=document.published.isoformat() if document.published else None,
        )
        rows.append(row)
    return rows


def cluster_fields_by_member(clusters: Iterable[EventCluster]) -> dict[MemberKey, dict[str, Any]]:
    """``(doc_id, event_id)`` → the cluster columns of its row (for the store)."""
    fields: dict[MemberKey, dict[str, Any]] = {}
    for cluster in clusters:
        columns = cluster.row_fields()
        for member in cluster.members:
            fields[member] = columns
    return fields
