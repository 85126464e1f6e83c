"""Score sitrep's geocoding on TR-News and GeoVirus (toponyms with coordinates).

Data (``shared/eval/geo``): TR-News (Kamalloo & Rafiei, WWW 2018; 118
articles, ``<article><text>…<toponyms><toponym><phrase><start><end><gaztag
geonameid><lat><lon>``) and GeoVirus (Gritta et al., LREV 2018; 229 WikiNews
articles, ``<article><text>…<locations><location><name><start><end><lat>
<lon>``). Both as redistributed with Gritta et al., "A Pragmatic Guide to
Geoparsing Evaluation".

Scoring follows ``shared/eval/README.md`` and the geoparsing literature:

* ``coverage`` — share of gold toponyms whose span overlaps a resolved mention;
* ``acc161`` — share of the matched ones resolved within 161 km (100 miles);
* ``acc161_local`` — the same without places resolved to a country, continent,
  region or sea (whose centre points differ from source to source);
* ``geonameid_accuracy`` — share of matched gold toponyms with a GeoNames id
  whose resolved place has that id;
* ``coverage_names`` — coverage without gold toponyms that are demonyms or
  adjectives ("Turkish" -> Turkey): TR-News codes those, sitrep deliberately
  treats them as actors.

The pipeline runs for real (spaCy model, ``sitrep_toponyms``, then
:func:`~sitrep.geo.resolve.resolve_toponyms`); sitrep's other stages are
switched off for speed. Limits: end-to-end (recognition and resolution
together), not with gold spans as Mordecai 3's 87.3% acc@161 on TR-News is.
"""

from __future__ import annotations

import math
import time
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sitrep.errors import Errors, SitrepError
from sitrep.geo.index import haversine_km
from sitrep.geo.resolve import resolve_toponyms
from sitrep.nlp.pipeline import COMPONENTS
from sitrep.types import Place

if TYPE_CHECKING:
    from sitrep.api import Extractor

#: Great-circle distance under which a resolution counts as right.
ACC_KM = 161.0
#: Features whose single point differs between sources by more than 161 km
#: (countries, continents, regions, seas); ``acc161_local`` leaves them out.
_WIDE_FEATURES = frozenset({"PCLI", "CONT", "RGN", "PEN", "SEA", "OCN", "STRT"})


@dataclass(frozen=True, slots=True)
class GoldToponym:
    """One gold toponym: character span, coordinates, GeoNames id when given."""

    start: int
    end: int
    phrase: str
    lat: float
    lon: float
    geonameid: int | None


@dataclass(frozen=True, slots=True)
class GoldArticle:
    """One article's text and its gold toponyms."""

    id: str
    text: str
    toponyms: tuple[GoldToponym, ...]


def _float(node: ET.Element | None) -> float | None:
    if node is None or node.text is None:
        return None
    try:
        return float(node.text.strip())
    except ValueError:
        return None


def read_gold(path: Path) -> Iterator[GoldArticle]:
    """Read TR-News (``<toponyms>``) or GeoVirus (``<locations>``) XML articles."""
    root = ET.parse(path).getroot()
    for number, article in enumerate(root.iter("article")):
        text_node = article.find("text")
        text = text_node.text if text_node is not None and text_node.text else ""
        gold: list[GoldToponym] = []
        for item in [*article.iter("toponym"), *article.iter("location")]:
            gaztag = item.find("gaztag")
            holder = gaztag if gaztag is not None else item
            lat, lon = _float(holder.find("lat")), _float(holder.find("lon"))
            start, end = _float(item.find("start")), _float(item.find("end"))
            if lat is None or lon is None or start is None or end is None:
                continue
            phrase_node = item.find("phrase")
            if phrase_node is None:
                phrase_node = item.find("name")
            gid = gaztag.get("geonameid") if gaztag is not None else None
            gold.append(
                GoldToponym(
                    start=int(start),
                    end=int(end),
                    phrase=(phrase_node.text or "").strip() if phrase_node is not None else "",
                    lat=lat,
                    lon=lon,
                    geonameid=int(gid) if gid and gid.isdigit() else None,
                )
            )
        yield GoldArticle(id=article.get("docid") or str(number), text=text, toponyms=tuple(gold))


def evaluate_geo(
    path: Path | str, extractor: Extractor, *, limit: int | None = None
) -> dict[str, Any]:
    """Geocode every article of ``path`` and score it (see the module docstring).

    ``limit`` keeps the first N articles (a fixed subset, for a quick gate).
    Returns the scores with counts and seconds. Raises :class:`SitrepError`
    E030 when the file is missing.
    """
    path = Path(path)
    if not path.is_file():
        raise SitrepError(Errors.E030, path=path)
    articles = list(read_gold(path))
    if limit is not None:
        articles = articles[:limit]
    nlp = extractor.nlp
    off = [name for name in COMPONENTS if name != "sitrep_toponyms" and name in nlp.pipe_names]
    gazetteer = extractor.gazetteer
    gold_total = matched = within = with_id = id_right = 0
    names_total = names_matched = 0
    local = local_within = 0
    errors: list[float] = []
    started = time.perf_counter()
    with nlp.select_pipes(disable=off):
        docs = nlp.pipe((a.text for a in articles), batch_size=8)
        for article, doc in zip(articles, docs, strict=True):
            geo = resolve_toponyms(list(doc._.sitrep_toponyms), article.text, gazetteer)
            by_id = {p.id: p for p in geo.places}
            for gold in article.toponyms:
                gold_total += 1
                adjective = gazetteer.demonym_country(gold.phrase) is not None
                names_total += 0 if adjective else 1
                place = _place_overlapping(geo.by_mention, by_id, gold)
                if place is None:
                    continue
                matched += 1
                names_matched += 0 if adjective else 1
                km = haversine_km(gold.lat, gold.lon, place.lat, place.lon)
                errors.append(km)
                within += km <= ACC_KM
                if place.feature not in _WIDE_FEATURES:
                    local += 1
                    local_within += km <= ACC_KM
                if gold.geonameid is not None:
                    with_id += 1
                    id_right += place.geonameid == gold.geonameid
    seconds = time.perf_counter() - started
    errors.sort()
    return {
        "file": path.name,
        "articles": len(articles),
        "gold_toponyms": gold_total,
        "matched": matched,
        "coverage": _ratio(matched, gold_total),
        "coverage_names": _ratio(names_matched, names_total),
        "acc161": _ratio(within, matched),
        "acc161_local": _ratio(local_within, local),
        "geonameid_accuracy": _ratio(id_right, with_id) if with_id else None,
        "median_error_km": round(errors[len(errors) // 2], 1) if errors else None,
        "auc_log_error": _auc(errors),
        "seconds": round(seconds, 1),
    }


def _place_overlapping(
    by_mention: dict[tuple[int, int], str], by_id: dict[str, Place], gold: GoldToponym
) -> Place | None:
    """The place of the resolved mention overlapping ``gold`` the most.

    When several mentions overlap one gold span ("Australia" inside the
    relative phrase "northeast of Australia" and the name itself), the one
    sharing the most characters with it is scored, not whichever came first.
    """
    best: tuple[int, int] | None = None
    best_id: str | None = None
    for (start, end), place_id in by_mention.items():
        shared = min(end, gold.end) - max(start, gold.start)
        if shared <= 0:
            continue
        # More shared characters first, then the tighter mention.
        rank = (shared, -(end - start))
        if best is None or rank > best:
            best, best_id = rank, place_id
    return by_id.get(best_id) if best_id is not None else None


def _ratio(part: int, whole: int) -> float:
    return round(part / whole, 4) if whole else 0.0


def _auc(errors: list[float]) -> float | None:
    """Area under the curve of log(1 + km) errors, scaled 0..1 (lower is better; Gritta 2018)."""
    if not errors:
        return None
    top = math.log(20039 + 1)
    return round(sum(math.log(1 + e) for e in errors) / (len(errors) * top), 4)


#: The gold files :func:`evaluate_geo_folder` looks for, in this order.
GOLD_FILES = ("TR-News.xml", "GeoVirus.xml")


def evaluate_geo_folder(
    path: Path | str, extractor: Extractor, *, limit: int | None = None
) -> dict[str, Any]:
    """:func:`evaluate_geo` on one gold file, or on each of :data:`GOLD_FILES` in a folder.

    Returns ``{"files": [result, ...]}``. Raises :class:`SitrepError` E030 when
    nothing is found.
    """
    path = Path(path)
    files = [path] if path.is_file() else [path / n for n in GOLD_FILES if (path / n).is_file()]
    if not files:
        raise SitrepError(Errors.E030, path=path)
    return {"files": [evaluate_geo(f, extractor, limit=limit) for f in files]}


def format_geo(result: dict[str, Any]) -> str:
    """A Markdown table of :func:`evaluate_geo_folder`'s scores, one row per file."""
    lines = [
        "| file | articles | gold toponyms | coverage | acc@161 km | acc@161 km (towns) "
        "| GeoNames id | median error km |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for row in result["files"]:
        gid = row["geonameid_accuracy"]
        lines.append(
            f"| {row['file']} | {row['articles']} | {row['gold_toponyms']} "
            f"| {row['coverage']:.3f} | {row['acc161']:.3f} | {row['acc161_local']:.3f} "
            f"| {'-' if gid is None else f'{gid:.3f}'} | {row['median_error_km']} |"
        )
    return "\n".join(lines)
