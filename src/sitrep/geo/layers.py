"""User gazetteer layers: places the base index lacks, from the files users have.

A *layer* is one imported file — an analyst's CSV of bases, an OCHA Common
Operational Dataset (COD) of communities or neighbourhoods, a GeoNames
country dump (:mod:`sitrep.geo.dump`) — stored as one small SQLite file
``<layer_dir>/<name>.sqlite`` beside the base index. :class:`Gazetteer`
opens every layer next to the base and returns their entries from
``lookup`` and ``fuzzy_lookup`` as candidates with ``layer``, ``pcode`` and
``admin1``–``admin3``.

Reading (:func:`read_layer_file`): CSV/TSV (delimiter sniffed), GeoJSON
(Point, MultiPoint, Polygon, MultiPolygon), JSON lists of records (OCHA's
neighbourhood files: ``pCode``, ``nameEnglish``, ``centerLatitude``,
``boundaryWkt``…), XLSX when ``openpyxl`` is installed, and GeoNames dumps.
The schema is detected from the column or property names, compared
case-insensitively without punctuation against the variants in
:data:`COLUMN_VARIANTS` (OCHA's ``NAME_EN``/``ADMIN1_EN``/``PCODE`` and the
newer ``admin4Name_en``/``admin4Pcode`` included); which column fed which
field is reported.

Importing (:func:`import_layer`): rows without usable coordinates, outside
the declared country's bounding box, or repeating a P-code are skipped with
a warning naming the file and the row; names with invalid UTF-8 (OCHA files
cut some Arabic names mid-character) are dropped, the row kept. Each place
then gets its country and first-order division (the ISO 3166-2 code of the
base index, so "in Idlib province" contains it) from the nearest base
places, and is *linked* to the base entry it duplicates (same key or a
similar spelling, a few km away), whose GeoNames id, population and feature
it takes. The file is written to a temporary name and renamed: an
interrupted import never leaves a half layer, and the base index is never
written to.

Limits: coordinates are read as WGS84 longitude/latitude (CRS84); polygon
centroids are planar (fine at city scale); the arabic key is a light
normalisation (hamza seats, ta marbuta, alif maqsura, harakat, the article),
not a transliteration, so Arabic names match Arabic text only.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import math
import os
import re
import sqlite3
import tempfile
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sitrep.errors import Errors, SitrepError
from sitrep.geo.index import haversine_km
from sitrep.geo.names import NameFolder, default_folder, is_latin, rules_text

if TYPE_CHECKING:
    from sitrep.geo.gazetteer import Gazetteer

#: Bump when the layer file's schema changes (older layers must be imported again).
LAYER_SCHEMA = "1"
#: Layer names: lower-case letters, digits and hyphens (they name files and places).
LAYER_NAME = re.compile(r"^[a-z0-9][a-z0-9-]{0,63}$")
#: A layer place this close to a base place of the same name is that place.
LINK_KM = 8.0
#: ... and this close when the spellings are only similar ("Nabul" / "Nubl").
LINK_SIMILAR_KM = 4.0
#: A base place this close gives a layer place its country and division.
NEAREST_KM = 40.0
#: Slack around a country's bounding box, in degrees (borders are not boxes).
BBOX_MARGIN = 0.25
#: At most this many warnings are kept in a layer's metadata.
MAX_KEPT_WARNINGS = 200

#: Field -> accepted column names, compared lower-case without punctuation,
#: first match wins (so an exact ``name`` beats ``name_en`` beats ``place``).
COLUMN_VARIANTS: dict[str, tuple[str, ...]] = {
    "name": (
        "name", "nameen", "nameenglish", "englishname", "placename", "place", "locationname",
        "location", "toponym", "hayen", "asciiname", "label", "title",
    ),
    "aliases": (
        "aliases", "alias", "alternatenames", "alternatename", "altnames", "othernames",
        "variants", "synonyms", "aka", "alsoknownas", "namenref", "nameenref", "refname",
    ),
    "arabic": (
        "namear", "nameara", "namearabic", "arabicname", "arabic", "hayar", "hayara",
    ),
    "lat": (
        "lat", "latitude", "centerlatitude", "centrelatitude", "latdd", "y", "ycoord", "pointy",
    ),
    "lon": (
        "lon", "lng", "long", "longitude", "centerlongitude", "centrelongitude", "londd", "x",
        "xcoord", "pointx",
    ),
    "pcode": ("pcode", "pcod", "placecode", "haypcode", "locationpcode", "communitypcode"),
    "country": ("country", "countrycode", "iso2", "countryiso2", "iso", "cc", "admin0pcode"),
    "admin1": (
        "admin1", "admin1en", "admin1name", "admin1nameen", "governorate", "province", "state",
    ),
    "admin1_code": ("admin1cod", "admin1code", "admin1pcode"),
    "admin2": ("admin2", "admin2en", "admin2name", "admin2nameen", "district"),
    "admin3": ("admin3", "admin3en", "admin3name", "admin3nameen", "subdistrict", "nahiya"),
    "feature": ("feature", "featurecode", "featureclass", "type", "kind", "category", "class"),
    "population": ("population", "pop"),
    "geonameid": ("geonameid",),
    "wkt": ("wkt", "boundarywkt", "geometrywkt", "geom", "thegeom", "shape"),
}  # fmt: skip
#: Newer OCHA CODs name the place by its level: admin4Name_en, admin4Pcode, admin4RefName_en.
_ADMIN_LEVEL = re.compile(r"^admin([1-9])(name|refname|pcode)(en|ar)?$")
_ALIAS_SPLIT = re.compile(r"\s*[|;]\s*")
#: Merged communities are named "A - B" or "A / B": each part is a name too.
_COMPOUND_SPLIT = re.compile(r"\s+[-/–]\s+|\s*_\s*|\s*/\s*")
_ARABIC = re.compile(r"[\u0600-\u06ff]")
_ARABIC_MARKS = re.compile(r"[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
_ARABIC_LETTERS = str.maketrans(
    {"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ة": "ه", "ى": "ي", "ؤ": "و", "ئ": "ي", "ء": None}
)
_ARABIC_WORD = re.compile(r"[\u0621-\u064a\u066e-\u06d3]+")


def is_arabic(name: str) -> bool:
    """True when ``name`` holds Arabic-script letters."""
    return bool(_ARABIC.search(name))


def arabic_key(name: str) -> str:
    """Matching key of an Arabic-script name ("الحمدانية" and "حمدانيه" -> "حمدانيه").

    Method: NFKC, harakat and tatweel removed, hamza seats and alif forms to
    bare alif, ta marbuta to ha, alif maqsura to ya, the article al- dropped
    from words longer than three letters, words joined. Limits: no
    transliteration to or from Latin script.
    """
    text = _ARABIC_MARKS.sub("", unicodedata.normalize("NFKC", name)).translate(_ARABIC_LETTERS)
    words = []
    for word in _ARABIC_WORD.findall(text):
        if word.startswith("ال") and len(word) > 3:
            word = word[2:]
        words.append(word)
    return "".join(words)


def name_key(name: str, folder: NameFolder) -> str:
    """The index key of one spelling: transliteration key, or :func:`arabic_key`."""
    key = folder.key(name)
    if key:
        return key
    return arabic_key(name) if is_arabic(name) else ""


def normalise_column(column: str) -> str:
    """``"NAME_EN"`` -> ``"nameen"``: lower case, letters and digits only."""
    return re.sub(r"[^0-9a-z]", "", column.lower())


@dataclass(slots=True)
class LayerPlace:
    """One place read from a layer file, before it is written.

    ``names`` holds every spelling (the name first, then aliases, compound
    parts and Arabic names); ``polygon`` a MultiPolygon's coordinates
    (``[[ring, hole…], …]``, rings of ``[lon, lat]``) for containment
    tests; ``row`` says where the place came from ("line 12", "feature 7").
    """

    name: str
    lat: float
    lon: float
    row: str
    names: list[str] = field(default_factory=list)
    feature: str = "PPL"
    country: str | None = None
    admin1: str | None = None
    admin1_code: str | None = None
    admin2: str | None = None
    admin3: str | None = None
    pcode: str | None = None
    population: int = 0
    geonameid: int | None = None
    polygon: list[list[list[list[float]]]] | None = None
    #: Set on import when the place duplicates a base entry (its GeoNames id).
    base_geonameid: int | None = None
    #: Places sharing this value lie in one first-order division (default: ``admin1``).
    admin1_group: str | None = None


@dataclass(slots=True)
class ParsedLayer:
    """What :func:`read_layer_file` found: places, the columns used, warnings."""

    path: Path
    format: str
    places: list[LayerPlace]
    columns: dict[str, str]
    warnings: list[str] = field(default_factory=list)
    source: str | None = None
    looks_ocha: bool = False
    rows: int = 0


@dataclass(frozen=True, slots=True)
class LayerInfo:
    """An installed layer as ``sitrep gazetteer list`` / ``info`` shows it."""

    name: str
    path: Path
    places: int
    names: int
    source: str
    format: str
    licence: str
    credit: str
    imported: str
    country: str | None
    columns: dict[str, str]
    warnings: list[str]
    linked: int
    size_bytes: int

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready form (``path`` as a string)."""
        return {
            "name": self.name,
            "path": str(self.path),
            "places": self.places,
            "names": self.names,
            "linked_to_base": self.linked,
            "source": self.source,
            "format": self.format,
            "licence": self.licence,
            "credit": self.credit,
            "imported": self.imported,
            "country": self.country,
            "columns": self.columns,
            "warnings": self.warnings,
            "size_bytes": self.size_bytes,
        }


# --- reading files ------------------------------------------------------------------


def detect_columns(columns: Sequence[str]) -> dict[str, str]:
    """Map sitrep's fields to the given column names (see :data:`COLUMN_VARIANTS`).

    Returns ``{field: column}`` for the fields found. OCHA's level-named
    columns (``admin4Name_en``) fill ``name`` from the deepest level and
    ``admin1``–``admin3`` from theirs when the plain variants are absent.
    """
    by_norm: dict[str, str] = {}
    for column in columns:
        by_norm.setdefault(normalise_column(column), column)
    found: dict[str, str] = {}
    for name, variants in COLUMN_VARIANTS.items():
        for variant in variants:
            if variant in by_norm:
                found[name] = by_norm[variant]
                break
    levels: dict[tuple[int, str, str], str] = {}
    for norm, column in by_norm.items():
        match = _ADMIN_LEVEL.match(norm)
        if match:
            levels[(int(match.group(1)), match.group(2), match.group(3) or "en")] = column
    if levels:
        deepest = (
            max(level for level, kind, _ in levels if kind == "name")
            if any(kind == "name" for _, kind, _ in levels)
            else 0
        )
        if deepest >= 4 or (deepest and "name" not in found):
            found.setdefault("name", levels.get((deepest, "name", "en"), ""))
            if (deepest, "name", "ar") in levels:
                found.setdefault("arabic", levels[(deepest, "name", "ar")])
            if (deepest, "refname", "en") in levels:
                found.setdefault("aliases", levels[(deepest, "refname", "en")])
            if (deepest, "pcode", "en") in levels:
                found.setdefault("pcode", levels[(deepest, "pcode", "en")])
        for level in (1, 2, 3):
            if level < deepest and (level, "name", "en") in levels:
                found.setdefault(f"admin{level}", levels[(level, "name", "en")])
        if (1, "pcode", "en") in levels and deepest > 1:
            found.setdefault("admin1_code", levels[(1, "pcode", "en")])
    return {k: v for k, v in found.items() if v}


def _describe_columns(columns: dict[str, str]) -> str:
    return ", ".join(f"{k}={v}" for k, v in columns.items())


def _check_columns(path: Path, columns: dict[str, str], available: Sequence[str]) -> None:
    missing = [f for f in ("name",) if f not in columns]
    if "wkt" not in columns and "geometry" not in columns:
        missing += [f for f in ("lat", "lon") if f not in columns]
    if missing:
        accepted = "; ".join(f"{f}: {', '.join(COLUMN_VARIANTS[f][:6])}" for f in missing)
        raise SitrepError(
            Errors.E043,
            path=path,
            missing=", ".join(missing),
            columns=", ".join(available) or "(none)",
            accepted=accepted,
        )


def _decode(path: Path, data: bytes, warnings: list[str]) -> str:
    """UTF-8 text (BOM dropped); invalid bytes become U+FFFD, reported per row later."""
    text = data.decode("utf-8-sig", errors="replace")
    if "\ufffd" in text and not data.decode("utf-8-sig", errors="ignore"):
        raise SitrepError(Errors.E040, path=path, reason="not UTF-8 text")
    return text


def read_layer_file(path: Path, *, feature: str | None = None) -> ParsedLayer:
    """Read a layer file of any supported format into :class:`LayerPlace` rows.

    The format comes from the suffix (``.csv``, ``.tsv``, ``.txt``,
    ``.geojson``, ``.json``, ``.xlsx``, ``.zip`` for GeoNames dumps) and, for
    ``.txt``/``.json``, from the content. ``feature`` sets the feature code
    of places whose file has none (default ``PPLX`` for neighbourhood files,
    else ``PPL``). Raises :class:`SitrepError` E040 for an unreadable file
    and E043 when the name or coordinate columns cannot be found; bad rows
    are skipped with warnings.
    """
    path = Path(path)
    if not path.is_file():
        raise SitrepError(Errors.E040, path=path, reason="no such file")
    suffix = path.suffix.lower()
    if suffix == ".zip":
        from sitrep.geo.dump import read_geonames_dump

        return read_geonames_dump(path)
    if suffix == ".xlsx":
        return _read_xlsx(path, feature)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise SitrepError(Errors.E040, path=path, reason=exc.strerror or exc) from exc
    if not data.strip():
        raise SitrepError(Errors.E040, path=path, reason="the file is empty")
    warnings: list[str] = []
    text = _decode(path, data, warnings)
    head = text.lstrip()[:1]
    if suffix in (".json", ".geojson") or head in ("{", "["):
        return _read_json(path, text, feature)
    first = text.split("\n", 1)[0]
    from sitrep.geo.dump import looks_like_geonames, read_geonames_dump

    if looks_like_geonames(first):
        return read_geonames_dump(path)
    return _read_table(path, text, feature)


def _default_feature(path: Path, columns: Iterable[str], feature: str | None) -> str:
    if feature:
        return feature
    words = " ".join([path.name.lower(), *(c.lower() for c in columns)])
    return "PPLX" if re.search(r"neighbou?rhood|\bhay|hay_", words) else "PPL"


def _read_table(path: Path, text: str, feature: str | None) -> ParsedLayer:
    # Old Mac and Windows line ends as one: a stray carriage return breaks the csv module.
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = text.splitlines()
    header_line = lines[0] if lines else ""
    delimiter = max(("\t", ";", ","), key=header_line.count)
    if header_line.count(delimiter) == 0:
        raise SitrepError(
            Errors.E040,
            path=path,
            reason="no header row with tab-, semicolon- or comma-separated"
            " columns (a CSV/TSV layer needs name, lat and lon columns)",
        )
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    header = [h.strip() for h in next(reader)]
    columns = detect_columns(header)
    _check_columns(path, columns, header)
    index = {h: i for i, h in enumerate(header)}
    parsed = ParsedLayer(path, "tsv" if delimiter == "\t" else "csv", [], columns)
    parsed.looks_ocha = _looks_ocha(header)
    default = _default_feature(path, header, feature)
    alias_split = re.compile(r"\s*\|\s*") if delimiter == ";" else _ALIAS_SPLIT
    while True:
        try:
            values = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            parsed.warnings.append(
                f"{path}, line {reader.line_num}: {exc}; the rest of the file is not read"
            )
            break
        if not any(v.strip() for v in values):
            continue
        parsed.rows += 1
        label = f"line {reader.line_num}"
        record = {h: values[i] for h, i in index.items() if i < len(values)}
        if len(values) < len(header):
            parsed.warnings.append(
                f"{path}, {label}: {len(values)} of {len(header)} columns "
                "(a truncated file or a stray delimiter?)"
            )
        _add_record(parsed, record, None, label, default, alias_split)
    return parsed


def _read_xlsx(path: Path, feature: str | None) -> ParsedLayer:
    try:
        import openpyxl
    except ImportError as exc:
        raise SitrepError(
            Errors.E040,
            path=path,
            reason="reading .xlsx needs openpyxl: pip install 'sitrep[xlsx]' "
            "(or save the sheet as CSV)",
        ) from exc
    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises zipfile, KeyError and its own errors
        raise SitrepError(Errors.E040, path=path, reason=f"not a readable .xlsx ({exc})") from exc
    best: tuple[int, str, list[list[Any]]] | None = None
    try:
        for sheet in book.worksheets:
            rows = [list(r) for r in sheet.iter_rows(values_only=True)]
            rows = [r for r in rows if any(v not in (None, "") for v in r)]
            if not rows:
                continue
            header = [str(v or "").strip() for v in rows[0]]
            cols = detect_columns(header)
            score = ("name" in cols) * 2 + ("lat" in cols and "lon" in cols) * 2
            if best is None or (score, len(rows)) > (best[0], len(best[2])):
                best = (score, sheet.title, rows)
    finally:
        book.close()
    if best is None:
        raise SitrepError(Errors.E040, path=path, reason="the workbook holds no rows")
    _, title, rows = best
    header = [str(v or "").strip() for v in rows[0]]
    columns = detect_columns(header)
    _check_columns(path, columns, header)
    parsed = ParsedLayer(path, f"xlsx (sheet {title!r})", [], columns)
    parsed.looks_ocha = _looks_ocha(header)
    default = _default_feature(path, header, feature)
    for number, values in enumerate(rows[1:], start=2):
        parsed.rows += 1
        record = {h: values[i] for i, h in enumerate(header) if i < len(values) and h}
        _add_record(parsed, record, None, f"sheet {title!r} row {number}", default, _ALIAS_SPLIT)
    return parsed


def _looks_ocha(columns: Iterable[str]) -> bool:
    norms = {normalise_column(c) for c in columns}
    return bool(
        norms & {"pcode", "haypcode", "admin1cod", "admin1pcode", "admin4pcode"}
        and norms & {"admin1cod", "admin1pcode", "haypcode", "citypcode", "namearabic", "nameara"}
    )


def _salvage_list(text: str, key: str) -> tuple[list[Any], int]:
    """Objects of the JSON list under ``key`` up to where a truncated file breaks.

    Returns the objects decoded and the character offset where decoding stopped.
    """
    match = re.search(r'"' + re.escape(key) + r'"\s*:\s*\[', text)
    if match is None:
        return [], 0
    decoder = json.JSONDecoder()
    position = match.end()
    found: list[Any] = []
    while True:
        while position < len(text) and text[position] in " \t\r\n,":
            position += 1
        if position >= len(text) or text[position] == "]":
            return found, position
        try:
            item, position = decoder.raw_decode(text, position)
        except json.JSONDecodeError:
            return found, position
        found.append(item)


def _line_of(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def _read_json(path: Path, text: str, feature: str | None) -> ParsedLayer:
    truncated_at: int | None = None
    try:
        data: Any = json.loads(text)
    except json.JSONDecodeError as exc:
        for key in ("features", "items", "data", "records", "places"):
            items, stop = _salvage_list(text, key)
            if items:
                data = {key: items}
                if key == "features":
                    data["type"] = "FeatureCollection"
                truncated_at = stop
                break
        else:
            raise SitrepError(
                Errors.E041, path=path, line=exc.lineno, reason=f"not valid JSON ({exc.msg})"
            ) from exc
    warnings: list[str] = []
    if truncated_at is not None:
        warnings.append(
            f"{path}, line {_line_of(text, truncated_at)}: the file ends early (truncated?); "
            "the complete records before this point are imported"
        )
    if isinstance(data, dict) and data.get("type") in ("FeatureCollection", "Feature"):
        features = data.get("features") if data.get("type") == "FeatureCollection" else [data]
        parsed = _read_features(path, features or [], feature)
        parsed.source = str(data.get("name") or "") or None
    else:
        records, source = _json_records(data)
        if records is None:
            raise SitrepError(
                Errors.E040,
                path=path,
                reason="JSON holds neither a GeoJSON FeatureCollection nor a list of records",
            )
        parsed = _read_records(path, records, feature)
        parsed.source = source
    parsed.warnings[:0] = warnings
    return parsed


def _json_records(data: Any) -> tuple[list[dict[str, Any]] | None, str | None]:
    if isinstance(data, list):
        return [r for r in data if isinstance(r, dict)], None
    if isinstance(data, dict):
        source = data.get("source") if isinstance(data.get("source"), str) else None
        for key in ("items", "data", "records", "places", "features"):
            value = data.get(key)
            if isinstance(value, list) and any(isinstance(v, dict) for v in value):
                return [r for r in value if isinstance(r, dict)], source
    return None, None


def _read_records(path: Path, records: list[dict[str, Any]], feature: str | None) -> ParsedLayer:
    keys: list[str] = []
    for record in records[:50]:
        keys.extend(k for k in record if k not in keys)
    columns = detect_columns(keys)
    _check_columns(path, columns, keys)
    parsed = ParsedLayer(path, "json records", [], columns)
    parsed.looks_ocha = _looks_ocha(keys)
    default = _default_feature(path, keys, feature)
    for number, record in enumerate(records, start=1):
        parsed.rows += 1
        _add_record(parsed, record, None, f"item {number}", default, _ALIAS_SPLIT)
    return parsed


def _read_features(path: Path, features: list[Any], feature: str | None) -> ParsedLayer:
    keys: list[str] = []
    for item in features[:50]:
        if isinstance(item, dict):
            keys.extend(k for k in (item.get("properties") or {}) if k not in keys)
    columns = detect_columns(keys)
    columns["geometry"] = "geometry"
    _check_columns(path, columns, keys)
    parsed = ParsedLayer(path, "geojson", [], columns)
    parsed.looks_ocha = _looks_ocha(keys)
    default = _default_feature(path, keys, feature)
    kinds: Counter[str] = Counter()
    for number, item in enumerate(features, start=1):
        parsed.rows += 1
        label = f"feature {number}"
        if not isinstance(item, dict):
            parsed.warnings.append(f"{path}, {label}: not a GeoJSON Feature object; skipped")
            continue
        geometry = item.get("geometry")
        if isinstance(geometry, dict):
            kinds[str(geometry.get("type"))] += 1
        _add_record(parsed, item.get("properties") or {}, geometry, label, default, _ALIAS_SPLIT)
    if kinds:
        parsed.columns["geometry"] = "geometry (" + ", ".join(sorted(kinds)) + ")"
    return parsed


# --- one record -----------------------------------------------------------------------


class RowProblem(ValueError):
    """A row that cannot become a place (its message says why)."""


def _text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).strip()
    return text or None


def _number(value: Any, what: str) -> float:
    if value is None or (isinstance(value, str) and not value.strip()):
        raise RowProblem(f"no {what}")
    try:
        number = float(value.replace(",", ".")) if isinstance(value, str) else float(value)
    except (TypeError, ValueError) as exc:
        raise RowProblem(f"{what} {value!r} is not a number") from exc
    if not math.isfinite(number):
        raise RowProblem(f"{what} {value!r} is not a number")
    return number


def _check_point(lat: float, lon: float) -> None:
    if not -90.0 <= lat <= 90.0 or not -180.0 <= lon <= 180.0:
        raise RowProblem(f"coordinates ({lat}, {lon}) are outside -90..90 / -180..180")
    if lat == 0.0 and lon == 0.0:
        raise RowProblem("coordinates (0, 0) are a placeholder, not a place")


def parse_wkt(text: str) -> tuple[str, Any]:
    """``"POLYGON((x y, …))"`` -> ``("Polygon", coordinates)`` in GeoJSON's nesting.

    Reads POINT, MULTIPOINT, POLYGON and MULTIPOLYGON with two coordinates
    per vertex (Z and M values are refused). Raises :class:`RowProblem`.
    """
    match = re.match(r"^\s*([A-Za-z]+)\s*(\(.*\))\s*$", text, re.S)
    if match is None:
        raise RowProblem(f"geometry {text[:40]!r} is not WKT")
    kind = match.group(1).upper()
    names = {
        "POINT": "Point",
        "MULTIPOINT": "MultiPoint",
        "POLYGON": "Polygon",
        "MULTIPOLYGON": "MultiPolygon",
    }
    if kind not in names:
        raise RowProblem(f"WKT geometry {kind} is not supported")
    number = r"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?"
    body = re.sub(rf"({number})\s+({number})", r"[\1,\2]", match.group(2))
    body = body.replace("(", "[").replace(")", "]")
    try:
        coordinates = json.loads(body)
    except json.JSONDecodeError as exc:
        raise RowProblem(f"WKT {kind} cannot be read (three coordinates per vertex?)") from exc
    if kind == "POINT":
        coordinates = coordinates[0]
    return names[kind], coordinates


def _ring_centroid(ring: Sequence[Sequence[float]]) -> tuple[float, float, float]:
    """(signed area, x, y) of one ring by the shoelace formula."""
    area = cx = cy = 0.0
    for (x0, y0), (x1, y1) in zip(ring, [*ring[1:], ring[0]], strict=True):
        cross = x0 * y1 - x1 * y0
        area += cross
        cx += (x0 + x1) * cross
        cy += (y0 + y1) * cross
    area /= 2.0
    if abs(area) < 1e-15:
        xs, ys = [p[0] for p in ring], [p[1] for p in ring]
        return 0.0, sum(xs) / len(xs), sum(ys) / len(ys)
    return area, cx / (6.0 * area), cy / (6.0 * area)


def geometry_point(
    kind: str, coordinates: Any
) -> tuple[float, float, list[list[list[list[float]]]] | None]:
    """(lat, lon, polygon) of a GeoJSON geometry; polygons give their centroid.

    Point: itself; MultiPoint: the mean of its points; Polygon and
    MultiPolygon: the area-weighted centroid of the outer rings, and the
    polygon (as MultiPolygon coordinates) for containment tests.
    """
    try:
        if kind == "Point":
            return float(coordinates[1]), float(coordinates[0]), None
        if kind == "MultiPoint":
            points = [(float(p[1]), float(p[0])) for p in coordinates]
            if not points:
                raise RowProblem("empty MultiPoint")
            lat = sum(p[0] for p in points) / len(points)
            lon = sum(p[1] for p in points) / len(points)
            return lat, lon, None
        if kind in ("Polygon", "MultiPolygon"):
            polygons = [coordinates] if kind == "Polygon" else list(coordinates)
            clean = [
                [[[round(float(x), 6), round(float(y), 6)] for x, y, *_ in ring] for ring in poly]
                for poly in polygons
                if poly and poly[0]
            ]
            if not clean:
                raise RowProblem(f"empty {kind}")
            total = sx = sy = 0.0
            for poly in clean:
                area, x, y = _ring_centroid(poly[0])
                weight = abs(area) or 1e-12
                total += weight
                sx += x * weight
                sy += y * weight
            return sy / total, sx / total, clean
    except (TypeError, ValueError, IndexError) as exc:
        raise RowProblem(f"{kind} coordinates cannot be read") from exc
    raise RowProblem(f"geometry type {kind!r} is not supported")


def point_in_polygon(lat: float, lon: float, polygon: Sequence[Any]) -> bool:
    """Whether (lat, lon) lies inside MultiPolygon coordinates (holes excluded).

    Method: even-odd ray casting on longitude/latitude as plane coordinates.
    """
    for poly in polygon:
        inside = False
        for ring in poly:
            crossing = False
            n = len(ring)
            for i in range(n):
                x0, y0 = ring[i][0], ring[i][1]
                x1, y1 = ring[(i + 1) % n][0], ring[(i + 1) % n][1]
                if (y0 > lat) != (y1 > lat) and lon < (x1 - x0) * (lat - y0) / (y1 - y0) + x0:
                    crossing = not crossing
            if crossing:
                inside = not inside
        if inside:
            return True
    return False


def _split_names(name: str) -> list[str]:
    parts = [p.strip() for p in _COMPOUND_SPLIT.split(name) if p.strip()]
    return parts if len(parts) > 1 else []


def _clean_name(value: str | None, what: str, label: str, path: Path, warnings: list[str]) -> str:
    if not value:
        return ""
    if "\ufffd" in value:
        warnings.append(
            f"{path}, {label}: {what} {value!r} holds invalid UTF-8 (cut mid-character?); "
            "that name is left out, the row is kept"
        )
        return ""
    return value


def _add_record(
    parsed: ParsedLayer,
    record: dict[str, Any],
    geometry: Any,
    label: str,
    default_feature: str,
    alias_split: re.Pattern[str],
) -> None:
    columns, path = parsed.columns, parsed.path

    def get(name: str) -> str | None:
        column = columns.get(name)
        return _text(record.get(column)) if column else None

    warnings = parsed.warnings
    name = _clean_name(get("name"), "name", label, path, warnings)
    arabic = _clean_name(get("arabic"), "Arabic name", label, path, warnings)
    pcode = get("pcode")
    where = f"{label}" + (f" ({pcode})" if pcode else "")
    if not name:
        name = arabic
    if not name:
        warnings.append(f"{path}, {where}: no name; skipped")
        return
    try:
        polygon = None
        if isinstance(geometry, dict) and geometry.get("type"):
            lat, lon, polygon = geometry_point(str(geometry["type"]), geometry.get("coordinates"))
        elif columns.get("wkt") and get("wkt"):
            kind, coordinates = parse_wkt(get("wkt") or "")
            lat, lon, polygon = geometry_point(kind, coordinates)
            if columns.get("lat") and get("lat") and get("lon"):
                lat, lon = _number(get("lat"), "latitude"), _number(get("lon"), "longitude")
        else:
            if not columns.get("lat"):
                raise RowProblem("no geometry")
            lat, lon = _number(get("lat"), "latitude"), _number(get("lon"), "longitude")
        _check_point(lat, lon)
    except RowProblem as problem:
        warnings.append(f"{path}, {where}, {name!r}: {problem}; skipped")
        return
    names = [name]
    raw_aliases = get("aliases")
    if raw_aliases:
        for alias in alias_split.split(raw_aliases):
            alias = _clean_name(alias.strip(), "alias", label, path, warnings)
            if alias and alias not in names:
                names.append(alias)
    for spelling in list(names):
        names.extend(p for p in _split_names(spelling) if p not in names)
    if arabic and arabic != name:
        names.append(arabic)
        names.extend(p for p in _split_names(arabic) if p not in names)
    population = 0
    if get("population"):
        try:
            population = max(0, int(float(get("population") or 0)))
        except ValueError:
            warnings.append(f"{path}, {where}: population {get('population')!r} is not a number")
    geonameid = None
    if get("geonameid"):
        try:
            geonameid = int(float(get("geonameid") or ""))
        except ValueError:
            warnings.append(f"{path}, {where}: geonameid {get('geonameid')!r} is not a number")
    parsed.places.append(
        LayerPlace(
            name=name,
            lat=lat,
            lon=lon,
            row=label,
            names=names,
            feature=get("feature") or default_feature,
            country=_country_code(get("country")),
            admin1=get("admin1"),
            admin1_code=None,
            admin2=get("admin2"),
            admin3=get("admin3"),
            pcode=pcode,
            population=population,
            geonameid=geonameid,
            polygon=polygon,
        )
    )


def _country_code(value: str | None) -> str | None:
    """ISO alpha-2 from a code (alpha-2 or alpha-3) or an English country name."""
    if not value:
        return None
    text = value.strip()
    if len(text) == 2 and text.isalpha():
        return text.upper()
    import pycountry

    try:
        found = pycountry.countries.lookup(text)
    except LookupError:
        return None
    return str(found.alpha_2)


# --- the country boxes ------------------------------------------------------------------


def country_bbox(iso: str) -> tuple[float, float, float, float] | None:
    """(min_lat, min_lon, max_lat, max_lon) of a country from countryinfo's borders."""
    return _country_boxes().get(iso.upper())


_BOXES: dict[str, tuple[float, float, float, float]] = {}


def _country_boxes() -> dict[str, tuple[float, float, float, float]]:
    if _BOXES:
        return _BOXES
    folder = resources.files("countryinfo") / "data"
    for entry in folder.iterdir():
        if not entry.name.endswith(".json"):
            continue
        info = json.loads(entry.read_text(encoding="utf-8"))
        iso = (info.get("ISO") or {}).get("alpha2")
        lats: list[float] = []
        lons: list[float] = []

        def walk(node: Any, lats: list[float] = lats, lons: list[float] = lons) -> None:
            if (
                isinstance(node, list)
                and len(node) >= 2
                and all(isinstance(v, int | float) for v in node[:2])
            ):
                lons.append(float(node[0]))
                lats.append(float(node[1]))
            elif isinstance(node, list):
                for child in node:
                    walk(child)

        for feature in (info.get("geoJSON") or {}).get("features", []):
            walk((feature.get("geometry") or {}).get("coordinates"))
        if iso and lats:
            _BOXES[iso] = (min(lats), min(lons), max(lats), max(lons))
    return _BOXES


def _in_box(lat: float, lon: float, box: tuple[float, float, float, float]) -> bool:
    m = BBOX_MARGIN
    return box[0] - m <= lat <= box[2] + m and box[1] - m <= lon <= box[3] + m


# --- the base index, as seen by an import ------------------------------------------------


@dataclass(frozen=True, slots=True)
class BasePoint:
    """A base-index place, for linking and division lookups."""

    name: str
    lat: float
    lon: float
    feature: str
    country: str
    admin1: str | None
    admin1_code: str | None
    population: int
    geonameid: int | None


class BaseGrid:
    """Base places bucketed in half-degree cells, for nearest-place queries."""

    CELL = 0.5

    def __init__(self, points: Iterable[BasePoint]) -> None:
        """Bucket ``points`` by cell."""
        self.cells: dict[tuple[int, int], list[BasePoint]] = defaultdict(list)
        self.by_geonameid: dict[int, BasePoint] = {}
        for point in points:
            self.cells[self._cell(point.lat, point.lon)].append(point)
            if point.geonameid is not None:
                self.by_geonameid[point.geonameid] = point

    def _cell(self, lat: float, lon: float) -> tuple[int, int]:
        return math.floor(lat / self.CELL), math.floor(lon / self.CELL)

    def near(self, lat: float, lon: float, km: float) -> list[tuple[float, BasePoint]]:
        """Base places within ``km`` (at most ~50 km), nearest first."""
        row, col = self._cell(lat, lon)
        found = []
        for dr in (-1, 0, 1):
            for dc in (-1, 0, 1):
                for point in self.cells.get((row + dr, col + dc), []):
                    distance = haversine_km(lat, lon, point.lat, point.lon)
                    if distance <= km:
                        found.append((distance, point))
        found.sort(key=lambda t: t[0])
        return found


def _assign_context(parsed: ParsedLayer, grid: BaseGrid, declared: str | None) -> None:
    """Countries and ISO first-order divisions from the nearest base places.

    Places of one division in the file (same ``admin1`` name or
    ``admin1_group``) vote, each for its nearest base place's division, so
    a village near a border follows its own division, not its neighbour's.
    """
    votes: dict[tuple[str | None, str], Counter[tuple[str, str]]] = defaultdict(Counter)
    nearest: list[BasePoint | None] = []
    for place in parsed.places:
        country = place.country or declared
        near = grid.near(place.lat, place.lon, NEAREST_KM)
        if country:
            near = [(d, p) for d, p in near if p.country == country]
        point = near[0][1] if near else None
        nearest.append(point)
        group = place.admin1_group or place.admin1
        if point is not None and point.admin1_code and group:
            votes[(country or point.country, group)][(point.admin1_code, point.admin1 or "")] += 1
    chosen = {group: counter.most_common(1)[0][0] for group, counter in votes.items()}
    for place, point in zip(parsed.places, nearest, strict=True):
        if place.country is None:
            place.country = declared or (point.country if point else None)
        group = place.admin1_group or place.admin1
        if group and (place.country, group) in chosen:
            code, admin1 = chosen[(place.country, group)]
            place.admin1_code = code
            place.admin1 = place.admin1 or admin1 or None
        elif point is not None and point.country == place.country:
            place.admin1_code = point.admin1_code
            place.admin1 = place.admin1 or point.admin1


def _infer_country(places: Sequence[LayerPlace], grid: BaseGrid) -> None:
    """One country for a file that names none, when most places lie in it.

    A layer file usually covers one country: when 80% of its places have a
    nearest base place in one country, every place inside that country's
    bounding box gets it (a Golan village nearest an Israeli town stays in
    a Syrian file's Syria); the others keep their own nearest country.
    """
    votes: Counter[str] = Counter()
    for place in places:
        near = grid.near(place.lat, place.lon, NEAREST_KM)
        if near:
            votes[near[0][1].country] += 1
    if not votes:
        return
    top, count = votes.most_common(1)[0]
    if count < 0.8 * len(places):
        return
    box = country_bbox(top)
    for place in places:
        if box is None or _in_box(place.lat, place.lon, box):
            place.country = top


def _link(parsed: ParsedLayer, grid: BaseGrid, base: Gazetteer, folder: NameFolder) -> int:
    """Link each layer place to the base place it duplicates; returns how many were linked."""
    linked = 0
    for place in parsed.places:
        point: BasePoint | None = None
        if place.geonameid is not None:
            point = grid.by_geonameid.get(place.geonameid)
        if point is None:
            point = _same_place(place, grid, base, folder)
        if point is None:
            continue
        linked += 1
        place.base_geonameid = point.geonameid
    return linked


def _same_place(
    place: LayerPlace, grid: BaseGrid, base: Gazetteer, folder: NameFolder
) -> BasePoint | None:
    latin = [n for n in place.names if is_latin(n)]
    best: tuple[float, BasePoint] | None = None
    for spelling in latin[:4]:
        for candidate in base.lookup(spelling, limit=30):
            if candidate.kind != "place" or candidate.geonameid is None:
                continue
            if place.country and candidate.country != place.country:
                continue
            distance = haversine_km(place.lat, place.lon, candidate.lat, candidate.lon)
            if distance <= LINK_KM and (best is None or distance < best[0]):
                point = grid.by_geonameid.get(candidate.geonameid)
                if point is not None:
                    best = (distance, point)
    if best is not None:
        return best[1]
    for _distance, point in grid.near(place.lat, place.lon, LINK_SIMILAR_KM):
        if any(folder.match(spelling, point.name) for spelling in latin[:4]):
            return point
    return None


# --- writing and reading layer files -------------------------------------------------------


def rules_hash() -> str:
    """Hash of the transliteration rules the keys of a layer were made with."""
    return hashlib.sha256(rules_text().encode("utf-8")).hexdigest()[:16]


def default_layer_name(path: Path) -> str:
    """A layer name from a file name: ``ocha_syr_admin4_point_2015.geojson`` -> ``ocha-syr-…``."""
    stem = path.name.split(".")[0].lower()
    slug = re.sub(r"[^a-z0-9]+", "-", stem).strip("-")[:64]
    return slug or "layer"


def check_layer_name(name: str) -> str:
    """``name`` if it is a valid layer name, else :class:`SitrepError` E044."""
    if not LAYER_NAME.match(name) or name == "geonames":
        raise SitrepError(
            Errors.E044,
            name=name,
            reason="use lower-case letters, digits and hyphens (at most 64), not 'geonames'",
        )
    return name


def import_layer(
    parsed: ParsedLayer,
    layer_dir: Path,
    base: Gazetteer,
    *,
    name: str,
    country: str | None = None,
    licence: str | None = None,
    credit: str | None = None,
    source: str | None = None,
) -> LayerInfo:
    """Check, enrich and store a parsed layer as ``<layer_dir>/<name>.sqlite``.

    Method: rows outside the declared ``country``'s bounding box (countryinfo
    borders, with a quarter-degree margin; "latitude and longitude swapped?"
    when the swap fits) and repeated P-codes or GeoNames ids are skipped with
    warnings; countries and divisions come from the nearest base places, and
    each place is linked to the base entry it duplicates (same key within
    :data:`LINK_KM`, or a similar spelling within :data:`LINK_SIMILAR_KM`).
    The file is written beside the target and renamed over it, so an
    existing layer of that name stays intact until the new one is complete.
    ``base`` must be opened without layers. Raises :class:`SitrepError`
    E040 when no row could be imported, E044 for a bad name, E042 when the
    folder is not writable. Returns the new layer's :class:`LayerInfo`.
    """
    check_layer_name(name)
    country = country.upper() if country else None
    warnings = parsed.warnings
    box = country_bbox(country) if country else None
    if country and box is None:
        warnings.append(f"{parsed.path}: no borders known for country {country!r}; not checked")
    kept: list[LayerPlace] = []
    seen: dict[str, str] = {}
    for place in parsed.places:
        place_country = place.country or country
        place_box = (
            box
            if place_country == country
            else (country_bbox(place_country) if place_country else None)
        )
        where = f"{parsed.path}, {place.row}" + (f" ({place.pcode})" if place.pcode else "")
        if place_box is not None and not _in_box(place.lat, place.lon, place_box):
            hint = ""
            if _in_box(place.lon, place.lat, place_box):
                hint = " (latitude and longitude swapped?)"
            warnings.append(
                f"{where}, {place.name!r}: ({place.lat:.5f}, {place.lon:.5f}) lies outside "
                f"{place_country}{hint}; skipped"
            )
            continue
        for ident in (
            f"P-code {place.pcode}" if place.pcode else None,
            f"GeoNames id {place.geonameid}" if place.geonameid else None,
        ):
            if ident is None:
                continue
            if ident in seen:
                warnings.append(
                    f"{where}, {place.name!r}: duplicate {ident} (first at {seen[ident]}); skipped"
                )
                break
            seen[ident] = place.row
        else:
            kept.append(place)
    parsed.places = kept
    if not kept:
        raise SitrepError(
            Errors.E040,
            path=parsed.path,
            reason=f"no row could be imported ({len(warnings)} problem(s); first: "
            f"{warnings[0] if warnings else 'no rows'})",
        )
    countries = {c for p in kept if (c := p.country or country)}
    grid = BaseGrid(base.base_points(sorted(countries) or None))
    if country is None and not any(p.country for p in kept):
        _infer_country(kept, grid)
    _assign_context(parsed, grid, country)
    counts = Counter(p.country for p in kept if p.country)
    countries = set(counts)
    linked = _link(parsed, grid, base, base.folder)
    for place in kept:
        if place.base_geonameid is not None:
            point = grid.by_geonameid[place.base_geonameid]
            place.population = place.population or point.population
            place.admin1_code = point.admin1_code or place.admin1_code
            place.admin1 = place.admin1 or point.admin1
    if credit is None:
        credit = _default_credit(
            parsed, country or (counts.most_common(1)[0][0] if counts else None)
        )
    if licence is None:
        licence = (
            "CC BY-IGO"
            if parsed.looks_ocha
            else (
                "CC BY 4.0" if parsed.format.startswith("geonames") else "unknown (set --licence)"
            )
        )
    meta = {
        "schema": LAYER_SCHEMA,
        "name": name,
        "source": source or str(parsed.path.resolve()),
        "origin": parsed.source or "",
        "format": parsed.format,
        "columns": json.dumps(parsed.columns, ensure_ascii=False),
        "licence": licence,
        "credit": credit,
        "imported": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "country": country or ",".join(sorted(countries)),
        "rules": rules_hash(),
        "rows": str(parsed.rows),
        "linked": str(linked),
        "warnings": json.dumps(warnings[:MAX_KEPT_WARNINGS], ensure_ascii=False),
        "warning_count": str(len(warnings)),
    }
    target = Path(layer_dir) / f"{name}.sqlite"
    write_layer(target, kept, meta, base.folder, grid)
    return layer_info(target)


def _default_credit(parsed: ParsedLayer, country: str | None) -> str:
    if parsed.format.startswith("geonames"):
        return "GeoNames (geonames.org)"
    origin = (parsed.source or "").lower()
    if parsed.looks_ocha or "ocha" in origin or "ocha" in parsed.path.name.lower():
        where = ""
        if country:
            import pycountry

            found = pycountry.countries.get(alpha_2=country)
            where = f" {getattr(found, 'common_name', None) or found.name}" if found else ""
        return f"UN OCHA{where}, via HDX"
    return f"user layer from {parsed.path.name}"


def write_layer(
    path: Path,
    places: Sequence[LayerPlace],
    meta: dict[str, str],
    folder: NameFolder | None = None,
    grid: BaseGrid | None = None,
) -> Path:
    """Write a layer file atomically (temporary file, then rename) and return ``path``.

    Linked places take the base entry's name, feature and GeoNames id from
    ``grid`` (so outputs name the place as the base does), keeping their
    own spellings as names. Raises :class:`SitrepError` E042 when the folder
    is not writable.
    """
    folder = folder or default_folder()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise SitrepError(Errors.E042, path=path, reason=exc.strerror or exc) from exc
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        conn = sqlite3.connect(tmp)
        try:
            _write_tables(conn, places, meta, folder, grid)
        finally:
            conn.close()
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except (OSError, sqlite3.Error) as exc:
        raise SitrepError(Errors.E042, path=path, reason=exc) from exc
    finally:
        if tmp.exists():
            tmp.unlink()
    return path


_LAYER_TABLES = """
PRAGMA journal_mode = OFF;
PRAGMA synchronous = OFF;
CREATE TABLE meta (k TEXT PRIMARY KEY, v TEXT) WITHOUT ROWID;
CREATE TABLE places (
    id INTEGER PRIMARY KEY, name TEXT NOT NULL, own_name TEXT NOT NULL,
    lat REAL NOT NULL, lon REAL NOT NULL, feature TEXT, country TEXT,
    admin1 TEXT, admin1_code TEXT, admin2 TEXT, admin3 TEXT, pcode TEXT,
    population INTEGER, geonameid INTEGER, row TEXT,
    min_lat REAL, min_lon REAL, max_lat REAL, max_lon REAL, polygon TEXT
);
CREATE TABLE names (
    key TEXT NOT NULL, folded TEXT NOT NULL, place INTEGER NOT NULL, spelling TEXT NOT NULL,
    PRIMARY KEY (key, place, spelling)
) WITHOUT ROWID;
"""


def _write_tables(
    conn: sqlite3.Connection,
    places: Sequence[LayerPlace],
    meta: dict[str, str],
    folder: NameFolder,
    grid: BaseGrid | None,
) -> None:
    conn.executescript(_LAYER_TABLES)
    rows = []
    for number, place in enumerate(places, start=1):
        display, feature, geonameid = place.name, place.feature, place.geonameid
        point = (
            grid.by_geonameid.get(place.base_geonameid) if grid and place.base_geonameid else None
        )
        if point is not None:
            display, geonameid = point.name, point.geonameid
            feature = point.feature if point.feature in ("PPLC", "PPLA") else feature
        box: tuple[float | None, ...] = (None, None, None, None)
        if place.polygon:
            xs = [v[0] for poly in place.polygon for ring in poly for v in ring]
            ys = [v[1] for poly in place.polygon for ring in poly for v in ring]
            box = (min(ys), min(xs), max(ys), max(xs))
        rows.append(
            (
                number, display, place.name, place.lat, place.lon, feature, place.country,
                place.admin1, place.admin1_code, place.admin2, place.admin3, place.pcode,
                place.population, geonameid, place.row, *box,
                json.dumps(place.polygon, separators=(",", ":")) if place.polygon else None,
            )
        )  # fmt: skip
    conn.executemany(f"INSERT INTO places VALUES ({','.join('?' * 20)})", rows)
    conn.executemany("INSERT OR IGNORE INTO names VALUES (?,?,?,?)", _name_rows(places, folder))
    conn.execute("CREATE INDEX places_geonameid ON places (geonameid)")
    conn.execute("CREATE INDEX places_country ON places (country)")
    conn.execute("CREATE INDEX places_box ON places (min_lat, max_lat)")
    names = conn.execute("SELECT count(*) FROM names").fetchone()[0]
    conn.executemany(
        "INSERT INTO meta VALUES (?,?)",
        [*meta.items(), ("places", str(len(places))), ("names", str(names))],
    )
    conn.commit()
    conn.execute("VACUUM")


def _name_rows(
    places: Sequence[LayerPlace], folder: NameFolder
) -> Iterator[tuple[str, str, int, str]]:
    for number, place in enumerate(places, start=1):
        for spelling in dict.fromkeys(place.names):
            key = name_key(spelling, folder)
            if key:
                folded = folder.fold(spelling) or arabic_key(spelling)
                yield key, folded, number, spelling


def rekey_layer(path: Path, folder: NameFolder | None = None) -> None:
    """Recompute a layer's name keys after the transliteration rules changed (atomic)."""
    folder = folder or default_folder()
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        with open(path, "rb") as source, open(tmp, "wb") as copy:
            copy.write(source.read())
        conn = sqlite3.connect(tmp)
        try:
            spellings = conn.execute("SELECT place, spelling FROM names").fetchall()
            conn.execute("DELETE FROM names")
            rows = []
            for place, spelling in spellings:
                key = name_key(spelling, folder)
                if key:
                    rows.append(
                        (key, folder.fold(spelling) or arabic_key(spelling), place, spelling)
                    )
            conn.executemany("INSERT OR IGNORE INTO names VALUES (?,?,?,?)", rows)
            conn.execute("UPDATE meta SET v = ? WHERE k = 'rules'", (rules_hash(),))
            conn.commit()
        finally:
            conn.close()
        os.replace(tmp, path)
    finally:
        if tmp.exists():
            tmp.unlink()


def read_meta(path: Path) -> dict[str, str]:
    """A layer file's metadata; :class:`SitrepError` E040 when it is no layer file."""
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            meta = dict(conn.execute("SELECT k, v FROM meta").fetchall())
        finally:
            conn.close()
    except sqlite3.Error as exc:
        raise SitrepError(Errors.E040, path=path, reason=f"not a sitrep layer ({exc})") from exc
    if meta.get("schema") != LAYER_SCHEMA:
        raise SitrepError(
            Errors.E040,
            path=path,
            reason=f"layer schema {meta.get('schema')!r}, expected {LAYER_SCHEMA}; import it again",
        )
    return meta


def layer_info(path: Path) -> LayerInfo:
    """The :class:`LayerInfo` of one layer file."""
    meta = read_meta(path)
    return LayerInfo(
        name=meta.get("name", path.stem),
        path=path,
        places=int(meta.get("places", "0")),
        names=int(meta.get("names", "0")),
        source=meta.get("source", ""),
        format=meta.get("format", ""),
        licence=meta.get("licence", ""),
        credit=meta.get("credit", ""),
        imported=meta.get("imported", ""),
        country=meta.get("country") or None,
        columns=json.loads(meta.get("columns") or "{}"),
        warnings=json.loads(meta.get("warnings") or "[]"),
        linked=int(meta.get("linked", "0")),
        size_bytes=path.stat().st_size,
    )


def layer_paths(layer_dir: Path, names: Sequence[str] | None = None) -> list[Path]:
    """Layer files in ``layer_dir``: all (sorted by name) or the ``names`` given, in order.

    Raises :class:`SitrepError` E045 for a named layer that is not installed.
    """
    layer_dir = Path(layer_dir)
    if names is None:
        return sorted(layer_dir.glob("*.sqlite")) if layer_dir.is_dir() else []
    paths = []
    for name in names:
        path = layer_dir / f"{name}.sqlite"
        if not path.is_file():
            raise SitrepError(Errors.E045, name=name, path=layer_dir)
        paths.append(path)
    return paths


def list_layers(layer_dir: Path) -> list[LayerInfo]:
    """Every installed layer's :class:`LayerInfo` (unreadable files are left out)."""
    found = []
    for path in layer_paths(layer_dir):
        try:
            found.append(layer_info(path))
        except SitrepError:
            continue
    return found


def remove_layer(layer_dir: Path, name: str) -> Path:
    """Delete an installed layer; raises :class:`SitrepError` E045 when there is none."""
    path = layer_paths(layer_dir, [name])[0]
    path.unlink()
    return path


def layer_credit(meta: dict[str, str]) -> str:
    """The attribution line of a layer for report credits."""
    licence = meta.get("licence") or ""
    suffix = f" ({licence})" if licence and not licence.startswith("unknown") else ""
    return f"Place layer '{meta.get('name')}': {meta.get('credit')}{suffix}."
