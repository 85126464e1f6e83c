"""Events (ACLED / PLOVER), force postures, control statements and relations.

The ``sitrep_events`` component runs last and reads what the other stages
wrote (actor spans, toponyms, times, quantities). It writes
``doc._.sitrep_events`` (:class:`~sitrep.types.Event`, ids ``e1``, ``e2`` …),
``doc._.sitrep_deployments`` (:class:`~sitrep.types.Deployment`, ids ``d1`` …,
see :mod:`sitrep.nlp.deployments`) and ``doc._.sitrep_relations``; it adds
to ``doc.spans["sitrep_actors"]`` the armed victims no actor named
("eliminated 60 terrorists": the unidentified armed group).

Method: triggers are data (``data/<lang>/event_triggers.json``: verbs and
nouns, single words matched on lemma or surface, phrases on lemmas), each
mapped to an ACLED event type / sub-event type (TYPOLOGY.md) and a PLOVER
type; the sub-type is refined by weapons (``weapons.json``) and by the kinds
of the actors found in the parse (two armed sides fight: Battles; an armed
actor against civilians: Violence against civilians). Actors come from the
dependency parse ("between X and Y", subject / object, "by X", modifiers
such as "Russian-Iranian fighting"), with the clause as a weaker fallback.
Limits: one event per trigger cluster per sentence; no cross-sentence event
coreference (the corpus stage clusters repeated reports).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from spacy.attrs import IS_ALPHA, IS_TITLE, IS_UPPER, LEMMA, LENGTH, LOWER
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token

from sitrep.lexicons import load_lexicon
from sitrep.nlp.actors import ActorCatalogue
from sitrep.nlp.arguments import (
    REPORTING_VERBS,
    SPECIFICITY,
    DocContext,
    PlaceMention,
    attached_places,
    clause_head,
    clause_tokens,
    conjuncts,
    count_of,
    group_actors,
    is_anaphor,
    is_heading,
    most_specific,
    noun_phrase,
    resolve_anaphor,
    settlement_meant,
    text_span,
    time_for,
)
from sitrep.nlp.attribution import drop_commentators
from sitrep.nlp.deployments import PostureFinder
from sitrep.nlp.event_places import (
    Sections,
    definite_mention,
    place_by_later_mention,
    place_by_next_sentences,
    place_by_previous_sentence,
    prefer_own_setting,
    sentence_place,
)
from sitrep.nlp.extensions import ACTORS_KEY, doc_memo, token_strings
from sitrep.nlp.modality import NEGATORS, controllers_of, demanded_by, modality_of
from sitrep.nlp.weapons import WeaponLexicon, WeaponMention, strongest_sub_type, weapons_in
from sitrep.types import Event, Evidence, Relation

VIOLENT_FAMILIES = frozenset(
    "clash attack territory territory_regain remote_air remote_shelling remote_ied "
    "remote_suicide remote_chemical remote_grenade casualty execution sexual abduction "
    "torture".split()
)
#: Families that need an actor in the sentence to be an event at all.
NEEDS_ACTOR = frozenset(
    "agreement meeting withdrawal arrest transfer mobilize territory territory_regain "
    "disrupted base_established".split()
)
#: PLOVER-only families (diplomacy, coercion): an event only with a named party,
#: an actor of the dictionary or a named subject ("Bangladesh rejected ...").
NEEDS_NAMED_PARTY = frozenset(
    "reject accuse request support sanction aid cooperate commit concede retreat coerce "
    "threat".split()
)
#: PLOVER types of cooperative acts that, promised for the future ("will
#: provide food aid", "will withdraw"), PLOVER codes as AGREE: a commitment.
PROMISABLE_PLOVER = frozenset({"AID", "SUPPORT", "COOPERATE", "CONCEDE", "RETREAT", "CONSULT"})
#: PLOVER types of cooperative acts that, negated ("will not accept", "did
#: not withdraw", "would not meet"), PLOVER codes as REJECT: a refusal.
REFUSABLE_PLOVER = PROMISABLE_PLOVER | {"AGREE", "CONSULT"}
#: PLOVER types of coercive acts that, announced for the future ("will
#: impose a curfew", "would boycott the vote"), PLOVER codes as THREATEN.
THREATENABLE_PLOVER = frozenset({"SANCTION", "COERCE"})
#: Families whose trigger with an object of information ("released a video",
#: "denied the allegations") or a clause ("denied that ...") tells a statement.
_INFORMATION_FAMILIES = frozenset({"reject", "concede"})
#: Modal verbs that announce an act rather than put it in doubt ("would boycott").
_MODALS = frozenset({"would", "could", "may", "might"})
#: PLOVER types of cooperation that, stopped ("halted aid", "cancelled a
#: visit"), PLOVER codes as SANCTION.
STOPPABLE_PLOVER = frozenset({"AID", "CONSULT", "COOPERATE", "SUPPORT"})
_PARTY_ENTITIES = frozenset({"GPE", "ORG", "PERSON", "NORP"})
#: Trigger words that also name a stoppage of work ("a four-day strike"):
#: no attack among workers' words with no armed side, weapon or casualty.
_LABOUR_STRIKE_WORDS = frozenset({"strike", "strikes"})
#: Which trigger leads when several violent triggers of one sentence merge.
FAMILY_RANK: dict[str, float] = {
    "remote_chemical": 9,
    "remote_suicide": 8,
    "remote_air": 7,
    "remote_shelling": 6,
    "remote_ied": 5,
    "remote_grenade": 4,
    "territory_regain": 3.5,
    "territory": 3.5,
    "clash": 3,
    "sexual": 2,
    "abduction": 2,
    "execution": 1.5,
    "torture": 1.5,
    "attack": 1,
    "casualty": 0,
}
#: Families whose mention alone does not say how the harm was done; a weapon
#: named nearby tells it ("the attack" after "a car bomb went off").
_BARE_FAMILIES = frozenset({"attack", "casualty", "execution"})
#: Event types with a doer and a side harmed (civilians are never actor 1).
_HARM_TYPES = frozenset({"Battles", "Explosions/Remote violence", "Violence against civilians"})
_SUBJECT_DEPS = ("nsubj", "csubj")
_OBJECT_DEPS = ("dobj", "nsubjpass", "obj", "attr")
_TARGET_PREPS = ("on", "against", "at", "with", "targeting")
#: Families of taking a place: "from X" names the side that lost it.
_TERRITORY_FAMILIES = frozenset({"territory", "territory_regain"})


@dataclass(frozen=True, slots=True)
class BackgroundCues:
    """Words that make a violent mention a cumulative or background statement.

    See :func:`background_statement`; loaded from the trigger lexicon's
    ``background_toll_cues``.
    """

    since_objects: frozenset[str] = frozenset()
    war_nouns: frozenset[str] = frozenset()
    phrases: tuple[tuple[str, ...], ...] = ()


@dataclass(frozen=True, slots=True)
class AdjunctCues:
    """Words of adjuncts that name another event as a time or a cause.

    See :func:`earlier_event_adjunct`; loaded from the trigger lexicon's
    ``earlier_event_adjuncts``.
    """

    always: frozenset[str] = frozenset()
    nouns: frozenset[str] = frozenset()
    with_distance: frozenset[str] = frozenset()
    distance_words: frozenset[str] = frozenset()
    toll_update_lemmas: frozenset[str] = frozenset()
    wound_nouns: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class WeaponMatter:
    """Words that make a named weapon a matter of policy, not an event's means.

    See :func:`matter_weapon`; loaded from ``weapons.json`` (``matter_nouns``,
    ``matter_of_nouns``, ``matter_verbs``).
    """

    nouns: frozenset[str] = frozenset()
    of_nouns: frozenset[str] = frozenset()
    verbs: frozenset[str] = frozenset()

    @classmethod
    def load(cls, lang: str = "en") -> WeaponMatter:
        """The lists of the language's weapon lexicon (empty when absent)."""
        lexicon = load_lexicon("weapons", lang)
        return cls(
            nouns=frozenset(w.lower() for w in lexicon.get("matter_nouns", [])),
            of_nouns=frozenset(w.lower() for w in lexicon.get("matter_of_nouns", [])),
            verbs=frozenset(w.lower() for w in lexicon.get("matter_verbs", [])),
        )


@dataclass(frozen=True, slots=True)
class Scope:
    """The part of a sentence unit an event may read its arguments from.

    ``inside``: an adjunct naming another event ("days after a chemical
    attack"), for the event it names; ``outside``: such adjuncts, left out
    for the event of the main clause. The empty scope holds everything.
    """

    inside: tuple[int, int] | None = None
    outside: tuple[tuple[int, int], ...] = ()

    def holds(self, start: int, end: int) -> bool:
        """True when the token range ``[start, end)`` lies in the scope."""
        if self.inside is not None and not (self.inside[0] <= start and end <= self.inside[1]):
            return False
        return not any(a <= start < b or a < end <= b for a, b in self.outside)


_WHOLE = Scope()


@dataclass(frozen=True, slots=True)
class TriggerRule:
    """One trigger entry of the lexicon."""

    key: str
    family: str
    event_type: str
    sub_event_type: str
    plover: str | None
    confidence: float
    plover_mode: str | None = None
    pos: tuple[str, ...] = ()
    default_weapon: str | None = None


@dataclass(slots=True)
class TriggerMatch:
    """A trigger found in the text (token offsets) and the rule it matched."""

    start: int
    end: int
    rule: TriggerRule

    def head(self, doc: Doc) -> Token:
        """The syntactic head of the trigger phrase."""
        if self.end - self.start == 1:
            return doc[self.start]  # a one-word span is its own root (and cheaper)
        return doc[self.start : self.end].root


class TriggerLexicon:
    """Find event triggers: single words by lemma or surface, phrases by lemma sequence."""

    def __init__(self, nlp: Language, lang: str = "en") -> None:
        lexicon = load_lexicon("event_triggers", lang)
        self.metaphor_cues = frozenset(w.lower() for w in lexicon.get("metaphor_cues", []))
        casualty = lexicon.get("casualty_words", {})
        self.killed_words = frozenset(casualty.get("killed", []))
        self.injured_words = frozenset(casualty.get("injured", []))
        self.both_words = frozenset(casualty.get("both", []))
        self.toll_cues = frozenset(lexicon.get("toll_cues", []))
        self.intervention_cues = tuple(lexicon.get("intervention_cues", []))
        self.excessive_cues = tuple(lexicon.get("excessive_force_cues", []))
        self.violent_crowd_cues = tuple(lexicon.get("violent_crowd_cues", []))
        self.heading_max = int(lexicon.get("section_heading_max_tokens", 6))
        self.weapon_verbs = frozenset(w.lower() for w in lexicon.get("weapon_verbs", []))
        self.comment_verbs = frozenset(w.lower() for w in lexicon.get("comment_verbs", []))
        self.kill_euphemisms = frozenset(w.lower() for w in lexicon.get("kill_euphemisms", []))
        self.euphemism_objects = frozenset(
            w.lower() for w in lexicon.get("kill_euphemism_objects", [])
        )
        self.reference_verbs = frozenset(w.lower() for w in lexicon.get("reference_verbs", []))
        self.reference_nouns = frozenset(w.lower() for w in lexicon.get("reference_nouns", []))
        self.bare_bomb_words = frozenset(w.lower() for w in lexicon.get("bare_bomb_words", []))
        self.air_means_words = frozenset(w.lower() for w in lexicon.get("air_means_words", []))
        self.facility_nouns = frozenset(w.lower() for w in lexicon.get("facility_nouns", []))
        armed_victims = lexicon.get("armed_victims", {})
        #: Nouns of armed people named by no group, and the actor id they stand for.
        self.armed_victim_nouns = frozenset(w.lower() for w in armed_victims.get("nouns", []))
        self.armed_victim_actor: str | None = armed_victims.get("actor")
        background = lexicon.get("background_toll_cues", {})
        self.background = BackgroundCues(
            since_objects=frozenset(background.get("since_objects", [])),
            war_nouns=frozenset(background.get("war_nouns", [])),
            phrases=tuple(tuple(p.split()) for p in background.get("phrases", [])),
        )
        adjuncts = lexicon.get("earlier_event_adjuncts", {})
        self.adjuncts = AdjunctCues(
            always=frozenset(w.lower() for w in adjuncts.get("always", [])),
            nouns=frozenset(w.lower() for w in adjuncts.get("nouns", [])),
            with_distance=frozenset(w.lower() for w in adjuncts.get("with_distance", [])),
            distance_words=frozenset(w.lower() for w in adjuncts.get("distance_words", [])),
            toll_update_lemmas=frozenset(w.lower() for w in adjuncts.get("toll_update_lemmas", [])),
            wound_nouns=frozenset(w.lower() for w in adjuncts.get("wound_nouns", [])),
        )
        self.plan_words = frozenset(
            w.lower() for w in lexicon.get("plan_words", {}).get("words", [])
        )
        claimed = lexicon.get("claimed_lives", {})
        self.claim_verbs = frozenset(w.lower() for w in claimed.get("verbs", []))
        self.claim_objects = frozenset(w.lower() for w in claimed.get("objects", []))
        self.responsibility = PhraseMatcher(nlp.vocab, attr="LOWER")
        for phrase in lexicon.get("responsibility_cues", []):
            self.responsibility.add("claim", [nlp.make_doc(phrase)])
        #: Objects that make a refusal or a release a statement ("denied the
        #: allegations", "released a video").
        self.information_objects = frozenset(
            w.lower() for w in lexicon.get("information_objects", [])
        )
        #: Verbs that stop a cooperative act ("halted aid"): a sanction.
        self.stop_verbs = frozenset(w.lower() for w in lexicon.get("stop_verbs", []))
        #: Verbs that stop or ease a coercive measure ("lifted the curfew").
        self.easing_verbs = self.stop_verbs | frozenset(
            w.lower()
            for entry in lexicon["triggers"]
            if entry["family"] == "concede"
            for w in entry["words"]
            if " " not in w
        )
        #: Words of work and pay: a "strike" among them is a stoppage of work.
        self.labour_cues = frozenset(w.lower() for w in lexicon.get("labour_strike_cues", []))
        #: Office and institution nouns that name a party ("the foreign ministry").
        self.party_offices = frozenset(w.lower() for w in lexicon.get("party_offices", []))
        #: Words of refusal, agreement and commitment (the first word of
        #: "offered to", "failed to reach"): the act they govern is refused
        #: or promised, not done ("declined to resign", "offered to mediate").
        self.governing_words = frozenset(
            w.lower().split()[0]
            for entry in lexicon["triggers"]
            if entry["family"] in ("reject", "commit", "agreement")
            and entry.get("plover") in ("REJECT", "AGREE")
            for w in entry["words"]
            if entry["family"] != "agreement" or " " not in w
        )
        self.single: dict[str, TriggerRule] = {}
        self.phrases = PhraseMatcher(nlp.vocab, attr="LOWER")
        # Phrases by lemma sequence, indexed by their first word: one pass over
        # the tokens does what a token Matcher does, several times faster.
        self.lemma_phrases: dict[str, list[tuple[tuple[str, ...], str]]] = {}
        self.rules: dict[str, TriggerRule] = {}
        for entry in lexicon["triggers"]:
            for word in entry["words"]:
                rule = TriggerRule(
                    key=word,
                    family=entry["family"],
                    event_type=entry["event_type"],
                    sub_event_type=entry["sub_event_type"],
                    plover=entry.get("plover"),
                    confidence=float(entry.get("confidence", 0.5)),
                    plover_mode=entry.get("plover_mode"),
                    pos=tuple(entry.get("pos", ())),
                    default_weapon=entry.get("default_weapon"),
                )
                self.rules[word] = rule
                words = nlp.make_doc(word)
                if len(words) == 1:
                    self.single.setdefault(word.lower(), rule)
                else:
                    self.phrases.add(word, [words])
                    lemmas = tuple(w.lower_ for w in words)
                    self.lemma_phrases.setdefault(lemmas[0], []).append((lemmas, word))

    def find(self, doc: Doc) -> list[TriggerMatch]:
        """All trigger matches, longest first where they overlap."""
        found: list[TriggerMatch] = []
        for match_id, start, end in self.phrases(doc):
            found.append(TriggerMatch(start, end, self.rules[doc.vocab.strings[match_id]]))
        found += self._lemma_phrase_matches(doc)
        titled: set[int] | None = None
        strings = doc.vocab.strings
        # Read the words as hashes in one array: building a Token per word is
        # the cost; only the words that are triggers become Tokens.
        for i, (lower, lemma) in enumerate(doc.to_array([LOWER, LEMMA]).tolist()):
            rule = self.single.get(strings[lower])
            if rule is None and lemma != lower:
                rule = self.single.get(strings[lemma].lower())
            if rule is None:
                continue
            token = doc[i]
            if token.pos_ in ("PROPN", "NUM", "PUNCT", "SPACE") and i != 0:
                # In a Title Case headline the tagger calls verbs proper nouns
                # ("Jets Bomb Market, Kill 12"): there a proper noun may trigger.
                if titled is None:
                    titled = _title_cased_tokens(doc)
                if not (token.pos_ == "PROPN" and i in titled):
                    continue
            if not rule.pos or _pos_fits(token, rule.pos):
                found.append(TriggerMatch(i, i + 1, rule))
        found.sort(key=lambda m: (-(m.end - m.start), m.start))
        taken: set[int] = set()
        kept: list[TriggerMatch] = []
        for match in found:
            if any(i in taken for i in range(match.start, match.end)):
                continue
            taken.update(range(match.start, match.end))
            kept.append(match)
        return sorted(kept, key=lambda m: m.start)

    def _lemma_phrase_matches(self, doc: Doc) -> list[TriggerMatch]:
        """Phrases whose tokens' lemmas are the phrase's words ("launch an attack")."""
        if not self.lemma_phrases:
            return []
        lemmas = token_strings(doc, LEMMA)
        found: list[TriggerMatch] = []
        for start, lemma in enumerate(lemmas):
            for words, key in self.lemma_phrases.get(lemma, ()):
                end = start + len(words)
                if end <= len(lemmas) and tuple(lemmas[start:end]) == words:
                    found.append(TriggerMatch(start, end, self.rules[key]))
        return found


_NOMINAL_DEPS = frozenset({"pobj", "dobj", "nsubj", "nsubjpass"})


def _title_cased_tokens(doc: Doc) -> set[int]:
    """Indices of the tokens of the Title Case sentences (see :func:`_title_cased_sentences`)."""
    indices: set[int] = set()
    starts = _title_cased_sentences(doc)
    if not starts:
        return indices
    for sent in doc.sents:
        if sent.start in starts:
            indices.update(range(sent.start, sent.end))
    return indices


def _title_cased_sentences(doc: Doc) -> set[int]:
    """Start offsets of sentences written in Title Case (headlines).

    Method: at least four words, and four in five of the alphabetic words
    of four letters or more start with a capital. Limits: a sentence full of
    names can pass; its proper nouns match no trigger anyway.
    """
    starts: set[int] = set()
    if not doc.has_annotation("SENT_START"):
        return starts
    # flags of every word from one array (no Token objects built)
    rows = doc.to_array([IS_ALPHA, LENGTH, IS_TITLE, IS_UPPER]).tolist()
    for sent in doc.sents:
        words = [r for r in rows[sent.start : sent.end] if r[0] and r[1] >= 4]
        if len(words) >= 4 and sum(bool(r[2] or r[3]) for r in words) >= 0.8 * len(words):
            starts.add(sent.start)
    return starts


def _pos_fits(token: Token, wanted: tuple[str, ...]) -> bool:
    """The token's part of speech is one the rule wants, or the parse uses it as one.

    The tagger often calls a plural noun a verb ("coalition strikes" after
    "killed in"); its dependency (object of a preposition, subject, object)
    still says it is a noun.
    """
    if token.pos_ in wanted:
        return True
    return "NOUN" in wanted and token.pos_ == "VERB" and token.dep_ in _NOMINAL_DEPS


#: The remote-violence trigger family a weapon's ACLED sub-type stands for.
FAMILY_BY_WEAPON_SUB_TYPE: dict[str, str] = {
    "Air/drone strike": "remote_air",
    "Shelling/artillery/missile attack": "remote_shelling",
    "Remote explosive/landmine/IED": "remote_ied",
    "Suicide bomb": "remote_suicide",
    "Chemical weapon": "remote_chemical",
    "Grenade": "remote_grenade",
}


def weapon_verb_triggers(
    doc: Doc,
    weapons: Sequence[WeaponMention],
    triggers: TriggerLexicon,
    taken: Sequence[TriggerMatch],
) -> list[TriggerMatch]:
    """Verbs that use a weapon on something: "dropped barrel bombs", "fired tens of shells".

    Method: a weapon with an ACLED sub-type that is the object of a verb of
    the lexicon's ``weapon_verbs`` (drop, fire, launch, lob, hurl, rain...),
    directly or through "of" ("fired dozens of rockets"), makes that verb a
    trigger of the weapon's remote-violence family. Limits: verbs already
    part of a trigger are left alone; a negated or planned use is still an
    event (modality marks it).
    """
    by_family: dict[str, TriggerRule] = {}
    for rule in triggers.rules.values():
        by_family.setdefault(rule.family, rule)
    used = {i for m in taken for i in range(m.start, m.end)}
    found: list[TriggerMatch] = []
    for weapon in weapons:
        if any(i in used for i in range(weapon.start, weapon.end)):
            continue  # "launched a rocket attack": the weapon is a trigger already
        family = FAMILY_BY_WEAPON_SUB_TYPE.get(weapon.sub_event_type or "")
        family_rule = by_family.get(family or "")
        if family_rule is None:
            continue
        noun = doc[weapon.start : weapon.end].root
        if noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.dep_ == "dobj":
            noun = noun.head.head
        verb = noun.head
        if noun.dep_ != "dobj" or verb.pos_ != "VERB" or verb.i in used:
            continue
        if verb.lemma_.lower() not in triggers.weapon_verbs:
            continue
        used.add(verb.i)
        key = f"{verb.lemma_.lower()} {weapon.name}"
        found.append(TriggerMatch(verb.i, verb.i + 1, replace(family_rule, key=key)))
    return found


#: Key of the trigger rule made for "claimed N lives" (see :func:`claimed_lives_triggers`).
CLAIMED_LIVES_KEY = "claim lives"


def claimed_lives_triggers(
    doc: Doc, triggers: TriggerLexicon, taken: Sequence[TriggerMatch]
) -> list[TriggerMatch]:
    """ "Claim" with lives as its object: "attacks in Gao claim 20 martyrs".

    Method: a word of the lexicon's ``claimed_lives.verbs`` (whatever its
    tag: a headline's "claim" is often read as a noun) with a direct object
    (or, read as a noun, a modifier or apposition) among
    ``claimed_lives.objects`` becomes a trigger of the casualty family.
    Limits: "claimed responsibility", "claimed victory", "the claim that 20
    died" have no such object and make none; "lives claimed by the floods"
    is not read (a passive with the lives as subject).
    """
    rule = next((r for r in triggers.rules.values() if r.family == "casualty"), None)
    if rule is None or not triggers.claim_verbs or not triggers.claim_objects:
        return []
    used = {i for m in taken for i in range(m.start, m.end)}
    found: list[TriggerMatch] = []
    for token in doc:
        if token.lower_ not in triggers.claim_verbs or token.i in used:
            continue
        if claimed_lives_object(token, triggers.claim_objects) is None:
            continue
        found.append(TriggerMatch(token.i, token.i + 1, replace(rule, key=CLAIMED_LIVES_KEY)))
    return found


def claimed_lives_object(claim: Token, objects: frozenset[str]) -> Token | None:
    """The object of a "claim" that names the lives taken ("20 martyrs", "the lives"), or None."""
    for child in claim.children:
        if child.dep_ in ("dobj", "obj", "npadvmod", "appos", "attr") and (
            child.lower_ in objects or child.lemma_.lower() in objects
        ):
            return child
    return None


@dataclass(slots=True)
class EventCandidate:
    """An event being built from one trigger (merged later within a sentence)."""

    match: TriggerMatch
    unit: Span
    event_type: str
    sub_event_type: str
    plover: str | None
    actors: list[Span] = field(default_factory=list)
    actor_rule: str = "none"
    place: PlaceMention | None = None
    place_rule: str = "none"
    time: Span | None = None
    fatalities: int | None = None
    injuries: int | None = None
    casualties_text: str | None = None
    weapons: list[str] = field(default_factory=list)
    modality: str = "asserted"
    modality_cue: str | None = None
    confidence: float = 0.5
    reasons: list[str] = field(default_factory=list)
    merged: list[TriggerMatch] = field(default_factory=list)
    weapon_mentions: list[WeaponMention] = field(default_factory=list)
    words: frozenset[str] = frozenset()
    targets: set[str] = field(default_factory=set)
    #: True when the armed side came from another sentence (never passed on again)
    borrowed: bool = False
    #: The article's explosive device, as (sub-type, weapon), for a bare "bombing"
    device: tuple[str, str] | None = None
    #: Named in an adjunct as the time or cause of another event ("days after a
    #: chemical attack"): see :func:`earlier_event_adjunct`
    in_passing: bool = False


class EventExtractor:
    """The ``sitrep_events`` component: events, postures, control and relations.

    ``match()`` finds candidates from the Doc; ``set_annotations()`` writes
    the records (spaCy's span-ruler split of finding and writing).
    """

    def __init__(self, nlp: Language, lang: str = "en") -> None:
        self.lang = lang
        self.catalogue = ActorCatalogue.load(lang)
        self.triggers = TriggerLexicon(nlp, lang)
        self.weapons = WeaponLexicon(nlp, lang)
        self.postures = PostureFinder(nlp, lang)
        self.weapon_matter = WeaponMatter.load(lang)

    def __call__(self, doc: Doc) -> Doc:
        context = DocContext.build(doc, self.catalogue)
        candidates = self.match(doc, context)
        self.set_annotations(doc, context, candidates)
        return doc

    # -- finding -----------------------------------------------------------

    def match(self, doc: Doc, context: DocContext | None = None) -> list[EventCandidate]:
        """Event candidates of ``doc``, merged within each sentence unit."""
        if not doc.has_annotation("DEP"):
            return []
        context = context or DocContext.build(doc, self.catalogue)
        # "the group's chemical weapons programme": a weapon of policy is no means
        weapons = [
            w for w in self.weapons.find(doc) if not matter_weapon(doc, w, self.weapon_matter)
        ]
        matches = self.triggers.find(doc)
        # A weapon's verb is a trigger only where no violent word is
        # ("helicopters dropped barrel bombs on the town"); in "clashes ...
        # used mortar shells" the clash is the event and the mortar its means.
        violent_units = {
            context.unit_of(doc[m.start]).start
            for m in matches
            if m.rule.family in VIOLENT_FAMILIES and m.rule.family != "casualty"
        }
        extra = [
            m
            for m in weapon_verb_triggers(doc, weapons, self.triggers, matches)
            if context.unit_of(doc[m.start]).start not in violent_units
        ]
        extra += claimed_lives_triggers(doc, self.triggers, [*matches, *extra])
        matches = self._drop_references(doc, sorted([*matches, *extra], key=lambda m: m.start))
        device = _article_device(matches, weapons)
        adjuncts = self._adjuncts(doc, matches)
        # weapons of another event named in passing ("days after a chemical
        # attack") tell nothing of the events of the sentences around
        told_weapons = [
            w
            for w in weapons
            if not any(a <= w.start < b for a, b, strong in adjuncts.values() if strong)
        ]
        out: list[EventCandidate] = []
        previous: list[EventCandidate] = []
        opening: list[EventCandidate] = []
        headlines = frozenset(_title_cased_sentences(doc))
        # which incident of a round-up each sentence tells: no side crosses over
        sections = Sections.read(context, self.triggers.heading_max)
        for unit in context.units:
            in_unit = [m for m in matches if unit.start <= m.start and m.end <= unit.end]
            if not in_unit and not previous:
                continue  # nothing found, nothing to carry: same outcome, less work
            if is_heading(unit, self.triggers.heading_max):
                continue
            if not in_unit:
                previous = []
                continue
            unit_words, casualty_words = self._unit_words(unit)
            for m in in_unit:
                if m.rule.key == CLAIMED_LIVES_KEY:
                    # "attacks claim 20 martyrs": the martyrs are the attack's dead
                    victims = claimed_lives_object(doc[m.start], self.triggers.claim_objects)
                    casualty_words += [victims] if victims is not None else []
            unit_weapons = weapons_in(weapons, unit)
            merged = []
            for scope, group in self._scopes(unit, in_unit, adjuncts, unit_weapons):
                group_weapons = [w for w in unit_weapons if scope.holds(w.start, w.end)]
                if not group_weapons and scope.inside is None:
                    # "the attack" told after "a car bomb attack": the weapon named in
                    # the sentence before or in the lead still tells how it was done
                    group_weapons = self._context_weapons(context, unit, told_weapons, group, scope)
                group_casualty_words = [t for t in casualty_words if scope.holds(t.i, t.i + 1)]
                built = [
                    c
                    for m in group
                    if (
                        c := self._candidate(
                            context,
                            m,
                            unit,
                            group_weapons,
                            unit_words,
                            group_casualty_words,
                            device,
                            scope,
                        )
                    )
                    is not None
                ]
                merged += merge_in_unit(_drop_governing_cues(built, doc), self.catalogue)
            merged.sort(key=lambda c: c.match.start)
            for lead in merged:
                if lead.merged:
                    # pooled actors can change the type ("an attack" + "20
                    # civilians were killed" is violence against civilians)
                    self._retype(lead)
            for carried in _carry_actors_over(merged, previous, self.catalogue, opening, sections):
                self._retype(carried)
            previous = merged
            if not opening and previous:
                opening = list(previous)
            out += merged
        out = _drop_told_elsewhere(out)
        _drop_seizure_tolls(out)
        for filled in _fill_from_document(out, self.catalogue, sections):
            self._retype(filled)
        for filled in self._fill_from_claims(context, out):
            self._retype(filled)
        prefer_own_setting(out, context)
        place_by_later_mention(out, doc, VIOLENT_FAMILIES)
        place_by_next_sentences(out, context.units, VIOLENT_FAMILIES, context, sections)
        place_by_previous_sentence(out, context, VIOLENT_FAMILIES, headlines)
        return _drop_claimed_mentions(out, doc, self.catalogue.attack_nouns)

    def _adjuncts(
        self, doc: Doc, matches: Sequence[TriggerMatch]
    ) -> dict[int, tuple[int, int, bool]]:
        """The adjunct naming another event around each violent trigger, by trigger start.

        See :func:`earlier_event_adjunct`.
        """
        found: dict[int, tuple[int, int, bool]] = {}
        for match in matches:
            if match.rule.family not in VIOLENT_FAMILIES:
                continue
            adjunct = earlier_event_adjunct(match.head(doc), self.triggers.adjuncts)
            if adjunct is not None:
                found[match.start] = adjunct
        return found

    def _scopes(
        self,
        unit: Span,
        in_unit: list[TriggerMatch],
        adjuncts: dict[int, tuple[int, int, bool]],
        unit_weapons: list[WeaponMention],
    ) -> list[tuple[Scope, list[TriggerMatch]]]:
        """Split a unit's triggers into the main clause's and those of adjuncts naming other events.

        "Days after a drone attack on Kosti, a man was killed and 12 others
        were wounded in a village near Rabak": the attack is another
        event, told as a time; the killing is the sentence's event, with the
        toll, the place and the date. An adjunct is kept apart only when the
        main clause has a violent trigger of its own (else its event is the
        only one told and keeps the sentence: "days after the bombing, the
        toll rose to 40"); a weak one ("after an air strike", no span of
        time) only when both name their means ("after the shelling, jets
        bombed the town"), as "ten were killed after an air strike" names the
        strike that killed them. Limits: "shelled the town after a pilot was
        killed" (no means in the adjunct) stays one event.
        """
        whole = [(_WHOLE, in_unit)]
        spans = {adjuncts[m.start] for m in in_unit if m.start in adjuncts}
        if not spans:
            return whole

        def inside(match: TriggerMatch, span: tuple[int, int, bool]) -> bool:
            return span[0] <= match.start < span[1]

        def means_named(group: list[TriggerMatch], scope: Scope) -> bool:
            return any(
                m.rule.family in VIOLENT_FAMILIES and m.rule.family not in _BARE_FAMILIES
                for m in group
            ) or any(w.sub_event_type and scope.holds(w.start, w.end) for w in unit_weapons)

        main = [m for m in in_unit if not any(inside(m, span) for span in spans)]
        if not any(m.rule.family in VIOLENT_FAMILIES for m in main):
            return whole
        if self._toll_update(unit, spans):
            # "days after the car bomb, the toll rose to 40": its dead
            return whole
        main_means = means_named(main, Scope(outside=tuple((a, b) for a, b, _ in spans)))
        active = sorted(
            (
                span
                for span in spans
                if span[2]
                or (
                    main_means
                    and means_named(
                        [m for m in in_unit if inside(m, span)], Scope(inside=(span[0], span[1]))
                    )
                )
            ),
            key=lambda s: s[1] - s[0],
        )
        if not active:
            return whole
        outside = tuple((a, b) for a, b, _ in active)
        groups: list[tuple[Scope, list[TriggerMatch]]] = []
        taken: set[int] = set()
        for span in active:
            group = [m for m in in_unit if inside(m, span) and m.start not in taken]
            taken.update(m.start for m in group)
            if group:
                groups.append((Scope(inside=(span[0], span[1])), group))
        rest = [m for m in in_unit if m.start not in taken]
        return [(Scope(outside=outside), rest), *groups] if rest else groups

    def _toll_update(self, unit: Span, spans: set[tuple[int, int, bool]]) -> bool:
        """True when the unit's main clause updates a toll rather than telling new deaths.

        "Two days after the car bomb, the death toll rose to 40", "three more
        have died of their wounds since the strike": a word of the lexicon's
        ``toll_cues`` or ``toll_update_lemmas``, or "die of/from" a noun of
        ``wound_nouns``, outside the adjuncts.
        """
        cues = self.triggers.adjuncts
        for token in unit:
            if any(a <= token.i < b for a, b, _ in spans):
                continue
            lemma = token.lemma_.lower()
            if token.lower_ in self.triggers.toll_cues or lemma in cues.toll_update_lemmas:
                return True
            if lemma == "die" and any(
                c.dep_ == "prep"
                and c.lower_ in ("of", "from")
                and any(g.lower_ in cues.wound_nouns for g in c.children)
                for c in token.children
            ):
                return True
        return False

    def _drop_references(self, doc: Doc, matches: list[TriggerMatch]) -> list[TriggerMatch]:
        """Drop violent nouns that refer to an event told elsewhere ("condemned the bombing").

        Only when the article has another violent trigger: a reference with
        nothing to refer to is the only trace of its event and stays.
        """
        triggers = self.triggers
        violent = [m for m in matches if m.rule.family in VIOLENT_FAMILIES]
        if len(violent) < 2:
            return matches
        references = {
            m.start
            for m in violent
            if referenced_event(m.head(doc), triggers.reference_verbs, triggers.reference_nouns)
        }
        if not references or len(references) == len(violent):
            return matches
        return [m for m in matches if m.start not in references]

    def _fill_from_claims(
        self, context: DocContext, candidates: Sequence[EventCandidate]
    ) -> list[EventCandidate]:
        """Give violent events with no doer the group that claimed responsibility.

        "Islamic State claimed responsibility for the attack": ACLED codes the
        claimant as actor 1. Method: a phrase of the lexicon's
        ``responsibility_cues`` whose verb is asserted (not "no one has
        claimed") and whose subject names an armed actor; each violent event
        left without a doer takes the nearest claimant. Limits: one claimant
        per article in practice; a claim about another attack told in the same
        article is given to this one too.
        """
        doc = context.doc
        claimants: list[tuple[int, list[Span]]] = []
        starts = [start for _, start, _end in self.triggers.responsibility(doc)]
        # "IS claimed the car bombing": a claim whose object is a known attack
        claim = {doc.vocab.strings.add("claim"), doc.vocab.strings.add("Claim")}
        for i, lemma in enumerate(doc.to_array([LEMMA]).tolist()):
            if lemma not in claim or i in starts:
                continue  # only a form of "claim" can govern a claimed attack
            if any(claimed_attack(c, self.catalogue.attack_nouns) for c in doc[i].children):
                starts.append(i)
        for start in starts:
            verb = doc[start]
            if modality_of(verb)[0] != "asserted":
                continue
            subjects = [c for c in verb.children if c.dep_ in _SUBJECT_DEPS]
            found = [
                a
                for subject in subjects
                for a in group_actors(context, subject)
                if self.catalogue.is_armed(a._.sitrep_actor)
                and self.catalogue.kind(a._.sitrep_actor) != "unidentified"
            ]
            if found:
                claimants.append((start, found))
        if not claimants:
            return []
        changed: list[EventCandidate] = []
        for candidate in candidates:
            family = candidate.match.rule.family
            if family not in VIOLENT_FAMILIES or _attacker_spans(candidate, self.catalogue):
                continue
            if candidate.modality != "asserted":
                continue
            at, actors = min(claimants, key=lambda c: abs(c[0] - candidate.match.start))
            candidate.actors = [*actors, *candidate.actors]
            candidate.borrowed = True
            if candidate.actor_rule == "none":
                candidate.actor_rule = "claim"
            candidate.reasons = [r for r in candidate.reasons if r != "no actor found"]
            candidate.reasons.append(
                f"doer from a claim of responsibility ('{doc[at].sent.text[:80]}')"
            )
            changed.append(candidate)
        return changed

    def _context_weapons(
        self,
        context: DocContext,
        unit: Span,
        weapons: list[WeaponMention],
        matches: list[TriggerMatch],
        scope: Scope = _WHOLE,
    ) -> list[WeaponMention]:
        """Weapons of the sentence before or of the lead, for bare attack mentions only.

        A sentence that states a death toll other than the unit's tells
        another incident ("Saudi airstrikes kill 40 in Hodeidah. The army has
        killed 20 gunmen near Marib"): its weapons are not this event's means.
        Limits: without tolls on both sides nothing tells two incidents apart.
        """
        if not any(m.rule.family in _BARE_FAMILIES for m in matches):
            return []
        if any(
            m.rule.family in VIOLENT_FAMILIES and m.rule.family not in _BARE_FAMILIES
            for m in matches
        ):
            return []  # a trigger naming its means ("air raid"); "aid convoy" names none
        sources = [context.previous_unit(unit), context.units[0] if context.units else None]
        if context.units and unit.start == context.units[0].start:
            # a title or lede names the attack, the next sentence tells how
            # ("Terrorist attacks kill 10 in Aleppo. Terrorists fired shells on...")
            sources.append(context.next_unit(unit))
        own_tolls = _tolls(context, unit, scope)
        for source in sources:
            if source is None or source.start == unit.start:
                continue
            other_tolls = _tolls(context, source)
            if own_tolls and other_tolls and not own_tolls & other_tolls:
                continue  # another incident, with a toll of its own
            found = [w for w in weapons_in(weapons, source) if w.sub_event_type]
            if found:
                return found
        return []

    def _candidate(
        self,
        context: DocContext,
        match: TriggerMatch,
        unit: Span,
        weapons: list[WeaponMention],
        unit_words: set[str] | None = None,
        unit_casualty_words: list[Token] | None = None,
        device: tuple[str, str] | None = None,
        scope: Scope = _WHOLE,
    ) -> EventCandidate | None:
        doc = context.doc
        rule = match.rule
        head = match.head(doc)
        triggers = self.triggers
        if unit_words is None:
            unit_words = {t.lower_ for t in unit} | {t.lemma_.lower() for t in unit}
        words = unit_words
        candidate = EventCandidate(
            match=match,
            unit=unit,
            event_type=rule.event_type,
            sub_event_type=rule.sub_event_type,
            plover=rule.plover,
            confidence=rule.confidence,
            device=device,
        )
        candidate.reasons.append(f"trigger '{doc[match.start : match.end].text}' ({rule.family})")
        if rule.family == "casualty" and _is_count_only(head):
            return None
        if head.dep_ == "compound" and head.head.lower_ in triggers.facility_nouns:
            return None  # "detention centre", "protest camp": a place, not an event
        if (
            head.lemma_.lower() in triggers.kill_euphemisms
            or head.lower_ in triggers.kill_euphemisms
        ) and not kills_people(head, triggers.euphemism_objects):
            return None  # "neutralised a drone", "eliminated the threat"
        if rule.family in VIOLENT_FAMILIES and background_statement(head, triggers.background):
            # "the war has killed 500,000 since 2011": the war, not an incident
            return None
        if rule.family in _TERRITORY_FAMILIES and head.dep_ == "amod":
            # "captured soldiers", "the seized weapons": a participle that
            # describes a noun tells no taking of ground
            return None
        if rule.family == "agreement" and head.dep_ == "pobj" and head.head.lower_ == "under":
            # "troops stay under a defence pact": an agreement in force, not made
            return None
        if rule.family in _PARTY_FAMILIES and demanded_by(head) is not None:
            # "the Council called for a ceasefire", "urged the sides to meet":
            # an agreement or meeting demanded is none yet
            return None
        actors, how = event_participants(context, head, rule.family)
        # "Syrian troops, alongside Iranian militias, attacked": the companions
        # took part (associates of the doer, see choose_sides)
        actors += [a for a in companions(context, actors) if a not in actors]
        if scope is not _WHOLE:
            # "days after an RSF drone attack, a man was killed": the
            # regime is the attack's side, not the killing's
            actors = [a for a in actors if scope.holds(a.start, a.end)]
            if not actors and how != "none":
                how = "none"
        actors = drop_generic_heads(drop_sources(actors, self.catalogue), self.catalogue)
        # "the Kremlin expressed sorrow over the deaths": a commentator, no side
        actors = drop_commentators(actors, head, self.lang)
        candidate.actors, candidate.actor_rule = actors, how
        candidate.targets = {a._.sitrep_actor for a in target_actors(context, head)}
        if rule.family in _TERRITORY_FAMILIES:
            candidate.targets |= {a._.sitrep_actor for a in _losing_side(context, head)}
        if rule.family in _ARMED_VICTIM_FAMILIES:
            victims = self._armed_victims(context, head, rule.family)
            if victims:
                # "eliminated 60 terrorists", "killed 12 fighters": armed people
                # hit, named by no group -- the side hit, as "militants" is
                actors = candidate.actors = [*actors, *victims]
                candidate.targets |= {v._.sitrep_actor for v in victims}
                candidate.reasons.append(
                    f"'{victims[0].text}' named by no group: an unidentified armed group hit"
                )
        doerless = not _attacker_spans(candidate, self.catalogue)
        if rule.family in VIOLENT_FAMILIES and actors and doerless:
            # Only victims from the parse ("10 civilians were killed in US-led
            # strikes" parsed with "strikes" as a verb): an armed actor of the
            # same clause, not itself hit, is the likelier doer than none.
            known = {a._.sitrep_actor for a in actors}
            extra = [
                a
                for a in context.actors_on(clause_tokens(head))
                if self.catalogue.is_armed(a._.sitrep_actor)
                and a._.sitrep_actor not in candidate.targets | known
                and scope.holds(a.start, a.end)
            ]
            extra = drop_generic_heads(drop_sources(extra, self.catalogue), self.catalogue)
            extra = drop_commentators(extra, head, self.lang)
            if extra:
                actors = candidate.actors = [*actors, *extra]
                candidate.reasons.append("doer from the clause (the parse named only victims)")
        armed = [a for a in actors if self.catalogue.is_armed(a._.sitrep_actor)]
        weapon_here = bool(weapons)
        casualty_words = (
            unit_casualty_words if unit_casualty_words is not None else self._unit_words(unit)[1]
        )
        metaphor = bool(words & self.triggers.metaphor_cues)
        if rule.family in VIOLENT_FAMILIES:
            if metaphor and not armed and not weapon_here and not casualty_words:
                # "a strike on the market killed five" is no metaphor: people died
                return None
            if rule.family == "attack" and not (armed or weapon_here or casualty_words):
                return None
            if (
                rule.key in _LABOUR_STRIKE_WORDS
                and words & self.triggers.labour_cues
                and not (armed or weapon_here or casualty_words)
            ):
                # "teachers called off a four-day strike": a stoppage of work
                return None
            if metaphor and not (armed and weapon_here):
                # an armed side using a named weapon is no metaphor, whatever
                # the place ("jets struck the market")
                candidate.confidence -= 0.3
                candidate.reasons.append("sports/politics words nearby: may be a metaphor")
        if rule.family in NEEDS_NAMED_PARTY and any(
            c.dep_ == "xcomp" and c.lemma_.lower() in self.triggers.comment_verbs
            for c in head.children
        ):
            return None  # "refused to comment", "declined to say"
        if rule.family in NEEDS_NAMED_PARTY and (
            head.dep_ in ("compound", "amod", "nmod")
            or (
                head.dep_ == "acl"
                and head.tag_ == "VBN"
                and not _has_aux(head)
                and not any(c.dep_ in ("dobj", "conj") for c in head.children)
            )
        ):
            # "aid workers", "the sanctions regime": a noun naming the kind of
            # another; "US-backed forces", "forces backed by Russia",
            # "surrendering rebels": a participle describing a noun
            return None
        if rule.family in _INFORMATION_FAMILIES and any(
            (c.dep_ == "dobj" and c.lemma_.lower() in triggers.information_objects)
            or (c.dep_ == "ccomp" and rule.family == "reject" and c.i > head.i)
            for c in head.children
        ):
            # "released pictures", "denied any involvement", "denied the army
            # had used ...": a statement or a publication, no act
            return None
        if rule.event_type == "Strategic developments" and governed_by(
            head, self.triggers.governing_words
        ):
            # "declined to resign", "offered to mediate", "agreed to
            # withdraw": the refusal or the commitment is the event (PLOVER
            # REJECT, AGREE), not the act refused or promised
            return None
        if rule.family in NEEDS_ACTOR | NEEDS_NAMED_PARTY and not actors:
            # A strategic development needs a doer: a catalogued actor, or a
            # state, organisation, people or office the parse names as the
            # subject ("the Nordic Council has agreed to ..."); an act told
            # of no one ("an agreement was reached") is no event.
            party = (
                named_party(head, self.catalogue, self.triggers.party_offices)
                if rule.event_type == "Strategic developments"
                else None
            )
            if party is None:
                return None
            catalogued = context.actors_on(range(party.start, party.end))
            actors = candidate.actors = list(catalogued)
            candidate.actor_rule = "parse" if catalogued else "party"
            candidate.reasons.append(
                f"doer '{party.text}' named by the parse"
                + ("" if catalogued else " (not in the actor catalogue)")
            )
        if commented_on(head, self.triggers.comment_verbs):
            # "Moscow did not comment on the strikes", "declined to comment on
            # the attack": a reference to an event told before, not a new one
            return None
        if _anaphoric_mention(head) and how in ("none", "clause"):
            # "These clashes raise questions": a back-reference, not a new event.
            return None
        candidate.weapons = list(dict.fromkeys(w.name for w in weapons))
        if rule.default_weapon and not any(w.sub_event_type for w in weapons):
            # "shelled", "the bombardment": the trigger itself names the means
            candidate.weapons.append(rule.default_weapon)
        candidate.weapon_mentions, candidate.words = weapons, frozenset(words)
        self._refine_type(candidate, weapons, words)
        self._place(context, candidate, head, scope)
        candidate.time = time_for(context, head, unit)
        if candidate.time is not None and not scope.holds(candidate.time.start, candidate.time.end):
            candidate.time = None  # "days after an attack ... on Saturday": not the attack's day
        self._casualties(context, candidate, casualty_words, scope)
        if rule.key == CLAIMED_LIVES_KEY and candidate.fatalities is None:
            # "claim 20 martyrs": the quantity stage counts no martyrs as dead
            lives = claimed_lives_object(head, triggers.claim_objects)
            value, _, _ = count_of(lives) if lives is not None else (None, None, None)
            if value is not None and lives is not None:
                candidate.fatalities = value
                candidate.casualties_text = candidate.casualties_text or lives.text
        candidate.modality, candidate.modality_cue = modality_of(head)
        if candidate.modality == "asserted" and rule.family in VIOLENT_FAMILIES:
            plan = planned_by(head, triggers.plan_words)
            if plan is not None:
                # "gunmen drawing up plans to launch attacks on Kano"
                candidate.modality, candidate.modality_cue = "future", plan.text
        self._plover_by_verb(candidate, head)
        if rule.family == "threat" and any(c.dep_ == "xcomp" for c in head.children):
            # "threatened to break off relations": the act threatened is named
            candidate.confidence += 0.2
            candidate.reasons.append("the act threatened is named")
        if (
            rule.family == "casualty"
            and candidate.modality == "negated"
            and (candidate.modality_cue or "").lower() in NEGATORS
        ):
            # "No casualties were reported", "no one was killed": a note on
            # an event told elsewhere, not an event
            return None
        self._score(candidate)
        if scope.inside is not None:
            # told in passing as the time or the cause of the sentence's event
            candidate.in_passing = True
            candidate.confidence = round(max(0.05, candidate.confidence - 0.3), 2)
            candidate.reasons.append(
                "named in an adjunct as the time or cause of another event: told in passing"
            )
        return candidate

    def _armed_victims(self, context: DocContext, head: Token, family: str) -> list[Span]:
        """Actor mentions for armed people hit and named by no group.

        "Syrian forces eliminated 60 terrorists", "the army killed 12
        fighters": the lexicon's ``armed_victims`` nouns, on the receiving end
        of the trigger (:func:`armed_victim_nouns`), with no actor named in
        their phrase ("Islamic State fighters", "its fighters" are left to the
        actor stage), stand for its ``actor`` (the unidentified armed group),
        specialised to the article's country as the actor stage does. Limits:
        a doer named only so ("terrorists killed five") is not taken.
        """
        triggers = self.triggers
        actor = triggers.armed_victim_actor
        entry = self.catalogue.entry(actor) if actor else None
        if actor is None or entry is None or not triggers.armed_victim_nouns:
            return []
        doc = context.doc
        focus = doc._.sitrep_focus_country
        actor_id = f"{actor}@{focus}" if focus and entry.get("generic") else actor
        found: list[Span] = []
        for noun in armed_victim_nouns(head, triggers.armed_victim_nouns, family):
            if context.actors_on(noun_phrase(noun)):
                continue
            span = Span(doc, noun.i, noun.i + 1, label=self.catalogue.kind(actor_id))
            span._.sitrep_actor = actor_id
            found.append(span)
        return found

    def _unit_words(self, unit: Span) -> tuple[set[str], list[Token]]:
        """The unit's words and lemmas (lower-cased), and its casualty words, in one pass."""
        triggers = self.triggers
        wanted = triggers.killed_words | triggers.injured_words | triggers.both_words
        doc = unit.doc
        # strings from the Doc's shared arrays: a Token is built only for a casualty word
        lowers = token_strings(doc, LOWER)[unit.start : unit.end]
        lemmas = [w.lower() for w in token_strings(doc, LEMMA)[unit.start : unit.end]]
        words = {*lowers, *lemmas}
        casualty = [
            doc[unit.start + k]
            for k, (lower, lemma) in enumerate(zip(lowers, lemmas, strict=True))
            if lower in wanted or lemma in wanted
        ]
        return words, casualty

    def _plover_by_verb(self, candidate: EventCandidate, head: Token) -> None:
        """Recode the PLOVER type of an act by the verb that stops or eases it.

        "halted economic aid", "cancelled a planned visit", "ended its
        mediation": cooperation cut off is a PLOVER SANCTION; "lifted the
        curfew", "shortened the blockade": coercion eased is a CONCEDE.
        """
        plover, triggers = candidate.match.rule.plover, self.triggers
        if plover in STOPPABLE_PLOVER and stopped_by(head, triggers.stop_verbs):
            candidate.plover = "SANCTION"
            candidate.reasons.append("a cooperative act stopped: a sanction")
        elif plover in THREATENABLE_PLOVER and stopped_by(head, triggers.easing_verbs):
            candidate.plover = "CONCEDE"
            candidate.reasons.append("a coercive measure eased: a concession")

    def _retype(self, candidate: EventCandidate) -> None:
        rule = candidate.match.rule
        candidate.event_type, candidate.sub_event_type = rule.event_type, rule.sub_event_type
        candidate.plover = rule.plover
        self._plover_by_verb(candidate, candidate.match.head(candidate.unit.doc))
        self._refine_type(candidate, candidate.weapon_mentions, set(candidate.words))

    def _refine_type(
        self, candidate: EventCandidate, weapons: list[WeaponMention], words: set[str]
    ) -> None:
        """Choose the ACLED sub-type from the family, the weapons and the actors."""
        family = candidate.match.rule.family
        kinds = [self.catalogue.kind(a._.sitrep_actor) for a in candidate.actors]
        # distinct actors: "Rapid Support Forces (RSF) fighters" is one side
        armed = list(
            {
                a._.sitrep_actor
                for a in candidate.actors
                if self.catalogue.kind(a._.sitrep_actor) not in ("civilians", "protesters")
            }
        )
        if family == "execution":
            # Killing captives is one-sided violence however many armed
            # groups the sentence names (ACLED codes executions of detained
            # combatants as violence against civilians), never a clash.
            candidate.event_type, candidate.sub_event_type = "Violence against civilians", "Attack"
            candidate.reasons.append("an execution: violence against people in captivity")
            return
        if family == "remote_air" and _bare_bomb(candidate, self.triggers, self.catalogue):
            sub_type, weapon = candidate.device or ("", "")
            candidate.event_type, candidate.sub_event_type = "Explosions/Remote violence", sub_type
            candidate.weapons = [
                w for w in candidate.weapons if w != candidate.match.rule.default_weapon
            ] or [weapon]
            candidate.reasons.append(
                f"a bare bomb word where the article names a {weapon}, no aircraft: {sub_type}"
            )
            return
        strongest = strongest_sub_type(weapons)
        explosive_families = {"attack", "casualty"} | {
            f for f in FAMILY_RANK if f.startswith("remote")
        }
        if strongest is not None and family in explosive_families:
            # a weapon overrides a remote trigger only when it ranks higher
            # ("shelling" by "warplanes" is an air strike; a "gas attack" by
            # "jets" stays a chemical attack)
            current_rank = _FAMILY_WEAPON_RANK.get(family, 0)
            if strongest.priority > current_rank:
                candidate.event_type = "Explosions/Remote violence"
                candidate.sub_event_type = str(strongest.sub_event_type)
                where = (
                    ""
                    if candidate.unit.start <= strongest.start < candidate.unit.end
                    else " (named in the sentence before or the lead)"
                )
                candidate.reasons.append(f"weapon '{strongest.name}' sets the sub-type{where}")
                return
        if family == "attack" and _air_raid(candidate, kinds, words):
            candidate.event_type, candidate.sub_event_type = (
                "Explosions/Remote violence",
                "Air/drone strike",
            )
            candidate.reasons.append("raids by state forces with no ground action: air raids")
            return
        if family in ("attack", "casualty"):
            if "protesters" in kinds:
                candidate.event_type, candidate.sub_event_type = (
                    "Protests",
                    "Excessive force against protesters",
                )
            elif len(set(a._.sitrep_actor for a in candidate.actors)) >= 2 and len(armed) >= 2:
                candidate.event_type, candidate.sub_event_type = "Battles", "Armed clash"
                candidate.reasons.append("two armed actors: an armed clash")
            elif family == "casualty" or "civilians" in kinds:
                candidate.event_type, candidate.sub_event_type = (
                    "Violence against civilians",
                    "Attack",
                )
        elif family in _TERRITORY_FAMILIES:
            first = kinds[0] if kinds else None
            if any(w in words for w in ("without",)) and "fight" in words | {"fighting"}:
                candidate.event_type, candidate.sub_event_type = (
                    "Strategic developments",
                    "Non-violent transfer of territory",
                )
                candidate.plover = "CONCEDE"
            elif first == "state":
                candidate.sub_event_type = "Government regains territory"
            elif first is not None:
                candidate.sub_event_type = "Non-state actor overtakes territory"
        elif family == "protest":
            text = candidate.unit.text.lower()
            if any(c in text for c in self.triggers.excessive_cues) and (
                "state" in kinds or "police" in text
            ):
                candidate.sub_event_type = "Excessive force against protesters"
            elif any(c in text for c in self.triggers.violent_crowd_cues):
                candidate.event_type, candidate.sub_event_type = "Riots", "Violent demonstration"
            elif any(c in text for c in self.triggers.intervention_cues):
                candidate.sub_event_type = "Protest with intervention"
        elif family == "withdrawal":
            text = candidate.unit.text.lower()
            handover = ("custody of", "control of", "handed", "hands of", "to become")
            if any(cue in text for cue in handover):
                candidate.sub_event_type = "Non-violent transfer of territory"
                candidate.reasons.append("the sentence names who takes the place over")

    def _place(
        self, context: DocContext, candidate: EventCandidate, head: Token, scope: Scope = _WHOLE
    ) -> None:
        attached = [p for p in attached_places(context, head) if scope.holds(p.start, p.end)]
        if attached:
            best = most_specific(attached)
            # "the second largest city of Syria, which the regime took": the city
            if best is not None:
                unit = candidate.unit
                earlier = [
                    p
                    for p in context.places
                    if unit.start <= p.start and p.end <= unit.end and not p.is_anchor
                ]
                best = settlement_meant(context.doc, best, earlier) or best
            candidate.place, candidate.place_rule = best, "parse"
            return
        found = sentence_place(context, head, candidate.unit)
        if found is not None and scope.holds(found[0].start, found[0].end):
            candidate.place, candidate.place_rule = found
        elif context.main_place is not None:
            candidate.place, candidate.place_rule = context.main_place, "article"

    def _tells_toll(self, unit: Span) -> bool:
        """True when ``unit`` holds a toll word ("the death toll rose to 45");
        answered once per unit and Doc."""
        known = doc_memo(unit.doc, "toll_units")
        found: bool | None = known.get(unit.start)
        if found is None:
            found = known[unit.start] = any(t.lower_ in self.triggers.toll_cues for t in unit)
        return found

    def _casualties(
        self,
        context: DocContext,
        candidate: EventCandidate,
        words: list[Token],
        scope: Scope = _WHOLE,
    ) -> None:
        unit = candidate.unit
        pools = [unit]
        following = context.next_unit(unit)
        if (
            following is not None
            and scope.inside is None
            and self._tells_toll(following)
            and not _toll_told_elsewhere(context, candidate, following)
        ):
            pools.append(following)
        for pool in pools:
            for span in context.quantities:
                if not (pool.start <= span.start and span.end <= pool.end):
                    continue
                if pool is unit and not scope.holds(span.start, span.end):
                    continue  # the toll of the main clause, not of an event named in passing
                quantity = span._.sitrep_quantity
                if quantity.kind in ("killed", "injured") and background_statement(
                    span.root, self.triggers.background
                ):
                    continue  # "the war has killed 150,000 since 2023": not this event's toll
                if quantity.kind == "killed" and candidate.fatalities is None:
                    candidate.fatalities = quantity.value
                    candidate.casualties_text = candidate.casualties_text or span.text
                elif quantity.kind == "injured" and candidate.injuries is None:
                    candidate.injuries = quantity.value
                    candidate.casualties_text = candidate.casualties_text or span.text
        if not context.quantities:
            self._casualty_counts_from_parse(candidate, words)
        if candidate.casualties_text is None and words:
            candidate.casualties_text = casualty_phrase(words[0])
            if candidate.fatalities is None and candidate.injuries is None:
                candidate.reasons.append(
                    f"casualties named without a number ('{candidate.casualties_text}'): "
                    "fatalities left empty"
                )

    def _casualty_counts_from_parse(self, candidate: EventCandidate, words: list[Token]) -> None:
        """Counts from the parse when the quantity stage wrote nothing."""
        for word in words:
            lemma = word.lemma_.lower()
            victims = [c for c in word.children if c.dep_ in ("nsubjpass", "dobj", "nsubj")]
            for noun in [word, *victims]:
                value, text, _ = count_of(noun)
                if value is None:
                    continue
                if lemma in self.triggers.killed_words or word.lower_ in self.triggers.killed_words:
                    candidate.fatalities = candidate.fatalities or value
                elif (
                    lemma in self.triggers.injured_words
                    or word.lower_ in self.triggers.injured_words
                ):
                    candidate.injuries = candidate.injuries or value
                candidate.casualties_text = candidate.casualties_text or casualty_phrase(word)
                del text

    def _score(self, candidate: EventCandidate) -> None:
        reasons = candidate.reasons
        distinct = list(dict.fromkeys(a._.sitrep_actor for a in candidate.actors))
        if candidate.actor_rule in ("between", "parse"):
            candidate.confidence += 0.1
            reasons.append(f"actors from the parse ({candidate.actor_rule})")
        elif candidate.actor_rule in ("clause", "previous"):
            candidate.confidence -= 0.05
            reasons.append("actors only from the same clause")
        elif candidate.actor_rule == "party":
            pass  # a doer named by the parse, not in the actor catalogue: no cost
        else:
            candidate.confidence -= 0.15
            reasons.append("no actor found")
        if len(distinct) >= 2:
            candidate.confidence += 0.05
        if candidate.place is not None:
            candidate.confidence += 0.05 if candidate.place_rule != "article" else 0.0
            reasons.append(f"place from the {candidate.place_rule}")
        if candidate.fatalities is not None or candidate.casualties_text:
            candidate.confidence += 0.05
        if candidate.modality != "asserted":
            reasons.append(f"modality {candidate.modality} ('{candidate.modality_cue}')")
        candidate.confidence = round(min(0.95, max(0.05, candidate.confidence)), 2)

    # -- writing -----------------------------------------------------------

    def set_annotations(
        self, doc: Doc, context: DocContext, candidates: Sequence[EventCandidate]
    ) -> None:
        """Write events, postures and relations on the Doc."""
        document = doc._.sitrep_document
        published: date | None = getattr(document, "published", None)
        events: list[Event] = []
        for number, candidate in enumerate(candidates, start=1):
            events.append(self._event(f"e{number}", candidate, published))
        doc._.sitrep_events = events
        _add_actor_mentions(doc, candidates)
        doc._.sitrep_deployments = self.postures.find(context)
        doc._.sitrep_relations = relations(context, events, self.catalogue)

    def _event(self, event_id: str, candidate: EventCandidate, published: date | None) -> Event:
        doc = candidate.unit.doc
        cat = self.catalogue
        # the side acted upon goes second: "35 militants were killed in strikes
        # by the coalition" is the coalition's strike on the militants
        ordered = sorted(candidate.actors, key=lambda a: a._.sitrep_actor in candidate.targets)
        head = doc[candidate.match.start : candidate.match.end].root
        one_sided = (
            candidate.match.rule.family in VIOLENT_FAMILIES
            and candidate.actor_rule != "between"
            and head.lemma_.lower() not in _RECIPROCAL_LEMMAS
            and head.lower_ not in _RECIPROCAL_LEMMAS
        )
        sides = choose_sides(
            ordered,
            cat,
            allies_coordinate=one_sided,
            # "fighting between X and Y", "X and Y agreed": the two sides
            sides_coordinate=candidate.actor_rule == "between"
            or candidate.match.rule.family not in VIOLENT_FAMILIES,
            # "the UN called on the RSF to halt": in a statement, a request or
            # a meeting the doer is the subject, armed or not
            armed_first=candidate.event_type != "Strategic developments",
        )
        first, second = sides.first, sides.second
        allies, partners = list(sides.allies), list(sides.partners)
        if first is not None and (
            (
                candidate.event_type in _HARM_TYPES
                and (
                    first._.sitrep_actor in candidate.targets
                    or (second is None and not cat.is_armed(first._.sitrep_actor))
                )
            )
            # "air defences shot down 12 Ukrainian drones": the owner of what
            # was downed or defused is the side acted upon
            or (
                candidate.sub_event_type == "Disrupted weapons use"
                and first._.sitrep_actor in candidate.targets
            )
        ):
            # "15 civilians were killed in air strikes", "14 militants were
            # killed", "40 militants of the Nusra Front were killed": the
            # side hit is actor 2 (a victim is never actor 1); ACLED's actor
            # 1 is the doer, here unnamed.
            first, second = None, first
            allies, partners = [], allies  # its co-victims go with it
        trigger = doc[candidate.match.start : candidate.match.end]
        time_value = candidate.time._.sitrep_time if candidate.time is not None else None
        del published  # dates fall back to publication in report/build.py
        return Event(
            id=event_id,
            event_type=candidate.event_type,
            sub_event_type=candidate.sub_event_type,
            trigger=text_span(trigger),
            evidence=Evidence(
                sentence=text_span(candidate.unit),
                rule=f"events.trigger:{candidate.match.rule.key}",
                explanation="; ".join(candidate.reasons),
            ),
            plover=_plover_of(
                candidate.plover,
                candidate.modality,
                candidate.modality_cue,
                verbal=head.pos_ in ("VERB", "AUX"),
            ),
            actor1=cat.name(first._.sitrep_actor) if first is not None else None,
            actor2=cat.name(second._.sitrep_actor) if second is not None else None,
            actor1_mention=text_span(first) if first is not None else None,
            actor2_mention=text_span(second) if second is not None else None,
            assoc_actor1=_names(cat, allies, first, second),
            assoc_actor2=_names(cat, partners, first, second),
            place_mention=candidate.place.span if candidate.place is not None else None,
            date=time_value.start if time_value is not None else None,
            date_end=time_value.end if time_value is not None else None,
            date_precision=time_value.precision if time_value is not None else None,
            date_text=candidate.time.text if candidate.time is not None else None,
            fatalities=candidate.fatalities,
            injuries=candidate.injuries,
            casualties_text=candidate.casualties_text,
            weapons=candidate.weapons,
            modality=candidate.modality,
            confidence=candidate.confidence,
        )


def _add_actor_mentions(doc: Doc, candidates: Sequence[EventCandidate]) -> None:
    """Add to the actor span group the mentions this stage made (armed victims).

    The report's actors are read from that group: an event's actor 2 named
    "terrorists" then has its actor record (ACLED name, inter code).
    """
    group = list(doc.spans.get(ACTORS_KEY, []))
    known = {(s.start, s.end, s._.sitrep_actor) for s in group}
    added = False
    for candidate in candidates:
        for span in candidate.actors:
            key = (span.start, span.end, span._.sitrep_actor)
            if key not in known:
                known.add(key)
                group.append(span)
                added = True
    if added:
        doc.spans[ACTORS_KEY] = sorted(group, key=lambda s: (s.start, s.end))


def _names(
    catalogue: ActorCatalogue, spans: Sequence[Span], first: Span | None, second: Span | None
) -> list[str]:
    """Distinct canonical names of ``spans``, leaving out actor 1's and actor 2's."""
    main = {catalogue.name(s._.sitrep_actor) for s in (first, second) if s is not None}
    names = dict.fromkeys(catalogue.name(s._.sitrep_actor) for s in spans)
    return [name for name in names if name not in main]


# -- arguments ---------------------------------------------------------------


def event_participants(context: DocContext, trigger: Token, family: str) -> tuple[list[Span], str]:
    """Actor spans of an event, ordered agent first, and how they were found.

    Method, in order: "between X and Y" on the trigger or its phrase; the
    trigger noun's modifiers ("Israeli airstrikes", "Russian-Iranian
    fighting", "regime's shelling"); "by X"; the subject and object of the
    trigger verb (or of the verb the trigger noun is the object of:
    "launched an attack"); "with/on/against X". Only when the parse gives
    nothing: the actors of the trigger's clause (sources excluded).
    Returns ``(spans, how)`` with how in ``between``, ``parse``, ``clause``,
    ``none``.
    """
    found: list[Span] = []

    def add(spans: Sequence[Span]) -> None:
        for span in spans:
            if all((s.start, s._.sitrep_actor) != (span.start, span._.sitrep_actor) for s in found):
                found.append(span)

    between = _between_objects(trigger)
    for obj in between:
        add(group_actors(context, obj))
    if len({s._.sitrep_actor for s in found}) >= 2:
        return found, "between"
    # modifiers of a noun trigger
    for child in trigger.lefts:
        if child.dep_ in ("amod", "compound", "poss", "nmod", "npadvmod"):
            here = context.actors_on(range(child.left_edge.i, child.i + 1))
            if not here and child.dep_ == "poss" and is_anaphor(child):
                here = resolve_anaphor(context, child)
            add(here)
    verb = _governing_verb(trigger)
    for holder in dict.fromkeys(h for h in (trigger, verb) if h is not None):
        for child in holder.children:
            if child.dep_ == "agent" or (child.dep_ == "prep" and child.lower_ == "by"):
                for obj in child.children:
                    if obj.dep_ == "pobj":
                        add(group_actors(context, obj))
    # "a suicide bomber from the Nusra Front": a noun naming the attacker
    # takes its group from "from/of"
    if trigger.lemma_.lower() in _ATTACKER_NOUNS or trigger.lower_ in _ATTACKER_NOUNS:
        for child in trigger.children:
            if child.dep_ == "prep" and child.lower_ in ("from", "of"):
                for obj in child.children:
                    if obj.dep_ == "pobj":
                        add(group_actors(context, obj))
    # "strikes carried out by X", "an attack believed to be by X", "the
    # raids, thought to be Russian": the doer named in a clause on the noun
    for token in _modifier_clause_agents(trigger):
        add(group_actors(context, token))
    # "killed in Russian strikes", "died from regime shelling": the means of
    # a killing names its doer in its modifiers
    for means in _means_nouns(context, trigger, verb):
        for child in means.lefts:
            if child.dep_ in ("amod", "compound", "poss", "nmod", "npadvmod"):
                add(context.actors_on(range(child.left_edge.i, child.i + 1)))
        # "killed during an operation by Turkish forces"
        for child in means.rights:
            if child.dep_ in ("agent", "prep") and child.lower_ == "by":
                for obj in child.children:
                    if obj.dep_ == "pobj":
                        add(group_actors(context, obj))
    # A trigger that is itself the subject ("the clashes erupted") takes no
    # other subject from its verb: a second subject is a parse error.
    if (
        verb is not None
        and verb.lemma_.lower() not in REPORTING_VERBS
        and trigger.dep_ not in _SUBJECT_DEPS
    ):
        carriers = context.catalogue.attack_nouns | _AIRCRAFT
        for subject in inherited_subjects(verb, trigger, carriers):
            named = group_actors(context, subject)
            if not named:
                # "jets thought to belong to the Syrian government struck":
                # an unnamed subject whose clause names its owner
                for token in _modifier_clause_agents(subject):
                    named += group_actors(context, token)
            add(named)
        if verb == trigger:
            for child in verb.children:
                if child.dep_ in _OBJECT_DEPS:
                    add(group_actors(context, child))
    if _reduced_passive(trigger):
        # "Al-Shabaab commander killed in Lower Shabelle": the noun the
        # participle hangs on is the one killed
        add(group_actors(context, trigger.head))
    for holder in dict.fromkeys(h for h in (trigger, verb) if h is not None):
        for child in holder.children:
            if child.dep_ == "prep" and child.lower_ in _TARGET_PREPS:
                for obj in child.children:
                    if obj.dep_ == "pobj":
                        add(group_actors(context, obj))
    if family in _TERRITORY_FAMILIES:
        # "recaptured the town from Islamic State": the side that lost the place
        add(_losing_side(context, trigger))
    if found and (len({s._.sitrep_actor for s in found}) >= 2 or family not in _PARTY_FAMILIES):
        return found, "parse"
    if family in _PARTY_FAMILIES:
        # Meetings and agreements list their parties loosely ("a meeting was
        # held to the leaders of X and Y with Z"): read up to the next trigger.
        window = _party_window(context, trigger)
        add([a for a in context.actors_on(window)])
        if found:
            return found, "parse" if len({s._.sitrep_actor for s in found}) >= 2 else "clause"
    if found:
        return found, "parse"
    clause = clause_tokens(trigger)
    in_clause = drop_topic_holders(drop_reporters(context.actors_on(clause), trigger), trigger)
    if in_clause:
        return in_clause, "clause"
    return [], "none"


#: Dependencies through which a verb with no subject of its own takes the
#: subject of the verb it hangs on: "advanced and killed 47" (conj), "managed
#: to kill" (xcomp), "were able to kill" (acomp), "shelled the town, killing
#: five" (advcl).
_SUBJECT_LINKS = frozenset({"conj", "xcomp", "acomp", "advcl"})
#: Nouns that name the attacker himself ("a suicide bomber from X").
_ATTACKER_NOUNS = frozenset(
    "bomber bombers attacker attackers gunman gunmen assailant assailants sniper snipers".split()
)


#: Things, not people, that a rough parse makes the subject of "believed"
#: or "thought" ("Jets believed to belong to the army struck ...").
_AIRCRAFT = frozenset(
    "jet jets warplane warplanes aircraft plane planes drone drones helicopter helicopters "
    "bomber bombers".split()
)


_THINKING_VERBS = frozenset({"think", "suspect", "fear"})


def inherited_subjects(
    verb: Token, trigger: Token | None = None, carriers: frozenset[str] = frozenset()
) -> list[Token]:
    """The subjects of ``verb``, or of the verbs it hangs on when it has none.

    "The SDF managed to advance and kill 47 militants", "the units were able
    to kill 40": the doer is the subject of a verb up the chain. Method: the
    verb's own ``nsubj``/``csubj`` children (not ``trigger``); failing
    those, climb conj, xcomp, acomp, ccomp (and advcl on the first step) up
    to four verbs. At a reporting verb the climb stops: its subject is a
    source, unless it is one of ``carriers`` (aircraft, attacks: "Jets
    believed to belong to the army struck", parsed with "believed" as the
    main verb). Limits: a passive head ("was attacked and killed") gives no
    active subject.
    """
    current = verb
    for step in range(5):
        subjects = [c for c in current.children if c.dep_ in _SUBJECT_DEPS and c != trigger]
        if subjects:
            return subjects
        if current.dep_ not in (*_SUBJECT_LINKS, "ccomp") or current.head.i == current.i:
            return []
        if current.dep_ == "advcl" and step > 0:
            return []
        linked_by = current.dep_
        current = current.head
        if linked_by == "xcomp" and controllers_of(current):
            # "urged Israel to halt air strikes": the object is the doer
            return controllers_of(current)
        if current.lemma_.lower() in REPORTING_VERBS | _THINKING_VERBS:
            return [
                c
                for c in current.children
                if c.dep_ in _SUBJECT_DEPS
                and (c.lower_ in carriers or c.lemma_.lower() in carriers)
            ]
        if linked_by == "ccomp":
            return []  # a clause of thought or speech: its subject is no doer
    return []


def drop_topic_holders(actors: Sequence[Span], trigger: Token) -> list[Span]:
    """Drop actors who only speak or keep silent about the event.

    "the US-led alliance's silence over the Raqqa massacre", "Moscow's
    condemnation of the attack", "Western outrage about the killings": the
    trigger is the topic of another noun, and that noun's owners comment on
    the event, they did not do it. Method: the trigger is the object of a
    topic preposition (over, about, on, regarding, concerning, of) on a
    noun; actors inside that noun's phrase before the preposition are
    dropped. Used on the clause fallback only. Limits: "the regime's
    campaign of strikes" would drop the regime; campaign nouns are rare
    holders of a trigger in the clause fallback.
    """
    prep = trigger.head
    if trigger.dep_ != "pobj" or prep.lower_ not in (*_TOPIC_PREPS, "of"):
        return list(actors)
    holder = prep.head
    if holder.pos_ not in ("NOUN", "PROPN") or holder.i == prep.i:
        return list(actors)
    start = holder.left_edge.i
    return [a for a in actors if not start <= a.start < prep.i]


def drop_reporters(actors: Sequence[Span], trigger: Token) -> list[Span]:
    """Drop actors named only as who says, reports or accuses.

    "the United States says came from Assad's forces", "the army said it
    killed 20 militants": the subject of a reporting verb tells, it does not
    act (a pronoun after it, "it killed", still points back to it). Method:
    from the mention's root, climb modifier links to the phrase head; the
    mention is dropped when that head is the subject of a reporting verb
    other than the trigger. Used on the clause fallback only: a mention the
    parse reached through a pronoun ("it killed") is the doer. Limits: "X
    claimed responsibility" is read by the claim rule, not here.
    """
    kept: list[Span] = []
    for span in actors:
        token = span.root
        while token.dep_ in ("compound", "poss", "amod", "nmod", "appos") and token.head != token:
            token = token.head
        verb = token.head
        if (
            token.dep_ in ("nsubj", "csubj")
            and verb != trigger
            and verb.lemma_.lower() in REPORTING_VERBS
        ):
            continue
        kept.append(span)
    return kept


#: Dependencies a clause on a noun trigger is followed through to find its
#: doer ("carried out by", "believed to be by", "thought to be Russian").
_CLAUSE_LINKS = frozenset({"xcomp", "ccomp", "prt", "acomp", "attr", "oprd"})
#: Verbs through which a trigger noun's doer is stated ("the strikes were
#: Russian", "were believed to be by", "were carried out by").
_BELIEF_VERBS = frozenset(
    "be believe think suspect say report understand carry conduct launch claim".split()
)


#: Verbs whose preposition names the owner or origin of an attack or of
#: aircraft: "jets believed to belong to the regime", "an attack that came
#: from Assad's forces", "an airstrike blamed on the army", "a bombing
#: attributed to IS".
_OWNER_PREPS = {"belong": "to", "come": "from", "blame": "on", "attribute": "to"}


def _modifier_clause_agents(trigger: Token) -> list[Token]:
    """Doers named in a participle or relative clause on a noun trigger.

    "airstrikes carried out by the regime", "an attack that was claimed by
    X", "a gas attack believed to be by government jets", "the air strikes,
    believed to be Russian", "jets thought to belong to the army", "an
    attack that came from X". Method: from each ``acl``/``relcl`` child of the
    trigger, follow clause links (xcomp, ccomp, acomp, attr) and collect the
    objects of a passive agent or "by", plus predicate words ("Russian")
    themselves, and the object of "belong to" / "come from"; the same from
    the verb a trigger noun is the subject of, when that verb only states or
    attributes ("were", "believed", "carried out").
    Limits: verb triggers have no such clause; a "by" of place
    ("by the river") is only an actor if the actor stage tagged it.
    """
    if not _pos_fits(trigger, ("NOUN", "PROPN")):
        return []
    found: list[Token] = []
    # (a ccomp on a noun is a misparse of such a clause: "bombs jets thought
    # to belong to the army struck")
    stack = [c for c in trigger.children if c.dep_ in ("acl", "relcl", "ccomp")]
    if (
        trigger.dep_ in (*_SUBJECT_DEPS, "nsubjpass")
        and trigger.head.lemma_.lower() in _BELIEF_VERBS
    ):
        # "the strikes were Russian", "the strikes, believed to be Russian,"
        stack.append(trigger.head)
    seen: set[int] = set()
    while stack:
        token = stack.pop()
        if token.i in seen:
            continue
        seen.add(token.i)
        owner_prep = _OWNER_PREPS.get(token.lemma_.lower())
        for child in token.children:
            if child.dep_ == "agent" or (
                child.dep_ == "prep" and child.lower_ in ("by", owner_prep)
            ):
                found += [o for o in child.children if o.dep_ == "pobj"]
            elif child.dep_ in _CLAUSE_LINKS:
                if child.dep_ in ("acomp", "attr", "oprd"):
                    found.append(child)
                stack.append(child)
    return found


def _plover_of(
    plover: str | None, modality: str, cue: str | None = None, *, verbal: bool = True
) -> str | None:
    """The PLOVER type of an event given its modality.

    PLOVER codes the mode of an act, not only the act: a threatened act is
    THREATEN, a cooperative act promised for the future ("will provide
    food aid", "will withdraw its troops") is AGREE, a commitment, and one
    denied ("will not accept", "has not withdrawn") is REJECT, a refusal
    (only a ``verbal`` trigger: "the deal is not overseen by" denies no deal);
    a coercive act announced ("will extend the curfew", "said they would
    boycott the talks") is THREATEN.
    """
    if modality == "threatened":
        return "THREATEN"
    if plover in THREATENABLE_PLOVER and (
        modality == "future" or (modality == "hypothetical" and (cue or "").lower() in _MODALS)
    ):
        return "THREATEN"
    if modality == "future" and plover in PROMISABLE_PLOVER:
        return "AGREE"
    if modality == "negated" and plover in REFUSABLE_PLOVER and verbal:
        # "will not accept more refugees", "has not withdrawn": a
        # cooperative act denied is a refusal (PLOVER REJECT)
        return "REJECT"
    return plover


#: Links that keep a token inside the noun phrase naming a party ("the
#: foreign ministers of X", "Vice-President Y", "the Turkish and Greek sides").
_PARTY_PHRASE_DEPS = frozenset({"compound", "amod", "nmod", "poss", "appos", "conj", "cc", "det"})
#: Entity labels that never name a party, even on a proper noun ("Friday").
_NOT_PARTY_ENTITIES = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "QUANTITY"})
_PERSONAL_PRONOUNS = frozenset("it they he she we".split())
_POSSESSIVES = frozenset("its their his her our".split())


def _party_phrase(head: Token) -> list[Token]:
    """The tokens of the noun phrase headed by ``head`` that can name a party.

    Modifiers, appositions, coordinated nouns and "of" phrases ("a group of
    Moroccan diplomats"); relative clauses and other prepositions are left
    out: "the man who met the minister" names no party by "minister".
    """
    found: list[Token] = []
    stack = [head]
    while stack and len(found) < 30:
        token = stack.pop()
        found.append(token)
        for child in token.children:
            of_phrase = (child.dep_ == "prep" and child.lower_ == "of") or (
                child.dep_ == "pobj" and token.dep_ == "prep"
            )
            if child.dep_ in _PARTY_PHRASE_DEPS or of_phrase:
                stack.append(child)
    return sorted(found, key=lambda t: t.i)


def _names_party(
    phrase: Sequence[Token], catalogue: ActorCatalogue, offices: frozenset[str]
) -> bool:
    """True when a noun phrase names a state, organisation, people or office.

    A proper noun or a GPE/ORG/PERSON/NORP entity ("Finland", "the Nordic
    Council", "Vice-President Ruto"), a demonym or state name of the actor
    catalogue ("Ghanaian authorities", "the Turkish and Greek sides"), or an
    office or institution noun of ``offices`` ("the foreign ministry", "the
    president"). Limits: a pronoun, or a common noun alone ("the group",
    "officials"), is no party.
    """
    for token in phrase:
        if token.pos_ == "PRON":
            continue
        if token.ent_type_ in _PARTY_ENTITIES:
            return True
        if token.pos_ == "PROPN" and token.ent_type_ not in _NOT_PARTY_ENTITIES:
            return True
        if token.text in catalogue.demonyms or token.lower_ in catalogue.state_names:
            return True
        if token.lemma_.lower() in offices or token.lower_ in offices:
            return True
    return False


def _party_holders(trigger: Token) -> list[Token]:
    """The words whose subject, agent or possessor is the doer of ``trigger``.

    The trigger itself; for a trigger noun, the verb it is the object or
    subject of ("reached a consensus", "held talks"), also through "of"
    ("gave five million dollars of aid"); for an adjective ("is ready to",
    "was willing to"), the verb it completes.
    """
    holders = [trigger]
    noun = trigger
    if trigger.dep_ == "pobj" and trigger.head.lower_ == "of" and trigger.head.head.i != trigger.i:
        noun = trigger.head.head  # "dollars of aid", "tons of food aid"
        holders.append(noun)
    verb = _governing_verb(noun)
    if verb is not None and verb.i != trigger.i:
        holders.append(verb)
    if trigger.dep_ in ("acomp", "attr", "oprd") and trigger.head.i != trigger.i:
        holders.append(trigger.head)
    return holders


def named_party(
    trigger: Token, catalogue: ActorCatalogue, offices: frozenset[str] = frozenset()
) -> Span | None:
    """The phrase naming the doer of a diplomatic or political event, if any.

    "Bangladesh has rejected ...", "the Nordic Council has agreed to ...",
    "Vice-President X has declined to ...", "Moscow's refusal": PLOVER's
    events are coded between named parties, and an event whose doer is
    named by no one ("the demand rose", "refused to comment") is none.
    Method: for each holder (:func:`_party_holders`), its possessor, its
    passive agent, and its subject -- climbing "agreed to provide",
    "declined to resign" (:func:`inherited_subjects`) -- are read as noun
    phrases (:func:`_party_phrase`) and kept when they name a party
    (:func:`_names_party`). A personal pronoun subject of a clause reported
    by its own speaker ("Kenya says it will not accept ...") stands for the
    speaker. Returns the party's phrase as a span.
    Limits: no coreference beyond that; a reporting verb's own subject is a
    source, not a party.
    """
    for holder in _party_holders(trigger):
        heads: list[Token] = []
        for child in holder.children:
            if child.dep_ == "poss":
                heads.append(child)
            elif child.dep_ == "agent" or (child.dep_ == "prep" and child.lower_ == "by"):
                heads += [o for o in child.children if o.dep_ == "pobj"]
        if holder.pos_ in ("VERB", "AUX"):
            heads += inherited_subjects(holder, trigger)
            # "Vietnam is committed to ...", "Iran was sanctioned": a party
            # too, also of the verb a conjunct hangs on ("was indicted and
            # will resign")
            passive_holders = [holder, holder.head] if holder.dep_ == "conj" else [holder]
            heads += [c for h in passive_holders for c in h.children if c.dep_ == "nsubjpass"]
        for head in heads:
            owner = next(
                (c for c in head.children if c.dep_ == "poss" and c.lower_ in _POSSESSIVES), None
            )
            if head.lower_ in _PERSONAL_PRONOUNS or owner is not None:
                # "Kenya says it will ...", "X said their forces had ...": the
                # speaker speaks of itself
                speaker = _reporting_speaker(head)
                if speaker is not None:
                    head = speaker
            phrase = _party_phrase(head)
            if _names_party(phrase, catalogue, offices):
                return head.doc[phrase[0].i : phrase[-1].i + 1]
    return None


def _has_aux(verb: Token) -> bool:
    """True when ``verb`` has an auxiliary of its own ("were backed by")."""
    return any(c.dep_ in ("aux", "auxpass") for c in verb.children)


def stopped_by(trigger: Token, stop_verbs: frozenset[str]) -> bool:
    """True when ``trigger`` is the object of a verb that stops it.

    "Japan halted economic aid", "cancelled a planned visit", "ended
    mediation efforts" (the trigger modifying the object). Method: the
    trigger noun, or the noun it modifies, is the object of a verb whose
    lemma or form is in ``stop_verbs`` (multi-word entries by their first
    word with the particle: "broke off", "called off").
    """
    noun = trigger.head if trigger.dep_ in ("compound", "amod") else trigger
    if noun.dep_ not in ("dobj", "nsubjpass", "obj"):
        return False
    verb = noun.head
    forms = {verb.lemma_.lower(), verb.lower_}
    particles = [c.lower_ for c in verb.children if c.dep_ == "prt"]
    forms |= {f"{form} {particle}" for form in list(forms) for particle in particles}
    return bool(forms & stop_verbs)


def governed_by(trigger: Token, words: frozenset[str]) -> bool:
    """True when ``trigger`` is the act a refusal or commitment word governs.

    "declined to resign", "refused to withdraw its troops", "has rejected
    calls to step down", "offered to mediate", "is ready to send aid":
    PLOVER codes the refusal (REJECT) or the commitment (AGREE), and the
    act is not done. Method: the trigger (or the verb whose object it is)
    is the ``xcomp`` of a word whose lemma or form is in ``words``, or the
    infinitive on a noun that word takes as object ("rejected calls to
    ...").
    """
    verb = _governing_verb(trigger) or trigger
    if verb.dep_ != "xcomp":
        return False
    governor = verb.head
    if governor.pos_ == "NOUN" and governor.dep_ in ("dobj", "obj"):
        governor = governor.head  # "rejected calls to step down"
    return governor.lemma_.lower() in words or governor.lower_ in words


def _reporting_speaker(pronoun: Token) -> Token | None:
    """The subject of the reporting verb whose clause ``pronoun`` is the subject of.

    "Kenya says it will not accept ...": the speaker speaks of itself.
    """
    clause = pronoun.head
    while clause.dep_ in ("xcomp", "conj") and clause.head.i != clause.i:
        clause = clause.head
    if clause.dep_ != "ccomp" or clause.head.lemma_.lower() not in REPORTING_VERBS:
        return None
    subjects = [c for c in clause.head.children if c.dep_ in _SUBJECT_DEPS]
    return subjects[0] if subjects else None


_MEANS_PREPS = frozenset("in by from during under amid after".split())
_TARGET_OBJECT_DEPS = frozenset({"dobj", "nsubjpass", "obj"})


#: Links that keep a token inside a noun phrase ("the village of Y").
_NOUN_PHRASE_DEPS = frozenset({"prep", "pobj", "compound", "appos", "amod", "det", "nummod"})


def _path_up(token: Token, top: Token) -> list[Token]:
    """The tokens from ``token`` up to (not including) its ancestor ``top``."""
    path: list[Token] = []
    while token.i != top.i and token.head.i != token.i:
        path.append(token)
        token = token.head
    return path


def _losing_side(context: DocContext, trigger: Token) -> list[Span]:
    """The side a place was taken from: "retook the village from Russian forces"."""
    holders = [trigger]
    if trigger.dep_ in _OBJECT_DEPS + _SUBJECT_DEPS and trigger.head.pos_ == "VERB":
        holders.append(trigger.head)
    # the parse often hangs "from X" on the place taken ("retook the village
    # of Y from X"): the prepositions inside the object's noun phrase count
    for obj in [c for h in list(holders) for c in h.children if c.dep_ in ("dobj", "obj")]:
        holders += [
            t for t in obj.subtree if all(a.dep_ in _NOUN_PHRASE_DEPS for a in _path_up(t, obj))
        ]
    found: list[Span] = []
    for holder in holders:
        for child in holder.children:
            if child.dep_ == "prep" and child.lower_ == "from":
                for obj in child.children:
                    if obj.dep_ == "pobj":
                        found += group_actors(context, obj)
    return found


def target_actors(context: DocContext, trigger: Token) -> list[Span]:
    """Actors on the receiving end of an event: killed, struck, attacked.

    Method: the object or passive subject of a trigger verb ("killed 35
    militants", "35 militants were killed"), of the verb a trigger noun is
    the subject of ("airstrikes killed 35 militants"), and the object of
    "on/against/targeting" on the trigger ("an attack on army posts"), and
    "of" on a noun of killing ("the deaths of five soldiers"). A side that
    modifies a noun of attack ("Syrian air force strikes") is never a target,
    wherever the parse puts it. Limits: a battle's two sides are both
    targets of each other; this only orders the sides, it never removes one.
    """
    verbs = [trigger] if trigger.pos_ == "VERB" else []
    if trigger.dep_ in _SUBJECT_DEPS and trigger.head.pos_ == "VERB":
        verbs.append(trigger.head)
    found: list[Span] = []
    for verb in verbs:
        # "Suicide Bomber Kills Five Kurdish Police": a headline's object
        # may be parsed as an apposition of the verb
        deps = _TARGET_OBJECT_DEPS | {"appos"}
        if _headline_passive(verb):
            deps = deps | {"nsubj"}  # "Nusra Front Commander Killed in Latakia"
        for child in verb.children:
            if child.dep_ not in deps:
                continue
            found += _named_in(context, child)
            for appos in child.children:
                if appos.dep_ == "appos":
                    # "Abu X, the Nusra Front commander in Latakia, was killed"
                    found += _named_in(context, appos)
    if _reduced_passive(trigger):
        found += group_actors(context, trigger.head)  # "commander killed in X"
    if trigger.dep_ == "pobj" and trigger.head.lower_ == "among":
        # "a rebel commander was also among the dead"
        for child in trigger.head.head.children:
            if child.dep_ in ("nsubj", "nsubjpass"):
                found += group_actors(context, child)
    preps = ["on", "against", "targeting"]
    if trigger.lemma_.lower() in _VICTIM_OF_NOUNS or trigger.lower_ in _VICTIM_OF_NOUNS:
        preps.append("of")  # "the deaths of five soldiers", "the killing of X"
    holders = [trigger]
    if trigger.dep_ == "dobj" and trigger.head.pos_ == "VERB":
        # "carried out air strikes on rebel positions": the parse hangs the
        # target on the light verb, not on the noun of attack
        holders.append(trigger.head)
    for child in (c for holder in holders for c in holder.children):
        if child.dep_ == "prep" and child.lower_ in preps:
            for obj in child.children:
                if obj.dep_ == "pobj":
                    # "killing 14 on both sides": no anaphor resolution here
                    found += _named_in(context, obj)
    attack_nouns = context.catalogue.attack_nouns
    # "kill ... Syrian air force strikes" parsed as an object: a side named
    # as the owner of an attack is its doer, never its target
    return [a for a in found if not _modifies_any(a.root, attack_nouns)]


#: Families whose object may be armed people hit ("killed 12 fighters",
#: "shelled militants", "clashes with terrorists"); executions are of captives.
_ARMED_VICTIM_FAMILIES = frozenset(
    {"casualty", "attack", "clash"} | {f for f in FAMILY_RANK if f.startswith("remote")}
)
#: Words of a count whose "of" names who was counted ("dozens of terrorists").
_COUNT_HEADS = frozenset("dozens scores hundreds tens thousands some several many".split())


def armed_victim_nouns(trigger: Token, nouns: frozenset[str], family: str = "") -> list[Token]:
    """Nouns of ``nouns`` naming who a trigger hit: "eliminated 60 terrorists".

    Method: as :func:`target_actors` reads the side hit -- the object or
    passive subject of the trigger verb (or of the verb a trigger noun is
    the subject of), their conjuncts, the noun a participle hangs on ("12
    militants killed in ..."), "on/against/targeting" on the trigger, "with"
    for a clash, "of" on a noun of killing -- a count is followed to its
    "of" ("dozens of terrorists", "60 of the fighters"). A noun with a
    possessor ("its fighters", "their fighters") is someone's own and left
    out. Limits: a pronoun object ("eliminated them") is not taken.
    """
    verbs = [trigger] if trigger.pos_ == "VERB" else []
    if trigger.dep_ in _SUBJECT_DEPS and trigger.head.pos_ == "VERB":
        verbs.append(trigger.head)
    heads: list[Token] = []
    for verb in verbs:
        # "12 Militants Killed in ...": a headline's bare participle has its
        # victim as subject (title-cased: "Terrorists ... targeted" is a doer)
        headline = _headline_passive(verb) and verb.is_title
        deps = _TARGET_OBJECT_DEPS | ({"nsubj"} if headline else set())
        heads += [c for c in verb.children if c.dep_ in deps]
    if _reduced_passive(trigger):
        heads.append(trigger.head)
    preps = {"on", "against", "targeting"}
    if family == "clash":
        preps.add("with")
    if trigger.lemma_.lower() in _VICTIM_OF_NOUNS or trigger.lower_ in _VICTIM_OF_NOUNS:
        preps.add("of")
    for child in trigger.children:
        if child.dep_ == "prep" and child.lower_ in preps:
            heads += [o for o in child.children if o.dep_ == "pobj"]
    found: list[Token] = []
    for head in heads:
        for noun in [head, *conjuncts(head)]:
            if noun.lower_ in _COUNT_HEADS or noun.pos_ == "NUM":
                noun = next(
                    (o for c in noun.children if c.lower_ == "of" for o in c.children), noun
                )
            if noun.lower_ not in nouns and noun.lemma_.lower() not in nouns:
                continue
            if any(c.dep_ == "poss" for c in noun.children) or noun in found:
                continue
            if _named_side(noun):
                continue
            found.append(noun)
    return found


#: Prefixes of a modifier that names whose side people are on ("pro-Assad").
_SIDE_PREFIXES = ("pro", "anti")


#: Words after a noun of people that tie them to a side ("fighters loyal to X").
_ALLEGIANCE_WORDS = frozenset(
    "of from loyal linked affiliated allied backed belonging aligned".split()
)


def _named_side(noun: Token) -> bool:
    """True when a modifier of the noun names a side: "pro-Assad fighters", "Kurdish fighters".

    Such a phrase names a group the actor stage may not know ("fighters
    loyal to President X"); it is not an unidentified one. Counts,
    determiners and plain adjectives ("foreign fighters", "armed militants")
    name none, nor does a place after the noun ("militants in Idlib").
    """
    modifiers = [
        c for c in noun.lefts if c.dep_ not in ("det", "nummod", "quantmod", "predet", "punct")
    ]
    modifiers += [c for c in noun.rights if c.lower_ in _ALLEGIANCE_WORDS]
    for child in modifiers:
        for token in child.subtree:
            if token.pos_ == "PROPN" or token.ent_type_ in _PARTY_ENTITIES:
                return True
            if token.lower_ in _SIDE_PREFIXES or token.lower_.startswith(
                tuple(f"{p}-" for p in _SIDE_PREFIXES)
            ):
                return True
    return False


def _named_in(context: DocContext, token: Token) -> list[Span]:
    """Actors named in ``token``'s phrase and its conjuncts, anaphors left unresolved.

    A victim told by a pronoun ("crucified them", "bombed their convoy")
    would resolve to the last armed actor named, usually the attacker.
    """
    found: list[Span] = []
    for head in [token, *conjuncts(token)]:
        found += [s for s in context.actors_on(noun_phrase(head)) if s not in found]
    return found


def _reduced_passive(trigger: Token) -> bool:
    """True for a participle on a noun: "a commander killed in X", "civilians wounded by"."""
    return (
        trigger.tag_ == "VBN"
        and trigger.dep_ == "acl"
        and trigger.head.pos_ in ("NOUN", "PROPN")
        and not any(c.dep_ in ("dobj", "obj") for c in trigger.children)
    )


def _headline_passive(verb: Token) -> bool:
    """True for a headline's bare participle: "Nusra Commander Killed in Latakia".

    Headlines drop the auxiliary of the passive: a past participle (VBN)
    with no auxiliary and no object, heading its sentence, has its patient
    as the parsed subject.
    """
    return (
        verb.tag_ == "VBN"
        and verb.dep_ == "ROOT"
        and not any(c.dep_ in ("aux", "auxpass", "dobj", "obj") for c in verb.children)
    )


#: Nouns of harm whose "of X" names the victim ("the deaths of five soldiers").
_VICTIM_OF_NOUNS = frozenset(
    "death killing murder massacre execution assassination kidnapping abduction "
    "slaughter beheading".split()
    # "the shelling of rebel positions": an attack noun's "of" is its target
    + "shelling bombardment bombing siege storming".split()
)


def _modifies_any(token: Token, nouns: frozenset[str]) -> bool:
    """True when ``token`` modifies (through modifier links) one of ``nouns``."""
    current = token
    for _ in range(4):
        if current.dep_ not in ("compound", "amod", "poss", "nmod", "npadvmod"):
            return False
        current = current.head
        if current.lower_ in nouns or current.lemma_.lower() in nouns:
            return True
    return False


def _means_nouns(context: DocContext, trigger: Token, verb: Token | None) -> list[Token]:
    """Nouns of attack a killing is said to come from ("killed in air strikes").

    Method: the objects of "in/by/from/during/under/amid" on the trigger or
    its verb whose word is one of the actor lexicon's ``attack_nouns``.
    Limits: "killed in Syrian prisons" gives nothing (prisons are no attack).
    """
    nouns: list[Token] = []
    attack_nouns = context.catalogue.attack_nouns
    for holder in dict.fromkeys(h for h in (trigger, verb) if h is not None):
        for child in holder.children:
            if child.dep_ != "prep" or child.lower_ not in _MEANS_PREPS:
                continue
            for obj in child.children:
                if obj.dep_ == "pobj" and (
                    obj.lower_ in attack_nouns or obj.lemma_.lower() in attack_nouns
                ):
                    nouns.append(obj)
    return nouns


_PARTY_FAMILIES = frozenset({"meeting", "agreement"})
_PARTY_STOPS = frozenset("agree agreed agreement meeting met said says told".split())


def _party_window(context: DocContext, trigger: Token) -> list[int]:
    """Token indices from the trigger to the next clause of another kind or the unit's end."""
    unit = context.unit_of(trigger)
    clause = set(clause_tokens(trigger)) | set(range(trigger.i, trigger.right_edge.i + 1))
    window: list[int] = []
    for token in unit.doc[trigger.i + 1 : unit.end]:
        if token.lower_ in _PARTY_STOPS or token.lemma_.lower() in _PARTY_STOPS:
            break
        window.append(token.i)
    return sorted(clause | set(window))


#: The weapon priority (weapons.json) each remote trigger family stands for.
_FAMILY_WEAPON_RANK = {
    "remote_chemical": 90,
    "remote_suicide": 80,
    "remote_air": 70,
    "remote_shelling": 60,
    "remote_ied": 50,
    "remote_grenade": 45,
}

_GROUND_CUES = frozenset(
    "stormed storm house houses home homes door arrest arrested detained checkpoint "
    "soldiers troops police ground foot village-to-village".split()
)


def _air_raid(candidate: EventCandidate, kinds: Sequence[str], words: set[str]) -> bool:
    """ "Russian raids hit Raqqa": a noun "raid(s)" by state forces, nothing on the ground.

    In war reporting a state's "raids" with no sign of ground action are air
    raids. Limits: a ground raid told without any ground word is taken for one.
    """
    trigger = candidate.unit.doc[candidate.match.start : candidate.match.end]
    if trigger.root.lemma_.lower() not in ("raid",) or trigger.root.pos_ != "NOUN":
        return False
    if not any(k in ("state", "external") for k in kinds):
        return False
    return not (words & _GROUND_CUES)


#: The ACLED sub-types of explosive devices a bare "bombing" may stand for, strongest first.
_DEVICE_SUB_TYPES = ("Suicide bomb", "Remote explosive/landmine/IED")


def _article_device(
    matches: Sequence[TriggerMatch], weapons: Sequence[WeaponMention]
) -> tuple[str, str] | None:
    """The explosive device the article names (suicide bomb before IED), as (sub-type, weapon).

    From the triggers ("car bomb", "suicide bomber") and the weapons named.
    None when the article names no such device.
    """
    found: dict[str, str] = {}
    for m in matches:
        if m.rule.sub_event_type in _DEVICE_SUB_TYPES and m.rule.default_weapon:
            found.setdefault(m.rule.sub_event_type, m.rule.default_weapon)
    for w in weapons:
        if w.sub_event_type in _DEVICE_SUB_TYPES:
            found.setdefault(str(w.sub_event_type), w.name)
    for sub_type in _DEVICE_SUB_TYPES:
        if sub_type in found:
            return sub_type, found[sub_type]
    return None


def _bare_bomb(
    candidate: EventCandidate, triggers: TriggerLexicon, catalogue: ActorCatalogue
) -> bool:
    """A bare "bombing"/"bombed" in an article about a car bomb, an IED or a suicide bomber.

    The word names no means; with a device named in the article, no
    aircraft in the sentence (warplanes, jets, drones, raids, air) and no
    state force as the doer, the device is the means. Limits: an article
    with both an air raid and a car bomb types a bare "bombing" of a
    sentence without aircraft as the device.
    """
    if candidate.device is None or candidate.match.end - candidate.match.start != 1:
        return False
    trigger = candidate.unit.doc[candidate.match.start]
    if trigger.lower_ not in triggers.bare_bomb_words:
        return False
    if any(w.sub_event_type == "Air/drone strike" for w in candidate.weapon_mentions):
        return False
    if any(
        catalogue.kind(a._.sitrep_actor) in ("state", "external")
        and a._.sitrep_actor not in candidate.targets
        for a in candidate.actors
    ):
        return False  # "Russian and regime bombing": states bomb from the air
    return not (candidate.words & triggers.air_means_words)


def _doc_words(doc: Doc) -> frozenset[str]:
    """The Doc's lower-cased words, as a set kept on the Doc (for "is X in the text" tests)."""
    memo = doc_memo(doc, "word_set")
    words: frozenset[str] | None = memo.get(0)
    if words is None:
        words = memo[0] = frozenset(token_strings(doc, LOWER))
    return words


def _between_objects(trigger: Token) -> list[Token]:
    """Objects of "between" attached to the trigger, its phrase or its verb."""
    if not {"between", "among"} & _doc_words(trigger.doc):
        return []  # most texts have neither word: no subtree walk
    candidates: list[Token] = []
    holders = [trigger, *[t for t in trigger.subtree if t.dep_ == "pobj" and t.i > trigger.i]]
    if trigger.head.i != trigger.i and trigger.dep_ in ("nsubj", "dobj", "nsubjpass", "pobj"):
        holders.append(trigger.head)
    for holder in holders:
        for child in holder.children:
            if child.dep_ == "prep" and child.lower_ in ("between", "among"):
                candidates += [o for o in child.children if o.dep_ == "pobj"]
        if candidates:
            break
    return candidates


def _governing_verb(trigger: Token) -> Token | None:
    if trigger.pos_ in ("VERB",):
        return trigger
    if trigger.dep_ in ("dobj", "nsubj", "nsubjpass", "attr") and trigger.head.pos_ in (
        "VERB",
        "AUX",
    ):
        return trigger.head
    return None


#: Prepositions by which a comment verb takes its topic ("comment on the strikes").
_TOPIC_PREPS = frozenset("on about over regarding concerning".split())
#: Determiners of a known referent: "the strikes", "these attacks", "its raid".
_KNOWN_DETERMINERS = frozenset("the these those this that its their his her".split())


def commented_on(trigger: Token, comment_verbs: frozenset[str]) -> bool:
    """True when a noun trigger is only the topic of a comment verb.

    "Moscow did not comment on the strikes", "the army declined to comment
    on the attack", "officials would not say anything about the raid": the
    event is one already told; the sentence adds no event, asserted or
    negated. Method: the trigger is the object of a topic preposition (on,
    about, over, regarding) that hangs on a verb of the lexicon's
    ``comment_verbs``, and has a definite determiner or a possessor (a known
    referent). Limits: "spoke about an attack on the village" (indefinite)
    stays an event; verb triggers are never topics.
    """
    if trigger.dep_ != "pobj" or trigger.head.lower_ not in _TOPIC_PREPS:
        return False
    verb = trigger.head.head
    if verb.lemma_.lower() not in comment_verbs and verb.lower_ not in comment_verbs:
        return False
    return any(
        c.dep_ == "poss" or (c.dep_ == "det" and c.lower_ in _KNOWN_DETERMINERS)
        for c in trigger.children
    )


#: Prepositions by which a reference verb or noun takes the event it refers
#: to ("responsibility for the attack", "an inquiry into the strike").
_REFERENCE_PREPS = frozenset("for over into on against of to about".split())


#: A day's possessive, its apostrophe often lost in scraped text ("Saturdays attack"): a
#: known referent like "the attack".
_DAY_POSSESSIVE = re.compile(
    r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|yesterday|today)['’]?s"
)


def referenced_event(
    trigger: Token, reference_verbs: frozenset[str], reference_nouns: frozenset[str]
) -> bool:
    """True when a violent noun names an event told elsewhere, not a new one.

    "Officials condemned the bombing", "Hamas blamed Israel for the attack",
    "the group claimed responsibility for the attack", "an investigation
    into the strike": the event is the one the article reports elsewhere.
    Method: a noun trigger with a definite determiner or a possessor (a
    known referent) that is the object of a verb of the lexicon's
    ``reference_verbs``, its passive subject ("the attack was condemned"),
    or the object of a preposition hanging on such a verb or on a noun of
    ``reference_nouns``. Limits: the caller keeps the mention when the
    article tells no other violent event; "condemned an attack on a school"
    (indefinite) stays a new event.
    """
    if trigger.pos_ == "VERB":
        return False
    head = trigger.head
    if (trigger.dep_ == "pobj" and head.lower_ == "as") or trigger.dep_ in ("oprd", "xcomp"):
        # "condemned the bombing as a massacre", "called the raid a war
        # crime": a name given to the event referred to
        verb = head.head if trigger.dep_ == "pobj" else head
        if verb.lemma_.lower() in reference_verbs:
            return True
    if not any(
        c.dep_ == "poss"
        or (c.dep_ == "det" and c.lower_ in _KNOWN_DETERMINERS)
        or _DAY_POSSESSIVE.fullmatch(c.lower_)
        for c in trigger.children
    ):
        return False
    if trigger.dep_ in ("dobj", "nsubjpass", "obj"):
        return head.lemma_.lower() in reference_verbs
    if trigger.dep_ == "pobj" and head.lower_ in _REFERENCE_PREPS:
        holder = head.head
        return (
            holder.lemma_.lower() in reference_verbs
            or holder.lower_ in reference_nouns
            or holder.lemma_.lower() in reference_nouns
        )
    return False


#: Prepositions that, with a noun of the cues' ``nouns``, name another event
#: as a cause: "in retaliation for", "in the wake of", "as a reprisal for".
_CAUSE_PREPS = frozenset({"in", "as"})
#: Dependencies by which a span of time hangs on "after": "days after", "two weeks after".
_DISTANCE_DEPS = frozenset({"npadvmod", "advmod", "nmod", "amod", "compound", "nummod"})


def earlier_event_adjunct(trigger: Token, cues: AdjunctCues) -> tuple[int, int, bool] | None:
    """The adjunct naming another event that holds ``trigger``, as ``(start, end, strong)``.

    "Weeks after a drone attack on Kosti, a man was killed", "in
    retaliation for the shelling, militants stormed ...", "since the
    offensive began": the attack, the shelling, the offensive are other
    events, told as a time or a cause of the one of the main clause.
    Method: from the trigger up the parse through nouns and prepositions to
    the first clause head: a preposition of ``cues.always`` ("since"), "in"
    or "as" with a noun of ``cues.nouns`` ("in the wake of", "in response
    to"), or a preposition of ``cues.with_distance`` ("after", "following");
    a clause with such a marker ("days after gunmen stormed ..."). The span is
    the adjunct's subtree. ``strong`` is False for "after" or "following"
    without a span of time ("days after", "a week following"): "ten were
    killed after an air strike" names the strike that killed them, so such
    an adjunct counts only before its clause ("After the shelling, jets
    bombed ...") and the caller keeps it apart only when both name their
    means. Limits: the walk stops at the first verb (a trigger deep in a
    clause of the adjunct is not reached); "since" is always another event,
    even in "three more have died since the attack".
    """
    token = trigger
    for _ in range(8):
        if token.dep_ == "prep":
            word = token.lower_
            strong = word in cues.always or (
                word in _CAUSE_PREPS
                and any(c.dep_ == "pobj" and c.lemma_.lower() in cues.nouns for c in token.children)
            )
            if strong or word in cues.with_distance:
                end = _adjunct_end(token)
                if trigger.i >= end:
                    return None  # the trigger is the main clause, parsed into the adjunct
                strong = strong or _time_distance(token, cues)
                if not strong and token.i > token.head.i:
                    return None  # "killed after airstrikes and shelling hit X": its cause
                return token.left_edge.i, end, strong
        elif token.pos_ in ("VERB", "AUX") and token.dep_ != "pcomp":
            if token.dep_ != "advcl":
                return None
            mark = next(
                (
                    c
                    for c in token.children
                    if c.dep_ == "mark" and c.lower_ in cues.always | cues.with_distance
                ),
                None,
            )
            if mark is None:
                return None
            strong = mark.lower_ in cues.always or _time_distance(mark, cues)
            if not strong and token.i > token.head.i:
                return None
            return token.left_edge.i, token.right_edge.i + 1, strong
        if token.head.i == token.i:
            return None
        token = token.head
    return None


#: Words that open a relative clause ("an attack that killed five").
_RELATIVIZERS = frozenset("that which who whom whose where when".split())


def _adjunct_end(prep: Token) -> int:
    """Where a prepositional adjunct ends, the main clause parsed into it left out.

    Without a comma the parser may hang the main clause on the adjunct's
    noun as a relative clause ("days after a drone attack a man was
    killed"). A "relative clause" with no relativizer and a subject of its
    own that leaves no gap (a passive subject, or a subject and an object)
    is none: the adjunct ends where it starts.
    """
    end = prep.right_edge.i + 1
    for token in prep.subtree:
        if token.dep_ != "relcl" or any(c.lower_ in _RELATIVIZERS for c in token.children):
            continue
        deps = {c.dep_ for c in token.children}
        if "nsubjpass" in deps or {"nsubj", "dobj"} <= deps:
            end = min(end, token.left_edge.i)
    return end


def _time_distance(cue: Token, cues: AdjunctCues) -> bool:
    """True when a span of time comes with "after" ("days after", "two weeks after")."""
    before = cue.doc[cue.i - 1] if cue.i > 0 else None
    if before is not None and before.lower_ in cues.distance_words:
        return True
    return any(
        c.dep_ in _DISTANCE_DEPS and c.lower_ in cues.distance_words
        for c in (*cue.children, *(cue.head.children if cue.dep_ == "mark" else ()))
    )


def planned_by(trigger: Token, plan_words: frozenset[str]) -> Token | None:
    """The word of planning that makes ``trigger`` an act not yet done, or None.

    "gunmen who were drawing up plans to launch attacks on Kano",
    "plotting to attack", "a plot to bomb the embassy", "plans for an
    offensive": the attack is planned, not done. Method: up to four steps up
    the parse through objects, infinitives and prepositions, the last step
    reaching a word of ``plan_words`` by an infinitive, a clausal modifier
    or a preposition. Limits: "the man who planned the attack" (a direct
    object) is left alone, as the attack may well have taken place.
    """
    token = trigger
    for _ in range(4):
        if token.dep_ not in _PLAN_PATH_DEPS or token.head.i == token.i:
            return None
        edge, token = token.dep_, token.head
        if edge in _PLAN_EDGES and (
            token.lower_ in plan_words or token.lemma_.lower() in plan_words
        ):
            return token
    return None


_PLAN_PATH_DEPS = frozenset({"dobj", "xcomp", "acl", "pobj", "prep", "advcl"})
_PLAN_EDGES = frozenset({"xcomp", "acl", "prep"})


def matter_weapon(doc: Doc, weapon: WeaponMention, matter: WeaponMatter) -> bool:
    """True when a weapon is named as a matter of policy, not as an event's means.

    "seized papers of the group's chemical weapons programme", "its
    chemical arsenal", "a stockpile of sarin", "accused of possessing
    chemical weapons": no event was done with the weapon. Method: the
    weapon's phrase (or the first of its coordination) modifies a noun of
    ``matter.nouns`` (through up to three modifiers: "chemical weapons
    research programme"), is named by "of" after a noun of
    ``matter.of_nouns``, or is the object of a verb of ``matter.verbs``.
    Limits: "the regime's use of chemical weapons" stays a means (use is
    an event); a weapon subject of a matter verb is kept.
    """
    token = doc[weapon.start : weapon.end].root
    while token.dep_ == "conj" and token.head.i != token.i:
        token = token.head  # "chemical and biological weapons programmes"
    if token.dep_ == "pobj" and token.head.lower_ == "of":
        holder = token.head.head
        return holder.lower_ in matter.of_nouns or holder.lemma_.lower() in matter.of_nouns
    if token.dep_ in ("dobj", "obj", "nsubjpass"):
        return token.head.lemma_.lower() in matter.verbs
    for _ in range(3):
        if token.dep_ not in ("compound", "amod", "nmod", "poss") or token.head.i == token.i:
            return False
        token = token.head
        if token.lower_ in matter.nouns or token.lemma_.lower() in matter.nouns:
            return True
    return False


_YEAR = re.compile(r"^(1[89]|20)\d\d$")


def background_statement(token: Token, cues: BackgroundCues) -> bool:
    """True when a violent mention or a toll states a cumulative or background figure.

    "The war has killed 500,000 people since 2011", "Russia has carried out
    air strikes since September 2015", "killed so far this year": a
    statement about the war, not an incident, and never an incident's toll.
    Method: on the path from the mention up to its verb (at most three
    steps), a "since" whose next four words hold a year or a word of
    ``since_objects`` (start, outbreak, war...); a subject of that verb
    among ``war_nouns`` ("the war has killed"); one of ``phrases`` in the
    verb's clause. Limits: "since Sunday" is an incident's span and stays;
    a "since the war began" in a clause of its own ("the worst attack
    since the war began") is not on the path and stays; a cumulative toll
    told with none of these cues is not caught.
    """
    doc = token.doc
    path = [token]
    current = token
    for _ in range(3):
        if current.pos_ in ("VERB", "AUX") or current.head.i == current.i:
            break
        current = current.head
        path.append(current)
    verb = path[-1]
    for holder in path if "since" in _doc_words(doc) else ():
        for child in holder.children:
            if child.lower_ == "since" and child.dep_ in ("prep", "mark", "advmod"):
                following = doc[child.i + 1 : min(child.i + 5, len(doc))]
                if any(
                    _YEAR.match(t.text) or t.lemma_.lower() in cues.since_objects for t in following
                ):
                    return True
    if verb.pos_ in ("VERB", "AUX") and any(
        c.dep_ in _SUBJECT_DEPS and c.lemma_.lower() in cues.war_nouns for c in verb.children
    ):
        return True
    if cues.phrases:
        # word-bounded substring tests on the clause's lower-cased words,
        # joined once per verb and Doc (many mentions share a verb)
        texts = doc_memo(doc, "background_clause_text")
        clause: str | None = texts.get(verb.i)
        if clause is None:
            words = doc[verb.left_edge.i : verb.right_edge.i + 1]
            clause = texts[verb.i] = " " + " ".join(t.lower_ for t in words) + " "
        return any(f" {' '.join(phrase)} " in clause for phrase in cues.phrases)
    return False


def kills_people(trigger: Token, objects: frozenset[str]) -> bool:
    """True when a euphemism for killing ("neutralised", "eliminated") has people as object.

    "The army neutralised 12 terrorists" is a killing; "neutralised a
    drone", "eliminated the threat" are not. Method: the direct object (or
    the passive subject) is a noun of the lexicon's
    ``kill_euphemism_objects`` or a person's name. Limits: "eliminated
    them" (a pronoun) is not taken.
    """
    for child in trigger.children:
        if child.dep_ not in ("dobj", "nsubjpass", "obj"):
            continue
        noun = child
        if noun.dep_ == "dobj" and noun.lower_ in ("dozens", "scores", "hundreds", "tens"):
            noun = next((g for c in noun.children for g in c.children if c.lower_ == "of"), noun)
        if noun.lower_ in objects or noun.lemma_.lower() in objects or noun.ent_type_ == "PERSON":
            return True
    return False


def claimed_attack(token: Token, attack_nouns: frozenset[str]) -> bool:
    """True for the known attack a group claims: "IS claimed the car bombing".

    Method: a noun of attack (the actor lexicon's ``attack_nouns``) that is
    the direct object of "claim" and has a definite determiner or a
    possessor. Limits: "claimed an attack on a church" (indefinite) is a
    new event and is not matched.
    """
    if token.dep_ != "dobj" or token.head.lemma_.lower() != "claim":
        return False
    if token.lemma_.lower() not in attack_nouns and token.lower_ not in attack_nouns:
        return False
    return any(
        c.dep_ == "poss" or (c.dep_ == "det" and c.lower_ in _KNOWN_DETERMINERS)
        for c in token.children
    )


def _drop_claimed_mentions(
    candidates: list[EventCandidate], doc: Doc, attack_nouns: frozenset[str]
) -> list[EventCandidate]:
    """Drop "claimed the bombing" when a violent event was told before it.

    The claimed attack is the one already reported; its claimant became that
    event's doer (:meth:`EventExtractor._fill_from_claims`). The mention
    stays an event when nothing violent comes before it.
    """
    kept: list[EventCandidate] = []
    for candidate in candidates:
        earlier = any(
            k.match.rule.family in VIOLENT_FAMILIES and k.match.start < candidate.match.start
            for k in kept
        )
        if earlier and claimed_attack(candidate.match.head(doc), attack_nouns):
            continue
        kept.append(candidate)
    return kept


def _anaphoric_mention(trigger: Token) -> bool:
    """ "these clashes", "after the clashes": a mention of an event told elsewhere."""
    if any(
        c.dep_ == "det" and c.lower_ in ("these", "those", "such", "this") for c in trigger.children
    ):
        return True
    back = ("after", "before", "since", "following", "amid", "despite", "during")
    if trigger.dep_ == "pobj" and trigger.head.lower_ in back:
        return True
    # a rough parse may detach "after the clashes"; the words still say it
    doc = trigger.doc
    return (
        trigger.i >= 2 and doc[trigger.i - 1].lower_ == "the" and doc[trigger.i - 2].lower_ in back
    )


def _is_count_only(token: Token) -> bool:
    """A casualty word used as a modifier or in a count phrase, not an event ("death toll")."""
    return token.dep_ in ("compound", "amod") and token.head.lower_ in (
        "toll",
        "count",
        "penalty",
        "sentence",
        "threats",
    )


def casualty_phrase(token: Token) -> str:
    """The words naming casualties around a casualty word ("deaths and injuries")."""
    doc = token.doc
    if token.pos_ == "VERB":
        subject = next((c for c in token.children if c.dep_ in ("nsubjpass", "dobj")), None)
        if subject is not None:
            start = min(subject.left_edge.i, token.i)
            end = max(subject.right_edge.i, token.i) + 1
            if end - start <= 10:
                return doc[start:end].text
        return token.text
    start, end = token.left_edge.i, token.right_edge.i + 1
    if end - start > 8:
        return token.text
    return doc[start:end].text


def drop_sources(actors: Sequence[Span], catalogue: ActorCatalogue) -> list[Span]:
    """Drop actors named only as the owner of a news outlet or monitor.

    "the regime's official television channel reported", "Russian state
    media", "the Kurdish news agency": the outlet reports, it does not fight.
    Method: from the mention's root, climb modifier links (compound, poss,
    amod, nmod) to the noun they modify; when that noun, or a noun on the
    way ("Kremlin spokesman Dmitry Peskov"), is one of the actor lexicon's
    ``source_nouns``, the mention is a source. Limits: an outlet
    named by its own name ("SANA") is not an actor in the first place.
    """
    kept: list[Span] = []
    for span in actors:
        token = span.root
        source = False
        while token.dep_ in ("compound", "poss", "amod", "nmod") and token.head.i != token.i:
            token = token.head
            # "Kremlin spokesman Dmitry Peskov": the source noun may sit
            # inside the chain, before the name it heads
            source = source or (
                token.i >= span.end
                and (
                    token.lower_ in catalogue.source_nouns
                    or token.lemma_.lower() in catalogue.source_nouns
                )
            )
        if source:
            continue
        kept.append(span)
    return kept


def drop_generic_heads(actors: Sequence[Span], catalogue: ActorCatalogue) -> list[Span]:
    """Drop a generic armed noun that only heads a named actor's phrase.

    "Islamic State militants", "Houthi gunmen", "al-Shabaab fighters": the
    generic noun ("militants") is the named group, not a second side.
    Method: an unidentified-kind mention right after, or syntactically
    governing, a named armed actor ("militants of the so-called Islamic
    State", "gunmen from al-Shabaab") is dropped. Limits: "X and militants"
    (coordinated) keeps both.
    """
    named = [
        a
        for a in actors
        if catalogue.is_armed(a._.sitrep_actor)
        and catalogue.kind(a._.sitrep_actor) != "unidentified"
    ]
    kept: list[Span] = []
    for span in actors:
        if catalogue.kind(span._.sitrep_actor) == "unidentified" and any(
            other.end == span.start
            or other.root.head.i == span.root.i
            or _member_of(span.root, other.root)
            for other in named
        ):
            continue
        kept.append(span)
    return kept


def _member_of(noun: Token, group: Token) -> bool:
    """True for "militants of the Islamic State", "fighters from the RSF": the
    group is named in an "of/from" phrase on the generic noun."""
    return any(
        child.dep_ == "prep"
        and child.lower_ in ("of", "from")
        and child.left_edge.i <= group.i <= child.right_edge.i
        for child in noun.children
    )


@dataclass(frozen=True, slots=True)
class Sides:
    """Actor 1, actor 2 and their associates (ACLED's ``assoc_actor_1/2``)."""

    first: Span | None
    second: Span | None
    allies: tuple[Span, ...] = ()
    partners: tuple[Span, ...] = ()


def pick_sides(
    actors: Sequence[Span],
    catalogue: ActorCatalogue,
    allies_coordinate: bool = False,
    *,
    sides_coordinate: bool = False,
) -> tuple[Span | None, Span | None]:
    """Actor 1 and actor 2: the first actor, then the first not on its side.

    See :func:`choose_sides`, which also names the associates.
    """
    sides = choose_sides(
        actors, catalogue, allies_coordinate=allies_coordinate, sides_coordinate=sides_coordinate
    )
    return sides.first, sides.second


def choose_sides(
    actors: Sequence[Span],
    catalogue: ActorCatalogue,
    *,
    allies_coordinate: bool = False,
    sides_coordinate: bool = False,
    armed_first: bool = True,
) -> Sides:
    """Actor 1 and actor 2, and the associates on each side.

    ACLED gives the two sides no direction; a backer and the forces it backs
    ("Iran", "Iran-backed militias") are one side. Actor 1 is the first armed
    actor; its allies are the actors that did the act with it: coordinated
    with it by "and" (:func:`coordination`: "US and British warplanes",
    "Russian-Iranian forces", "the army and allied militias") when the act is
    one-sided (``allies_coordinate``: a strike, an attack) or when a third
    party is named ("Syrian and Russian forces clashed with rebels") -- never
    when coordinated actors are the two sides (``sides_coordinate``: a
    "between" phrase, an agreement); named along ("alongside", "together
    with"); or forces it is "backed by" ("troops backed by Russian
    warplanes"). A backer named only as a state ("rebels backed by Turkey")
    is an affiliation, and alternatives ("Syrian or Russian jets") are
    uncertain doers: neither is a side or an associate (with ``armed_first``
    off, for non-violent acts, actor 1 is simply the first actor given).
    Actor 2 is the first
    remaining actor not on actor 1's side; its partners are the actors
    coordinated with it by "and" ("Kurdish fighters and their US allies").
    Forces of one state named twice ("five soldiers and two policemen") are
    one actor, never associates of each other. Limits: coordination is read
    from the parse only; "X and Y" that the parse splits over two clauses
    gives no associate.
    """
    if not actors:
        return Sides(None, None)
    # ACLED lists the armed side first: civilians and protesters are actor 2
    # (``armed_first``; a non-violent act keeps its doer first).
    ordered = (
        sorted(actors, key=lambda a: not catalogue.is_armed(a._.sitrep_actor))
        if armed_first
        else list(actors)
    )
    first = ordered[0]
    first_id = first._.sitrep_actor
    others = [a for a in ordered[1:] if a._.sitrep_actor != first_id]
    with_first = _coordinated_group(first, others)
    excluded = [
        a
        for a in others
        if _supports(first, a) is False
        or any(coordination(member, a) == "or" for member in [first, *with_first])
    ]
    along = [a for a in others if _supports(first, a) and a not in excluded]
    opposed = [
        a
        for a in others
        if not catalogue.same_side(first_id, a._.sitrep_actor)
        and a not in with_first
        and a not in excluded
        and a not in along
    ]
    if not sides_coordinate and (allies_coordinate or opposed):
        along += [a for a in with_first if a not in along and a not in excluded]
    second = next(
        (
            a
            for a in others
            if not catalogue.same_side(first_id, a._.sitrep_actor)
            and a not in along
            and a not in excluded
        ),
        None,
    )
    taken = {first_id} | ({second._.sitrep_actor} if second is not None else set())
    allies = _associates(along, first, taken, catalogue)
    partners: list[Span] = []
    if second is not None:
        candidates = [
            a
            for a in _coordinated_group(second, others)
            if a not in along
            and a not in excluded
            and a not in with_first
            and not catalogue.same_side(first_id, a._.sitrep_actor)
        ]
        partners = _associates(candidates, second, taken, catalogue)
    return Sides(first, second, tuple(allies), tuple(partners))


def _coordinated_group(start: Span, spans: Sequence[Span]) -> list[Span]:
    """The mentions of ``spans`` coordinated with ``start`` by "and", directly or in a chain."""
    group: list[Span] = []
    frontier = [start]
    while frontier:
        current = frontier.pop()
        for span in spans:
            if span is not start and span not in group and coordination(current, span) == "and":
                group.append(span)
                frontier.append(span)
    return group


def _associates(
    spans: Sequence[Span], main: Span, taken: set[str], catalogue: ActorCatalogue
) -> list[Span]:
    """The spans of distinct actors other than those ``taken``, not ``main``'s own state forces.

    Adds each kept actor to ``taken``.
    """
    kept: list[Span] = []
    for span in spans:
        actor_id = span._.sitrep_actor
        if actor_id in taken or _same_state(catalogue, main._.sitrep_actor, actor_id):
            continue
        if _speaker(span):
            continue
        taken.add(actor_id)
        kept.append(span)
    return kept


def _same_state(catalogue: ActorCatalogue, first: str, second: str) -> bool:
    """True for two forces of one state ("soldiers" and "policemen" of Mali)."""
    one, other = catalogue.describe(first), catalogue.describe(second)
    # two generic forces of an article with no country ("government forces",
    # "police") are of one country too
    return one["kind"] == other["kind"] == "state" and one.get("country") == other.get("country")


def _speaker(span: Span) -> bool:
    """True when the mention's phrase is (coordinated with) the subject of a reporting verb."""
    token = _phrase_path(span)[-1]
    token = _conj_root(token)
    return token.dep_ in _SUBJECT_DEPS and token.head.lemma_.lower() in REPORTING_VERBS


#: Links from an actor word to the noun its phrase is about ("US" in "US and
#: British warplanes", "Syria" in "Syria's army").
_PHRASE_LINKS = frozenset({"compound", "amod", "nmod", "poss", "npadvmod"})
#: Verbs by which forces back another actor's act ("troops backed by Russian jets").
_SUPPORT_VERBS = frozenset("back support assist aid accompany join help escort".split())
#: Heads of a backer's phrase that name forces taking part in the act, not a
#: state or a government backing it from afar.
_COMBAT_NOUNS = _AIRCRAFT | frozenset(
    "force forces troops soldiers units fighters militias militiamen paramilitaries artillery "
    "tanks gunships marines paratroopers commandos navy warships gunboats".split()
)


def _phrase_path(span: Span) -> list[Token]:
    """The mention's root and the nouns it modifies, up to its phrase head."""
    token = span.root
    path = [token]
    while token.dep_ in _PHRASE_LINKS and token.head.i != token.i and len(path) < 6:
        token = token.head
        path.append(token)
    return path


def _conj_root(token: Token) -> Token:
    """The first conjunct of the coordination ``token`` is in (itself when none)."""
    while token.dep_ == "conj" and token.head.i != token.i:
        token = token.head
    return token


def coordination(first: Span, second: Span) -> str | None:
    """How two mentions are coordinated: "and", "or" (alternatives) or None.

    Method: from each mention, the words up to its phrase head (through
    compound, amod, nmod, poss links). The two are coordinated when a word of
    one and a word of the other are conjuncts of one coordination ("Kurdish
    fighters and their US allies": "allies" is a conjunct of "fighters"), or
    are the same word with nothing but punctuation and conjunctions between
    the mentions ("Russian-Iranian forces", "US, British and French
    warplanes": both modify the noun; not "SDF foiled ISIS attack"). The
    coordination is "or" when its conjunction is "or"/"nor" ("Syrian or
    Russian jets").
    """
    doc = first.doc
    ours = {_conj_root(t).i: t for t in _phrase_path(first)}
    for token in _phrase_path(second):
        root = _conj_root(token)
        mine = ours.get(root.i)
        if mine is None:
            continue
        if mine.i == token.i:
            between = doc[min(first.end, second.end) : max(first.start, second.start)]
            if not all(t.is_punct or t.dep_ == "cc" for t in between):
                continue
            words = {t.lower_ for t in between}
        else:
            words = {
                c.lower_ for t in [root, *conjuncts(root)] for c in t.children if c.dep_ == "cc"
            }
        return "or" if words & {"or", "nor"} else "and"
    return None


def _along_with(prep: Token) -> bool:
    """True for "alongside", "along with", "together with"."""
    if prep.lower_ == "alongside":
        return True
    return prep.lower_ == "with" and (
        (prep.i > 0 and prep.doc[prep.i - 1].lower_ in ("along", "together"))
        or any(c.lower_ in ("along", "together") for c in prep.children)
    )


def companions(context: DocContext, actors: Sequence[Span]) -> list[Span]:
    """Actors named along with an actor's phrase: "troops, alongside Iranian militias".

    Method: a preposition "alongside", "along with" or "together with" on a
    word of an actor's phrase (its root up to the phrase head); the actors
    of its object's phrase; likewise "with the help (support, backing) of X"
    ("government forces, with the support of Russian warplanes, ..."): the
    actors of the "of" phrase. Limits: attached to the verb instead
    ("attacked the town alongside X"), the companion is not read.
    """
    found: list[Span] = []
    for span in actors:
        for token in _phrase_path(span):
            for child in token.children:
                if child.dep_ != "prep":
                    continue
                for obj in child.children:
                    if obj.dep_ != "pobj":
                        continue
                    if _along_with(child):
                        found += [a for a in group_actors(context, obj) if a not in found]
                    for of in obj.children:
                        helping = _help_phrase(of)
                        if helping is None or helping.i != child.i:
                            continue
                        named = [
                            a
                            for o in of.children
                            if o.dep_ == "pobj"
                            for a in group_actors(context, o)
                        ]
                        found += [a for a in named if a not in found]
    return found


def _supports(first: Span, other: Span) -> bool | None:
    """How ``other`` is attached to actor 1's phrase: along it, as its backer, or neither.

    True for forces named with it ("troops, alongside Iranian militias",
    "together with US special forces", "backed by Russian warplanes", "with
    the help of local clan militias"), on its phrase or on the verb it is
    the subject of ("the troops retook the base with the help of X", "the
    army recaptured the town together with allied militias"); False for a
    backer that is no force ("rebels backed by Turkey", "with the support
    of Turkey"); None otherwise.
    """
    head = _phrase_path(other)[-1]
    if head.dep_ != "pobj":
        return None
    prep = head.head
    owners = {t.i for t in _phrase_path(first)}
    combat = head.lower_ in _COMBAT_NOUNS or head.lemma_.lower() in _COMBAT_NOUNS
    helping = _help_phrase(prep)
    if helping is not None:
        # "with the help of X": X took part in actor 1's act
        return combat if _done_by(helping.head, first, owners) else None
    if _along_with(prep):
        return _done_by(prep.head, first, owners) or None
    if prep.dep_ in ("agent", "prep") and prep.lower_ == "by":
        verb = prep.head
        if verb.dep_ == "acl" and verb.lemma_.lower() in _SUPPORT_VERBS and verb.head.i in owners:
            return combat
    return None


#: Nouns of "with the help of X": X took part in the act it is said of.
_HELP_NOUNS = frozenset(
    "help support backing assistance aid cover participation involvement".split()
)


def _help_phrase(prep: Token) -> Token | None:
    """The "with" of "with the help of X" when ``prep`` is its "of", else None."""
    if prep.lower_ != "of" or prep.dep_ != "prep":
        return None
    noun = prep.head
    if noun.dep_ != "pobj" or noun.lemma_.lower() not in _HELP_NOUNS:
        return None
    holder = noun.head
    return holder if holder.lower_ in ("with", "under") else None


def _done_by(holder: Token, first: Span, owners: set[int]) -> bool:
    """True when ``holder`` is in actor 1's phrase or is the verb actor 1 is the subject of."""
    if holder.i in owners:
        return True
    subject = _conj_root(_phrase_path(first)[-1])
    verb = _conj_root(holder)
    return subject.dep_ in ("nsubj", "nsubjpass") and _conj_root(subject.head).i == verb.i


#: Triggers whose coordinated subjects fight each other ("Russian and Iranian
#: forces clashed"): their conjuncts are two sides, not allies.
_RECIPROCAL_LEMMAS = frozenset(
    "clash clashes fight fighting battle battles skirmish skirmishes exchange confrontation "
    "confront".split()
)


#: A place this specific (a city or smaller, see ``SPECIFICITY``) sets an incident of its own.
_INCIDENT_SPECIFICITY = SPECIFICITY["city"]


def _toll_told_elsewhere(context: DocContext, candidate: EventCandidate, unit: Span) -> bool:
    """Whether the toll sentence ``unit`` after an event counts the dead of another place.

    "Shells hit the X neighbourhood, causing damage. The death toll from
    rocket attacks in Y city rose to 5": a toll sentence naming a city,
    town, village or neighbourhood other than the event's place tells of
    another incident; one naming only a wider division ("the toll in X
    province rose to 12") may sum up this one. Limits: names compared as
    written; a town the event's place lies in counts as another place.
    """
    if candidate.place is None:
        return False
    own = candidate.place.span.text.lower()
    return any(
        unit.start <= p.start
        and p.end <= unit.end
        and not p.is_origin
        and p.specificity <= _INCIDENT_SPECIFICITY
        and p.span.text.lower() != own
        for p in context.places
    )


def _carry_actors_over(
    current: list[EventCandidate],
    previous: list[EventCandidate],
    catalogue: ActorCatalogue,
    opening: Sequence[EventCandidate] = (),
    sections: Sections | None = None,
) -> list[EventCandidate]:
    """Give an event with no armed side the armed side of the event told just before.

    News text names the sides once and goes on ("Clashes broke out between X
    and Y. The clashes escalated in Z"; "Russian jets struck the town. Five
    civilians were killed"; a title "Regime air strikes kill 12" then "At
    least 12 people were killed in air strikes on Tuesday"). Method: an event
    whose actors are all victims (or none) takes the armed actors of, in
    order, an event of the same family in the sentence before; for a bare
    killing, attack or execution, any violent event of the sentence before
    (it tells how those people died); an event of the same family in the
    article's opening (title or lead). Victims already found are kept.
    With ``sections``, a donor of another incident gives nothing: one in
    another section of a round-up, or (but for the opening, which sums the
    story up) one whose sentence is set in other places
    (:func:`_other_incident`). Limits: only those two places, with a
    confidence cost; a new attack by an unnamed side in the next sentence,
    set in the same place, inherits the previous attacker. Returns the
    events that received actors (their type may change).
    """
    changed: list[EventCandidate] = []
    for candidate in current:
        if any(catalogue.is_armed(a._.sitrep_actor) for a in candidate.actors):
            continue
        family = candidate.match.rule.family

        def armed(event: EventCandidate) -> list[Span]:
            # the side that attacked, not an armed side that was hit ("a
            # rebel commander was among the dead" is no doer for the next one)
            return _attacker_spans(event, catalogue)

        # a donor of another incident (section, setting) gives nothing
        told = [p for p in previous if armed(p) and not _other_incident(sections, p, candidate)]
        donor = next((p for p in told if p.match.rule.family == family), None)
        if donor is None and family in _BARE_FAMILIES:
            donor = next((p for p in told if p.match.rule.family in VIOLENT_FAMILIES), None)
        if donor is None and family in VIOLENT_FAMILIES:
            donor = next(
                (
                    p
                    for p in opening
                    if p.match.rule.family == family
                    and armed(p)
                    and not _other_incident(sections, p, candidate, places=False)
                ),
                None,
            )
        if donor is None:
            continue
        had_actors = bool(candidate.actors)
        candidate.actors = [*armed(donor), *candidate.actors]
        candidate.borrowed = True
        if not had_actors:
            candidate.actor_rule = "previous"
            # scored as actorless (-0.15); a carried-over actor costs only 0.05
            candidate.confidence = round(min(0.95, candidate.confidence + 0.1), 2)
        candidate.reasons = [
            "actors carried over from the event told just before" if r == "no actor found" else r
            for r in candidate.reasons
        ]
        if had_actors:
            candidate.reasons.append("armed side carried over from the event told just before")
        changed.append(candidate)
    return changed


#: Families whose doer a same-type event elsewhere in the article may name:
#: remote violence is told once with its doer ("Russian jets struck ...") and
#: again without ("the air strikes killed ...").
_DOCUMENT_FILL_FAMILIES = VIOLENT_FAMILIES


def _fill_from_document(
    candidates: Sequence[EventCandidate],
    catalogue: ActorCatalogue,
    sections: Sections | None = None,
) -> list[EventCandidate]:
    """Give a violent event with no armed side the doer of a same-type event of the article.

    "Airstrikes on a rebel-held village killed 12 people" and, three
    sentences on, "raids which were likely carried out by Russian jets": an
    article tells the same strikes several times and names the doer once.
    Method: an event of a violent family with no doer (its actors, if any,
    are all on the receiving end or unarmed), after the sentence-to-sentence
    carry-over, takes the attackers (armed actors not on the receiving end)
    of the nearest event of the same
    ACLED sub-event type whose actors came from the parse. Victims already
    found are kept. A bare killing typed by a weapon named in another
    sentence takes no donor placed at another town or village (it may be
    another incident). With ``sections``, no donor of another incident
    (:func:`_other_incident`: another section of a round-up, or a sentence
    set in other places) is taken. Limits: two different strikes of one
    type by different doers in one article give the nearest doer to both, so
    the confidence keeps the cost of having no actor. Returns the events
    that received actors.
    """
    donors = [
        c
        for c in candidates
        if c.actor_rule in ("parse", "between") and not c.borrowed and _attacker_spans(c, catalogue)
    ]
    changed: list[EventCandidate] = []
    for candidate in candidates:
        if candidate.match.rule.family not in _DOCUMENT_FILL_FAMILIES:
            continue
        if _attacker_spans(candidate, catalogue):
            continue
        same = [
            d for d in donors if d is not candidate and d.sub_event_type == candidate.sub_event_type
        ]
        if candidate.match.rule.family in _BARE_FAMILIES and not _own_weapon(candidate):
            # a bare "were killed" typed by a weapon of another sentence is
            # only tied to that sentence; only a same-place donor is the same strike
            same = [d for d in same if not _elsewhere(d, candidate)]
        same = [d for d in same if not _other_incident(sections, d, candidate)]
        if not same:
            continue
        donor = min(same, key=lambda d: abs(d.match.start - candidate.match.start))
        had_actors = bool(candidate.actors)
        candidate.actors = [*_attacker_spans(donor, catalogue), *candidate.actors]
        candidate.borrowed = True
        if not had_actors:
            # the confidence keeps the no-actor cost: a doer named elsewhere is weak
            candidate.actor_rule = "document"
        candidate.reasons = [r for r in candidate.reasons if r != "no actor found"]
        candidate.reasons.append(
            f"armed side from the same {candidate.sub_event_type.lower()} told elsewhere "
            f"in the article ('{donor.unit.doc[donor.match.start : donor.match.end].text}')"
        )
        changed.append(candidate)
    return changed


def _other_incident(
    sections: Sections | None,
    donor: EventCandidate,
    candidate: EventCandidate,
    *,
    places: bool = True,
) -> bool:
    """True when ``donor`` tells another incident than ``candidate``.

    Method: :meth:`~sitrep.nlp.event_places.Sections.apart` on their
    sentence units: another section of a round-up ("Damascus: ... Aleppo:
    ..."), or, with ``places``, sentences set in different places. The
    later of the two told as a definite mention ("the attack", "the
    strikes") refers back to the earlier one, wherever the sentence is set.
    """
    if sections is None or donor.unit.start == candidate.unit.start:
        return False
    if not sections.apart(donor.unit, candidate.unit, places=False) and places:
        doc = candidate.unit.doc
        later = max(donor, candidate, key=lambda c: c.match.start)
        if definite_mention(later.match.head(doc)):
            return False
    return sections.apart(donor.unit, candidate.unit, places=places)


def _own_weapon(candidate: EventCandidate) -> bool:
    """True when a weapon of the candidate is named in its own sentence unit."""
    unit = candidate.unit
    return any(unit.start <= w.start and w.end <= unit.end for w in candidate.weapon_mentions)


def _elsewhere(first: EventCandidate, second: EventCandidate) -> bool:
    """True when two events are placed at two different places below region level."""
    if first.place is None or second.place is None:
        return False
    if max(first.place.specificity, second.place.specificity) >= SPECIFICITY["region"]:
        return False
    return first.place.span.text.lower() != second.place.span.text.lower()


def _attacker_spans(candidate: EventCandidate, catalogue: ActorCatalogue) -> list[Span]:
    """The armed actor spans of a candidate that are not on the receiving end."""
    return [
        a
        for a in candidate.actors
        if catalogue.is_armed(a._.sitrep_actor) and a._.sitrep_actor not in candidate.targets
    ]


_CUE_FAMILIES = frozenset({"threat"})


def _drop_governing_cues(candidates: list[EventCandidate], doc: Doc) -> list[EventCandidate]:
    """Drop a threat that governs another trigger: "threatened to storm" is one
    (threatened) storming, not a threat plus a storming. Likewise a denial
    or a commitment of a violent act ("the army denied killing civilians")
    is that act, negated or intended, and what a refusal refuses is no
    event of its own."""
    heads = [c.match.head(doc) for c in candidates]
    violent = [
        h for c, h in zip(candidates, heads, strict=True) if c.match.rule.family in VIOLENT_FAMILIES
    ]
    refusals = [
        h for c, h in zip(candidates, heads, strict=True) if c.match.rule.family == "reject"
    ]
    kept: list[EventCandidate] = []
    for candidate, head in zip(candidates, heads, strict=True):
        family = candidate.match.rule.family
        if family in _CUE_FAMILIES and any(
            _threatened_act(other, head) for other in heads if other != head
        ):
            continue
        if family in ("reject", "commit") and any(_threatened_act(act, head) for act in violent):
            # "denied killing civilians", "is ready to resume shelling": the
            # act, denied or intended, not a refusal or a commitment
            continue
        if (
            candidate.event_type == "Strategic developments"
            and family != "reject"
            and any(_refused_content(head, other) for other in refusals)
        ):
            # "rejected an offer to host talks on a peace agreement": the
            # offer, the talks and the agreement are what was refused
            continue
        kept.append(candidate)
    return kept


#: Links by which a clause beside a refusal hangs on it: no part of what is refused.
_BESIDE_LINKS = frozenset({"conj", "advcl", "relcl", "parataxis", "cc", "punct"})


def _refused_content(act: Token, refusal: Token) -> bool:
    """True when ``act`` is inside what ``refusal`` refuses (its object or complement)."""
    if refusal not in act.ancestors:
        return False
    return not any(t.dep_ in _BESIDE_LINKS for t in _path_up(act, refusal))


#: Links from a threat down to the act threatened ("threatened to shell the
#: town", "threatened a new offensive", "warned it would strike").
_THREATENED_LINKS = frozenset({"xcomp", "ccomp", "dobj", "conj", "aux"})


def _threatened_act(act: Token, threat: Token) -> bool:
    """True when ``act`` is what ``threat`` threatens, not a clause beside it.

    "threatened to break off relations ... on the eve of a visit": the
    visit is no threatened act. Method: the path from the act up to the
    threat runs through complements and objects only.
    """
    if threat not in act.ancestors:
        return False
    return all(t.dep_ in _THREATENED_LINKS for t in _path_up(act, threat))


def merge_in_unit(
    candidates: list[EventCandidate], catalogue: ActorCatalogue
) -> list[EventCandidate]:
    """Merge repeated mentions of one event within a sentence unit.

    Violent triggers of one sentence are one event unless their actors are
    disjoint (then two); the highest-ranked trigger leads (an airstrike
    beats "killed"), casualties, weapons and arguments are pooled. Other
    families merge with their own kind only.
    """
    merged: list[EventCandidate] = []
    for candidate in candidates:
        family = candidate.match.rule.family
        target = None
        for existing in merged:
            other = existing.match.rule.family
            both_violent = family in VIOLENT_FAMILIES and other in VIOLENT_FAMILIES
            if not (both_violent or family == other):
                continue
            # Only attackers tell two events apart: victims ("ten civilians
            # were killed when warplanes struck", "RSF fighters were killed
            # when army jets bombed them") belong to the strike.
            ids = _attackers(candidate, catalogue)
            other_ids = _attackers(existing, catalogue)
            if ids and other_ids and not ids & other_ids and _both_parsed(candidate, existing):
                continue
            if _battle_aside(candidate, existing) or _relative_aside(candidate, existing):
                _toll_to_main_clause(candidate, existing)
                continue
            if _planned_aside(candidate, existing):
                continue
            target = existing
            break
        if target is None:
            merged.append(candidate)
            continue
        lead, follow = target, candidate
        if FAMILY_RANK.get(family, -1) > FAMILY_RANK.get(target.match.rule.family, -1) and not (
            target.event_type == "Battles" and len({a._.sitrep_actor for a in target.actors}) >= 2
        ):
            lead, follow = candidate, target
            merged[merged.index(target)] = lead
        _pool(lead, follow)
    return merged


def _battle_aside(first: EventCandidate, second: EventCandidate) -> bool:
    """True when one candidate is a battle with both sides named in a clause of its own.

    "Airstrikes on IS-held villages killed 85 civilians as intense fighting
    was underway between the militants and US-backed fighters": the fighting
    told as background is a second event; the strike keeps its own toll and
    finds its doer elsewhere. Method: one trigger has a "between" phrase
    and the two triggers head different clauses.
    """
    doc = first.unit.doc
    heads = (first.match.head(doc), second.match.head(doc))
    if not any(_between_objects(h) for h in heads):
        return False
    return clause_head(heads[0]).i != clause_head(heads[1]).i


def _relative_aside(first: EventCandidate, second: EventCandidate) -> bool:
    """True when one trigger sits in a relative clause the other is outside of.

    "Air strikes killed 23 people in the town, which has been under siege
    since rebels seized it two years ago": the seizure described in a
    relative clause on a noun is another event, with its own doer. Method:
    one trigger has an ancestor (or is itself) of dependency ``relcl`` whose
    subtree does not hold the other trigger. Limits: "civilians who were
    killed in the strike" (the killing in the relative clause, the strike
    outside) is split too, so only a trigger with a doer of its own is kept
    apart.
    """
    doc = first.unit.doc
    pairs = ((first, second), (second, first))
    for inner, outer in pairs:
        head, other = inner.match.head(doc), outer.match.head(doc)
        if inner.actor_rule not in ("parse", "between"):
            continue
        for token in (head, *head.ancestors):
            if token.dep_ == "relcl" and not (token.left_edge.i <= other.i <= token.right_edge.i):
                return True
    return False


def _tolls(context: DocContext, unit: Span, scope: Scope = _WHOLE) -> set[int]:
    """The death tolls of one incident stated in ``unit`` within ``scope``.

    Quantities of kind ``killed``, minus running totals ("127 people have
    been killed since the army began an offensive": a sentence with "since"
    counts none), which may hold the incident's dead.
    """
    found: set[int] = set()
    running: bool | None = None
    for span in context.quantities:
        if not (unit.start <= span.start and span.end <= unit.end):
            continue
        quantity = span._.sitrep_quantity
        if quantity.kind != "killed" or quantity.value is None:
            continue
        if not scope.holds(span.start, span.end):
            continue
        if running is None:
            lowers = token_strings(unit.doc, LOWER)
            running = any(
                lowers[i] == "since" and scope.holds(i, i + 1) for i in range(unit.start, unit.end)
            )
        if running:
            continue
        found.add(quantity.value)
    return found


def _drop_told_elsewhere(candidates: list[EventCandidate]) -> list[EventCandidate]:
    """Drop events named in passing that the article tells in a sentence of their own.

    "Weeks after a gas attack on Douma, a bomb killed a man ... The gas
    attack on Douma had killed 40 people": the attack named as a
    time is the one told later, which carries its arguments; the passing
    mention adds nothing. Method: a candidate marked ``in_passing`` goes when
    another, not in passing and in another sentence unit, has its trigger
    family or its sub-type. Limits: a passing mention of an event the
    article tells nowhere else stays (its only trace), without the toll,
    place and date of the sentence's own event.
    """
    told = [c for c in candidates if not c.in_passing]
    if len(told) == len(candidates):
        return candidates
    kept: list[EventCandidate] = []
    for candidate in candidates:
        if candidate.in_passing and any(
            other.unit.start != candidate.unit.start
            and (
                other.match.rule.family == candidate.match.rule.family
                or other.sub_event_type == candidate.sub_event_type
            )
            for other in told
        ):
            continue
        kept.append(candidate)
    return kept


def _planned_aside(first: EventCandidate, second: EventCandidate) -> bool:
    """True when one of two violent candidates is planned and the other done.

    "Police killed 12 gunmen who were drawing up plans to launch attacks
    on Kano": the attacks are planned (modality ``future``),
    the killing is the event. The two stay apart and the planned one loses
    a toll it shares with the other (the toll is the done act's).
    """
    planned = [c for c in (first, second) if c.modality == "future"]
    done = [c for c in (first, second) if c.modality == "asserted"]
    if len(planned) != 1 or len(done) != 1:
        return False
    later, now = planned[0], done[0]
    if (later.fatalities, later.injuries) == (now.fatalities, now.injuries):
        later.fatalities = later.injuries = None
        later.casualties_text = None
    return True


def _toll_to_main_clause(first: EventCandidate, second: EventCandidate) -> None:
    """Leave a toll shared by two events of one sentence to the main clause's event.

    Both events read the sentence's casualty counts; in "airstrikes killed
    85 civilians as fighting was underway between X and Y" the 85 are the
    strike's. The event whose clause hangs below the other's loses a toll
    equal to the other's.
    """
    doc = first.unit.doc
    heads = [clause_head(c.match.head(doc)) for c in (first, second)]
    for below, above, head, other in (
        (first, second, heads[0], heads[1]),
        (second, first, heads[1], heads[0]),
    ):
        if other in head.ancestors and (below.fatalities, below.injuries) == (
            above.fatalities,
            above.injuries,
        ):
            below.fatalities = below.injuries = None
            below.casualties_text = None
            return


def _drop_seizure_tolls(candidates: Sequence[EventCandidate]) -> None:
    """Leave a sentence's toll to its violent act, not to a seizure told with it.

    "Its fighters had killed 41 soldiers and seized weapons and vehicles":
    the 41 died in the attack; taking the weapons (a strategic development,
    such as disrupted weapons use, arrests, looting) killed no one. Method: a
    candidate of a non-violent family typed as a strategic development loses
    the fatalities and injuries it shares with a violent candidate of the same
    sentence unit. Limits: a seizure with a toll of its own in a sentence
    with no violent trigger keeps it.
    """
    for candidate in candidates:
        if candidate.match.rule.family in VIOLENT_FAMILIES:
            continue
        if candidate.event_type != "Strategic developments":
            continue
        if candidate.fatalities is None and candidate.injuries is None:
            continue
        if any(
            other.unit.start == candidate.unit.start
            and other.match.rule.family in VIOLENT_FAMILIES
            and (other.fatalities, other.injuries) == (candidate.fatalities, candidate.injuries)
            for other in candidates
        ):
            candidate.fatalities = candidate.injuries = None
            candidate.casualties_text = None
            candidate.reasons.append("the toll is the violent act's told with it")


def _both_parsed(first: EventCandidate, second: EventCandidate) -> bool:
    """True when both candidates' actors came from the parse, not from the clause.

    Actors merely named in the same clause ("DAESH said it killed 50
    opposition fighters in a suicide bombing on a bus near the border with
    Turkey": the bombing's clause names the victims and a place) do not make
    a second event.
    """
    return first.actor_rule in ("parse", "between") and second.actor_rule in ("parse", "between")


def _attackers(candidate: EventCandidate, catalogue: ActorCatalogue) -> set[str]:
    """Ids of the armed actors of a candidate that are not on the receiving end."""
    return {
        a._.sitrep_actor
        for a in candidate.actors
        if catalogue.is_armed(a._.sitrep_actor) and a._.sitrep_actor not in candidate.targets
    }


def _pool(lead: EventCandidate, follow: EventCandidate) -> None:
    lead.merged.append(follow.match)
    lead.targets |= follow.targets
    parsed_first = lead.actor_rule in ("none", "clause") and follow.actor_rule in (
        "between",
        "parse",
    )
    if parsed_first:
        # the parse's sides go before sides merely named in the clause
        lead.actors, follow_actors = [], [*follow.actors, *lead.actors]
    else:
        follow_actors = follow.actors
    for actor in follow_actors:
        if all(a._.sitrep_actor != actor._.sitrep_actor for a in lead.actors):
            lead.actors.append(actor)
    if parsed_first:
        lead.actor_rule = follow.actor_rule
    lead.place = lead.place if lead.place_rule in ("parse",) else (follow.place or lead.place)
    if follow.place_rule == "parse" and lead.place_rule != "parse":
        lead.place_rule = "parse"
    lead.time = lead.time or follow.time
    lead.fatalities = lead.fatalities if lead.fatalities is not None else follow.fatalities
    lead.injuries = lead.injuries if lead.injuries is not None else follow.injuries
    lead.casualties_text = lead.casualties_text or follow.casualties_text
    lead.weapons = list(dict.fromkeys([*lead.weapons, *follow.weapons]))
    lead.confidence = max(lead.confidence, follow.confidence)
    lead.reasons.append(f"merged with '{follow.match.rule.key}' in the same sentence")


# -- relations -----------------------------------------------------------------


def relations(
    context: DocContext, events: Sequence[Event], catalogue: ActorCatalogue
) -> list[Relation]:
    """Allied and hostile relations stated in the text.

    Allied: a proxy named by its backer ("Iranian militias", "militias loyal
    to them", "their militias", "Iranian-backed fighters", "US-backed SDF").
    Hostile: the two sides of a battle. One relation per pair and type, with
    the first evidence.
    """
    out: list[Relation] = []
    seen: set[tuple[str, str, str]] = set()

    def add(first: str, second: str, kind: str, evidence: Evidence) -> None:
        names = sorted((catalogue.name(first), catalogue.name(second)))
        key = (names[0], names[1], kind)
        if first == second or key in seen:
            return
        seen.add(key)
        out.append(
            Relation(
                actor1=catalogue.name(first),
                actor2=catalogue.name(second),
                type=kind,
                evidence=evidence,
            )
        )

    for span in context.actors:
        actor_id = span._.sitrep_actor
        backer = _stated_backer(context, span)
        if backer is not None:
            unit = context.unit_of(span.root)
            add(
                actor_id,
                backer,
                "allied",
                Evidence(
                    sentence=text_span(unit),
                    rule="relations.backed",
                    explanation=f"'{span.text}' names its backer",
                ),
            )
    for event in events:
        if event.event_type == "Battles" and event.actor1 and event.actor2:
            first = _id_for_name(context, event.actor1)
            second = _id_for_name(context, event.actor2)
            if first and second:
                add(
                    first,
                    second,
                    "hostile",
                    Evidence(
                        sentence=event.evidence.sentence,
                        rule="relations.battle",
                        explanation=f"the two sides of event {event.id}",
                    ),
                )
    return out


def _id_for_name(context: DocContext, name: str) -> str | None:
    for span in context.actors:
        if context.catalogue.name(span._.sitrep_actor) == name:
            return str(span._.sitrep_actor)
    return None


def _stated_backer(context: DocContext, span: Span) -> str | None:
    cat = context.catalogue
    doc = span.doc
    actor_id = span._.sitrep_actor
    patron = cat.patron_of(actor_id)
    words = {t.lower_ for t in span}
    if patron is not None:
        entry = cat.entry(patron) or {}
        names = {
            n.lower()
            for n in [
                *entry.get("demonyms", []),
                *entry.get("aliases", []),
                *entry.get("capitals", []),
                entry.get("name", ""),
            ]
        }
        if words & (names | cat.backing_cues | {"them", "it", "loyal"}):
            return patron
        root = span.root
        if any(c.dep_ == "poss" and c.lower_ in ("its", "their") for c in root.children):
            return patron
        if root.dep_ == "conj" and any(
            a._.sitrep_actor == patron for a in context.actor_at.get(root.head.i, [])
        ):
            return patron
    if (
        span.start >= 3
        and doc[span.start - 2].text == "-"
        and (doc[span.start - 1].lower_ in cat.backing_cues)
    ):
        backer_token = doc[span.start - 3]
        for other in context.actor_at.get(backer_token.i, []):
            return str(other._.sitrep_actor)
        text = backer_token.text
        state = (
            cat.demonyms.get(text)
            or cat.state_names.get(text.lower())
            or cat.capitals.get(text.lower())
        )
        return state
    return None


def describe_event_rules(lang: str = "en") -> dict[str, Any]:
    """The trigger families and their ACLED types, for documentation and tests."""
    lexicon = load_lexicon("event_triggers", lang)
    return {
        entry["family"]: (entry["event_type"], entry["sub_event_type"], entry.get("plover"))
        for entry in lexicon["triggers"]
    }


@Language.factory(
    "sitrep_events",
    assigns=["doc._.sitrep_events", "doc._.sitrep_deployments", "doc._.sitrep_relations"],
    default_config={"lang": "en"},
)
def make_events(nlp: Language, name: str, lang: str) -> EventExtractor:
    """Create the sitrep_events component (lexicons for ``lang``)."""
    return EventExtractor(nlp, lang=lang)
