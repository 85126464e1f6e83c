"""Where an event happened when its own phrase does not say it.

The parse attaches most places ("killed 10 in Idlib"); these rules cover the
rest, the way an ACLED coder reads a report:

- a place named elsewhere in the sentence counts, the trigger's own clause
  first ("a car bomb killed 43 as fighters advanced on Raqqa" is not an event
  in Raqqa when a later sentence says where the car bomb went off);
- a place that is where people came *from* ("evacuees from the towns of X",
  "families who fled X") is their origin, not the event's place;
- a definite mention later in the article ("the attack at a transit point in
  X", "the blast in X") places the earlier event it refers back to;
- a lead that says what happened but not where takes the place the next
  sentences give the same kind of event;
- a sentence that goes on telling the incident before it ("Heavy clashes
  broke out between the defenders of the posts ...") takes that incident's
  place;
- a region fronted as the sentence's frame ("In the Kharkiv region, a bomb
  struck a building in the town of Kupiansk") gives way to the more specific
  place the event's own clause names.

:class:`Sections` reads which incident each sentence belongs to in a
round-up ("Damascus: ... Aleppo: ..."): a sentence in another section, or set
in other places, tells another incident, which lends neither its place nor
its armed side.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Span, Token

from sitrep.nlp.arguments import SPECIFICITY, DocContext, PlaceMention, in_clause_of, is_heading

if TYPE_CHECKING:
    from sitrep.nlp.events import EventCandidate

#: Determiners of a definite back-reference ("the attack", "this bombing").
_DEFINITE = frozenset("the this that".split())
#: Place rules a later definite mention may replace: no place, the article's
#: main place, or a place from another clause of the sentence.
_REPLACEABLE = frozenset({"none", "article", "sentence"})


def sentence_place(context: DocContext, head: Token, unit: Span) -> tuple[PlaceMention, str] | None:
    """The place a sentence gives an event its parse did not place, and the rule.

    Method: the unit's places, minus reference points of relative phrases
    and origins (:func:`~sitrep.nlp.arguments.is_origin`); those in the
    trigger's own clause (:func:`~sitrep.nlp.arguments.clause_tokens`) first
    (rule ``clause``),
    else the rest of the sentence (rule ``sentence``), places below country
    level before countries, then the most specific. Returns None when the
    sentence names none.
    """
    in_unit = _places_in(context, unit)
    if not in_unit:
        return None
    doc = context.doc
    clause = [p for p in in_unit if in_clause_of(head, doc[p.start])]
    below = [p for p in in_unit if p.feature_hint != "country"]
    for rule, pool in (
        ("clause", [p for p in clause if p.feature_hint != "country"]),
        ("sentence", below),
        ("clause", clause),
        ("sentence", in_unit),
    ):
        if pool:
            return min(pool, key=lambda p: (p.specificity, p.start)), rule
    return None


def _places_in(context: DocContext, unit: Span) -> list[PlaceMention]:
    """The places a sentence unit names that can be an event's: no reference
    point of a relative phrase, no origin."""
    return [
        p
        for p in context.places
        if unit.start <= p.start and p.end <= unit.end and not p.is_anchor and not p.is_origin
    ]


def definite_mention(trigger: Token) -> bool:
    """ "the attack", "this bombing", "Saturday's blast": a noun trigger with a
    definite determiner or a possessive."""
    if trigger.pos_ not in ("NOUN", "PROPN"):
        return False
    return any(
        (c.dep_ == "det" and c.lower_ in _DEFINITE) or c.dep_ == "poss" for c in trigger.children
    )


def place_by_later_mention(
    candidates: Sequence[EventCandidate], doc: Doc, violent: frozenset[str]
) -> list[EventCandidate]:
    """Place events by a later definite mention that the parse places.

    "A car bomb killed 12 people on Sunday ... Rescuers searched the rubble
    of the attack at a market in Sinjar": the second sentence says where the
    first one's event happened. Method: each later
    violent candidate (family in ``violent``) whose trigger is a definite
    noun (:func:`definite_mention`) with a parse-attached place gives that
    place to its antecedent — the nearest earlier violent candidate of the
    same event type in another sentence — and back through the definite
    mentions before it to the one that introduced the event, as long as
    their place came from no rule, the article or another clause
    (:data:`_REPLACEABLE`), or was only a country, and their armed sides do
    not differ. Returns the candidates whose place changed. Limits: a chain
    stops at a mention placed by its own parse; a definite mention of an
    event not told before still lends its place to the nearest earlier one
    of its type.
    """
    changed: list[EventCandidate] = []
    ordered = sorted(candidates, key=lambda c: c.match.start)
    for position, mention in enumerate(ordered):
        if mention.match.rule.family not in violent or mention.place_rule != "parse":
            continue
        if mention.place is None or not definite_mention(mention.match.head(doc)):
            continue
        # Back through the chain of mentions of the event ("the blast" after
        # "a car bomb") to the one that introduced it.
        for antecedent in reversed(ordered[:position]):
            if antecedent.match.rule.family not in violent:
                continue
            if antecedent.event_type != mention.event_type:
                continue
            if antecedent.unit.start == mention.unit.start:
                continue
            weak = antecedent.place_rule in _REPLACEABLE or (
                antecedent.place is not None and antecedent.place.feature_hint == "country"
            )
            if antecedent in changed or not weak or _sides_differ(antecedent, mention):
                break
            antecedent.place, antecedent.place_rule = mention.place, "later mention"
            words = doc[mention.match.start : mention.match.end].text
            antecedent.reasons.append(f"placed by the later mention '{words}'")
            changed.append(antecedent)
            if not definite_mention(antecedent.match.head(doc)):
                break
    return changed


def _sides_differ(first: EventCandidate, second: EventCandidate) -> bool:
    """True when both candidates name actors and share none of them."""
    ids = {a._.sitrep_actor for a in first.actors}
    other = {a._.sitrep_actor for a in second.actors}
    return bool(ids and other and not ids & other)


#: How many sentences after an unplaced event the one telling where it
#: happened may come ("A car bomb killed 43 evacuees. The van hit the buses
#: at a transit point in X").
_ELABORATION_UNITS = 2


def place_by_next_sentences(
    candidates: Sequence[EventCandidate],
    units: Sequence[Span],
    violent: frozenset[str],
    context: DocContext | None = None,
    sections: Sections | None = None,
) -> list[EventCandidate]:
    """Place an event its sentence does not place by the next sentences' details.

    News tells an incident in its lead and where it happened just after.
    Method: a violent candidate placed by no rule or by the article only
    takes the parse-attached place of the first later violent candidate of
    the same event type within :data:`_ELABORATION_UNITS` sentence units,
    when their armed sides do not differ. With ``context``, a later sentence
    that opens a new scene (:func:`opens_new_setting`: "In Zaporizhzhia,
    Russian artillery hit ...") tells another incident and lends no place;
    with ``sections``, neither does one of another section or, unless it
    lends a country, set elsewhere (:meth:`Sections.apart`). Returns the
    candidates placed. Limits: a round-up lead followed by one of its
    incidents takes that incident's place.
    """
    starts = {unit.start: position for position, unit in enumerate(units)}
    places = sorted(context.places, key=lambda p: p.start) if context is not None else []
    new_scene: dict[int, bool] = {}

    def another_incident(candidate: EventCandidate, later: EventCandidate) -> bool:
        unit = later.unit
        if context is not None and unit.start not in new_scene:
            own = [p for p in places if unit.start <= p.start and p.end <= unit.end]
            new_scene[unit.start] = opens_new_setting(unit, own)
        if new_scene.get(unit.start, False):
            return True
        # a country names no other setting: the lead may take it harmlessly
        wide = later.place is not None and later.place.feature_hint == "country"
        return sections is not None and sections.apart(candidate.unit, unit, places=not wide)

    ordered = sorted(candidates, key=lambda c: c.match.start)
    placed: list[EventCandidate] = []
    for position, candidate in enumerate(ordered):
        if candidate.match.rule.family not in violent:
            continue
        if candidate.place_rule not in ("none", "article"):
            continue
        here = starts.get(candidate.unit.start)
        if here is None:
            continue
        for later in ordered[position + 1 :]:
            distance = starts.get(later.unit.start, here) - here
            if distance > _ELABORATION_UNITS:
                break
            if distance <= 0 or later.match.rule.family not in violent:
                continue
            if later.event_type != candidate.event_type or later.place_rule != "parse":
                continue
            if later.place is None or _sides_differ(candidate, later):
                continue
            if another_incident(candidate, later):
                break
            candidate.place, candidate.place_rule = later.place, "next sentence"
            candidate.reasons.append(f"placed by the next sentences ('{later.place.span.text}')")
            placed.append(candidate)
            break
    return placed


#: Place rules that say where an event happened from its own sentence.
_OWN_SENTENCE_RULES = frozenset({"parse", "clause", "sentence", "later mention"})


def place_by_previous_sentence(
    candidates: Sequence[EventCandidate],
    context: DocContext,
    violent: frozenset[str],
    headlines: frozenset[int] = frozenset(),
) -> list[EventCandidate]:
    """Place an event its sentence does not place by the sentence just before.

    A report tells an incident over several sentences and names the place
    once: "In Hama, army units foiled an attack on military posts. Heavy
    clashes broke out between the defenders of the posts and the attackers,
    killing 50." Method: a violent candidate placed by no rule or by the
    article only (run after :func:`place_by_next_sentences`), whose
    sentence unit names no place at all, takes the place of the last
    candidate of the previous unit that its own sentence placed below
    country level; when that unit has no such candidate, its one place
    below country level if it names exactly one. A headline (a unit whose
    start is in ``headlines``) lends no place: it sums the story up and
    the lead under it need not continue its first incident. Returns the
    candidates placed. Limits: a sentence that moves on to a new, unnamed place
    ("Elsewhere, ...") still takes the previous one's place.
    """
    placed: list[EventCandidate] = []
    ordered = sorted(candidates, key=lambda c: c.match.start)
    for candidate in ordered:
        if candidate.match.rule.family not in violent:
            continue
        if candidate.place_rule not in ("none", "article"):
            continue
        unit = candidate.unit
        if any(unit.start <= p.start and p.end <= unit.end for p in context.places):
            continue
        before = context.previous_unit(unit)
        if before is None or before.start in headlines:
            continue
        place = _place_of_unit(ordered, context, before)
        if place is None:
            continue
        candidate.place, candidate.place_rule = place, "previous sentence"
        candidate.reasons.append(f"placed by the sentence before ('{place.span.text}')")
        placed.append(candidate)
    return placed


def _place_of_unit(
    ordered: Sequence[EventCandidate], context: DocContext, unit: Span
) -> PlaceMention | None:
    """Where the sentence ``unit`` placed its last event, or its one sub-country place."""
    for other in reversed(ordered):
        if other.unit.start != unit.start or other.place is None:
            continue
        if other.place_rule in _OWN_SENTENCE_RULES and other.place.feature_hint != "country":
            return other.place
    named = [p for p in _places_in(context, unit) if p.feature_hint != "country"]
    if len({p.span.text.lower() for p in named}) == 1:
        return named[0]
    return None


# -- round-up sections and settings --------------------------------------------

#: Words that open a sentence moving on to another incident.
_MOVING_ON = frozenset({"elsewhere", "separately"})
#: Words that may stand before a fronted place phrase ("Meanwhile, in X, ...").
_LEAD_IN = frozenset({"meanwhile", "also", "later", "elsewhere", "separately", "and"})
#: Punctuation that ends a heading place run into its text ("Aleppo: ...", "Aleppo - ...").
_HEADING_MARKS = frozenset({":", "-", "\u2013", "\u2014"})
#: Words a place name may end with that do not make it another place
#: ("Aleppo city" is Aleppo; "Damascus Countryside" is not Damascus).
_GENERIC_ENDINGS = frozenset(
    "city town village province governorate region district oblast state".split()
)
#: Prepositions of a fronted setting ("In Zaporizhzhia, ...").
_SETTING_PREPS = frozenset({"in", "at", "near", "on", "around", "outside", "inside"})
#: How many words a fronted place phrase may hold before its comma.
_FRONTED_MAX = 8
#: Specificity from which a place is a settlement (a village), not a place inside one.
_SETTLEMENT = SPECIFICITY["village"]
#: Specificity from which a place is a region (or wider), not a settlement.
_REGION = SPECIFICITY["region"]


def _setting_name(place: PlaceMention) -> str:
    """A place's name for comparing settings: lower case, no article, no generic last word."""
    words = place.span.text.lower().split()
    if words and words[0] == "the":
        words = words[1:]
    while len(words) > 1 and words[-1] in _GENERIC_ENDINGS:
        words = words[:-1]
    return " ".join(words)


@dataclass(frozen=True, slots=True)
class Setting:
    """The places a sentence is set in: names, and which tiers of place it names.

    Tiers: settlements (villages, towns, cities, and names with no hint) and
    regions (regions, provinces); places inside a settlement (quarters,
    camps, facilities) are named but form no tier of their own.
    """

    names: frozenset[str] = frozenset()
    settlements: bool = False
    regions: bool = False

    @classmethod
    def of(cls, places: Sequence[PlaceMention]) -> Setting:
        """The setting of a sentence naming ``places`` (countries left out)."""
        kept = [p for p in places if p.feature_hint != "country"]
        if not kept:
            return cls()
        return cls(
            frozenset(_setting_name(p) for p in kept),
            any(_SETTLEMENT <= p.specificity < _REGION for p in kept),
            any(p.specificity >= _REGION for p in kept),
        )

    def __or__(self, other: Setting) -> Setting:
        return Setting(
            self.names | other.names,
            self.settlements or other.settlements,
            self.regions or other.regions,
        )

    def differs(self, other: Setting) -> bool:
        """True when two settings name different places.

        No name is shared (a name inside another counts as shared:
        "Aleppo" and "eastern Aleppo", "Homs" and "40 km east of Homs"), and
        both name a settlement, or both a region: two towns, two provinces.
        A quarter or camp against a town ("Kherson", "the Korabel
        neighbourhood"), or a region against a town ("Idlib province", "the
        town of Kafr Nabl"), may lie inside it: no gazetteer is read here to
        tell, so they do not differ.
        """
        if not self.names or not other.names:
            return False
        if any(_name_within(a, b) for a in self.names for b in other.names):
            return False
        return (self.settlements and other.settlements) or (self.regions and other.regions)


def _name_within(one: str, other: str) -> bool:
    """True when one name is the other or a run of its words ("aleppo", "eastern aleppo")."""
    if one == other:
        return True
    short, long = sorted((one.split(), other.split()), key=len)
    size = len(short)
    return any(long[i : i + size] == short for i in range(len(long) - size + 1))


def opens_section(unit: Span, places: Sequence[PlaceMention], heading_max: int = 6) -> bool:
    """True when ``unit`` opens a section of a round-up.

    Method: a heading line (:func:`~sitrep.nlp.arguments.is_heading`); a
    sentence opening with a place name run into its text, marked by a colon
    or a dash ("Aleppo: a rocket shell ...") or followed by a capitalised
    word that is no part of it ("Aleppo Death toll from ..."); a sentence
    opening with "Elsewhere" or "Separately". Limits: a place standing for
    its authorities at a sentence start ("Aleppo Governor X said") reads as a
    heading; a section opening with a sentence ("In Aleppo, ...") is only
    told apart by its places (:meth:`Setting.differs`).
    """
    if is_heading(unit, heading_max):
        return True
    opening = next((t for t in unit if not t.is_space), None)
    if opening is None:
        return False
    if opening.lower_ in _MOVING_ON:
        return True
    first = next((p for p in places if p.start == opening.i), None)
    if first is None or first.end >= unit.end:
        return False
    after = unit.doc[first.end]
    if after.text in _HEADING_MARKS:
        return True
    return (
        after.is_title
        and after.is_alpha
        and after.lower_ not in _GENERIC_ENDINGS
        and after.lower_ not in SPECIFICITY
        and not any(p.start == after.i for p in places)
    )


def opens_new_setting(unit: Span, places: Sequence[PlaceMention]) -> bool:
    """True when ``unit`` opens on a place phrase setting a new scene ("In Kherson, ...").

    Method: after an optional lead-in word ("Meanwhile", "Elsewhere"), a
    preposition of place (:data:`_SETTING_PREPS`) followed, within
    :data:`_FRONTED_MAX` words, by a comma with a place between them, or
    whose parsed phrase names a place and attaches to a verb after it; or a
    section opening (:func:`opens_section`). Limits: a fronted phrase naming the
    place of the incident told just before ("In Kupiansk, ...", after a
    sentence about Kupiansk) still reads as a new scene; callers compare the
    places.
    """
    if opens_section(unit, places):
        return True
    # the first word past any lead-in ("Meanwhile, in X, ..."): only the
    # opening words are read, not the whole unit
    prep = next(
        (t for t in unit if not (t.is_space or t.is_punct) and t.lower_ not in _LEAD_IN),
        None,
    )
    if prep is None or prep.lower_ not in _SETTING_PREPS:
        return False
    # read to the comma, not the parse: "in Kherson, a drone ..." is often
    # parsed with the place as the subject
    comma = next(
        (
            t.i
            for t in unit.doc[prep.i + 1 : min(unit.end, prep.i + 2 + _FRONTED_MAX)]
            if t.text == ","
        ),
        None,
    )
    if comma is not None and any(prep.i < p.start and p.end <= comma for p in places):
        return True
    phrase_end = prep.right_edge.i + 1
    named = any(prep.i < p.start and p.end <= phrase_end for p in places)
    return named and prep.head.i > prep.i


@dataclass(frozen=True, slots=True)
class Sections:
    """Which section of a round-up each sentence unit is in, and where it is set.

    A unit's setting is the places it names (countries left out) with those
    of its section's heading; a unit naming none is set where the unit just
    before it is (one step only: a place named in passing three sentences
    earlier does not set the scene).
    """

    section: dict[int, int]
    setting: dict[int, Setting]

    @classmethod
    def read(cls, context: DocContext, heading_max: int = 6) -> Sections:
        """Read the sections and settings of the Doc's units.

        Method: sections open at :func:`opens_section` units; a heading
        naming no place ("Sep 2014", "Photo: AFP") opens none, nor does
        anything before the first sentence of the text (a title line, or a
        dateline "Idlib - ...", opens no second section). Limits: a Title
        Case headline run into the text opens no section (captions are
        written the same way); only the places it names set it apart.
        """
        section: dict[int, int] = {}
        setting: dict[int, Setting] = {}
        places = sorted(context.places, key=lambda p: p.start)
        starts = [p.start for p in places]
        number, body_seen = 0, False
        heading_setting, last = Setting(), Setting()
        for unit in context.units:
            first = bisect_left(starts, unit.start)
            own = [p for p in places[first : bisect_left(starts, unit.end)] if p.end <= unit.end]
            named = Setting.of(own)
            heading = is_heading(unit, heading_max)
            opening = opens_section(unit, own, heading_max)
            if opening and (named.names or not heading):
                number += body_seen
                heading_setting, current = named, named
            else:
                current = heading_setting | (named if named.names else last)
            section[unit.start] = number
            setting[unit.start] = current
            last = named
            body_seen = body_seen or not heading
        return cls(section, setting)

    def apart(self, first: Span, second: Span, *, places: bool = True) -> bool:
        """True when two units tell different incidents.

        They are in different sections, or (with ``places``) set in
        different places (:meth:`Setting.differs`). Units not read are never
        apart.
        """
        one, other = self.section.get(first.start), self.section.get(second.start)
        if one is None or other is None:
            return False
        if one != other:
            return True
        if not places:
            return False
        return self.setting[first.start].differs(self.setting[second.start])


def prefer_own_setting(candidates: Sequence[EventCandidate], context: DocContext) -> list[str]:
    """Place an event by its clause's own place rather than a fronted region.

    "In the Kharkiv region, a Russian guided bomb struck a residential
    building in the town of Kupiansk": the region frames the sentence; the
    strike happened in Kupiansk. Method: an event placed by the parse at a
    region or wider, named before its trigger, takes the most specific place
    below region level of its trigger's own clause that comes after that
    region, is no reference point or origin, and is not in the clause's
    subject ("fighters in X attacked Y province" stays in Y); a fronted
    place of any level gives way the same way to a place of the clause more
    specific than it ("In Zaporizhzhia, artillery hit the village of X").
    Returns the place names taken. Limits: a region named after the trigger
    ("struck the Kharkiv region, ... the town of Kupiansk") is left as the
    parse has it.
    """
    doc = context.doc
    taken: list[str] = []
    for candidate in candidates:
        place = candidate.place
        if candidate.place_rule != "parse" or place is None:
            continue
        head = candidate.match.head(doc)
        if place.start > head.i:
            continue
        below = min(place.specificity, _REGION)
        unit = candidate.unit
        inner = [
            p
            for p in _places_in(context, unit)
            if p.start >= place.end
            and p.specificity < below
            and in_clause_of(head, doc[p.start])
            and not _in_subject(doc[p.start], head)
        ]
        if not inner:
            continue
        best = min(inner, key=lambda p: (p.specificity, p.start))
        candidate.place = best
        candidate.reasons.append(
            f"placed at '{best.span.text}', named in its clause, not at "
            f"'{place.span.text}' framing the sentence"
        )
        taken.append(best.span.text)
    return taken


def _in_subject(token: Token, head: Token) -> bool:
    """True when ``token`` sits in a subject phrase below ``head``'s clause."""
    for ancestor in (token, *token.ancestors):
        if ancestor == head:
            return False
        if ancestor.dep_ in ("nsubj", "nsubjpass"):
            return True
    return False
