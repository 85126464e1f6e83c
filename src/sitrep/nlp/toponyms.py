"""Toponym recognition: place names from NER, gazetteer matches and context.

The ``sitrep_toponyms`` component writes ``doc._.sitrep_toponyms`` (a list of
:class:`~sitrep.types.Toponym`, in text order). It finds names by:

* ``ner`` — spaCy entities GPE, LOC and FAC;
* ``cue:<hint>`` — names after or before cue words ("the town of X",
  "the areas of X and Y", "X neighborhood", "X countryside", "Mount X"),
  whether or not the gazetteer knows them;
* ``ner_corrected`` — entities the model tagged PERSON, ORG or NORP that are
  large places by their exact spelling (a small English model calls
  "Aleppo" a person and "Hama" an organisation), or that the document also
  uses as a place;
* ``gazetteer`` — capitalised names the model missed that exactly name a
  country, first-order division or city of 100,000 people or more;
* ``gazetteer`` also takes a name of any size that the gazetteer places
  inside the division or country written after it ("Churchill, Man.",
  "Hugo, Oklahoma", "Azaz, Syria");
* ``gazetteer`` also takes, in the document's own countries, a name of
  any size that the gazetteer spells exactly after a locative word ("in
  Sukoharjo", "from Menoufia") or in a list with places already found
  ("Rogaland, Vestfold, Buskerud and Oslo");
* ``repeat`` — further mentions of a name already found as a place
  (one sense per document) that a cue found or the gazetteer knows:
  "Innisfail" found once by a cue is a place in "the Innisfail skater" too,
  and "Laurel County" in "the Laurel County Sheriff's Office"; names led by
  a lowercase particle ("al-Qusour") too; never inside a person's name;
* ``relative`` — relative phrases with no name of their own ("the defense
  labs east of the city");
* ``cue:<hint>`` also after a modified cue noun ("the southern Gaza Strip
  city of X", "Iraq's western town of X"): X is the place, the name or
  owner before the noun its container;
* ``gazetteer`` also takes the owner of a possessive whose apostrophe was
  lost ("Yemens Marib" -> Yemen), and second-order divisions ("Cornwall")
  that no person's name holds.

* ``gazetteer`` also takes a place modifying an institution noun
  ("Danbury police", "Brant OPP", "Wood Green Crown Court";
  ``institution_nouns``) with ``role="modifier"`` (geocoded, never an
  event's setting), and a longer name listed among places whose first word
  is a town ("Hornsey, Stoke Newington and Walthamstow": the district, not
  Stoke-on-Trent).

Demonyms ("Russian", "Iranians"), capitalised plurals counted by a number
("30 Alawites", "dozens of Kurds": people; ``count_words``) and media or
armed-group names are never toponyms. A capital or country acting as a
government ("Moscow said", "the struggle between Moscow and Tehran") gets
``role="government"``. Relative phrases ("west of the city", "20 km south
of Idlib") fill ``relative``,
``distance_km`` and ``anchor``; containers ("in Aleppo countryside", "X
neighborhood in Y city", "the X district of Y", "the village of X in
central Y's Z district") give ``relative="in"`` and the (innermost)
container as ``anchor``. The cue words are data:
``sitrep/data/en/place_cues.json``.

Limits: cues are English; the corrected-type rule needs the gazetteer
(without one only NER and cue rules run); a person named after a large city
("Paris Hilton") is left to NER only when the surrounding name is longer.
"""

from __future__ import annotations

import functools
import re
from bisect import bisect_right
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from spacy.lang.en.stop_words import STOP_WORDS
from spacy.language import Language
from spacy.tokens import Doc
from spacy.tokens import Span as SpacySpan

from sitrep.geo.resolve import dotted_division
from sitrep.lexicons import load_lexicon
from sitrep.nlp.extensions import doc_memo, doc_text, register_extensions
from sitrep.types import Span, Toponym

if TYPE_CHECKING:
    from sitrep.geo.gazetteer import Candidate, Gazetteer

_PLACE_LABELS = {"GPE", "LOC", "FAC"}
_CORRECTABLE_LABELS = {"PERSON", "ORG", "NORP"}
_SMALL_HINTS = {"neighbourhood", "village", "town", "mountain", "facility", "area"}
#: Generic words ending a second-order division's full name ("Plymouth County", "Orleans Parish").
_COUNTY_WORDS = frozenset({"county", "co", "parish", "borough"})
_LABEL_FOR_HINT = {
    "facility": "FAC",
    "mountain": "LOC",
    "region": "LOC",
    "area": "LOC",
    "neighbourhood": "LOC",
}
#: "Syrias Idlib", "Syria's Idlib", "Syrias": a possessive glued to (or ending) a name.
_GLUED_POSSESSIVE = re.compile(
    r"(?P<word>(?P<owner>[A-Z][\w-]*[a-z])(?:['’]s|s))(?:\s+(?=[A-Z])|$)"
)
#: Priority of how a name was found when spans overlap (higher wins).
_PRIORITY = {"cue": 4, "ner": 3, "ner_corrected": 2, "gazetteer": 1, "repeat": 1, "relative": 0}
#: A compass word glued to a name by lost spacing ("Kobaninorth Syria"): the stem and the rest.
_GLUED_COMPASS = re.compile(
    r"(?P<stem>[A-Z][a-z]{2,}?)(?:north|south|east|west)(?:ern)?(?:\s+(?P<rest>.+))?$"
)
#: A possessive ending a name ("Canada's", "Ontario’s"): not part of the name.
_TRAILING_POSSESSIVE = re.compile(r"['’]s$")
#: A list separator after a capitalised name, before another ("Hornsey, " / "and ").
_LISTED_BEFORE = re.compile(r"(?P<name>[A-Z][\w'’-]*)(?:,[ \t]*|,?[ \t]+and[ \t]+)$")
_LISTED_AFTER = re.compile(
    r"(?:[ \t]*,[ \t]*(?:and[ \t]+)?|[ \t]+and[ \t]+)(?P<name>[A-Z][\w'’-]*)"
)
#: Characters read either side of an institution word for the name it follows.
_RUN_REACH = 80
#: The lower-case word right after a name ("Danbury police").
_LOWER_WORD_AFTER = re.compile(r"[ \t]+([a-z]+)\b")
#: Entries read per name: divisions (no population) sort last behind a name's many towns
#: ("Washington" has dozens), so the cut must leave room for them.
_LOOKUP_LIMIT = 100
# Names whose gazetteer entries the recognizer keeps between documents, and
# the entries kept in all (about 200 bytes each): past either, the cache
# starts over. 255 FA-KES articles ask for about 5,000 names, most of them
# with no entry at all.
_LOOKUP_CACHE_SIZE = 20_000
_LOOKUP_CACHE_ENTRIES = 100_000
#: Tokens an NER place may grow by on either side to reach a gazetteer name.
_EXTEND_TOKENS = 3
#: Shortest name (letters) admitted by context in the story's countries.
_FOCUS_NAME_MIN_LETTERS = 4
#: Shortest second-order division name (letters) taken as a place on its own.
_ADMIN2_MIN_LETTERS = 5
#: Shortest name (letters) repeated as a place from another mention.
_REPEAT_MIN_LETTERS = 3
#: Shortest name (letters) repeated on the strength of a transliteration-key match alone.
_REPEAT_KEY_MIN_LETTERS = 7


def _prominence(c: Candidate) -> float:
    """How likely an entry is before context: countries, divisions, then population."""
    rank = {"country": 3.0, "continent": 2.5, "admin1": 2.0, "region": 2.0}.get(c.kind)
    return rank if rank is not None else min(1.9, c.population / 1e7)


@Language.factory(
    "sitrep_toponyms", assigns=["doc._.sitrep_toponyms"], default_config={"lang": "en"}
)
def make_toponyms(nlp: Language, name: str, lang: str) -> ToponymRecognizer:
    """Create the sitrep_toponyms component (lexicons for ``lang``)."""
    return ToponymRecognizer(lang=lang)


def _entities(doc: Doc) -> tuple[SpacySpan, ...]:
    """The model's entities of ``doc``, as :meth:`ToponymRecognizer.match` read them."""
    found: tuple[SpacySpan, ...] | None = doc_memo(doc, "toponym_stage").get("ents")
    return found if found is not None else tuple(doc.ents)


def _group_name_pattern(actors: dict[str, Any]) -> re.Pattern[str] | None:
    """One pattern for the actor lexicon's names that contain a place.

    Only aliases of three words or more joined by "in", "of" or "and" can
    hold a place ("al-Qaeda in the Arabian Peninsula"); "the" is optional in
    them and "in"/"of" interchangeable. State actors are left out: their
    names are their countries' ("Kingdom of Saudi Arabia"), which are places.
    """
    phrases: set[str] = set()
    for actor in actors.get("actors", []):
        if actor.get("kind") == "state":
            continue
        for alias in actor.get("aliases", []):
            words = alias.split()
            if len(words) < 3 or not any(w in ("in", "of", "and") for w in words[1:-1]):
                continue
            # Each word, then the optional article a connector may take.
            parts: list[str] = []
            for w in words:
                if w.lower() == "the":
                    continue
                if w in ("in", "of"):
                    parts.append(r"(?:in|of)(?:\s+the)?")
                elif w == "and":
                    parts.append(r"and(?:\s+the)?")
                else:
                    parts.append(re.escape(w))
            phrases.add(r"\s+".join(parts))
    if not phrases:
        return None
    alternatives = "|".join(sorted(phrases, key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?i:{alternatives})(?![\w-])")


@dataclass(slots=True)
class _Found:
    toponym: Toponym
    priority: int
    group: int = -1  # names listed after one cue share a container
    container_start: int = -1  # where the container a cue names starts ("the Gaza Strip city of")


def _alternation(words: Iterable[str]) -> str:
    """A regex alternation, longest first, spaces matching any whitespace."""
    escaped = (
        re.escape(w).replace(r"\ ", r"\s+") for w in sorted(set(words), key=len, reverse=True)
    )
    return "|".join(escaped)


class ToponymRecognizer:
    """Finds place names (see the module docstring); ``match`` then ``set_annotations``."""

    def __init__(self, lang: str = "en") -> None:
        self.lang = lang
        self.gazetteer: Gazetteer | None = None
        self._compiled = False
        self._lookup_cache: dict[str, list[Candidate]] = {}
        self._cached_entries = 0
        self._demonym_cache: dict[str, bool] = {}

    def set_gazetteer(self, gazetteer: Gazetteer | None) -> None:
        """Give the stage a gazetteer for name matching beyond NER."""
        self.gazetteer = gazetteer
        self._lookup_cache, self._cached_entries = {}, 0
        self._demonym_cache = {}

    # -- lexicon ------------------------------------------------------------------

    def _compile(self) -> None:
        if self._compiled:
            return
        cues: dict[str, Any] = load_lexicon("place_cues", self.lang)
        self.cues = cues
        particles = _alternation(p for p in cues["name_particles"] if p != "of")
        # A capitalised word ("Al-Zahraa") or a dotted abbreviation ("U.S.", "D.C.").
        word = r"(?:(?:[A-Z]\.){2,}|[A-Z][\w'’ʿ`]*(?:-[A-Za-z][\w'’ʿ`]*)*)"
        pword = rf"(?:(?:{particles})-)?{word}"
        self.name_pattern = rf"{pword}(?:[ \t]+(?:(?:{particles})[ \t]+)?{pword}){{0,4}}"
        self.name_re = re.compile(self.name_pattern)
        # "al-Qusour", "el-Obeid", "as Salamiyah": a name led by a lowercase particle.
        self.particle_name_re = re.compile(rf"(?:{particles})[- ][A-Z]")
        sep = r"(?:\s*,\s*and\s+|\s*,\s*|\s+and\s+|\s*&\s*)"
        self.prefix_hint: dict[str, str] = {}
        for hint, phrases in cues["prefix_cues"].items():
            for phrase in phrases:
                self.prefix_hint[" ".join(phrase.lower().split())] = hint
        self.prefix_re = re.compile(
            rf"(?<![\w-])(?i:(?P<cue>{_alternation(self.prefix_hint)}))\s+"
            rf"(?P<names>{self.name_pattern}(?:{sep}{self.name_pattern})*)"
        )
        self.suffix_hint: dict[str, str] = {}
        for hint, phrases in cues["suffix_cues"].items():
            for phrase in phrases:
                self.suffix_hint[" ".join(phrase.lower().split())] = hint
        self.suffix_re = re.compile(
            rf"(?P<name>{self.name_pattern})\s+(?i:(?P<cue>{_alternation(self.suffix_hint)}))\b"
        )
        self.mount_re = re.compile(
            rf"(?<![\w-])(?:{_alternation(cues['mountain_words'])})\s+{self.name_pattern}"
        )
        rel = cues["relative"]
        self.units: dict[str, float] = rel["units_km"]
        self.anchor_words: dict[str, str] = {
            " ".join(k.lower().split()): v for k, v in rel["anchor_words"].items()
        }
        self.relative_re = re.compile(
            rf"(?<![\w-])(?:(?P<dist>\d+(?:[.,]\d+)?)\s*(?P<unit>{_alternation(self.units)})\.?"
            rf"\s+)?(?:to\s+the\s+)?(?i:(?P<dir>{_alternation(rel['directions'])}))\s+of\s+"
            rf"(?P<anchor>(?i:{_alternation(self.anchor_words)})\b|{self.name_pattern})"
        )
        # "the militant-held town of", "the Kurdish-controlled city of".
        adjectives = _alternation(cues.get("container_adjectives", [])) + (
            r"|[A-Za-z]+-(?:held|controlled|besieged)"
        )
        nouns = _alternation(cues.get("container_nouns", []))
        heads = _alternation(cues.get("container_heads", []))
        # "X in Y", "X neighborhood in (the city of) Y", "the X district of central Y".
        self.container_noun_re = re.compile(rf"\s+(?i:{nouns})(?=,)")
        self.container_re = re.compile(
            rf"\s+(?:(?i:(?P<noun>{nouns}))\s+(?i:of)\s+|(?i:(?P<own>{nouns})\s+)?"
            rf"(?:in|near|outside|inside)\s+)(?i:the\s+)?(?i:(?:{adjectives})\s+(?=\w+\s+of\s))?"
            rf"(?i:(?:{heads})\s+of\s+)?"
            rf"(?i:(?:{adjectives})\s+)?"
        )
        # "the southern Gaza Strip city of X", "Syria's northern town of X":
        # a prefix cue's noun after an adjective, a container's name or an owner.
        modified: dict[str, str] = {}
        for phrase, hint in self.prefix_hint.items():
            words = phrase.split()
            # Not "the X district of Y": there X is the district and Y its container.
            if (
                len(words) >= 3
                and words[0] == "the"
                and words[-1] == "of"
                and hint not in ("neighbourhood",)
            ):
                modified[" ".join(words[1:-1])] = hint
        self.modified_hint = modified
        self.modified_cue_re = re.compile(
            rf"(?<![\w-])(?:(?i:the)|(?P<owner>[A-Z][\w-]*[a-z])(?:['’]s|s))\s+"
            rf"(?P<adj>(?i:{adjectives})\s+)?(?:(?P<container>{self.name_pattern})\s+)?"
            rf"(?:(?i:{adjectives})\s+)?(?P<noun>(?i:{_alternation(modified)}))\s+of\s+"
            rf"(?P<names>{self.name_pattern}(?:{sep}{self.name_pattern})*)"
        )
        # "Iraqs western", "Yemens Marib" — a possessive whose apostrophe was lost.
        self.glued_re = re.compile(
            rf"(?<![\w'’-])(?P<word>[A-Z][a-z]{{2,}}s)(?=\s+(?:[A-Z]|(?i:(?:{adjectives}|"
            rf"{_alternation(modified)})\b)))"
        )
        # "Churchill, Man." / "Hugo, Oklahoma": the division or country after a comma.
        self.comma_region_re = re.compile(rf",[ \t]+(?P<region>{self.name_pattern}\.?)")
        gov = cues["government"]
        self.place_verbs = frozenset(gov["place_verbs"])
        self.relation_nouns = frozenset(gov["relation_nouns"])
        self.government_nouns = frozenset(gov.get("government_nouns", []))
        self.organisation_heads = frozenset(cues.get("organisation_heads", []))
        self.place_nouns = frozenset(gov["place_nouns"])
        self.noun_places = frozenset(cues["place_nouns"])
        self.facility_nouns = frozenset(cues["facility_nouns"])
        self.not_places = frozenset(n.lower() for n in cues["not_places"])
        self.place_heads = frozenset(h.lower() for h in cues.get("place_name_heads", []))
        self.generic_words = frozenset(w.lower() for w in cues.get("generic_name_words", []))
        self.locative_re = re.compile(
            rf"\b(?:{_alternation(cues.get('locative_words', []))})\s+(?:the\s+)?$"
        )
        self.territory_re = re.compile(
            rf"\b(?i:{_alternation(cues.get('territory_verbs', []))})\s+(?:the\s+)?$"
        )
        self.person_after_verb_min_population = int(
            cues.get("person_after_verb_min_population", 20_000)
        )
        self.known_division_suffixes = frozenset(
            w.lower() for w in cues.get("known_division_suffixes", [])
        )
        self.min_population = int(cues["person_to_place_min_population"])
        self.gazetteer_min_population = int(cues["gazetteer_min_population"])
        self.group_name_re = _group_name_pattern(load_lexicon("actors", self.lang))
        # "30 Alawites", "five Syrians", "dozens of Kurds" (not a year: "the 2015 Paris attacks").
        institutions = cues.get("institution_nouns", [])
        self.institution_words = frozenset(w.lower() for w in institutions if not w.isupper())
        self.institution_abbreviations = frozenset(w for w in institutions if w.isupper())
        self.eponym_words = frozenset(cues.get("eponym_words", []))
        self.count_re = re.compile(
            rf"(?:(?<![\w,.])(?!(?:1[5-9]|20)\d\d\b)\d+(?:,\d{{3}})*|"
            rf"\b(?i:{_alternation(cues.get('count_words', []))})(?:\s+of)?)\s+$"
        )
        self._compiled = True

    # -- the component ------------------------------------------------------------

    def __call__(self, doc: Doc) -> Doc:
        """Find the document's toponyms and write them on ``doc._.sitrep_toponyms``."""
        self.set_annotations(doc, self.match(doc))
        return doc

    def set_annotations(self, doc: Doc, toponyms: list[Toponym]) -> None:
        """Write ``toponyms`` on ``doc._.sitrep_toponyms``."""
        register_extensions()
        doc._.sitrep_toponyms = toponyms

    def match(self, doc: Doc) -> list[Toponym]:
        """Return the toponyms of ``doc`` in text order (nothing is written)."""
        self._compile()
        text = doc_text(doc)
        # Gazetteer answers do not depend on the document: the cache lives
        # across documents (bounded).
        if (
            len(self._lookup_cache) > _LOOKUP_CACHE_SIZE
            or self._cached_entries > _LOOKUP_CACHE_ENTRIES
        ):
            self._lookup_cache, self._cached_entries = {}, 0
        # the model's entities, read once for every finder below (each read of
        # Doc.ents builds its spans anew); dropped when the stage is done
        stage = doc_memo(doc, "toponym_stage")
        stage["ents"] = tuple(doc.ents)
        try:
            return self._match(doc, text)
        finally:
            stage.pop("ents", None)

    def _match(self, doc: Doc, text: str) -> list[Toponym]:
        """The finders and filters of :meth:`match`, in order."""
        found: list[_Found] = []
        found += self._cue_names(text)
        found += self._entity_names(doc)
        found += self._extended_entities(doc)
        found += self._gazetteer_names(text, doc)
        found += self._glued_possessives(text)
        found = [f for f in found if not self._is_organisation(f.toponym.span.text)]
        found = [f for f in found if not self._is_counted_people(text, f.toponym.span)]
        found = self._outside_group_names(text, found)
        accepted = self._split_cue_possessives(self._merge(found))
        accepted = self._repeats(text, doc, accepted)
        accepted = self._focus_names(text, doc, accepted)
        accepted = self._institution_modifiers(text, doc, accepted)
        self._containers(text, accepted)
        toponyms = [f.toponym for f in accepted]
        toponyms += self._relative_phrases(doc, toponyms)
        toponyms.sort(key=lambda t: t.span.start)
        for toponym in toponyms:
            if self._is_government(doc, toponym):
                toponym.role = "government"
        return toponyms

    # -- finders ------------------------------------------------------------------

    def _clean(self, text: str, start: int, *, cued: bool = False) -> tuple[str, int] | None:
        """Drop leading capitalised function words ("In Aleppo" -> "Aleppo").

        Returns None for no name: stop words, demonyms, ``not_places``. With
        ``cued`` (after "the town of"), a listed media name of two words or
        more that the gazetteer spells as a place is the place ("the town of
        Al Mayadeen", not the channel).
        """
        words = text.split(" ")
        while len(words) > 1 and words[0].lower() in STOP_WORDS and not words[0].isupper():
            start += len(words[0]) + 1
            words = words[1:]
        name = _TRAILING_POSSESSIVE.sub("", " ".join(words))
        if not name or (name.lower() in STOP_WORDS and not name.isupper()):
            return None
        name = self._cut_at_demonym(name)
        if self._is_demonym(name):
            return None
        if name.lower() in self.not_places and not (
            cued
            and " " in name  # never a compass word or a month ("the province of Western")
            and any(c.match == "exact" and c.kind == "place" for c in self._lookup(name))
        ):
            return None
        return name, start

    def _cut_at_demonym(self, name: str) -> str:
        """The words of ``name`` before a later demonym: "Ashara Syrian Observatory" -> "Ashara".

        Texts without punctuation run a place into the organisation named
        after it; a demonym after the first word starts a new name, unless the
        gazetteer spells the whole ("United Arab Emirates").
        """
        words = name.split(" ")
        if len(words) < 2 or self.gazetteer is None:
            return name
        for i, word in enumerate(words[1:], start=1):
            if word[:1].isupper() and self._is_demonym(word):
                if any(c.match == "exact" for c in self._lookup(name)):
                    return name
                return " ".join(words[:i])
        return name

    def _outside_group_names(self, text: str, found: list[_Found]) -> list[_Found]:
        """Drop names inside an armed group's name ("Islamic State in Iraq and Levant").

        The place words of a group's name in the actor lexicon name the group,
        not where anything happens. Matching ignores case and an article
        ("and the Levant" / "and Levant") and takes "of" and "in" alike, so
        the spellings of one name that agencies vary are all caught.
        """
        if self.group_name_re is None:
            return found
        spans = [(m.start(), m.end()) for m in self.group_name_re.finditer(text)]
        if not spans:
            return found
        return [
            f
            for f in found
            if not any(s <= f.toponym.span.start and f.toponym.span.end <= e for s, e in spans)
        ]

    def _is_organisation(self, name: str) -> bool:
        """A name with an organisation's head word ("Syrian Observatory for Human Rights").

        ``organisation_heads`` ("Observatory", "Agency", "Coalition"...) name
        bodies, not places, unless the gazetteer spells the whole name.
        """
        if not any(w in self.organisation_heads for w in re.split(r"[\s-]+", name)):
            return False
        return not any(c.match == "exact" for c in self._lookup(name))

    def _is_counted_people(self, text: str, span: Span) -> bool:
        """A capitalised plural counted by a number: people, not a place.

        "killing 30 Alawites in Latakia", "five Syrians", "dozens of Kurds":
        a name ending in a plural "s" after a count (digits, not a year, or
        ``count_words``) names a group of people. Limits: a country, a
        division or a large city under its exact spelling stays a place
        ("the two Koreas" is lost only when the gazetteer lacks the plural).
        """
        name = span.text
        last = name.split(" ")[-1]
        if len(last) < 4 or not last.endswith("s") or last.endswith(("ss", "us", "is")):
            return False
        if self.count_re.search(text, max(0, span.start - 30), span.start) is None:
            return False
        return not self._is_known_place(name)

    def _cue_names(self, text: str) -> list[_Found]:
        out: list[_Found] = []
        group = 0
        for m in self.prefix_re.finditer(text):
            hint = self.prefix_hint.get(" ".join(m.group("cue").lower().split()))
            group += 1
            base = m.start("names")
            for n in self.name_re.finditer(m.group("names")):
                cleaned = self._clean(n.group(0), base + n.start(), cued=True)
                if cleaned is None:
                    continue
                name, start = cleaned
                out.append(self._found(name, start, hint, f"cue:{hint}", group=group))
        for m in self.suffix_re.finditer(text):
            cue = " ".join(m.group("cue").lower().split())
            hint = self.suffix_hint.get(cue)
            cleaned = self._clean(m.group("name"), m.start("name"))
            if cleaned is None:
                continue
            name, start = cleaned
            if cue in self.known_division_suffixes and not self._is_division_or_country(name):
                continue  # "Washington state", "Borno State"; never "Islamic State"
            out.append(self._found(name, start, hint, f"cue:{hint}"))
        for m in self.mount_re.finditer(text):
            out.append(self._found(m.group(0), m.start(), "mountain", "cue:mountain"))
        out += self._modified_cue_names(text, group)
        return out

    def _modified_cue_names(self, text: str, group: int) -> list[_Found]:
        """Names after a cue noun with modifiers: "the southern Gaza Strip city of Khan Younis".

        The name after "city of" / "town of" is the place, with the cue's
        hint; the place named before the noun ("Gaza Strip"), or the owner
        of a possessive ("Syria's northern town of"), is its container
        (``container_start``; :meth:`_containers` anchors it). A demonym
        ("the northern Syrian city of") contains nothing: it is no toponym.
        An unmodified "the city of X" is the plain prefix cue's.
        """
        out: list[_Found] = []
        for m in self.modified_cue_re.finditer(text):
            owner, adj, container = m.group("owner"), m.group("adj"), m.group("container")
            if owner is None and adj is None and container is None:
                continue
            if owner is not None and not self._is_known_place(owner):
                continue
            hint = self.modified_hint.get(" ".join(m.group("noun").lower().split()))
            where = m.start("container") if container is not None else -1
            # "the Syrian border town of X": the demonym names X's country.
            country = self._demonym_country(container) if container is not None else None
            if owner is not None:
                where = m.start("owner")
                out.append(self._found(owner, m.start("owner"), None, "gazetteer", label="GPE"))
            group += 1
            base = m.start("names")
            for n in self.name_re.finditer(m.group("names")):
                cleaned = self._clean(n.group(0), base + n.start(), cued=True)
                if cleaned is None:
                    continue
                name, start = cleaned
                item = self._found(
                    name, start, hint, f"cue:{hint}", group=group, container_start=where
                )
                item.toponym.country_hint = country
                out.append(item)
        return out

    def _demonym_country(self, words: str) -> str | None:
        """The country of a demonym phrase ("Syrian", "Syrian Kurdish"), else None."""
        if self.gazetteer is None or not self._is_demonym(words):
            return None
        for part in re.split(r"[-\s]+", words):
            country = self.gazetteer.demonym_country(part) if part else None
            if country is not None:
                return country
        return None

    def _glued_possessives(self, text: str) -> list[_Found]:
        """Owners of possessives whose apostrophe was lost: "Syrias Idlib" -> "Syria".

        Machine translation and scraping drop apostrophes. A capitalised word
        ending in "s", followed by a name or a place word ("Syrias northern
        town of"), is the possessive of the name without its "s" when that
        name is a country, a division, a capital or a large city and the word
        as written is no place and no listed non-place ("Athens", "Paris",
        "Wales", "Texas", "Hamas" stay as written). Limits: one-word owners.
        """
        out: list[_Found] = []
        for m in self.glued_re.finditer(text):
            word = m.group("word")
            owner = word[:-1]
            if word.lower() in self.not_places or self._is_demonym(word):
                continue
            if any(c.match == "exact" for c in self._lookup(word)):
                continue
            if not self._is_known_place(owner):
                continue
            out.append(self._found(owner, m.start("word"), None, "gazetteer", label="GPE"))
        return out

    def _is_known_place(self, name: str) -> bool:
        """A country, division, capital or large city under its exact spelling."""
        return self._is_large_place(name) or self._is_capital_or_country(name)

    def _found(
        self,
        name: str,
        start: int,
        hint: str | None,
        rule: str,
        *,
        label: str | None = None,
        group: int = -1,
        container_start: int = -1,
    ) -> _Found:
        label = label or _LABEL_FOR_HINT.get(hint or "", "GPE")
        span = Span(start, start + len(name), name)
        priority = _PRIORITY[rule.split(":")[0]]
        return _Found(
            Toponym(span=span, label=label, feature_hint=hint, rule=rule),
            priority,
            group,
            container_start,
        )

    def _entity_names(self, doc: Doc) -> list[_Found]:
        out: list[_Found] = []
        place_keys = {self._key(e.text) for e in _entities(doc) if e.label_ in _PLACE_LABELS}
        for ent in _entities(doc):
            label = ent.label_
            if label not in _PLACE_LABELS and label not in _CORRECTABLE_LABELS:
                continue
            cleaned = self._clean_entity(ent)
            if cleaned is None:
                continue
            name, start = cleaned
            rule = "ner" if label in _PLACE_LABELS else "ner_corrected"
            glued = self._glued_compass_parts(name, start) if label in _PLACE_LABELS else None
            if glued is not None:
                out += glued
                continue
            parts = self._possessive_parts(
                name, start, rule, label if rule == "ner" else "GPE", known_rest=rule != "ner"
            )
            if parts is not None:
                out += parts
                continue
            if label in _PLACE_LABELS:
                hint = "facility" if label == "FAC" else None
                out.append(self._found(name, start, hint, "ner", label=label))
            elif self._key(name) in place_keys or self._is_large_place(name):
                out.append(self._found(name, start, None, "ner_corrected"))
        return out

    def _glued_compass_parts(self, name: str, start: int) -> list[_Found] | None:
        """Split a compass word glued to a place: "Kobaninorth Syria" -> "Kobani", "Syria".

        Scraped text loses spaces ("near Kobaninorth Syria"); the first word
        splits when it names nothing itself and its stem, less "north",
        "southern"..., exactly names a division or a town of
        ``person_after_verb_min_population``. Returns None when ``name`` is
        no such run. Limits: the compass word must follow the name.
        """
        m = _GLUED_COMPASS.match(name)
        if m is None:
            return None
        word = name.split(" ")[0]
        if self._lookup(word) or not any(
            c.match == "exact"
            and (c.kind != "place" or c.population >= self.person_after_verb_min_population)
            for c in self._lookup(m.group("stem"))
        ):
            return None  # "Kingsnorth" is no "Kings" (a hamlet's alternate name) + "north"
        out = [self._found(m.group("stem"), start, None, "ner", label="GPE")]
        rest = m.group("rest")
        if rest:
            cleaned = self._clean(rest, start + m.start("rest"))
            if cleaned is not None:
                out.append(self._found(*cleaned, None, "ner", label="GPE"))
        return out

    def _extended_entities(self, doc: Doc) -> list[_Found]:
        """NER places the model cut short, grown to the gazetteer's full name.

        "Guinea" of "Guinea-Bissau", "Beida" of "Goz Beida", "Democratic
        Republic" + "Congo" of "Democratic Republic of the Congo": up to
        ``_EXTEND_TOKENS`` tokens either side of a GPE/LOC entity, within its
        sentence, are added while the result exactly spells a gazetteer
        entry; the longest such spelling wins (it beats the shorter entity in
        the merge). Limits: only exact spellings, first and last words
        capitalised.
        """
        if self.gazetteer is None:
            return []
        out: list[_Found] = []
        for ent in _entities(doc):
            if ent.label_ not in ("GPE", "LOC"):
                continue
            sent_start = ent.sent.start if doc.has_annotation("SENT_START") else 0
            sent_end = ent.sent.end if doc.has_annotation("SENT_START") else len(doc)
            best: tuple[int, int] | None = None
            for left in range(max(sent_start, ent.start - _EXTEND_TOKENS), ent.start + 1):
                for right in range(min(sent_end, ent.end + _EXTEND_TOKENS), ent.end - 1, -1):
                    if (left, right) == (ent.start, ent.end):
                        continue
                    first, last = doc[left], doc[right - 1]
                    if not (first.text[:1].isupper() and last.text[:1].isupper()):
                        continue
                    if best is not None and right - left <= best[1] - best[0]:
                        continue
                    if any(t.is_punct and t.text != "-" for t in doc[left:right]):
                        continue
                    name = doc[left:right].text
                    if any(c.match == "exact" for c in self._lookup(name)):
                        best = (left, right)
            if best is None:
                continue
            span = doc[best[0] : best[1]]
            cleaned = self._clean(span.text, span.start_char)
            if cleaned is not None:
                out.append(self._found(*cleaned, None, "ner", label=ent.label_))
        return out

    def _clean_entity(self, ent: SpacySpan) -> tuple[str, int] | None:
        text, start = ent.text, ent.start_char
        if text.lower().startswith("the "):
            text, start = text[4:], start + 4
        for suffix in ("'s", "’s"):
            if text.endswith(suffix):
                text = text[: -len(suffix)]
        if not text or not text[0].isupper():
            return None
        return self._clean(text, start)

    def _gazetteer_names(self, text: str, doc: Doc) -> list[_Found]:
        if self.gazetteer is None:
            return []
        out: list[_Found] = []
        persons = [(e.start_char, e.end_char) for e in _entities(doc) if e.label_ == "PERSON"]
        for m in self.name_re.finditer(text):
            cleaned = self._clean(m.group(0), m.start())
            if cleaned is None:
                continue
            name, start = cleaned
            end = start + len(name)
            if dotted_division(text, start) is not None:
                # "Churchill, Man.": the division, written with its dot.
                out.append(self._found(text[start : end + 1], start, None, "gazetteer"))
                continue
            if self._is_large_place(name):
                out.append(self._found(name, start, None, "gazetteer"))
                continue
            if self._placed_by_region(text, name, end):
                out.append(self._found(name, start, None, "gazetteer"))
                continue
            if any(s < end and start < e for s, e in persons):
                continue  # "Jordan Peterson" holds no place
            if self._is_second_order_division(name):
                out.append(self._found(name, start, None, "gazetteer"))
                continue
            if self._listed_district(text, name, start):
                out.append(self._found(name, start, "neighbourhood", "gazetteer"))
                continue
            # "Environment Canada", "Aleppo Media Center": a place inside a longer name.
            inside = self._places_inside(name, start)
            if self._is_organisation(name):
                # "Enfield Council" is Enfield's; "Fateh al-Sham Front" holds no place ("al-Sham").
                inside = [f for f in inside if f.toponym.span.start == start]
            out += inside
        return out

    def _listed_district(self, text: str, name: str, start: int) -> bool:
        """A longer name in a list of places that starts with a town's name ("Stoke Newington").

        "fire crews from Hornsey, Stoke Newington and Walthamstow": a run of
        capitalised words that the gazetteer does not spell, listed (comma or
        "and") next to a name the gazetteer spells as a place, whose first
        word is a town of ``person_to_place_min_population``, is a district
        named after it, not that place ("Stoke" alone
        would be Stoke-on-Trent). It becomes a toponym with the hint
        ``neighbourhood`` (unknown, it falls back to its neighbours). Limits:
        no generic, institution or organisation word in the run ("Toronto
        Police, ..."), two or three words.
        """
        words = name.split(" ")
        if not 2 <= len(words) <= 3 or not any(
            c.match == "exact" and c.kind == "place" and c.population >= self.min_population
            for c in self._lookup(words[0])
        ):
            return False
        if any(
            w.lower() in self.generic_words
            or self._institution_word(w)
            or w in self.organisation_heads
            or w.lower() in self.not_places
            for w in words[1:]
        ):
            return False
        if any(c.match == "exact" for c in self._lookup(name)):
            return False
        before = _LISTED_BEFORE.search(text, max(0, start - 40), start)
        after = _LISTED_AFTER.match(text, start + len(name))
        neighbours = [m["name"] for m in (before, after) if m is not None]
        # The list is one of places: a neighbour the gazetteer spells as a place.
        return any(
            c.match == "exact" and c.kind in ("place", "admin1", "admin2")
            for n in neighbours
            for c in self._lookup(n)
        )

    def _placed_by_region(self, text: str, name: str, end: int) -> bool:
        """Whether ``name`` is followed by ", Region" and the gazetteer has it there.

        "Churchill, Man." or "Hugo, Oklahoma": the region after the comma is
        a first-order division or a country under an exact spelling, and
        ``name`` exactly names a place inside it. Limits: one comma only;
        word-like abbreviations ("Man.", "Mo.") count through
        ``dotted_divisions.json`` (see :func:`~sitrep.geo.resolve.dotted_division`).
        """
        if self.gazetteer is None:
            return False
        m = self.comma_region_re.match(text, end)
        if m is None:
            return False
        regions = [
            c
            for c in self._lookup(m.group("region"))
            if c.match == "exact" and c.kind in ("admin1", "country")
        ]
        codes = {r.admin1_code for r in regions if r.kind == "admin1"}
        countries = {r.country for r in regions if r.kind == "country"}
        dotted = dotted_division(text, m.start("region"))
        if dotted is not None:
            codes, countries = {dotted}, set()
        if not codes and not countries:
            return False
        return any(
            c.match == "exact"
            and c.kind == "place"
            and (c.admin1_code in codes or c.country in countries)
            for c in self.gazetteer.lookup(name, limit=200)
        )

    def _home_countries(self, accepted: list[_Found]) -> set[str]:
        """Countries of the names found so far: each name's likeliest exact entry votes.

        A country needs two votes (or to hold every vote); at most the two
        strongest are kept. Used to admit small places only where the story is.
        """
        votes: dict[str, int] = {}
        for f in accepted:
            exact = [c for c in self._lookup(f.toponym.span.text) if c.match == "exact"]
            if not exact:
                continue
            best = max(exact, key=_prominence)
            if best.country:
                # A country named as such is the story's setting more surely than a town.
                weight = 2 if best.kind == "country" else 1
                votes[best.country] = votes.get(best.country, 0) + weight
        total = sum(votes.values())
        ranked = sorted(votes.items(), key=lambda kv: -kv[1])[:2]
        return {c for c, n in ranked if n >= 2 or n == total}

    def _demonym_homes(self, doc: Doc) -> set[str]:
        """Countries of the two demonyms the model tags most often (NORP: "Syrian", "Yemenis")."""
        votes: dict[str, int] = {}
        for ent in _entities(doc):
            if ent.label_ != "NORP":
                continue
            country = self._demonym_country(ent.text)
            if country is not None:
                votes[country] = votes.get(country, 0) + 1
        return {c for c, _ in sorted(votes.items(), key=lambda kv: -kv[1])[:2]}

    def _focus_names(self, text: str, doc: Doc, accepted: list[_Found]) -> list[_Found]:
        """Small places the model missed, admitted by context and the story's countries.

        Method: a capitalised name that overlaps no toponym (nor a person's
        name, unless listed between two places), is not
        a stop word, demonym or listed non-place, and that the gazetteer
        spells exactly as a populated place or division of one of the
        document's countries (:meth:`_home_countries`) becomes a toponym
        (rule ``gazetteer``) when a locative word comes right before it
        (``locative_words``: "in", "at", "near", "from"…), after a verb whose
        object is a place (``territory_verbs``: "retook", "freed"…; there
        also a name the model calls a person, when the gazetteer has a town
        of ``person_after_verb_min_population`` by that name in the story's
        countries), or when it stands in a comma/"and" list next to a toponym
        already found. With no name found at all, the countries of the
        demonyms the model tags ("Syrian government forces retook X") stand
        for the story's countries. Limits: the countries come from the names
        found by other rules (or those demonyms), so a story whose places
        the model missed entirely and that names no nationality gains nothing.
        """
        if self.gazetteer is None:
            return accepted
        homes = self._home_countries(accepted) if accepted else self._demonym_homes(doc)
        if not homes:
            return accepted
        persons = [(e.start_char, e.end_char) for e in _entities(doc) if e.label_ == "PERSON"]
        taken = [(f.toponym.span.start, f.toponym.span.end) for f in accepted]
        added: list[_Found] = []
        for m in self.name_re.finditer(text):
            cleaned = self._clean(m.group(0), m.start())
            if cleaned is None:
                continue
            name, start = cleaned
            end = start + len(name)
            if sum(ch.isalpha() for ch in name) < _FOCUS_NAME_MIN_LETTERS:
                continue
            if " " not in name and name.lower() in self.generic_words:
                continue  # "at University Hospital": a word, not the town of University
            if any(s < end and start < e for s, e in taken):
                continue
            before = text[max(0, start - 24) : start]
            after = text[end : end + 6]
            listed_after = re.search(r"(?:,|\band)\s*$", before) is not None and any(
                start - 30 < e0 <= start for _, e0 in taken
            )
            listed_before = re.match(r"\s*(?:,|and\b)", after) is not None and any(
                end <= s0 < end + 8 for s0, _ in taken
            )
            in_list = listed_after or listed_before
            after_verb = self.territory_re.search(before) is not None
            if not (self.locative_re.search(before) or in_list or after_verb):
                continue
            if (
                not (listed_after and listed_before)
                and any(s < end and start < e for s, e in persons)
                and not (after_verb and self._is_home_town(name, homes))
            ):
                # A person's name; between two listed places, or a town of the
                # story's country retaken ("forces freed Palmyra"), the model's tag is wrong.
                continue
            if not any(
                c.match == "exact" and c.kind in ("place", "admin1") and c.country in homes
                for c in self._lookup(name)
            ):
                continue
            taken.append((start, end))
            added.append(self._found(name, start, None, "gazetteer"))
        if not added:
            return accepted
        return sorted(accepted + added, key=lambda f: f.toponym.span.start)

    def _institution_modifiers(self, text: str, doc: Doc, accepted: list[_Found]) -> list[_Found]:
        """Places naming an institution: "Danbury police", "Brant OPP", "Litchfield Superior Court".

        Method: a capitalised run whose words up to an ``institution_nouns``
        word ("police", "OPP", "Hospital", "Court", "Mayor"), or that a
        lower-case such word follows, starts with a name that the gazetteer
        spells exactly as a populated place or a division (the longest such
        start wins; "Wood Green Crown Court" -> "Wood Green"). The name is
        tagged by the model as a proper noun, overlaps no toponym already
        found nor a person's name, and is no generic word ("University
        Hospital"). It becomes a toponym with ``role="modifier"``: a place
        mentioned, which the geocoder resolves, but no event's setting and
        no vote for the story's country. Limits: English heads; a place
        written after the institution ("the Police of X") is the cue rules'.
        """
        if self.gazetteer is None:
            return accepted
        # Most texts name no institution: find the head words first, then their names.
        heads_at = self._head_positions(text)
        if not heads_at:
            return accepted
        # The story's countries cost lookups: worked out once, when a name needs them.
        homes = functools.cache(lambda: self._home_countries(accepted) if accepted else set())
        persons = [(e.start_char, e.end_char) for e in _entities(doc) if e.label_ == "PERSON"]
        taken = [(f.toponym.span.start, f.toponym.span.end) for f in accepted]
        added: list[_Found] = []
        for m in self._runs_before(text, heads_at):
            words = list(re.finditer(r"\S+", m.group(0)))
            heads = [i for i, w in enumerate(words) if self._institution_word(w.group(0))]
            follower = _LOWER_WORD_AFTER.match(text, m.end())
            if any(w.group(0) in self.eponym_words for w in words):
                continue  # "Thomas Memorial Hospital" is named after a person
            if heads and heads[0] > 0:
                limit = heads[0]
            elif not heads and follower is not None and self._institution_word(follower[1]):
                limit = len(words)
            else:
                continue
            for size in range(limit, 0, -1):
                start = m.start() + words[0].start()
                end = m.start() + words[size - 1].end()
                found = self._modifier_place(text, doc, (start, end), taken + persons, homes)
                if found is not None:
                    taken.append((found.toponym.span.start, found.toponym.span.end))
                    added.append(found)
                    break
        if not added:
            return accepted
        return sorted(accepted + added, key=lambda f: f.toponym.span.start)

    def _head_positions(self, text: str) -> list[int]:
        """Where institution words stand, as whole words (abbreviations as written).

        Plain substring search: far cheaper than a case-insensitive
        alternation over every character of the document.
        """
        lowered = text.lower()
        found: list[int] = []
        for haystack, needles in (
            (lowered, self.institution_words),
            (text, self.institution_abbreviations),
        ):
            for needle in needles:
                at = haystack.find(needle)
                while at >= 0:
                    end = at + len(needle)
                    if (at == 0 or not haystack[at - 1].isalnum()) and (
                        end == len(haystack) or not haystack[end].isalnum()
                    ):
                        found.append(at)
                    at = haystack.find(needle, end)
        return sorted(found)

    def _runs_before(self, text: str, heads_at: list[int]) -> list[re.Match[str]]:
        """Capitalised runs holding a head word at ``heads_at`` or ending right before one.

        Only the text just before each head is read (a run has at most five
        words), not the whole document.
        """
        runs: dict[int, re.Match[str]] = {}
        for head in heads_at:
            begin = max(0, head - _RUN_REACH)
            if begin > 0:
                begin = text.find(" ", begin, head) + 1 or head
            for m in self.name_re.finditer(text, begin, min(len(text), head + _RUN_REACH)):
                if m.start() > head:
                    break
                # The head inside the run or right after it (one space or tab between).
                if m.start() <= head <= m.end() + 2 and m.start() not in runs:
                    runs[m.start()] = m
        return [runs[start] for start in sorted(runs)]

    def _institution_word(self, word: str) -> bool:
        """An institution noun; an abbreviation ("OPP") only in capitals, as listed."""
        word = _TRAILING_POSSESSIVE.sub("", word)
        if word.isupper() and len(word) > 1:
            return word in self.institution_abbreviations
        return word.lower() in self.institution_words

    def _modifier_place(
        self,
        text: str,
        doc: Doc,
        where: tuple[int, int],
        taken: list[tuple[int, int]],
        homes: Callable[[], set[str]],
    ) -> _Found | None:
        """The place at ``where`` modifying an institution noun, else None.

        It must be a division, a place of the story's own countries
        (``homes()``) or elsewhere a town of ``person_after_verb_min_population``
        under its own name.
        """
        start, end = where
        cleaned = self._clean(text[start:end], start)
        if cleaned is None:
            return None
        name, start = cleaned
        end = start + len(name)
        if sum(ch.isalpha() for ch in name) < _FOCUS_NAME_MIN_LETTERS:
            return None
        if " " not in name and name.lower() in self.generic_words:
            return None
        if any(s < end and start < e for s, e in taken):
            return None
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None or any(t.pos_ != "PROPN" for t in span):
            return None  # "Federal police", "Local police": adjectives, not places
        folded = self.gazetteer.folder.fold(name) if self.gazetteer is not None else name
        exact = [c for c in self._lookup(name) if c.match == "exact"]
        if not any(
            c.kind in ("admin1", "admin2")
            # Elsewhere a town under its own name ("Wood Green", not Ube as "Ubay").
            or (
                c.population >= self.person_after_verb_min_population
                and self.gazetteer is not None
                and self.gazetteer.folder.fold(c.name) == folded
            )
            for c in exact
        ) and not any(c.kind == "place" and c.country in homes() for c in exact):
            return None
        found = self._found(name, start, None, "gazetteer")
        found.toponym.role = "modifier"
        return found

    def _is_home_town(self, name: str, homes: set[str]) -> bool:
        """A division, or a town of ``person_after_verb_min_population``, of ``homes``."""
        return any(
            c.match == "exact"
            and c.country in homes
            and (c.kind == "admin1" or c.population >= self.person_after_verb_min_population)
            for c in self._lookup(name)
        )

    def _repeats(self, text: str, doc: Doc, accepted: list[_Found]) -> list[_Found]:
        """Add the other mentions of names already found as places (rule ``repeat``).

        Method: every whole-word occurrence of a found name's exact text (or of
        its all-capital form, as in a dateline) that overlaps no toponym and no
        person entity becomes a toponym, when the name was found by a cue, ends
        in a word such as "County" (``place_name_heads``), or the gazetteer
        spells it exactly, or by its transliteration key from seven letters
        ("Deir Ezour"; a model's one-off guess is not spread through the
        text). A name led by a lowercase particle of ``name_particles`` and a
        capital ("al-Qusour", "el-Obeid") repeats like a capitalised one.
        An occurrence inside a person's name is skipped, unless the model's
        person is exactly a name a cue found ("the neighbourhood of al-X").
        Limits: names under three letters
        and relative phrases are not repeated; a name inside a longer
        organisation name ("Toronto General Hospital") is repeated on purpose.
        """
        persons = [(e.start_char, e.end_char) for e in _entities(doc) if e.label_ == "PERSON"]
        taken = [(f.toponym.span.start, f.toponym.span.end) for f in accepted]
        added: list[_Found] = []
        seen: set[str] = set()
        for f in accepted:
            name = f.toponym.span.text
            if f.toponym.rule == "relative" or name in seen:
                continue
            seen.add(name)
            if sum(ch.isalpha() for ch in name) < _REPEAT_MIN_LETTERS:
                continue
            if not name[0].isupper() and not self.particle_name_re.match(name):
                continue  # a lowercase word ("rebels"), not a name led by "al-"
            head = name.split()[-1].lower()
            if not (
                f.toponym.rule.startswith("cue")
                or (" " in name and head in self.place_heads)
                or any(
                    c.match == "exact"
                    # "Deir Ezour" for Deir ez-Zor: a long name's transliteration key backs it too.
                    or (
                        c.match == "key"
                        and sum(ch.isalpha() for ch in name) >= _REPEAT_KEY_MIN_LETTERS
                    )
                    for c in self._lookup(name)
                )
            ):
                continue  # a model's guess the gazetteer does not back is not repeated
            for variant in {name, name.upper()}:
                pattern = rf"(?<![\w-]){re.escape(variant)}(?![\w-]|['’][a-rt-z])"
                cued = f.toponym.rule.startswith("cue")
                for m in re.finditer(pattern, text):
                    start, end = m.start(), m.end()
                    if any(s < end and start < e for s, e in taken):
                        continue
                    if any(
                        s < end and start < e and not (cued and (s, e) == (start, end))
                        for s, e in persons
                    ):
                        # A person's longer name ("Jordan Peterson"); the model's person
                        # tag on exactly a name a cue made a place ("al-X") is its slip.
                        continue
                    taken.append((start, end))
                    added.append(
                        self._found(
                            name if variant == name else m.group(0),
                            start,
                            None,
                            "repeat",
                            label=f.toponym.label,
                        )
                    )
        if not added:
            return accepted
        return sorted(accepted + added, key=lambda f: f.toponym.span.start)

    def _places_inside(self, name: str, start: int) -> list[_Found]:
        words = list(re.finditer(r"\S+", name))
        out: list[_Found] = []
        i = 0
        while i < len(words):
            for size in range(min(3, len(words) - i), 0, -1):
                if size == len(words):
                    continue
                first, last = words[i], words[i + size - 1]
                part = name[first.start() : last.end()]
                cleaned = self._clean(part, start + first.start())
                if cleaned is not None and (
                    self._is_large_place(cleaned[0]) or self._is_named_county(cleaned[0])
                ):
                    out.append(self._found(cleaned[0], cleaned[1], None, "gazetteer"))
                    i += size - 1
                    break
            i += 1
        return out

    # -- gazetteer helpers --------------------------------------------------------

    def _key(self, name: str) -> str:
        if self.gazetteer is None:
            return name.lower()
        return self.gazetteer.folder.key(name)

    def _lookup(self, name: str) -> list[Candidate]:
        if self.gazetteer is None:
            return []
        cached = self._lookup_cache.get(name)
        if cached is None:
            cached = self._lookup_cache[name] = self.gazetteer.lookup(name, limit=_LOOKUP_LIMIT)
            self._cached_entries += len(cached)
        return cached

    def _is_demonym(self, name: str) -> bool:
        if self.gazetteer is None:
            return False
        known = self._demonym_cache.get(name)
        if known is None:
            parts = re.split(r"[-\s]+", name)
            known = all(self.gazetteer.demonym_country(p) is not None for p in parts if p)
            if len(self._demonym_cache) < _LOOKUP_CACHE_SIZE:
                self._demonym_cache[name] = known
        return known

    def _is_second_order_division(self, name: str) -> bool:
        """An exact spelling of a second-order division ("Cornwall", "Fife").

        Only from ``_ADMIN2_MIN_LETTERS`` letters: short ones ("Var", "Lot")
        are words. Never used to correct a person: "Kerry" and "Clare" are
        counties and first names.
        """
        return sum(ch.isalpha() for ch in name) >= _ADMIN2_MIN_LETTERS and any(
            c.kind == "admin2" and c.match == "exact" for c in self._lookup(name)
        )

    def _is_named_county(self, name: str) -> bool:
        """A second-order division written with its generic word ("Plymouth County").

        Found inside longer names ("the Plymouth County Sheriff's Office"),
        where a bare division name ("Kent" of "Kent State") would be a guess.
        """
        words = name.split()
        return (
            len(words) >= 2
            and words[-1].lower().rstrip(".") in _COUNTY_WORDS
            and self._is_second_order_division(name)
        )

    def _is_large_place(self, name: str) -> bool:
        """An exact spelling of a country, division, or city of ``min_population``."""
        for c in self._lookup(name):
            if c.match != "exact":
                continue
            if c.kind in ("country", "admin1", "continent", "region"):
                return True
            if c.population >= self.min_population:
                return True
        return False

    def _is_division_or_country(self, name: str) -> bool:
        return any(
            c.kind in ("country", "admin1", "continent", "region") and c.match == "exact"
            for c in self._lookup(name)
        )

    def _is_capital_or_country(self, name: str) -> bool:
        if self.gazetteer is None:
            return False
        if self.gazetteer.capital_country(name) is not None:
            return True
        return any(c.kind == "country" and c.match == "exact" for c in self._lookup(name))

    # -- merging and context ------------------------------------------------------

    def _merge(self, found: list[_Found]) -> list[_Found]:
        """Keep one toponym per stretch of text: best rule first, then longest."""
        ranked = sorted(
            found, key=lambda f: (-f.priority, -(f.toponym.span.end - f.toponym.span.start))
        )
        accepted: list[_Found] = []
        for item in ranked:
            span = item.toponym.span
            twin = next((a for a in accepted if a.toponym.span == span), None)
            if twin is not None and twin.toponym.country_hint is None:
                twin.toponym.country_hint = item.toponym.country_hint
            if any(span.overlaps(a.toponym.span) for a in accepted):
                continue
            accepted.append(item)
        accepted.sort(key=lambda f: f.toponym.span.start)
        return accepted

    def _possessive_parts(
        self, name: str, start: int, rule: str, label: str, *, known_rest: bool
    ) -> list[_Found] | None:
        """Split a possessive, with or without its apostrophe, off a name.

        ``"Syrias Idlib"`` (apostrophe lost) or ``"Syria's Idlib"`` becomes the
        country ``Syria`` and the place ``Idlib`` inside it (``relative="in"``);
        a lone ``"Syrias"`` becomes ``Syria``. Returns None when ``name`` is
        no such possessive. Method: the first word, less its ``s``, must
        exactly name a country, first-order division or capital while the word
        as written names no large place ("Homs", "Philippines" stay whole).
        With ``known_rest`` (an entity the model did not call a place, such as
        "Syria's Assad") the rest must exactly name an entry of the owner's
        country. Limits: a possessive of a smaller city is left as written.
        """
        m = _GLUED_POSSESSIVE.match(name)
        if m is None or self._is_large_place(m.group("word")):
            return None
        owner = m.group("owner")
        if not (self._is_division_or_country(owner) or self._is_capital_or_country(owner)):
            return None
        rest = name[m.end() :]
        if rest and known_rest and not self._names_inside(rest, owner):
            return None
        if not rest and rule.startswith("cue:"):
            return None  # "the town of Limas" names a town, not an owner
        owner_found = self._found(owner, start, None, rule, label="GPE")
        if not rest:
            return [owner_found]
        inner = self._found(rest, start + m.end(), None, rule, label=label)
        inner.toponym.relative = "in"
        inner.toponym.anchor = owner_found.toponym.span
        return [owner_found, inner]

    def _split_cue_possessives(self, accepted: list[_Found]) -> list[_Found]:
        """Split "Syrias Idlib" found by a cue ("Syrias Idlib province") or the gazetteer."""
        out: list[_Found] = []
        for item in accepted:
            toponym = item.toponym
            parts = None
            if not toponym.rule.startswith("ner"):
                parts = self._possessive_parts(
                    toponym.span.text,
                    toponym.span.start,
                    toponym.rule,
                    toponym.label,
                    known_rest=False,
                )
            if parts is None:
                out.append(item)
                continue
            for part in parts[1:]:
                part.toponym.feature_hint = toponym.feature_hint
                part.group = item.group
            out += parts
        return out

    def _names_inside(self, name: str, owner: str) -> bool:
        """Whether ``name`` exactly names an entry of the country ``owner`` names."""
        countries = {c.country for c in self._lookup(owner) if c.match == "exact" and c.country}
        return any(c.match == "exact" and c.country in countries for c in self._lookup(name))

    def _containers(self, text: str, accepted: list[_Found]) -> None:
        """Anchor names to the place written as their container (``relative="in"``).

        "X and Y in Z", "X neighborhood in (the city of) central Z", "the X
        district of Z", "X, Z" (Z a division or country, or any place after a
        cued small place: "the X neighbourhood, Z"), and the container a
        modified cue names ("the southern Z city of X"). When Z is itself
        anchored by a possessive ("in central Z's W district"), the innermost
        place W is the container. Names listed after one cue share the
        container written after the last of them, unless that last one has a
        singular noun of its own ("the cities of X and Y and Z town in W":
        only Z lies in W). Limits: one container per name; the
        first "in" phrase after a name wins even when it is a time ("in May"
        finds no place there and is skipped).
        """
        by_start = {f.toponym.span.start: f for f in accepted}
        by_end = {f.toponym.span.end: f for f in accepted}
        inner_of = {
            (f.toponym.anchor.start, f.toponym.span.start): f
            for f in accepted
            if f.toponym.anchor is not None
        }
        groups: dict[int, list[_Found]] = {}
        for f in accepted:
            if f.group >= 0:
                groups.setdefault(f.group, []).append(f)
        for index, f in enumerate(accepted):
            members = groups.get(f.group, [f]) if f.group >= 0 else [f]
            if f is not members[-1]:
                continue
            end = f.toponym.span.end
            m = self.container_re.match(text, end)
            container: _Found | None = None
            if f.container_start >= 0:
                container = by_start.get(f.container_start)
            elif m is not None:
                container = by_start.get(m.end())
                own = m.group("own")
                if own is not None and not own.lower().endswith("s"):
                    # "the cities of X and Y and Z town in W": Z's own noun makes W Z's
                    # container alone (a plural, "X and Y towns in W", keeps them all).
                    members = [f]
                if container is not None:
                    # "in central Z's W district": the innermost named place.
                    after = re.match(r"(?:['’]s|s)?\s+", text[container.toponym.span.end :])
                    if after is not None:
                        inner = inner_of.get(
                            (container.toponym.span.start, container.toponym.span.end + after.end())
                        )
                        container = inner or container
            elif (
                text.startswith(", ", end + self._noun_length(text, end))
                and index + 1 < len(accepted)
                and self._division_in_country_after(text, f, accepted[index + 1])
            ):
                container = accepted[index + 1]  # "Queensland, Australia"
            elif (
                text.startswith(", ", end + self._noun_length(text, end))
                and index + 1 < len(accepted)
                and not self._is_division_or_country(f.toponym.span.text)
            ):
                nxt = accepted[index + 1]
                end += self._noun_length(text, end)
                # "the X neighborhood, Z": a cued small place's town.
                small = f.toponym.feature_hint in _SMALL_HINTS and f.toponym.rule.startswith("cue")
                if (
                    nxt.toponym.span.start == end + 2
                    and (
                        any(
                            (c.kind in ("admin1", "country") or small) and c.match == "exact"
                            for c in self._lookup(nxt.toponym.span.text)
                        )
                        or dotted_division(text, nxt.toponym.span.start) is not None
                    )
                    and (nxt.group < 0 or nxt.group != f.group)
                ):
                    container = nxt
            if container is None and f.toponym.anchor is None:
                container = self._possessive_owner(text, f, by_end)
            if container is None or container is f:
                continue
            for member in members:
                if member.toponym.anchor is None:
                    member.toponym.relative = "in"
                    member.toponym.anchor = container.toponym.span

    def _possessive_owner(self, text: str, f: _Found, by_end: dict[int, _Found]) -> _Found | None:
        """The place owning ``f`` in "X's Y" ("London's Heathrow", "Syria's Raqqa"), else None.

        Y's container is X when X, "'s" and one space stand right before Y
        and the gazetteer knows X under that exact spelling. Limits: the
        owner must be a toponym already; "Hamas' X" (bare apostrophe) is not read.
        """
        start = f.toponym.span.start
        m = re.search(r"(?:'s|’s) $", text[max(0, start - 3) : start])
        if m is None:
            return None
        owner = by_end.get(start - len(m.group(0)))
        if owner is None or owner is f or owner.toponym.rule == "relative":
            return None
        if not any(c.match == "exact" for c in self._lookup(owner.toponym.span.text)):
            return None
        return owner

    def _division_in_country_after(self, text: str, f: _Found, nxt: _Found) -> bool:
        """Whether ``f`` is a first-order division of the country written right after it.

        "Queensland, Australia" (not the Albertan hamlet Queensland) or
        "Georgia, USA": the division's name and the country's, one comma
        apart, and the gazetteer has a division of that name in that
        country. Lists of countries ("Syria, Iraq") and a division followed
        by another country ("Idlib, Turkey") are no such pair.
        """
        if nxt.toponym.span.start != f.toponym.span.end + 2 or (
            f.group >= 0 and f.group == nxt.group
        ):
            return False
        own = [c for c in self._lookup(f.toponym.span.text) if c.match == "exact"]
        if any(c.kind == "country" for c in own):
            return False
        countries = {
            c.country
            for c in self._lookup(nxt.toponym.span.text)
            if c.kind == "country" and c.match == "exact"
        }
        return any(c.kind == "admin1" and c.country in countries for c in own)

    def _noun_length(self, text: str, end: int) -> int:
        """Length of a container noun right after a name and before a comma ("X district, Y")."""
        m = self.container_noun_re.match(text, end)
        return 0 if m is None else m.end() - end

    def _relative_phrases(self, doc: Doc, toponyms: list[Toponym]) -> list[Toponym]:
        """Fill relative/anchor/distance_km; new toponyms for phrases with no name."""
        text = doc_text(doc)
        created: list[Toponym] = []
        ordered = sorted(toponyms, key=lambda t: t.span.start)
        for m in self.relative_re.finditer(text):
            if re.search(r"\bthe\s+$", text[max(0, m.start() - 8) : m.start()], re.IGNORECASE):
                continue  # "the north of Syria" is a part of it, not a point off it
            anchor_text = m.group("anchor")
            anchor_kind = self.anchor_words.get(" ".join(anchor_text.lower().split()))
            before = [t for t in ordered if t.span.end <= m.start()]
            attached: Toponym | None = None
            if before and re.fullmatch(r"[\s,]*", text[before[-1].span.end : m.start()]):
                attached = before[-1]
            anchor_span: Span | None
            if anchor_kind is not None:
                anchor_span = self._antecedent(before, anchor_kind, exclude=attached)
            else:
                start = m.start("anchor")
                anchor_span = next(
                    (t.span for t in ordered if t.span.start <= start < t.span.end), None
                )
            if anchor_span is None:
                continue
            distance = None
            if m.group("dist"):
                unit = self.units.get(m.group("unit").lower(), 1.0)
                distance = float(m.group("dist").replace(",", ".")) * unit
            direction = m.group("dir").lower().replace("-", "")
            if attached is not None:
                if attached.anchor is None or attached.relative == "in":
                    attached.relative, attached.anchor = direction, anchor_span
                    attached.distance_km = distance
                continue
            head = self._head_chunk(doc, m.start())
            if head is not None:
                span, hint = head
            else:
                span = Span(m.start(), m.end(), m.group(0))
                hint = None
            created.append(
                Toponym(
                    span=span,
                    label="FAC" if hint == "facility" else "LOC",
                    feature_hint=hint,
                    relative=direction,
                    anchor=anchor_span,
                    distance_km=distance,
                    rule="relative",
                )
            )
        return created

    def _antecedent(
        self, before: list[Toponym], kind: str, *, exclude: Toponym | None
    ) -> Span | None:
        """The name "the city" / "the province" refers to: the nearest fitting one before."""
        for t in reversed(before):
            if t is exclude or t.feature_hint in _SMALL_HINTS or t.role == "government":
                continue
            if t.relative is not None and t.relative != "in":
                continue
            candidates = [c for c in self._lookup(t.span.text) if c.match == "exact"]
            if self.gazetteer is None:
                return t.span
            if not candidates:
                continue
            kinds = {c.kind for c in candidates}
            if kind != "country" and "country" in kinds:
                continue  # "east of the city" never means "Russia", named a line before
            if kind in ("city", "town", "village") and "place" in kinds:
                return t.span
            if kind == "province" and "admin1" in kinds:
                return t.span
            if kind == "country" and "country" in kinds:
                return t.span
        return None

    def _head_chunk(self, doc: Doc, char: int) -> tuple[Span, str | None] | None:
        """The place-like noun phrase right before a relative phrase ("the defense labs")."""
        memo = doc_memo(doc, "noun_chunks")
        chunks: list[SpacySpan] | None = memo.get("all")
        if chunks is None:
            # noun_chunks walks the whole parse: once per Doc, not per phrase
            chunks = memo["all"] = list(doc.noun_chunks)
        ends = [c.end_char for c in chunks]
        # only the last chunk ending before ``char`` can touch it
        for chunk in chunks[max(0, bisect_right(ends, char) - 1) : bisect_right(ends, char)]:
            if not re.fullmatch(r"[\s,]*", doc_text(doc)[chunk.end_char : char]):
                continue
            lemma = chunk.root.lower_
            if lemma not in self.noun_places:
                return None
            tokens = [t for t in chunk if t.dep_ != "det"]
            start = tokens[0].idx if tokens else chunk.start_char
            text = doc_text(doc)[start : chunk.end_char]
            hint = "facility" if lemma in self.facility_nouns else None
            return Span(start, chunk.end_char, text), hint
        return None

    def _is_government(self, doc: Doc, toponym: Toponym) -> bool:
        """A capital or country standing for its state.

        The subject of a verb ("Moscow said"), a possessor ("Tehran's
        control"), a party ("between Moscow and Tehran") or the modifier of a
        government noun ("its Damascus ally", "the Kyiv authorities";
        ``government_nouns``).
        """
        if toponym.rule == "relative" or not self._is_capital_or_country(toponym.span.text):
            return False
        span = doc.char_span(toponym.span.start, toponym.span.end, alignment_mode="expand")
        if span is None:
            return False
        token = span.root
        while token.dep_ == "conj" and token.head != token:
            token = token.head
        head = token.head
        if token.dep_ in ("nsubj", "nsubjpass"):
            if head.lemma_.lower() not in self.place_verbs:
                return True
            # "Tehran is unique in its control": a copula with an adjective, not a place noun.
            attrs = [c for c in head.children if c.dep_ in ("attr", "acomp")]
            return (
                any(
                    a.dep_ == "acomp" or a.lemma_.lower() not in self.place_nouns | self.noun_places
                    for a in attrs
                )
                and head.lemma_.lower() == "be"
            )
        if token.dep_ == "poss":
            if head.ent_type_ in _PLACE_LABELS:
                return False  # "London's Heathrow": the owner contains a place, it is one
            return (
                head.lower_ not in self.place_nouns and head.lemma_.lower() not in self.place_nouns
            )
        if token.dep_ in ("compound", "amod", "nmod") and (
            head.lower_ in self.government_nouns or head.lemma_.lower() in self.government_nouns
        ):
            return True  # "its Damascus ally", "the Kyiv government", "Moscow officials"
        if token.dep_ == "pobj" and head.lower_ == "between":
            governor = head.head
            return (
                governor.lemma_.lower() in self.relation_nouns
                or governor.lower_ in self.relation_nouns
            )
        return False
