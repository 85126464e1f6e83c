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
  place.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Span, Token

from sitrep.nlp.arguments import DocContext, PlaceMention, in_clause_of

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


def _definite_mention(trigger: Token) -> bool:
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
    noun (:func:`_definite_mention`) with a parse-attached place gives that
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
        if mention.place is None or not _definite_mention(mention.match.head(doc)):
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
            if not _definite_mention(antecedent.match.head(doc)):
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
    candidates: Sequence[EventCandidate], units: Sequence[Span], violent: frozenset[str]
) -> list[EventCandidate]:
    """Place an event its sentence does not place by the next sentences' details.

    News tells an incident in its lead and where it happened just after.
    Method: a violent candidate placed by no rule or by the article only
    takes the parse-attached place of the first later violent candidate of
    the same event type within :data:`_ELABORATION_UNITS` sentence units,
    when their armed sides do not differ. Returns the candidates placed.
    Limits: a round-up lead followed by one of its incidents takes that
    incident's place.
    """
    starts = {unit.start: position for position, unit in enumerate(units)}
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
