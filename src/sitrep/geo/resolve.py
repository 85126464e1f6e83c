"""Resolve a document's toponyms to places, with the whole document as context.

Method (in the spirit of document-level geoparsers such as Mordecai 3 and
CLAVIN, but rule-based and offline):

1. every toponym is looked up by its transliteration key
   (:meth:`Gazetteer.lookup`); mentions with one key are resolved together;
   a name shared by a first-order division and a town is read per mention
   from its words (``division_cues.json``: "New York Gov.", "Quebec's
   premier", "Buffalo, New York", a list of divisions -> the division;
   "New York-based" -> the town), one sense per discourse (a bare "in New
   York" in a story that wrote "New York state" is the state, unless the
   division's seat bears the name: "Homs governor ... in Homs" is the
   city), and a word-like dotted abbreviation after
   a place and a comma ("Churchill, Man.", "PARIS, Mo.";
   ``dotted_divisions.json``) is its division, anywhere else no place;
2. the document's *focus countries* are those most named or most likely
   (country mentions count three times; when only governments are named,
   "the UK's regulator", they vote once per mention; when the names give
   fewer than three votes, each country a demonym names, "Syrian
   government forces", adds one);
3. each candidate is scored by population, exact spelling, focus country,
   feature cues ("the town of", "province", "Mount"), and closeness to the
   other places of the document; relative phrases ("west of the city") and
   containers ("in Aleppo countryside", "London's Heathrow") restrict
   candidates to those near or inside their anchor; three passes let the
   choices settle. Namesakes are weighed: a small home town does not take a
   world capital's name ("Paris" in an American story; none at all when the
   story names France) or a division's ("Oregon", "Ontario") without local
   evidence, a small village abroad that nothing in the text supports
   loses to another country's division or large town of that name, and a
   run-together alias ("Shabwa" for Sha Bwa) counts as a key match, not an
   exact spelling ("Shabwa" is Yemen's Shabwah), a place or county inside
   a division the text names gains
   ("London" with "Ky.", "Crawford County" with Pennsylvania) unless a far
   larger town of its country owns the name ("Boston" with New York named)
   or it bears the name only as an alias ("Pittsburgh" for Pittsburg,
   California), a division seat that has an "X City" form of its own
   ("Quebec City") leaves the bare name to its division, a country sharing
   a division's name ("Georgia") competes on the document's weights, and a
   user layer's entry wins near ties with a base entry of the same name.
   Names shared by notable towns in two countries ("London", "Edmonton")
   do not vote for the story's country until read, and are read by their
   closeness to the notable readings of the story's other names, chosen or
   not ("Edmonton ... an east London hospital" is north London). "The city
   of X" is never a country; a small town reached by an alias only, far
   from the story's places and outside the divisions it names, or a small
   town of an otherwise unsupported country a continent away from all the
   story's places, is no reading; loose spellings must lie inside the
   divisions a story names when it names no town;
   A town of a Latin-script country (``latin_script_countries`` in
   ``place_cues.json``) reached only by a transliteration key or a looser
   match needs another name of the story placed in that country ("Tulsah"
   is no Tulsa, Oklahoma), and a name written as "X city" or listed after
   "the cities of" is never the division sharing a seat's name;
4. names without an acceptable entry are looked up loosely, inside the focus
   countries only; failing that, they fall back to their anchor, a
   container written after them in the sentence ("X village in Y area in
   the countryside of Z", "in Z province": Z, a town or a division; Y may
   be a name no stage took), the known place inside their name when it
   lies near the story's places ("Victoria Park" in a London, Ontario
   story is no park of Victoria, B.C.), the place a sentence describing
   them names ("X is the site of an old battle in what is now eastern Turkey",
   "X, a village near Y"; a country too), or the nearest preceding place
   or division named as a setting (with no town named, the county the
   story names), at geo_precision 2 (3 for a division), and a
   name with no such context stays unresolved — one
   unknown name never empties the other results. A name written before a
   division or country and a comma ("Holliday, Missouri") is never read as
   a namesake elsewhere: with no such town there, it falls back to the
   division. American counties are second-order divisions of the base layer
   ("Black Hawk County", "Plymouth Co."); other "X County" names are their
   namesake town only near the document's places, else they fall back the
   same way.

Limits: the base layer lacks neighbourhoods, mountains, facilities and
most counties outside the United States (ISO 3166-2 lists second-order
units such as British counties for some 30 countries only; the others fall
back unless a user layer has them); country points are countryinfo's,
division points ISO 3166-2's and county points medians of ZIP codes, not
GeoNames' (the largest share of TR-News's remaining distance errors);
proximity is to other chosen places only (for names shared abroad, also to
the other names' notable readings); a story whose only place is a shared
name ("London police say", with nothing else Canadian but the police
ranks) keeps the larger town.
"""

from __future__ import annotations

import bisect
import functools
import json
import math
import re
import threading
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field, fields
from importlib import resources

from sitrep.geo.gazetteer import (
    MATCH_EXACT,
    MATCH_FUZZY,
    MATCH_KEY,
    MATCH_SKELETON,
    Candidate,
    Gazetteer,
)
from sitrep.geo.index import haversine_km
from sitrep.geo.names import default_folder
from sitrep.lexicons import load_lexicon
from sitrep.types import Place, Span, Toponym

#: Words that may trail or lead a name inside a toponym span ("Idlib province").
_GENERIC_SUFFIX = re.compile(
    r"\s+(?:province|governorate|countryside|district|region|area|areas|neighbou?rhood|"
    r"city|town|village|camp|municipality|oblast|state|county|suburbs?|outskirts)$",
    re.IGNORECASE,
)
_LEADING = re.compile(r"^(?:the\s+)", re.IGNORECASE)
#: A division's generic word written before its name ("the County of Brant").
_GENERIC_PREFIX = re.compile(
    r"^(?P<word>county|province|governorate|district|region|municipality|oblast)\s+of\s+(?=\S)",
    re.IGNORECASE,
)
_POSSESSIVE = re.compile(r"(?:'s|’s|'|’)$")
_SUFFIX_HINT = {
    "province": "province",
    "governorate": "province",
    "oblast": "province",
    "state": "province",
    "countryside": "province",
    "region": "region",
    "district": "region",
    "neighborhood": "neighbourhood",
    "neighbourhood": "neighbourhood",
    "city": "city",
    "town": "town",
    "village": "village",
    "camp": "facility",
    "suburb": "neighbourhood",
    "suburbs": "neighbourhood",
    "outskirts": "region",
    "area": "area",
    "areas": "area",
    "county": "county",
    "municipality": "town",
}
#: Unit vectors (east, north) of compass words.
_DIRECTIONS = {
    "north": (0.0, 1.0),
    "south": (0.0, -1.0),
    "east": (1.0, 0.0),
    "west": (-1.0, 0.0),
    "northeast": (0.7071, 0.7071),
    "northwest": (-0.7071, 0.7071),
    "southeast": (0.7071, -0.7071),
    "southwest": (-0.7071, -0.7071),
}
_SMALL_HINTS = {"neighbourhood", "village", "town", "mountain", "facility", "area"}
#: A county (second-order division, absent from the base gazetteer) is only
#: read as its namesake town this close to a place the document names.
_COUNTY_TOWN_KM = 100.0
#: A loose (skeleton or fuzzy) match must lie this close to another place of the text.
_LOOSE_RADIUS_KM = 250.0
#: How far back (characters) a name counts as "just mentioned" for a fallback.
_RECENT_CHARS = 300
#: Past this distance from its anchor a candidate cannot be "west of the city".
_ANCHOR_LIMIT_KM = 60.0
#: A place this large may be named abroad with no other hint of its country.
_ABROAD_MIN_POPULATION = 100_000
#: A place this large may be named abroad by an alternate name ("Mecca" for Makkah).
_ABROAD_ALIAS_POPULATION = 1_000_000
#: Sub-national mentions a country needs before a document counts as set in it.
_CLEAR_FOCUS_MIN = 3
#: A country with less than this share of the top country's weight is "abroad".
_FOCUS_SHARE = 0.3
#: A compass word before a name ("eastern Homs", "North-West Aleppo") that is no part of it.
_COMPASS_PREFIX = re.compile(
    r"^(?:(?:north|south)(?:[\s-]?(?:east|west))?(?:ern)?|east(?:ern)?|west(?:ern)?|"
    r"central|rural|greater|upper|lower)\s+(?=\S)",
    re.IGNORECASE,
)
#: All-capital words this short are read as acronyms ("SANA", "AP") unless spelled exactly.
_ACRONYM_MAX_LETTERS = 4
#: A namesake abroad this large (or a capital) is what a bare name means by default...
_FAMOUS_POPULATION = 1_000_000
#: ...when it is this many times larger than the home candidate ("Paris" vs Paris, Kentucky).
_FAMOUS_RATIO = 50
#: Share of the focus-country bonus a small home namesake of a famous place keeps.
_FAMOUS_FOCUS_SHARE = 0.25
#: A home place this small loses a bare name to a division abroad named so ("Ontario").
_DIVISION_NAMESAKE_MAX_POPULATION = 200_000
#: Bonus for a place inside a first-order division the document names ("London" with "Ky.").
_INSIDE_NAMED_DIVISION = 0.6
#: Prominence of a second-order division ("Surrey"): below a first-order one, like a city
#: of about a million people, so that its country's focus decides against namesakes abroad.
_ADMIN2_PRIOR = 0.85
#: A layer's village reached by a spelling variant only must lie this close to the story's places.
_LAYER_GUESS_RADIUS_KM = 60.0
#: A user layer's entry wins over a base entry of the same name scoring this much more.
_LAYER_MARGIN = 0.5
#: Words just before a name that make it a settlement ("the city of X", "the town of X"):
#: not a country, a continent or a region of that name. Only right after "the": "the
#: largest city of Syria" names a container, not a namesake.
_SETTLEMENT_BEFORE = re.compile(
    r"(?<![\w-])the\s+(?:city|town|village|hamlet|township)\s+of\s+$", re.IGNORECASE
)


@dataclass(slots=True)
class GeoResolution:
    """Places of a document and which mention resolved to which place id.

    ``focus`` lists the document's focus countries (ISO alpha-2), strongest first.
    """

    places: list[Place] = field(default_factory=list)
    by_mention: dict[tuple[int, int], str] = field(default_factory=dict)
    focus: list[str] = field(default_factory=list)

    def place_for(self, span: Span | None) -> str | None:
        """The id of the place resolved for a mention overlapping ``span``."""
        if span is None:
            return None
        exact = self.by_mention.get((span.start, span.end))
        if exact is not None:
            return exact
        for (start, end), place_id in self.by_mention.items():
            if start < span.end and span.start < end:
                return place_id
        return None

    def place(self, place_id: str | None) -> Place | None:
        """The :class:`Place` with this id, or None."""
        return next((p for p in self.places if p.id == place_id), None)


@dataclass(slots=True)
class _Group:
    """Mentions sharing one transliteration key, resolved together."""

    key: str
    query: str
    toponyms: list[Toponym]
    hints: set[str]
    candidates: list[Candidate]
    chosen: Candidate | None = None
    why: str = ""
    fallback: Candidate | None = None
    fallback_precision: int = 2
    offset: tuple[float, float] | None = None
    # Memo of _vote's likeliest entry, valid while len(candidates) is likeliest_of
    # (candidates only ever grow): _focus asks every group for every group.
    likeliest: Candidate | None = None
    likeliest_of: int = -1
    # Ids of division seats that also answer "<query> City" ("Quebec City").
    city_form: frozenset[int] = frozenset()
    # Spans of mentions written before their container and a comma ("Holliday, Missouri").
    comma_anchored: set[tuple[int, int]] = field(default_factory=set)
    # Whether towns of this very name are notable in two countries or more (see _shared_abroad).
    shared_abroad: bool = False
    # Memo of _notable_countries, valid while len(candidates) is notable_of.
    notable: frozenset[str] = frozenset()
    notable_of: int = -1

    @property
    def countries(self) -> set[str]:
        """Countries a demonym puts the name in ("the Syrian border town of X")."""
        return {t.country_hint for t in self.toponyms if t.country_hint}


_CANDIDATE_SLOTS: tuple[str, ...] = tuple(f.name for f in fields(Candidate))


def _clone(c: Candidate) -> Candidate:
    """A shallow copy of ``c``, slot by slot.

    ``copy.copy`` of a slotted dataclass goes through its pickling state and
    cost a sixth of a warm document's geocoding; this is several times cheaper.
    """
    new = object.__new__(Candidate)
    for name in _CANDIDATE_SLOTS:
        object.__setattr__(new, name, getattr(c, name))
    return new


class _LookupMemo:
    """Gazetteer answers kept between documents, for the gazetteer used last.

    Resolution asks for the same names article after article ("Syria",
    "Aleppo"), and an open gazetteer's answer to a name never changes.
    Callers get fresh copies of the stored entries, as from the gazetteer
    itself: resolution extends candidate lists in place and tells groups'
    choices apart by identity (``is``). Limits: one gazetteer at a time
    (another one starts the memo over); past ``size`` questions it starts
    over too.
    """

    def __init__(self, size: int = 20_000) -> None:
        self.size = size
        self.gazetteer: Gazetteer | None = None
        self.answers: dict[tuple[str, str, int | None, tuple[str, ...]], list[Candidate]] = {}
        self.lock = threading.Lock()

    def lookup(self, gazetteer: Gazetteer, name: str, limit: int | None = None) -> list[Candidate]:
        """``gazetteer.lookup(name)`` (with ``limit`` when given), remembered."""
        key = ("lookup", name, limit, ())
        found = self._get(gazetteer, key)
        if found is None:
            found = gazetteer.lookup(name) if limit is None else gazetteer.lookup(name, limit=limit)
            self._put(gazetteer, key, found)
            return found
        return [_clone(c) for c in found]

    def fuzzy_lookup(
        self, gazetteer: Gazetteer, name: str, countries: Sequence[str]
    ) -> list[Candidate]:
        """``gazetteer.fuzzy_lookup(name, countries)``, remembered."""
        key = ("fuzzy", name, None, tuple(countries))
        found = self._get(gazetteer, key)
        if found is None:
            found = gazetteer.fuzzy_lookup(name, countries)
            self._put(gazetteer, key, found)
            return found
        return [_clone(c) for c in found]

    def _get(
        self, gazetteer: Gazetteer, key: tuple[str, str, int | None, tuple[str, ...]]
    ) -> list[Candidate] | None:
        with self.lock:
            if gazetteer is not self.gazetteer:
                return None
            return self.answers.get(key)

    def _put(
        self,
        gazetteer: Gazetteer,
        key: tuple[str, str, int | None, tuple[str, ...]],
        found: list[Candidate],
    ) -> None:
        with self.lock:
            if gazetteer is not self.gazetteer or len(self.answers) >= self.size:
                self.gazetteer, self.answers = gazetteer, {}
            self.answers[key] = list(found)


_LOOKUPS = _LookupMemo()


#: Dotted division abbreviations that are also words ("Man.", "Mo."): data, see the file.
_DOTTED_DIVISIONS_FILE = "dotted_divisions.json"
#: What a dotted abbreviation must follow to name a division: a capitalised word and a comma.
_AFTER_PLACE = re.compile(r"[A-Z][\w'’.-]*[ \t]*,[ \t]*$")


@functools.lru_cache(maxsize=1)
def _dotted_table() -> dict[str, str]:
    data = json.loads(
        (resources.files("sitrep") / "data" / _DOTTED_DIVISIONS_FILE).read_text(encoding="utf-8")
    )
    return {abbr: code for code, abbrs in data["after_place"].items() for abbr in abbrs}


def dotted_abbreviation(text: str, start: int) -> str | None:
    """The ISO 3166-2 code of a word-like division abbreviation spelled at ``start``.

    Method: ``text`` at ``start`` spells one of ``dotted_divisions.json``'s
    abbreviations ("Man.", "Mo.", "Wash."; as written or in capitals) with
    its dot, and no letter or digit follows. Says nothing about whether it
    names the division there: see :func:`dotted_division`.
    """
    for abbr, code in _dotted_table().items():
        end = start + len(abbr)
        if text[start:end] in (abbr, abbr.upper()) and (
            end == len(text) or not text[end].isalnum()
        ):
            return code
    return None


def dotted_division(text: str, start: int) -> str | None:
    """The division a word-like dotted abbreviation at ``start`` names, else None.

    "Churchill, Man." is Manitoba and "PARIS, Mo." Missouri: the
    abbreviation (see :func:`dotted_abbreviation`) follows a capitalised
    word and a comma. Limits: "Man." after any capitalised word and a comma
    counts ("Yes, Man."); the dot is required ("Mo" alone is never Missouri).
    """
    code = dotted_abbreviation(text, start)
    if code is None or not _AFTER_PLACE.search(text[max(0, start - 60) : start]):
        return None
    return code


#: Words around a name that show it is used for a division ("New York Gov."): data.
_DIVISION_CUES_FILE = "division_cues.json"
#: What separates the items of a list of places ("Alberta, Saskatchewan and Quebec").
_LIST_SEPARATOR = re.compile(r"^\s*(?:,\s*(?:and\s+|or\s+)?|and\s+|or\s+|&\s*)$")
#: A place this close to a town named like a division has that town as its container.
_CONTAINER_TOWN_KM = 30.0
#: What separates a place from its division written after it ("Buffalo, New York").
_COMMA = re.compile(r"^\s*,\s*$")


@functools.lru_cache(maxsize=1)
def _reading_cue_patterns() -> dict[str, tuple[re.Pattern[str], re.Pattern[str]]]:
    """Per reading ("division", "city"): patterns of its words after and before a name."""
    data = json.loads(
        (resources.files("sitrep") / "data" / _DIVISION_CUES_FILE).read_text(encoding="utf-8")
    )

    def alternation(words: list[str]) -> str:
        return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))

    patterns: dict[str, tuple[re.Pattern[str], re.Pattern[str]]] = {}
    for reading in ("division", "city"):
        words = data[reading]
        patterns[reading] = (
            # Used with match(text, pos): no "^", which would only match at 0.
            re.compile(rf"(?:['’]s)?(?:\s+|(?=-))(?i:{alternation(words['after'])})(?!\w)"),
            re.compile(rf"(?<![\w-])(?i:{alternation(words['before'])})\s+(?:the\s+)?$"),
        )
    return patterns


def _shares_name_with_city(candidates: Sequence[Candidate]) -> bool:
    """Whether a division's exact name is also a seat's or a large town's ("Damascus").

    "New Jersey" (no notable town of that name) does not qualify.
    """
    return any(c.kind in ("admin1", "admin2") and c.match == MATCH_EXACT for c in candidates) and (
        not _is_plain_division(candidates)
    )


def _is_plain_division(candidates: Sequence[Candidate]) -> bool:
    """Whether exact entries of a name are a first-order division and no notable town.

    "Saskatchewan", "Utah", "Pennsylvania" qualify; "Aleppo", "Quebec" or
    "New York" (their seats share the name) and "Virginia" (a South African
    town of 120,000) do not.
    """
    divisions = [c for c in candidates if c.kind == "admin1" and c.match == MATCH_EXACT]
    return bool(divisions) and not any(
        c.kind == "place"
        and c.match == MATCH_EXACT
        and (c.feature in ("PPLA", "PPLC") or c.population >= _ABROAD_MIN_POPULATION)
        for c in candidates
    )


def _reading_cues(
    toponyms: Sequence[Toponym], text: str, gazetteer: Gazetteer
) -> dict[tuple[int, int], str]:
    """Hints ("province" or "city") for names shared by a division and a town, by their words.

    Method: only names with both an exact first-order division and an exact
    town entry are considered ("Quebec", "New York", "Washington"). Such a
    mention is the division (hint "province", resolved apart) when it is
    written after a place and a comma ("Buffalo, New York": the toponym
    stage anchors the place to it), when a division word of
    ``division_cues.json`` follows or precedes it ("New York Gov.",
    "Quebec's premier", "the governor of New York"), or when it is listed
    next to a division that shares its name with no notable town
    ("Alberta, Saskatchewan and Quebec"; "Utah, Pennsylvania, Washington").
    It is the town (hint "city") when a city word follows or precedes it
    ("a New York-based squad", "downtown Quebec"). Limits: English cues;
    one neighbour on either side of a list is looked at.
    """
    patterns = _reading_cue_patterns()
    after, before = patterns["division"]
    city_after, city_before = patterns["city"]
    hints: dict[tuple[int, int], str] = {}
    ordered = [t for t in toponyms if t.rule != "relative"]
    uncued: list[Toponym] = []  # shared names read neither way by their own words

    def exact(t: Toponym) -> list[Candidate]:
        name = clean_name(t.span.text)[0]
        return [c for c in _LOOKUPS.lookup(gazetteer, name) if c.match == MATCH_EXACT]

    for i, t in enumerate(ordered):
        if text[t.span.start : t.span.end] != t.span.text:
            continue  # spans index another text: read nothing into them
        candidates = exact(t)
        if not (
            any(c.kind == "admin1" for c in candidates)
            and any(c.kind == "place" for c in candidates)
        ):
            continue
        key = (t.span.start, t.span.end)
        preceding = text[max(0, t.span.start - 40) : t.span.start]
        cued = bool(after.match(text, t.span.end) or before.search(preceding))
        towns = [c for c in candidates if c.kind == "place"]
        cued = cued or any(
            u.anchor is not None
            and (u.anchor.start, u.anchor.end) == key
            and u.span.end <= t.span.start
            and _COMMA.match(text[u.span.end : t.span.start])
            # "Queens, New York" is the city: the place written first lies in the town.
            and not any(
                haversine_km(c.lat, c.lon, o.lat, o.lon) <= _CONTAINER_TOWN_KM
                for c in exact(u)
                if c.kind == "place"
                for o in towns
            )
            for u in ordered
        )
        # "Washington, Pennsylvania and California": a list of two divisions or more
        # around the name makes it one too, whatever "Name, Division" might say.
        cued = (
            cued or sum(_is_plain_division(exact(u)) for u in _list_around(i, ordered, text)) >= 2
        )
        for j in (i - 1, i + 1):
            if cued or not 0 <= j < len(ordered):
                continue
            u = ordered[j]
            if (t.anchor is not None and t.anchor.start == u.span.start) or (
                u.anchor is not None and u.anchor.start == t.span.start
            ):
                continue  # a place and its container, not a list
            if j > i and any(
                c.kind == "admin1" and any(o.admin1_code == c.admin1_code for o in towns)
                for c in exact(u)
            ):
                continue  # "Washington, D.C.": the town of that name in the division after it
            gap = text[u.span.end : t.span.start] if j < i else text[t.span.end : u.span.start]
            cued = bool(_LIST_SEPARATOR.match(gap)) and _is_plain_division(exact(u))
        if cued:
            hints[key] = "province"
        elif city_after.match(text, t.span.end) or city_before.search(preceding):
            hints[key] = "city"
        else:
            uncued.append(t)
    # One sense per discourse: a story that writes "New York state" or "Buffalo,
    # New York" means the state by a bare "in New York" too; a name acting as a
    # government ("Washington warned") stays the capital, and a division's seat
    # of the very same name ("Homs governor ... in Homs") stays the town.
    fold = default_folder().fold
    divisions = {
        fold(clean_name(t.span.text)[0]) for t in ordered if hints.get(_key(t)) == "province"
    }
    for t in uncued:
        name, own_hint = clean_name(t.span.text)
        if (
            t.role == "place"
            and own_hint is None
            and t.feature_hint is None
            and fold(name) in divisions
            and not _seat_named_so(name, exact(t))
        ):
            hints[_key(t)] = "province"
    return hints


def _seat_named_so(name: str, candidates: Sequence[Candidate]) -> bool:
    """Whether a division's seat bears the division's ``name`` ("Homs"; "Raqqa", Ar Raqqah).

    Compared by transliteration key: "New York City" is not so named.
    """
    key = default_folder().key
    codes = {c.admin1_code for c in candidates if c.kind == "admin1"}
    return any(
        c.kind == "place"
        and c.feature in ("PPLA", "PPLC")
        and c.admin1_code in codes
        and key(c.name) == key(name)
        for c in candidates
    )


def _key(t: Toponym) -> tuple[int, int]:
    return (t.span.start, t.span.end)


#: Items looked at on either side of a name in a list.
_LIST_REACH = 4


def _list_around(i: int, ordered: Sequence[Toponym], text: str) -> list[Toponym]:
    """The other items of the list ``ordered[i]`` stands in, up to ``_LIST_REACH`` each side.

    Items are consecutive names separated by a comma, "and", "or" or "&"
    (``_LIST_SEPARATOR``), and neither the container of the other.
    """
    found: list[Toponym] = []
    for step in (-1, 1):
        here = ordered[i]
        for j in range(i + step, i + step * (_LIST_REACH + 1), step):
            if not 0 <= j < len(ordered):
                break
            u = ordered[j]
            left, right = (u, here) if step < 0 else (here, u)
            if left.span.end > right.span.start or not _LIST_SEPARATOR.match(
                text[left.span.end : right.span.start]
            ):
                break
            if (u.anchor is not None and u.anchor.start == here.span.start) or (
                here.anchor is not None and here.anchor.start == u.span.start
            ):
                break  # a place and its container, not a list
            found.append(u)
            here = u
    return found


def clean_name(text: str, *, keep_suffix: bool = False) -> tuple[str, str | None]:
    """The bare name of a toponym span and the feature hint its generic word gives.

    ``"the Idlib province"`` -> ``("Idlib", "province")``; ``"Moscow's"`` -> ``("Moscow", None)``;
    ``"the County of Brant"`` -> ``("Brant", "region")``.
    ``keep_suffix`` keeps the generic word (for names such as "Mexico City").
    """
    name = _POSSESSIVE.sub("", _LEADING.sub("", text.strip())).strip(" ,;:")
    name = name.rstrip(".") if not re.search(r"\b[A-Z]\.$", name) else name
    hint: str | None = None
    if keep_suffix:
        return name, None
    match = _GENERIC_SUFFIX.search(name)
    if match and match.start() > 0:
        hint = _SUFFIX_HINT.get(match.group(0).strip().lower())
        name = name[: match.start()].strip()
    elif prefix := _GENERIC_PREFIX.match(name):
        # "the County of Brant" is the unit named Brant ("the City of London" keeps
        # its name: the caller tries the whole name first). Outside the United
        # States such counties are no "X County" entries: only a region's hint.
        word = prefix["word"].lower()
        hint = "province" if _SUFFIX_HINT.get(word) == "province" else "region"
        name = name[prefix.end() :].strip()
    return name, hint


def _prior(c: Candidate) -> float:
    """Prominence of an entry before context: countries > divisions > large cities."""
    if c.kind == "country":
        return 1.6
    if c.kind == "continent":
        return 1.2
    if c.kind in ("admin1", "region"):
        return 1.05
    if c.kind == "admin2":
        return _ADMIN2_PRIOR
    return math.log10(c.population + 10) / 7.0 + (0.15 if c.feature in ("PPLC", "PPLA") else 0)


def _hint_bonus(c: Candidate, hints: set[str], candidates: Sequence[Candidate]) -> float:
    bonus = 0.0
    if "country" in hints:
        bonus += 1.0 if c.kind == "country" else -0.5
    if "province" in hints:
        bonus += 0.8 if c.kind == "admin1" else -0.2
    elif "region" in hints:
        bonus += 0.2 if c.kind == "admin1" else 0.0
    elif c.kind == "admin1" and any(
        o.kind == "place"
        and o.match == MATCH_EXACT
        and (
            (o.admin1_code == c.admin1_code and o.feature in ("PPLA", "PPLC"))
            or (o.country == c.country and o.feature == "PPLC")
        )
        for o in candidates
    ):
        # A bare "Aleppo" is the city more often than the governorate named after it,
        # and a bare "Washington" the capital more often than the state.
        bonus -= 0.4
    if "city" in hints and c.kind == "place":
        bonus += 0.3 if c.population >= 50_000 else 0.0
    elif "city" in hints and c.kind in ("admin1", "admin2"):
        bonus -= 0.5  # "the city of X", "X-based": not the division of that name

    if hints & _SMALL_HINTS and c.kind != "place":
        bonus -= 1.0
    return bonus


def _vote(group: _Group, *, places_only: bool = False) -> tuple[str, int] | None:
    """The country a group's mentions vote for: 3 per country mention, else 1.

    With ``places_only`` only names whose likeliest entry lies below the
    country level (a city, a division) vote: where the events are, as
    opposed to which governments are named.
    """
    if not group.candidates:
        return None
    best = group.likeliest
    if best is None or group.likeliest_of != len(group.candidates):
        exact = [c for c in group.candidates if c.match == MATCH_EXACT] or group.candidates
        best = max(exact, key=_prior)
        group.likeliest, group.likeliest_of = best, len(group.candidates)
    if best.kind == "country" and group.chosen is not None and group.chosen.kind == "admin1":
        best = group.chosen  # "Georgia" read as the American state votes for the US
    if best.kind == "place" and group.shared_abroad:
        # "Edmonton" (Alberta or north London) and "London" (England or Ontario) say
        # nothing of the story's country by themselves: their neighbours decide, and
        # once read they vote for the reading chosen.
        if group.chosen is None or group.chosen.kind != "place":
            return None
        best = group.chosen
    if places_only:
        # Where the events are: the entry chosen so far, else the likeliest one.
        best = group.chosen or best
        if best.kind not in ("place", "admin1", "admin2"):
            return None
    # A capital or country acting as a government is an actor, not a setting;
    # a dateline says where the story was filed, not where it happened.
    places = sum(1 for t in group.toponyms if t.role == "place")
    if not best.country or not places:
        return None
    return best.country, (3 if best.kind == "country" else 1) * places


def _focus(
    groups: Sequence[_Group],
    leave_out: _Group | None = None,
    *,
    places_only: bool = False,
    demonyms: Counter[str] | None = None,
) -> Counter[str]:
    """Country weights of the document, without ``leave_out``'s own vote.

    Leaving a name's own vote out keeps a frequent ambiguous name ("London"
    in an Ontario story) from deciding its own country. ``places_only``
    counts sub-national names only (see :func:`_vote`). When the names give
    fewer than ``_CLEAR_FOCUS_MIN`` votes, each country a demonym of the
    text names (``demonyms``: "Syrian government forces") gets one vote:
    weak evidence, never more than one town's mention, so "Russian forces"
    in a story placed by its towns in Syria moves nothing.
    """
    weights: Counter[str] = Counter()
    for group in groups:
        if group is leave_out:
            continue
        vote = _vote(group, places_only=places_only)
        if vote is not None:
            weights[vote[0]] += vote[1]
    if not weights and not places_only:
        # Only governments named ("the UK's regulator ... doctors in Newcastle"):
        # their countries are still the likeliest setting, one vote per mention.
        for group in groups:
            if group is leave_out:
                continue
            best = group.chosen or group.likeliest
            if best is not None and best.country and best.kind in ("country", "place"):
                weights[best.country] += sum(1 for t in group.toponyms if t.role == "government")
        weights = +weights
    if demonyms and not places_only and sum(weights.values()) < _CLEAR_FOCUS_MIN:
        for country in demonyms:
            weights[country] += 1
    return weights


#: A capitalised word that may be a demonym ("Syrian", "Yemenis").
_CAPITALISED_WORD = re.compile(r"\b[A-Z][a-z]{2,}\b")


def _demonym_countries(
    text: str, toponyms: Sequence[Toponym], gazetteer: Gazetteer
) -> Counter[str]:
    """Countries named by a demonym of the text outside its toponyms ("Syrian", "Sudanese").

    Method: every capitalised word the gazetteer's demonym table knows
    (plurals too: "Yemenis"), counted per country. The toponym stage keeps
    demonyms apart from places; here they are weak evidence of the story's
    country for :func:`_focus`. Limits: one word at a time ("Saudi" alone
    names Saudi Arabia only if the table lists it); an adjective of a
    non-country ("Kurdish", "Arab") names nothing.
    """
    spans = sorted((t.span.start, t.span.end) for t in toponyms)
    counts: Counter[str] = Counter()
    for m in _CAPITALISED_WORD.finditer(text):
        i = bisect.bisect_right(spans, (m.start(), math.inf)) - 1
        if i >= 0 and spans[i][0] <= m.start() < spans[i][1]:
            continue  # part of a toponym ("the Syrian border town of X" is read there)
        country = gazetteer.demonym_country(m.group(0))
        if country:
            counts[country] += 1
    return counts


def _anchor_of(toponym: Toponym, by_span: dict[tuple[int, int], _Group]) -> _Group | None:
    if toponym.anchor is None:
        return None
    return by_span.get((toponym.anchor.start, toponym.anchor.end))


def _resolved(group: _Group | None) -> Candidate | None:
    if group is None:
        return None
    return group.chosen or group.fallback


def _fits_anchor(c: Candidate, toponym: Toponym, anchor: Candidate) -> bool:
    """Whether ``c`` can lie where the toponym's relative phrase or container puts it."""
    if c.kind in ("country", "continent", "region") or (
        c.kind == "admin1" and anchor.kind != "country"
    ):
        return True  # a larger unit is never "in" or "west of" a smaller one
    if anchor.kind == "country":
        return c.country == anchor.country
    if anchor.kind == "admin1":
        return c.admin1_code == anchor.admin1_code
    limit = _ANCHOR_LIMIT_KM
    if toponym.distance_km is not None:
        limit = toponym.distance_km * 1.5 + 15.0
    return haversine_km(c.lat, c.lon, anchor.lat, anchor.lon) <= limit


def layer_of(c: Candidate) -> str:
    """The gazetteer layer an entry comes from ("geonames" for the base layer)."""
    return str(getattr(c, "layer", "geonames") or "geonames")


def _famous_namesakes(c: Candidate, group: _Group) -> list[Candidate]:
    """The far better-known places abroad a bare name of ``c`` more likely means.

    Capitals and cities of a million people at least fifty times larger than
    ``c`` ("Paris", "London", "Moscow" against their small American
    namesakes). Only spellings matched exactly count. Limits: a well-known
    small namesake ("Bethlehem, Pennsylvania") needs local evidence to win.
    """
    if c.kind != "place":
        return []
    return [
        o
        for o in group.candidates
        if o.match == MATCH_EXACT
        and o.kind == "place"
        and o.country != c.country
        and (o.feature == "PPLC" or o.population >= _FAMOUS_POPULATION)
        and o.population >= _FAMOUS_RATIO * max(c.population, 1)
    ]


def _dwarfed_at_home(c: Candidate, group: _Group) -> bool:
    """Whether a far larger town of ``c``'s own country bears the same name exactly.

    "Boston" in a story naming New York state is still Boston, Massachusetts
    (eighty times larger than Boston, New York): a named division only
    helps a town against namesakes of comparable size or abroad
    (``_FAMOUS_RATIO`` times larger and ``_ABROAD_MIN_POPULATION`` people).
    """
    return any(
        o.kind == "place"
        and o.match == MATCH_EXACT
        and o.country == c.country
        and o.population >= _ABROAD_MIN_POPULATION
        and o.population >= _FAMOUS_RATIO * max(c.population, 1)
        for o in group.candidates
    )


def _alias_of_home_town(c: Candidate, group: _Group) -> bool:
    """Whether ``c`` bears the name only as an alias while a town of its country owns it.

    "Pittsburgh" is an old spelling of Pittsburg, California, and the own
    name of Pittsburgh, Pennsylvania: naming California does not move it.
    """
    fold = default_folder().fold
    query = fold(group.query)
    if c.kind != "place" or fold(c.name) == query:
        return False
    return any(
        o.kind == "place"
        and o.match == MATCH_EXACT
        and o.country == c.country
        and fold(o.name) == query
        and o.population >= c.population
        for o in group.candidates
    )


def _division_namesake(c: Candidate, group: _Group, focus: Counter[str]) -> bool:
    """Whether ``c`` is a small town sharing a division's or a region's own name.

    "California", "Oregon", "Ontario" or "Scotland" name the division, and
    "Pacific" or "Middle East" the ocean or region (``regions.json``), not
    the towns of a few thousand people called so elsewhere; a division's seat
    ("Idlib", "Aleppo", "Raqqa") is not such a namesake. Towns of 200,000
    people or more keep their chance, and a division abroad counts only in a
    country the document names or places something in (Savannah, Georgia is
    not Mauritius' Savanne district).
    """
    if c.kind != "place" or c.population >= _DIVISION_NAMESAKE_MAX_POPULATION:
        return False
    fold = default_folder().fold
    query = fold(group.query)
    return any(
        o.kind in ("admin1", "admin2", "region")
        and o.match == MATCH_EXACT
        and (o.kind == "region" or fold(o.name) == query)
        and (o.country is None or o.country == c.country or focus.get(o.country, 0) > 0)
        and not (o.admin1_code == c.admin1_code and c.feature in ("PPLA", "PPLC"))
        for o in group.candidates
    )


def _named_as_city(c: Candidate, group: _Group) -> bool:
    """Whether ``c`` is a city reached by an alternate name that its division bears.

    "New York" or "Oklahoma" name the state under its own name and the city
    ("New York City", "Oklahoma City") only by an alternate one. Compared by
    transliteration key, so "Raqqa" is still the city Ar Raqqah.
    """
    if c.kind != "place":
        return False
    folder = default_folder()
    query, own = folder.key(group.query), folder.key(c.name)
    if own == query or not (own.startswith(query) or own.endswith(query)):
        return False
    return any(
        o.kind == "admin1" and o.admin1_code == c.admin1_code and folder.key(o.name) == query
        for o in group.candidates
    )


def _score(
    c: Candidate,
    group: _Group,
    focus: Counter[str],
    context: list[Candidate],
    readings: Sequence[Candidate] = (),
) -> float:
    fold = default_folder().fold
    top = max(focus.values()) if focus else 0
    score = _prior(c)
    score += 0.6 if c.match == MATCH_EXACT and not _spaced_alias(c, group.query) else 0.0
    if c.match in (MATCH_SKELETON, MATCH_FUZZY):
        score -= 0.8 + (100.0 - c.score) / 50.0
    if (
        c.kind == "continent"
        or (c.kind == "region" and c.country is None)
        or (c.kind == "country" and not _rival_division(c, group))
    ):
        # A country, continent or sea named is in the document's focus by being named.
        score += 1.5
    elif c.country and top:
        share = focus.get(c.country, 0) / top
        famous = _famous_namesakes(c, group)
        if famous:
            # "Paris" in an American story is still Paris, France, unless the
            # text places it (a neighbouring place, its state, "Paris, Ky."); when
            # the story names France as well, its own country is no hint at all.
            named = {o.country for o in context if o.kind == "country"}
            share *= 0.0 if any(o.country in named for o in famous) else _FAMOUS_FOCUS_SHARE
        score += 1.5 * share
    score += _hint_bonus(c, group.hints, group.candidates)
    if c.match == MATCH_EXACT and fold(c.name) == fold(group.query):
        score += 0.2  # the entry's own name, not one of its alternate names
    if _named_as_city(c, group):
        score -= 0.5
    if _unsupported_village(c, group, focus, context):
        score -= _UNSUPPORTED_VILLAGE_PENALTY
    if c.id in group.city_form:
        # "Quebec City" names the seat; bare "Quebec" the province.
        score -= 0.5
    elif c.kind == "admin1" and any(
        o.id in group.city_form and o.admin1_code == c.admin1_code for o in group.candidates
    ):
        score += 0.4  # undo _hint_bonus's "a bare name is the seat" for such a division
    if _division_namesake(c, group, focus):
        score -= 0.8
    elif (
        c.kind in ("place", "admin2")
        and any(
            o.kind == "admin1"
            and o.admin1_code == c.admin1_code
            and o.country == c.country
            # Not the division of the same name read elsewhere ("Quebec's premier ... in Quebec").
            and all(o.id != own.id for own in group.candidates)
            for o in context
        )
        and not _dwarfed_at_home(c, group)
        and not _alias_of_home_town(c, group)
    ):
        # "London" in a story that names Kentucky; "Crawford County" in one naming Ohio.
        score += _INSIDE_NAMED_DIVISION
    if c.kind == "admin1":
        # A division is near the document's places when they lie inside it.
        # Not when its capital shares its name: "Kharkiv" with "Izium" is still the city.
        named_capital = any(
            o.kind == "place" and o.admin1_code == c.admin1_code and o.feature in ("PPLA", "PPLC")
            for o in group.candidates
        )
        inside = any(o.admin1_code == c.admin1_code for o in context if o.kind == "place")
        if inside and not named_capital:
            score += 0.8
    elif c.kind in ("place", "admin2"):
        near = [
            haversine_km(c.lat, c.lon, o.lat, o.lon)
            for o in context
            if o.kind == "place" and o.id != c.id
        ]
        if group.shared_abroad:
            # Between namesakes in several countries, the one near any notable reading
            # of the story's other names ("Edmonton" by Enfield), chosen or not.
            near += [haversine_km(c.lat, c.lon, o.lat, o.lon) for o in readings if o.id != c.id]
        if near:
            score += 0.8 * math.exp(-min(near) / 150.0)
    return score


def _spaced_alias(c: Candidate, query: str) -> bool:
    """Whether ``c`` matched exactly only through its own name written without spaces.

    GeoNames lists run-together spellings of many small places ("Shabwa"
    for Sha Bwa, a village in Myanmar); such an alias is a transliteration
    variant, no better evidence than an equal key ("Shabwah" for
    "Shabwa"), so it earns no exact-spelling bonus. Limits: only spaces
    and hyphens are compared; other alternate names keep the bonus.
    """
    if c.match != MATCH_EXACT:
        return False
    fold = default_folder().fold
    own, asked = fold(c.name), fold(query)
    return own != asked and own.replace(" ", "") == asked.replace(" ", "")


#: What a small village of a country nothing supports loses against a notable namesake.
_UNSUPPORTED_VILLAGE_PENALTY = 0.6
#: A village is a place under this population (GeoNames' "populated places" go down to 0).
_VILLAGE_POPULATION = 20_000


def _unsupported_village(
    c: Candidate, group: _Group, focus: Counter[str], context: list[Candidate]
) -> bool:
    """Whether ``c`` is a small foreign village facing a notable namesake elsewhere.

    Method: a place under ``_VILLAGE_POPULATION`` people, of a country that
    no other name of the document votes for, outside the divisions it names
    and far from its places (:func:`_near_context`), while another country's
    first-order division or town of ``_ABROAD_MIN_POPULATION`` people bears
    the name by its spelling or its transliteration key ("Shabwa": Yemen's
    governorate Shabwah, not a village in Myanmar). A reader takes the
    notable place unless the text points at the village's country. Limits:
    a story about the village that names nothing else of its country loses it.
    """
    if c.kind != "place" or c.population >= _VILLAGE_POPULATION or not c.country:
        return False
    if focus.get(c.country, 0) > 0:
        return False
    notable = _notable_countries(group)
    if not notable or notable == {c.country}:
        return False
    return c.country not in group.countries and not _near_context(c, context)


def _notable_countries(group: _Group) -> frozenset[str]:
    """Countries of the group's first-order divisions and large towns matched by spelling or key."""
    if group.notable_of != len(group.candidates):
        group.notable = frozenset(
            o.country
            for o in group.candidates
            if o.country
            and o.match in (MATCH_EXACT, MATCH_KEY)
            and (
                o.kind == "admin1" or (o.kind == "place" and o.population >= _ABROAD_MIN_POPULATION)
            )
        )
        group.notable_of = len(group.candidates)
    return group.notable


def _near_context(c: Candidate, context: list[Candidate]) -> bool:
    """Whether ``c`` lies inside a division the document names or near one of its places."""
    return any(
        (o.kind == "admin1" and o.admin1_code == c.admin1_code)
        or (
            o.kind == "place"
            and o.id != c.id
            and haversine_km(c.lat, c.lon, o.lat, o.lon) <= _COUNTY_TOWN_KM
        )
        for o in context
    )


#: A town of a country with no other support lies this far from every place of the story...
_LONE_TOWN_KM = 3000.0


def _lone_far_town(c: Candidate, focus: Counter[str], places: list[Candidate]) -> bool:
    """Whether ``c`` is a small town alone in its country, far from every place of the story.

    Method: a place under ``_ABROAD_MIN_POPULATION`` people whose country
    no other name of the document votes for (``focus`` leaves the name's
    own vote out), with other places resolved and all of them more than
    ``_LONE_TOWN_KM`` away. Limits: a story naming one foreign village and
    nothing of its country elsewhere loses it when its other places are far.
    """
    if c.kind != "place" or c.population >= _ABROAD_MIN_POPULATION or not c.country:
        return False
    if focus.get(c.country, 0) > 0:
        return False
    others = [o for o in places if o.id != c.id]
    return bool(others) and all(
        haversine_km(c.lat, c.lon, o.lat, o.lon) > _LONE_TOWN_KM for o in others
    )


#: ...and a town named by an alias lies this far from the story's places and divisions.
_STRAY_ALIAS_KM = 500.0


def _stray_alias(c: Candidate, group: _Group, context: list[Candidate]) -> bool:
    """Whether ``c`` is a small town named so only by an alternate name, far from the story.

    Method: an exact match on one of the entry's alternate names (its own
    name differs by transliteration key), under ``_ABROAD_MIN_POPULATION``
    people, in a country of which the document names a first- or
    second-order division, yet outside every division it names, more
    than ``_COUNTY_TOWN_KM`` from its places (:func:`_near_context`) and
    more than ``_STRAY_ALIAS_KM`` from the points of all its places and
    divisions in that country ("Kobane" with Raqqa named stays Ayn al Arab).
    GeoNames keeps former and colloquial names of many small towns, and a
    story set in one state does not mean a town of another state by its
    old name. Limits: a story naming no division of the town's country
    keeps such readings.
    """
    if c.kind != "place" or c.match != MATCH_EXACT or c.population >= _ABROAD_MIN_POPULATION:
        return False
    key = default_folder().key
    if key(c.name) == key(group.query):
        return False
    if not any(o.kind in ("admin1", "admin2") and o.country == c.country for o in context):
        return False
    return not _near_context(c, context) and all(
        haversine_km(c.lat, c.lon, o.lat, o.lon) > _STRAY_ALIAS_KM
        for o in context
        if o.kind in ("place", "admin1", "admin2") and o.country == c.country
    )


def _far_layer_guess(c: Candidate, places: list[Candidate], context: list[Candidate]) -> bool:
    """Whether ``c`` is a layer village matched loosely and far from the story's places.

    Method: a user layer's entry without population (a village, a
    neighbourhood) matched by its transliteration key or more loosely, not
    by its spelling, more than ``_LAYER_GUESS_RADIUS_KM`` from every other
    place the document resolved and outside every first-order division the
    document names (compared by key: "Idleb" is "Idlib"). Limits: a story
    naming one village and nothing near it keeps the guess.
    """
    if c.match == MATCH_EXACT or layer_of(c) == "geonames" or c.population or c.kind != "place":
        return False
    others = [o for o in places if o.id != c.id]
    if not others:
        return False
    key = default_folder().key
    if c.admin1 and any(
        o.kind == "admin1" and o.admin1 and key(o.admin1) == key(c.admin1) for o in context
    ):
        return False
    return min(haversine_km(c.lat, c.lon, o.lat, o.lon) for o in others) > _LAYER_GUESS_RADIUS_KM


@functools.lru_cache(maxsize=1)
def _latin_script_countries() -> frozenset[str]:
    """Countries whose place names are natively Latin-script (``place_cues.json``)."""
    return frozenset(load_lexicon("place_cues", "en").get("latin_script_countries", []))


def _loose_in_latin_country(c: Candidate, place_focus: Counter[str] | None) -> bool:
    """Whether ``c`` is a town of a Latin-script country matched loosely, unsupported.

    Method: a town or county (not a division or country) matched by its
    transliteration key or more loosely, not by any of its names, in a
    country of ``latin_script_countries`` where no other sub-national name
    of the story lies (``place_focus``, the name's own vote left out).
    Transliteration keys join spellings of names written from another
    script; a Latin-script country's towns are written as they are named,
    so "Tulsah" in a story naming the United States as an actor is no
    Tulsa, Oklahoma. Limits: a misspelt American town in a story naming no
    other American place is lost (not a metropolis of
    ``_ABROAD_ALIAS_POPULATION`` by its key: "Dallass" is still Dallas); countries
    outside the list are read loosely as before.
    """
    return (
        c.match != MATCH_EXACT
        and c.kind in ("place", "admin2")
        # A metropolis misspelt ("Dallass") is still the likeliest reading by its key.
        and (c.match != MATCH_KEY or c.population < _ABROAD_ALIAS_POPULATION)
        and c.country in _latin_script_countries()
        and not (place_focus and place_focus.get(c.country or "", 0))
    )


def _rival_division(c: Candidate, group: _Group) -> bool:
    """Whether a country's name is also a first-order division's elsewhere ("Georgia").

    Such a country is not in the focus merely by being named: it competes
    with the division on the document's country weights like any place.
    """
    return any(
        o.kind == "admin1" and o.country != c.country and o.match == MATCH_EXACT
        for o in group.candidates
    )


def _prefer_layer(
    scored: list[tuple[float, Candidate]],
) -> tuple[float, Candidate]:
    """The best scored entry, a user layer's winning ties with the base layer's.

    A layer entry (OCHA communities, an analyst's list) of the same name as
    the best base entry wins when it scores within ``_LAYER_MARGIN`` of it:
    layers carry no population, so the base layer's prior would otherwise
    always win for the same place. Same name means same transliteration key.
    """
    best_score, best = scored[0]
    if layer_of(best) != "geonames":
        return best_score, best
    key = default_folder().key
    for score, c in scored[1:]:
        if best_score - score > _LAYER_MARGIN:
            break
        if layer_of(c) != "geonames" and key(c.name) == key(best.name):
            return score, c
    return best_score, best


def _choose(
    group: _Group,
    focus: Counter[str],
    context: list[Candidate],
    anchors: list[tuple[Toponym, Candidate]],
    place_focus: Counter[str] | None = None,
    readings: Sequence[Candidate] = (),
) -> tuple[Candidate | None, str]:
    pool = [c for c in group.candidates if all(_fits_anchor(c, t, a) for t, a in anchors)]
    if "city" in group.hints and _shares_name_with_city(group.candidates):
        # "Damascus city", "the cities of X and Y": the town, never the division named
        # after it (a division passes any town's anchor: see _fits_anchor).
        pool = [c for c in pool if c.kind not in ("admin1", "admin2")]
    if (
        not pool
        and anchors
        and all(t.relative == "in" for t, _ in anchors)
        and not (group.hints & _SMALL_HINTS)
        # "Holliday, Missouri": a division or country written after the name and a
        # comma is no misread list; with no such town there, the name falls back to it.
        and not any(
            (t.span.start, t.span.end) in group.comma_anchored and a.kind in ("admin1", "country")
            for t, a in anchors
        )
    ):
        # "X in Y" read wrongly (a list, a byline) must not lose a known X; a merely
        # similar spelling far from Y ("Midan" of Damascus -> Medan) is no known X.
        pool = [c for c in group.candidates if c.match == MATCH_EXACT]
        anchors = []
    places = [o for o in context if o.kind == "place"]
    if places:
        # A loose spelling match must lie among the document's other places.
        pool = [
            c
            for c in pool
            if c.match not in (MATCH_SKELETON, MATCH_FUZZY)
            or min(haversine_km(c.lat, c.lon, o.lat, o.lon) for o in places) <= _LOOSE_RADIUS_KM
        ]
        # A layer's village known by another spelling ("Kafr X" for "Kafrx") is a
        # guess: thousands of villages share close spellings, so it must lie
        # among the story's places or inside a division the story names.
        pool = [c for c in pool if not _far_layer_guess(c, places, context)]
    elif divisions := [o for o in context if o.kind in ("admin1", "admin2")]:
        # Only divisions named ("Hall County", "Texas"): a loose match must lie inside one.
        pool = [
            c
            for c in pool
            if c.match not in (MATCH_SKELETON, MATCH_FUZZY)
            or any(o.country == c.country and o.admin1_code == c.admin1_code for o in divisions)
        ]
    if "settlement" in group.hints:
        # "the city of X" is a settlement even when a country bears the name.
        pool = [c for c in pool if c.kind not in ("country", "continent", "region")]
    # A small town reached by an alternate name only, outside the divisions the story
    # names in its country and far from its places, is a stray ("X" as a town's old name).
    pool = [c for c in pool if not _stray_alias(c, group, context)]
    if "county" in group.hints:
        # "Laurel County": the base gazetteer has no counties, and a town of
        # that name is the county's only near the document's other places
        # or inside a division it names; else the name falls back to them.
        pool = [
            c
            for c in pool
            if (c.kind != "place" or _near_context(c, context))
            # "Suffolk County" is American: a British county needs its country in the story.
            and (c.kind != "admin2" or focus.get(c.country or "", 0) > 0)
        ]
    if _is_acronym(group):
        # "SANA" (an agency) is no town: a short capitalised word names a country or a
        # division ("NSW", "B.C.") or a large place under its own name, nothing smaller.
        fold = default_folder().fold
        pool = [
            c
            for c in pool
            if (c.kind != "place" and c.match == MATCH_EXACT)
            or (fold(c.name) == fold(group.query) and c.population >= _ABROAD_MIN_POPULATION)
        ]
    stated = group.countries
    placed = bool(anchors)
    if stated and any(c.country in stated for c in pool):
        # "the Syrian border town of X": the demonym places X, whatever the story's focus.
        pool = [c for c in pool if c.country in stated]
        placed = True
    if not placed:
        # "Tulsah" is no Tulsa: a town of a Latin-script country reached by a loose
        # spelling needs the story to place something else in that country.
        pool = [c for c in pool if not _loose_in_latin_country(c, place_focus)]
    # A foreign reading is not worth keeping when nothing supports it.
    named = frozenset(o.country for o in context if o.kind == "country" and o.country)
    rivals = any(c.kind != "place" and c.match == MATCH_EXACT for c in group.candidates)
    pool = [
        c
        for c in pool
        if abroad_is_supported(
            c,
            focus,
            query=group.query,
            anchored=placed,
            place_focus=place_focus,
            named_countries=named,
            rivals=rivals,
        )
    ]
    if not placed and not stated:
        # A small town of a country nothing else in the story points to, a continent
        # away from all its places ("Piccadilly" in Western Australia for a London story).
        pool = [c for c in pool if not _lone_far_town(c, focus, places)]
    if not pool:
        return None, ""
    scored = sorted(
        ((_score(c, group, focus, context, readings), c) for c in pool),
        key=lambda t: (-t[0], layer_of(t[1]) == "geonames"),
    )
    best_score, best = _prefer_layer(scored)
    top = max(focus.values()) if focus else 0
    why = f"{best.match} match, score {best_score:.2f} of {len(pool)} candidate(s)"
    if best.country and top and focus.get(best.country):
        why += f", focus country {best.country}"
    if anchors:
        why += ", near/inside " + ", ".join(a.name for _, a in anchors)
    return best, why


def abroad_is_supported(
    c: Candidate,
    focus: Counter[str],
    *,
    query: str = "",
    anchored: bool = False,
    place_focus: Counter[str] | None = None,
    named_countries: frozenset[str] = frozenset(),
    rivals: bool = False,
) -> bool:
    """Whether ``c`` may be chosen given the document's country weights ``focus``.

    Method: countries, continents and candidates placed by an explicit
    context (``anchored``: "X in Turkey", "Turkey's X") are always
    acceptable. When one country holds at least half of the weight of the
    document's sub-national names (``place_focus``; of all its names when it
    has fewer than ``_CLEAR_FOCUS_MIN``), and at least ``_CLEAR_FOCUS_MIN``
    votes, the document is *clearly focused* on it (a Syria story
    naming "the US" as an actor five times is still set in Syria), and a
    name elsewhere needs strong evidence: an exact spelling of a first-order
    division under its own name (``query``) or of its named country, of a
    listed region, or of a large place (100,000 people) or a capital under
    its own name, under an alternate name only when the place is very large
    or its country is named. Without a clear focus,
    countries with ``_FOCUS_SHARE`` of the top weight are the focus, and
    elsewhere an exact spelling or a large place is enough. Loose (skeleton,
    fuzzy) matches abroad are never acceptable. A place of any size under
    its own name is acceptable in a country the document names as such
    (``named_countries``: "Indonesia" named, "Kabanjahe" is its town).
    Limits: a small foreign town in a clearly focused story, its country
    not named in it, is left unresolved rather than guessed.
    """
    top = max(focus.values()) if focus else 0
    if anchored or not top or not c.country or c.kind in ("country", "continent"):
        return True
    weight = focus.get(c.country, 0)
    main = _home_country(focus, place_focus)
    if main is None:
        if weight >= _FOCUS_SHARE * top:
            return True
        if c.match in (MATCH_SKELETON, MATCH_FUZZY):
            return False
        return c.match == MATCH_EXACT or c.population >= _ABROAD_MIN_POPULATION
    if c.country == main:
        return True
    if c.match != MATCH_EXACT:
        return False
    fold = default_folder().fold
    own_name = fold(c.name) == fold(query)
    if c.kind in ("region", "admin1"):
        # "Texas" is rarely anything else; "Peace" (La Paz) or "White" (Alba) are words.
        return c.kind == "region" or own_name or weight > 0
    if own_name and c.country in named_countries and not rivals:
        return True
    large = c.population >= _ABROAD_MIN_POPULATION or c.feature == "PPLC"
    # An alternate name ("Media" for Medea) abroad needs a very large place or its country.
    return large and (own_name or weight > 0 or c.population >= _ABROAD_ALIAS_POPULATION)


def _home_country(focus: Counter[str], place_focus: Counter[str] | None) -> str | None:
    """The one country a document is clearly set in, else None.

    Decided by the sub-national names (``place_focus``) when there are
    ``_CLEAR_FOCUS_MIN`` votes of them, else by all names (``focus``) as long
    as the few sub-national names do not point elsewhere (a story set in
    Jordan that names Canada, its victims' country, three times).
    """
    if place_focus and sum(place_focus.values()) >= _CLEAR_FOCUS_MIN:
        return _clear_focus(place_focus)
    main = _clear_focus(focus)
    if main is not None and place_focus and place_focus.most_common(1)[0][0] != main:
        return None
    return main


def _clear_focus(weights: Counter[str] | None) -> str | None:
    """The country holding over half of ``weights`` and ``_CLEAR_FOCUS_MIN`` votes, else None."""
    if not weights:
        return None
    main, weight = weights.most_common(1)[0]
    clear = weight >= _CLEAR_FOCUS_MIN and weight > 0.5 * sum(weights.values())
    return main if clear else None


def _is_acronym(group: _Group) -> bool:
    """Whether every mention is a short all-capital word ("SANA", "AP"), not a dateline."""
    letters = re.sub(r"[^A-Za-z]", "", group.query)
    return 0 < len(letters) <= _ACRONYM_MAX_LETTERS and all(
        t.span.text.strip().isupper() for t in group.toponyms
    )


def _strip_compass(name: str, gazetteer: Gazetteer) -> tuple[str, str | None]:
    """``"eastern Homs"`` -> ``("Homs", "region")`` unless the whole is a name ("West Bank")."""
    match = _COMPASS_PREFIX.match(name)
    if match is None or not name[match.end() :].strip():
        return name, None
    if any(c.match == MATCH_EXACT for c in _LOOKUPS.lookup(gazetteer, name, limit=5)):
        return name, None
    rest = name[match.end() :].strip()
    if not rest[0].isupper() or not _LOOKUPS.lookup(gazetteer, rest, limit=1):
        return name, None
    return rest, "region"


def _offset(anchor: Candidate, toponym: Toponym) -> tuple[float, float] | None:
    if toponym.distance_km is None or not toponym.relative:
        return None
    vector = _DIRECTIONS.get(toponym.relative.lower().replace("-", "").replace(" ", ""))
    if vector is None:
        return None
    d = toponym.distance_km
    lat = anchor.lat + vector[1] * d / 111.0
    lon = anchor.lon + vector[0] * d / (111.0 * max(0.1, math.cos(math.radians(anchor.lat))))
    return lat, lon


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "place"


def resolve_toponyms(toponyms: Sequence[Toponym], text: str, gazetteer: Gazetteer) -> GeoResolution:
    """Resolve every toponym against ``gazetteer`` using the whole document.

    Returns a :class:`GeoResolution` whose places carry ``admin1``, ``country``,
    ``feature``, ``geo_precision``, every mention and a ``resolution`` saying
    why. ``text`` is the document text (spans index into it). See the module
    docstring for the method and its limits.
    """
    folder = gazetteer.folder
    groups: dict[str, _Group] = {}
    by_span: dict[tuple[int, int], _Group] = {}
    reading_cues = _reading_cues(sorted(toponyms, key=lambda t: t.span.start), text, gazetteer)
    for toponym in sorted(toponyms, key=lambda t: t.span.start):
        name, hint = clean_name(toponym.span.text)
        if dotted_abbreviation(text, toponym.span.start) is not None:
            # "Churchill, Man." is Manitoba; "Man." anywhere else is no place (not the Isle).
            division = _dotted_division_entry(text, toponym, gazetteer)
            if division is None:
                continue
            name, hint = division.name, "province"
        elif hint is not None:
            whole, _ = clean_name(toponym.span.text, keep_suffix=True)
            if any(c.match == MATCH_EXACT for c in _LOOKUPS.lookup(gazetteer, whole, limit=5)):
                name, hint = whole, None  # "Mexico City" is a name, not Mexico + "city"
        if toponym.rule != "relative":
            name, compass_hint = _strip_compass(name, gazetteer)
            hint = hint or compass_hint
        # "New York Gov.", "Montreal, Quebec": resolved apart, as the division;
        # "New York-based": the city.
        hint = reading_cues.get((toponym.span.start, toponym.span.end), hint)
        key = folder.key(name) if toponym.rule != "relative" else f"~rel{toponym.span.start}"
        if not key:
            continue
        if "province" in (toponym.feature_hint, hint):
            # "Aleppo countryside" is not the city "Aleppo": resolve it apart.
            key += "#division"
        group = groups.get(key)
        if group is None:
            candidates = _LOOKUPS.lookup(gazetteer, name) if toponym.rule != "relative" else []
            group = groups[key] = _Group(key, name, [], set(), candidates)
            group.city_form = _seats_with_city_form(name, candidates, gazetteer)
            group.shared_abroad = _shared_abroad(name, candidates)
        group.toponyms.append(toponym)
        anchor = toponym.anchor
        if (
            anchor is not None
            and toponym.relative == "in"
            and anchor.start >= toponym.span.end
            and _COMMA.match(text[toponym.span.end : anchor.start])
        ):
            group.comma_anchored.add((toponym.span.start, toponym.span.end))
        for h in (toponym.feature_hint, hint):
            if h:
                group.hints.add(h)
        if _SETTLEMENT_BEFORE.search(text[max(0, toponym.span.start - 30) : toponym.span.start]):
            group.hints.add("settlement")
        by_span[(toponym.span.start, toponym.span.end)] = group

    ordered = list(groups.values())
    demonyms = _demonym_countries(text, toponyms, gazetteer)
    focus = _focus(ordered, demonyms=demonyms)
    top = max(focus.values()) if focus else 0
    focus_countries = [c for c, w in focus.most_common() if w >= 0.3 * top]
    fuzzy_done: set[str] = set()
    # The notable towns each name may be, for names shared by towns abroad (_score).
    shared = any(g.shared_abroad for g in ordered)
    notable = {id(g): _notable_towns(g) for g in ordered} if shared else {}

    def notable_readings(group: _Group) -> list[Candidate]:
        if not group.shared_abroad:
            return []
        return [c for g in ordered if g is not group for c in notable.get(id(g), ())]

    for _round in range(3):
        context = [g.chosen for g in ordered if g.chosen is not None]
        for group in ordered:
            anchors = [
                (t, a)
                for t in group.toponyms
                if (a := _resolved(_anchor_of(t, by_span))) is not None
                and _anchor_of(t, by_span) is not group
            ]
            others = [c for c in context if c is not group.chosen]
            own_focus = _focus(ordered, leave_out=group, demonyms=demonyms)
            place_focus = _focus(ordered, leave_out=group, places_only=True)
            chosen, why = _choose(
                group, own_focus, others, anchors, place_focus, notable_readings(group)
            )
            if chosen is None and group.key not in fuzzy_done and focus_countries:
                fuzzy_done.add(group.key)
                if group.toponyms[0].rule != "relative" and not _is_acronym(group):
                    strong = [c for c in focus_countries if focus[c] >= 0.5 * top][:2]
                    strong = sorted(group.countries) + [
                        c for c in strong if c not in group.countries
                    ]
                    group.candidates += _LOOKUPS.fuzzy_lookup(gazetteer, group.query, strong)
                    chosen, why = _choose(
                        group, own_focus, others, anchors, place_focus, notable_readings(group)
                    )
            group.chosen, group.why = chosen, why
        # Fallbacks depend on the other groups' choices: recompute each round.
        for group in ordered:
            group.fallback, group.offset = None, None
        # Last mention first: a container is mostly written after the names it holds
        # ("X village in Y area in Z"), so Y's fallback is known when X needs it.
        for group in sorted(ordered, key=lambda g: -g.toponyms[0].span.start):
            if group.chosen is None:
                _fall_back(
                    group, by_span, ordered, gazetteer, focus_countries, text, demonyms=demonyms
                )

    return _collect(_join_short_mentions(ordered), focus_countries)


#: A town this large (or a capital, or a division's seat) makes its name notable in its country.
_NOTABLE_TOWN_POPULATION = 50_000


#: Readings of a name looked at when another name is placed by its neighbours.
_NOTABLE_READINGS = 3


def _notable_towns(group: _Group) -> list[Candidate]:
    """The few likeliest towns a name may be: exact spellings, notable ones, by prominence."""
    towns = [
        c
        for c in group.candidates
        if c.kind == "place"
        and c.match == MATCH_EXACT
        and (c.population >= _NOTABLE_TOWN_POPULATION or c.feature in ("PPLC", "PPLA"))
    ]
    return sorted(towns, key=_prior, reverse=True)[:_NOTABLE_READINGS]


def _shared_abroad(name: str, candidates: Sequence[Candidate]) -> bool:
    """Whether notable towns of exactly this name lie in two countries or more.

    "London" (England, Ontario), "Edmonton" (Alberta, a district of north
    London), "Newcastle" (England, New South Wales): such a name does not
    vote for the story's country (:func:`_vote`), else the likeliest reading
    of each of two such names would decide the other's ("Edmonton ... east
    London hospital" read in Canada). Notable: ``_NOTABLE_TOWN_POPULATION``
    people or a capital or seat; the entry's own name, spelled exactly.
    """
    fold = default_folder().fold
    query = fold(name)
    countries = {
        c.country
        for c in candidates
        if c.kind == "place"
        and c.match == MATCH_EXACT
        and (c.population >= _NOTABLE_TOWN_POPULATION or c.feature in ("PPLC", "PPLA"))
        and fold(c.name) == query
    }
    return len(countries) >= 2


def _seats_with_city_form(
    name: str, candidates: Sequence[Candidate], gazetteer: Gazetteer
) -> frozenset[int]:
    """Ids of division seats named ``name`` that also answer "<name> City" exactly.

    Where a division's seat has a name of its own with "City" ("Quebec
    City", "Belize City"), a bare "Quebec" is the division: writers add
    "City" to mean the town. Only first-order seats (PPLA) count: a
    national capital ("Washington", "Washington City" in GeoNames) keeps
    its bare name. Empty unless the name also spells a division.
    """
    if name.lower().endswith(" city") or not any(
        c.kind == "admin1" and c.match == MATCH_EXACT for c in candidates
    ):
        return frozenset()
    fold = default_folder().fold
    seats = {
        c.id
        for c in candidates
        if c.kind == "place"
        and c.feature == "PPLA"
        and c.match == MATCH_EXACT
        # "New York City" itself is left to _named_as_city.
        and fold(c.name) == fold(name)
    }
    if not seats:
        return frozenset()
    found = {
        c.id for c in _LOOKUPS.lookup(gazetteer, f"{name} City", limit=20) if c.match == MATCH_EXACT
    }
    return frozenset(seats & found)


def _dotted_division_entry(text: str, toponym: Toponym, gazetteer: Gazetteer) -> Candidate | None:
    """The division entry a dotted abbreviation after a place names ("Regina, Sask."), else None."""
    if text[toponym.span.start : toponym.span.end].strip(".") != toponym.span.text.strip("."):
        return None  # spans index another text: read nothing into them
    code = dotted_division(text, toponym.span.start)
    return gazetteer.admin1(code) if code is not None else None


def _join_short_mentions(ordered: list[_Group]) -> list[_Group]:
    """Read a bare name as the longer name it heads ("Qwert" after "the Qwert gas field").

    Method: a name matched only loosely or not at all, whose text followed
    by a generic part ("gas field", "Airport", "camp") is another resolved
    name of the document, is a further mention of that place (one sense per
    document) rather than a similar spelling elsewhere. The generic part is
    lower-case or ends in a place noun or generic word of ``place_cues.json``.
    Limits: the longer name must start with the bare one.
    """
    cues = load_lexicon("place_cues", "en")
    nouns = {
        w.lower()
        for w in [*cues["place_nouns"], *cues["facility_nouns"], *cues["generic_name_words"]]
    }
    folder = default_folder()
    joined: set[int] = set()
    for group in ordered:
        if group.chosen is not None and group.chosen.match == MATCH_EXACT:
            continue
        if group.toponyms[0].rule == "relative" or not group.query:
            continue
        prefix = folder.fold(group.query) + " "
        for other in ordered:
            if other is group or id(other) in joined or _resolved(other) is None:
                continue
            if not folder.fold(other.query).startswith(prefix):
                continue
            rest = other.query[len(group.query) :].split()
            if not rest or not (rest[0][0].islower() or rest[-1].lower() in nouns):
                continue
            other.toponyms += group.toponyms
            joined.add(id(group))
            break
    return [g for g in ordered if id(g) not in joined]


def _generic_words() -> frozenset[str]:
    """Words never taken alone as the place inside a longer name ("Island", "Valley")."""
    cues = load_lexicon("place_cues", "en")
    return frozenset(w.lower() for w in cues.get("generic_name_words", []))


def _inner_place(query: str, gazetteer: Gazetteer, focus: Sequence[str]) -> Candidate | None:
    """A known place inside an unknown name ("Toronto's Pearson International" -> Toronto).

    Generic words ("Tal", "Mount", "Island", "Valley") are never taken for a
    place, and with focus countries the inner place must lie in one of them
    (continents and regions may lie anywhere); the longest known part wins
    ("Central and South America" is South America, not America), then the
    entry in the strongest focus country, then the most prominent one.
    """
    words = [w for w in re.split(r"(?:'s|’s)?[\s-]+|(?:'s|’s)$", query) if w]
    if len(words) < 2:
        return None
    folder = gazetteer.folder
    generic = _generic_words()
    for size in range(len(words) - 1, 0, -1):
        for start in range(len(words) - size + 1):
            part = " ".join(words[start : start + size])
            if all(token in folder.generic_terms for token in folder.tokens(part)):
                continue  # "Tal" of "Tal Abour" is a word for a hill, not the town At Tall
            if size == 1 and part.strip(".").lower() in generic:
                continue  # "Island" of "Waiheke Island" is not Iceland ("Island")
            found = [
                c
                for c in _LOOKUPS.lookup(gazetteer, part, limit=20)
                if c.match == MATCH_EXACT
                and (c.kind != "place" or c.population >= 50_000)
                and (not focus or c.country is None or c.kind == "country" or c.country in focus)
            ]
            if found:
                return max(found, key=lambda c: (-_focus_rank(c, focus), _prior(c)))
    return None


#: Words allowed between an unknown name and its container later in the sentence.
#: A name the toponym stage did not take, told by the place noun after it ("al-Y area",
#: "Y Village"): one more link of a chain of unknown names.
_UNTAKEN_NAME = (
    r"(?:[a-z]{1,3}-)?[A-Z][\w'’-]*(?:\s+(?:[a-z]{1,3}[\s-])?[A-Z][\w'’-]*){0,2}\s+"
    r"(?i:area|village|town|district|neighbou?rhood|quarter|camp)\b"
)
_CONTAINER_GAP = re.compile(
    rf"(?:\s*(?:,|@|{_UNTAKEN_NAME}|\b(?i:in|near|of|the|outside|inside|around|countryside|"
    r"rural|province|governorate|area|areas|district|village|town|city|region|outskirts|"
    r"suburbs|northern|southern|eastern|western|central|north|south|east|west|"
    r"north-?eastern|north-?western|south-?eastern|south-?western)\b))*\s*"
)
_CONTAINER_WORD = re.compile(r"\b(?i:in|near|of|outside|inside|around)\b")
#: At most this many words (other unknown names count one) before the container.
_CONTAINER_GAP_WORDS = 10
#: Characters after a name searched for a locative word before the gap is read at all.
_CONTAINER_LOOKAHEAD = 40


def _mention_spans(ordered: list[_Group]) -> list[tuple[int, int, _Group]]:
    """Every named mention as (start, end, group), in text order."""
    return sorted(
        (
            (t.span.start, t.span.end, g)
            for g in ordered
            for t in g.toponyms
            if t.rule != "relative"
        ),
        key=lambda s: (s[0], s[1]),
    )


def _container_after(group: _Group, ordered: list[_Group], text: str) -> Candidate | None:
    """The place written after an unknown name as its container, in the same sentence.

    "Militants shelled X village in Y area in the countryside of Z": the
    first resolved town or division (first- or second-order) after the name
    whose gap holds only locative words ("in", "near", "of"), generic place
    words ("area", "province", "the countryside of"), compass adjectives,
    commas and other unknown names, at most ``_CONTAINER_GAP_WORDS`` words,
    with no sentence end between. It beats an earlier mention: the text
    says where the name lies. Limits: a country is no container here (too
    wide a guess; the anchor rule still takes "X in Syria"), and the gap
    words are English.
    """
    if not text:
        return None
    for toponym in group.toponyms:
        end = toponym.span.end
        if _CONTAINER_WORD.search(text, end, end + _CONTAINER_LOOKAHEAD) is None:
            continue
        spans = _mention_spans(ordered)
        gap: list[str] = []
        position = end
        for start, stop, other in spans[bisect.bisect_left(spans, (end, -1)) :]:
            if start < position:
                continue
            gap.append(text[position:start])
            between = "@".join(gap)
            if re.search(r"[.!?;:\n]", between) or len(between.split()) > _CONTAINER_GAP_WORDS:
                break
            if _CONTAINER_GAP.fullmatch(between) is None:
                break
            chosen = other.chosen
            if other is group or chosen is None:
                position = stop  # another unknown name of the chain ("Y area")
                continue
            if (
                chosen.kind in ("place", "admin1", "admin2")
                and _CONTAINER_WORD.search(between)
                and any(t.role == "place" for t in other.toponyms)
            ):
                return chosen
            break
    return None


#: An unknown name described by its sentence: "X is ...", "X, a village ...".
#: Not a bare "was" ("X was shelled by forces from Y" does not put X in Y).
_DESCRIBED = re.compile(
    r"(?:\s+(?:is|lies|lay|sits|stands|(?:is|was)\s+(?:located|situated))\b|\s*,\s*(?:a|an)\b)"
)
#: A locative phrase right before a place: "in", "in what is now eastern", "near the".
_LOCATED_BEFORE = re.compile(
    r"\b(?:in|near|outside|inside)\s+(?:what\s+(?:is|was)\s+(?:now\s+)?)?(?:the\s+)?"
    r"(?:(?:north|south|east|west|central|northern|southern|eastern|western|"
    r"north-?eastern|north-?western|south-?eastern|south-?western)\s+)?$",
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"[.!?;\n]")
#: At most this many words between a described name and the place it lies in.
_DESCRIBED_WORDS = 25


def _defined_in(group: _Group, ordered: list[_Group], text: str) -> Candidate | None:
    """The place a sentence describing an unknown name puts it in, else None.

    "X is the site of an old battle in what is now eastern Turkey",
    "X, a village near Y, ...": a mention followed by "is", "lies", "was
    located" or by a comma and "a"/"an" opens a description; the first
    resolved name of that sentence, within ``_DESCRIBED_WORDS`` words, written
    right after "in", "near", "outside" (with "what is now", "the" or a
    compass word between) and named as a setting is where the name lies. A
    country counts here, unlike for :func:`_container_after`: the sentence
    says so. Limits: English wording; one sentence.
    """
    if not text:
        return None
    spans = _mention_spans(ordered)
    for toponym in group.toponyms:
        end = toponym.span.end
        if _DESCRIBED.match(text, end) is None:
            continue
        stop = _SENTENCE_END.search(text, end)
        limit = stop.start() if stop else len(text)
        for start, _stop, other in spans[bisect.bisect_left(spans, (end, -1)) :]:
            if start >= limit or len(text[end:start].split()) > _DESCRIBED_WORDS:
                break
            chosen = other.chosen
            if (
                other is group
                or chosen is None
                or chosen.kind
                not in (
                    "place",
                    "admin1",
                    "admin2",
                    "country",
                )
            ):
                continue
            if not any(t.span.start == start and t.role == "place" for t in other.toponyms):
                continue
            if _LOCATED_BEFORE.search(text, max(end, start - 40), start):
                return chosen
    return None


#: A place inside an unknown name ("Victoria Park") is taken only this near the story's places
#: (a metropolis of ``_FAMOUS_POPULATION`` names things farther away: its airport, its region).
_INNER_PLACE_KM = 150.0
_INNER_METROPOLIS_KM = 400.0


def _inner_place_near_story(inner: Candidate, group: _Group, ordered: list[_Group]) -> bool:
    """Whether the place inside an unknown name belongs to the story.

    Method: divisions, countries and regions pass (:func:`_inner_place`
    already keeps them inside the focus countries); a town passes when the
    story names it, when it names no other place, when it lies inside a
    division the story names, or when one of the story's towns lies within
    ``_INNER_PLACE_KM`` (``_INNER_METROPOLIS_KM`` for a metropolis:
    "Montreal-Trudeau International" in an Ottawa story); with divisions
    only named, it must lie inside one.
    "Victoria Park" in a story set in London, Ontario is no park of
    Victoria, British Columbia: it falls back like any unknown name.
    Limits: chosen places only, not the other readings of their names.
    """
    if inner.kind != "place":
        return True
    others = [
        g.chosen
        for g in ordered
        if g is not group
        and g.chosen is not None
        and g.chosen.kind in ("place", "admin1", "admin2")
        and any(t.role != "dateline" for t in g.toponyms)
    ]
    if not any(o.kind == "place" for o in others):
        return not others or any(_inside(inner, o) for o in others)
    radius = _INNER_METROPOLIS_KM if inner.population >= _FAMOUS_POPULATION else _INNER_PLACE_KM
    return any(
        o.id == inner.id
        or (o.kind != "place" and _inside(inner, o))
        or (o.kind == "place" and haversine_km(inner.lat, inner.lon, o.lat, o.lon) <= radius)
        for o in others
    )


def _inside(c: Candidate, container: Candidate) -> bool:
    """Whether ``c`` lies inside ``container`` ("Salinas" in California) or next to its town."""
    if container.kind in ("admin1", "admin2"):
        return c.country == container.country and c.admin1_code == container.admin1_code
    return haversine_km(c.lat, c.lon, container.lat, container.lon) <= _ANCHOR_LIMIT_KM


def _focus_rank(c: Candidate, focus: Sequence[str]) -> int:
    """Position of ``c``'s country among the focus countries (their count if absent)."""
    return focus.index(c.country) if c.country in focus else len(focus)


def _fall_back(
    group: _Group,
    by_span: dict[tuple[int, int], _Group],
    ordered: list[_Group],
    gazetteer: Gazetteer,
    focus: Sequence[str],
    text: str = "",
    *,
    demonyms: Counter[str] | None = None,
) -> None:
    """Give an unknown name its anchor, container or nearest preceding place."""
    for toponym in group.toponyms:
        anchor_group = _anchor_of(toponym, by_span)
        anchor = _resolved(anchor_group) if anchor_group is not group else None
        if anchor is None:
            continue
        group.fallback = anchor
        group.fallback_precision = (
            3 if anchor.kind in ("admin1", "admin2") else max(2, anchor.geo_precision)
        )
        group.offset = _offset(anchor, toponym)
        relation = f"{toponym.relative} of" if toponym.relative not in (None, "in") else "in"
        group.why = f"fallback: '{group.query}' not in the gazetteer; {relation} {anchor.name}"
        if group.offset:
            group.why += f" ({toponym.distance_km:g} km)"
        return
    container = _container_after(group, ordered, text)
    inner = _inner_place(group.query, gazetteer, focus)
    if inner is not None and not _inner_place_near_story(inner, group, ordered):
        inner = None  # "Victoria Park" in a London, Ontario story is no park of Victoria, B.C.
    if container is not None and not (inner is not None and _inside(inner, container)):
        group.fallback = container
        group.fallback_precision = 3 if container.kind in ("admin1", "admin2") else 2
        group.why = (
            f"fallback: '{group.query}' not in the gazetteer; in {container.name}, "
            "named after it in the sentence"
        )
        return
    if inner is not None:
        group.fallback, group.fallback_precision = inner, max(2, inner.geo_precision)
        group.why = f"fallback: '{group.query}' not in the gazetteer; named after {inner.name}"
        return
    defined = _defined_in(group, ordered, text)
    if defined is not None:
        group.fallback = defined
        group.fallback_precision = (
            3 if defined.kind in ("admin1", "admin2") else max(2, defined.geo_precision)
        )
        group.why = (
            f"fallback: '{group.query}' not in the gazetteer; in {defined.name}, "
            "by the sentence describing it"
        )
        return
    cued = group.hints & (_SMALL_HINTS | {"county", "settlement"}) or any(
        t.rule.startswith("cue") for t in group.toponyms
    )
    if not cued:
        return
    first = group.toponyms[0].span.start
    # A dateline says where the story was filed, not where an unknown village lies.
    resolved = [
        g
        for g in ordered
        if g.chosen is not None
        and g.chosen.kind == "place"
        and any(t.role != "dateline" for t in g.toponyms)
    ]
    home = _home_country(_focus(ordered, demonyms=demonyms), _focus(ordered, places_only=True))
    if home is not None:
        # An unknown name in a story set in one country is not placed abroad.
        resolved = [g for g in resolved if g.chosen is not None and g.chosen.country == home]
    if not resolved:
        # No town named: a county the story names holds the unknown town (a state or
        # a province is too wide a guess).
        resolved = [
            g
            for g in ordered
            if g is not group
            and g.chosen is not None
            and g.chosen.kind == "admin2"
            and any(t.role == "place" for t in g.toponyms)
        ]
    # The place named just before (same passage), else the document's main place. A
    # division named just before as a setting counts too ("in Damascus city ... X
    # neighbourhood" where the name was read as the governorate): the passage's
    # subject, not a town named two paragraphs earlier.
    settings = [
        g
        for g in ordered
        if g is not group
        and g.chosen is not None
        and g.chosen.kind in ("admin1", "admin2")
        and (home is None or g.chosen.country == home)
        and g not in resolved
    ]
    recent = [
        (max(t.span.start for t in near), g.chosen)
        for g in resolved + settings
        if (
            near := [
                t
                for t in g.toponyms
                if first - _RECENT_CHARS <= t.span.start < first
                and (t.role == "place" if g in settings else t.role != "dateline")
            ]
        )
    ]
    if recent:
        nearest = max(recent, key=lambda t: t[0])[1]
    elif not resolved:
        return  # no town, no county, no division just before: too wide a guess
    else:
        main = max(
            resolved,
            # Mentions as a setting: "Ankara's offensive" names a government, not a place.
            key=lambda g: (
                sum(t.role == "place" for t in g.toponyms),
                -g.toponyms[0].span.start,
            ),
        )
        nearest = main.chosen
    assert nearest is not None
    group.fallback = nearest
    group.fallback_precision = 3 if nearest.kind in ("admin1", "admin2") else 2
    group.why = (
        f"fallback: '{group.query}' not in the gazetteer; nearest place mentioned, {nearest.name}"
    )


def _collect(ordered: list[_Group], focus: list[str]) -> GeoResolution:
    result = GeoResolution(focus=focus)
    places: dict[str, Place] = {}
    for group in sorted(ordered, key=lambda g: g.toponyms[0].span.start):
        base = group.chosen or group.fallback
        if base is None:
            continue
        if group.chosen is not None:
            place_id = base.place_id
            name, precision, feature = base.name, base.geo_precision, base.feature
            lat, lon, geonameid = base.lat, base.lon, base.geonameid
        else:
            name, precision = group.query, group.fallback_precision
            if "county" in group.hints:
                # Keep the word the bare name was looked up without: "Metcalfe County".
                name = clean_name(group.toponyms[0].span.text, keep_suffix=True)[0]
            place_id = f"{base.place_id}~{_slug(name)}"
            feature = next(iter(sorted(group.hints & _SMALL_HINTS)), None) or "near"
            lat, lon = group.offset or (base.lat, base.lon)
            geonameid = None
        place = places.get(place_id)
        if place is None:
            place = places[place_id] = Place(
                id=place_id,
                name=name,
                lat=round(lat, 5),
                lon=round(lon, 5),
                geonameid=geonameid,
                admin1=base.admin1 if base.kind != "country" else None,
                country=base.country,
                feature=feature,
                geo_precision=precision,
                population=base.population or None,
                resolution=group.why,
                # A layer's P-code names the place itself, not one merely near it.
                pcode=base.pcode if group.chosen is not None else None,
                layer=base.layer,
                admin2=base.admin2,
                admin3=base.admin3,
            )
        for toponym in group.toponyms:
            place.mentions.append(toponym.span)
            result.by_mention[(toponym.span.start, toponym.span.end)] = place_id
    result.places = list(places.values())
    return result


def mention_counts(resolution: GeoResolution) -> dict[str, int]:
    """How many mentions each place id has (for ranking places in summaries)."""
    counts: dict[str, int] = defaultdict(int)
    for place_id in resolution.by_mention.values():
        counts[place_id] += 1
    return dict(counts)
