"""Assemble the Report: geocode toponyms, collect actors, link facts to claims.

This is the step after the spaCy pipeline: it resolves the toponyms against
the gazetteer with the whole document as context, gives each event and
deployment its place, ties each fact to the claim(s) it comes from (what no
one is quoted for belongs to the outlet), and marks the headline event.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Collection, Iterable, Mapping, Sequence
from datetime import date

from spacy.tokens import Doc

from sitrep.geo.gazetteer import Gazetteer
from sitrep.geo.names import NameFolder, default_folder
from sitrep.geo.resolve import resolve_toponyms
from sitrep.lexicons import load_lexicon
from sitrep.nlp.actors import ActorCatalogue
from sitrep.nlp.arguments import origin_spans
from sitrep.nlp.extensions import ACTORS_KEY
from sitrep.nlp.quantities import parse_number
from sitrep.nlp.time import time_anchor
from sitrep.types import Actor, Claim, Deployment, Document, Event, Place, Report, Span

GEONAMES_CREDIT = "Place data: GeoNames (geonames.org), CC BY 4.0."


def build_report(
    document: Document,
    doc: Doc,
    gazetteer: Gazetteer,
    *,
    lang: str = "en",
    min_confidence: float = 0.0,
) -> Report:
    """Turn a processed spaCy ``Doc`` into a :class:`Report`.

    Method: places from :func:`~sitrep.geo.resolve.resolve_toponyms`; the
    same event or posture stated in several sentences merged
    (:func:`merge_repeated_events`, :func:`merge_repeated_postures`); events
    without a place of their own placed by the article
    (:func:`locate_by_article`) and undated facts dated by it
    (:func:`date_undated`); actors grouped by canonical id from the actor
    stage's spans; claim links by span containment (a fact whose trigger lies
    inside a claim's content is that claim's); headline by
    :func:`choose_headline`. Limits: merging stays within one article (corpus
    clustering merges reports of one event across articles).
    """
    geo = resolve_toponyms(list(doc._.sitrep_toponyms), document.text, gazetteer)
    events: list[Event] = [e for e in doc._.sitrep_events if e.confidence >= min_confidence]
    deployments: list[Deployment] = [
        d for d in doc._.sitrep_deployments if d.confidence >= min_confidence
    ]
    facts: list[Event | Deployment] = [*events, *deployments]
    for item in facts:
        if item.place is None:
            item.place = geo.place_for(item.place_mention)
    events = merge_repeated_events(events, geo.places)
    deployments = merge_repeated_postures(deployments)
    datelines = {(t.span.start, t.span.end) for t in doc._.sitrep_toponyms if t.role == "dateline"}
    # capitals standing for governments ("Moscow said") and places naming an
    # institution ("Danbury police") say nothing of where the story happened
    governments = {
        (t.span.start, t.span.end)
        for t in doc._.sitrep_toponyms
        if t.role in ("government", "modifier")
    }
    locate_by_article(
        events,
        geo.places,
        focus=geo.focus,
        title=document.title,
        datelines=datelines,
        uncounted=origin_spans(doc) | governments,
    )
    date_undated([*events, *deployments], time_anchor(doc, lang))
    claims: list[Claim] = list(doc._.sitrep_claims)
    link_claims(events, deployments, claims, outlet=document.outlet)
    actors = collect_actors(doc, lang=lang)
    foreign_forces_take_territory(events, actors, geo.places)
    choose_headline(
        events, title=document.title, places=geo.places, actors=actors, text=document.text
    )
    report = Report(
        document=document,
        actors=actors,
        places=geo.places,
        events=events,
        deployments=deployments,
        claims=claims,
        relations=list(doc._.sitrep_relations),
        credits=list(getattr(gazetteer, "credits", None) or [GEONAMES_CREDIT]),
    )
    if len(document.text) and not doc.has_annotation("DEP"):
        report.warnings.append("the text was not parsed; nothing could be extracted")
    return report


def collect_actors(doc: Doc, *, lang: str = "en") -> list[Actor]:
    """One :class:`Actor` per actor id found by the actor stage.

    Names, ACLED names and inter codes come from the actor catalogue, which
    specialises generic actors to the document's country ("Civilians
    (Syria)") and gives foreign state forces inter 8.
    """
    catalogue = ActorCatalogue.load(lang)
    focus = doc._.sitrep_focus_country if Doc.has_extension("sitrep_focus_country") else None
    actors: dict[str, Actor] = {}
    for span in doc.spans.get(ACTORS_KEY, []):
        actor_id = span._.sitrep_actor
        if actor_id is None:
            continue
        actor = actors.get(actor_id)
        if actor is None:
            facts = catalogue.describe(actor_id, focus)
            actor = actors[actor_id] = Actor(
                id=actor_id,
                name=facts["name"],
                kind=facts.get("kind") or span.label_ or "unknown",
                acled_name=facts.get("acled_name"),
                inter=facts.get("inter"),
                country=facts.get("country"),
            )
        actor.mentions.append(Span(span.start_char, span.end_char, span.text))
        if span.text not in actor.aliases:
            actor.aliases.append(span.text)
    return list(actors.values())


def foreign_forces_take_territory(
    events: Iterable[Event], actors: Sequence[Actor], places: Sequence[Place]
) -> None:
    """A state force taking a place in another country overtakes it; it regains nothing.

    ACLED keeps "Government regains territory" for a government retaking
    its own country's ground and codes a foreign state force's capture
    (Russian forces taking a Ukrainian village) as "Non-state actor
    overtakes territory". The event stage does not know where its places
    are; after geocoding, an event whose actor 1 is a state force foreign
    to the story (ACLED inter 8) and of another country than its place's
    is retyped, and says why. Limits: a story told from the invader's side
    (its forces are the story's own) keeps "Government regains territory";
    an event without a resolved place keeps its type.
    """
    # foreign to the story (inter 8) as well as to the place: a place
    # geocoded abroad by mistake never makes the story's own army foreign
    states = {a.name: a for a in actors if a.kind == "state" and a.country and a.inter == 8}
    by_id = {p.id: p for p in places}
    for event in events:
        if event.sub_event_type != "Government regains territory" or event.actor1 is None:
            continue
        actor, place = states.get(event.actor1), by_id.get(event.place or "")
        if actor is None or place is None or not place.country or actor.country == place.country:
            continue
        event.sub_event_type = "Non-state actor overtakes territory"
        event.evidence.explanation += (
            f"; {event.actor1} is a foreign state force in {place.country}: "
            "it overtakes the territory (ACLED's practice)"
        )


#: Characters at the start of an article that count as its lead.
LEAD_CHARS = 400
#: ``Place.geo_precision`` of a place at country level (ACLED's 1-3 are below it).
COUNTRY_PRECISION = 4


def main_place(
    places: Sequence[Place],
    *,
    focus: Sequence[str] = (),
    title: str | None = None,
    datelines: Collection[tuple[int, int]] = (),
    uncounted: Collection[tuple[int, int]] = (),
) -> Place | None:
    """The sub-national place an article is mainly about, or None.

    Method: among places below country level in the article's focus country
    (the first of ``focus`` that has any, else any), each scores its number of mentions,
    plus 2 when named in the title or the lead; a town beats a division on
    ties. A place named only in a dateline (``datelines``: the spans of
    mentions with ``role="dateline"``) is where the story was filed: it
    comes in only when the article names no other place below country
    level, and named places abroad come before it. Mentions in ``uncounted``
    say nothing of where the story happened — where people came from
    ("evacuees from X"), a capital standing for its government ("its
    Damascus ally") — and do not count, for the mentions nor for the lead;
    a place named only so comes in only when nothing else would. Limits: an
    article about two places equally gets the earlier one.
    """
    below = [p for p in places if p.geo_precision < COUNTRY_PRECISION]
    if uncounted:
        # "evacuees from the towns of X" told five times is still not where it happened
        counted = [p for p in below if any((m.start, m.end) not in uncounted for m in p.mentions)]
        below = counted or below
    # The strongest focus country that has a place below country level: a
    # "US-led coalition" story set in Syria names the US more than any town.
    candidates = below if not focus else []
    for country in focus:
        candidates = [p for p in below if p.country == country]
        if candidates:
            break
    if datelines:
        named = [p for p in below if any((m.start, m.end) not in datelines for m in p.mentions)]
        # A focus that rests on the dateline alone ("MOSCOW (Sputnik) - ... in
        # Raqqa") is no focus: the places the story names come first.
        candidates = [p for p in candidates if p in named] or named or candidates
    if not candidates:
        return None
    title_folded = (title or "").lower()

    def score(place: Place) -> tuple[float, int, int]:
        counted = [m for m in place.mentions if (m.start, m.end) not in uncounted]
        value = float(len(counted))
        first = min((m.start for m in counted or place.mentions), default=1 << 30)
        if first < LEAD_CHARS or (title_folded and place.name.lower() in title_folded):
            value += 2.0
        return (value, -place.geo_precision, -first)

    return max(candidates, key=score)


def locate_by_article(
    events: Sequence[Event],
    places: Sequence[Place],
    *,
    focus: Sequence[str] = (),
    title: str | None = None,
    datelines: Collection[tuple[int, int]] = (),
    uncounted: Collection[tuple[int, int]] = (),
) -> None:
    """Place events that their own sentence does not place, by their article.

    ACLED's practice: an event whose exact location is not given is coded to
    the nearest named place with geo precision 2 (3 when that is a
    first-order division). An event with no place, or placed only at a
    country, takes the article's :func:`main_place` with ``geo_precision`` 2
    or 3 and a note in its evidence. In an article with a focus country, a
    country-level place abroad is moved too: an event located by nothing but
    a foreign country's name ("a Russian air strike" in a story set in Syria)
    names its actor's country, not where it happened. Limits: the main place
    is an article-level guess; events at a town abroad keep it.
    """
    main = main_place(places, focus=focus, title=title, datelines=datelines, uncounted=uncounted)
    if main is None:
        return
    by_id = {p.id: p for p in places}
    for event in events:
        current = by_id.get(event.place) if event.place else None
        if current is not None and current.geo_precision < COUNTRY_PRECISION:
            continue
        # A country-level place abroad is an actor's country in a story set
        # in the main focus country; if the main place lies in a secondary
        # focus country, the event may well be in the first one.
        abroad = current is not None and current.country != main.country
        if abroad and (not focus or main.country != focus[0]):
            continue
        event.place = main.id
        event.geo_precision = max(2, main.geo_precision)
        note = (
            f"placed at the article's main place {main.name} "
            "(no place of its own below country level)"
        )
        event.evidence.explanation = "; ".join(
            part for part in (event.evidence.explanation, note) if part
        )


#: ACLED time precision given to a fact dated only by its article (the week of
#: the report: news reports events of the last few days).
UNDATED_PRECISION = 2


def date_undated(items: Sequence[Event | Deployment], anchor: date | None) -> None:
    """Date facts that have no time expression of their own by their article.

    ``anchor`` is the article's dateline date, else its publication date. The
    fact keeps ``date_text`` None and gets ACLED time precision 2 (the week),
    since a report without a date usually tells of the last few days. A
    ``historical`` fact (a battle centuries ago) is left undated: it is not
    of the article's days.
    """
    if anchor is None:
        return
    for item in items:
        if item.date is None and item.modality != "historical":
            item.date = anchor
            item.date_precision = UNDATED_PRECISION


def _supporting_claims(anchor: Span, claims: Sequence[Claim]) -> list[Claim]:
    """Claims whose content holds ``anchor``, innermost first."""
    holding = [c for c in claims if c.content.contains(anchor)]
    if not holding:
        holding = [c for c in claims if c.content.overlaps(anchor)]
    return sorted(holding, key=lambda c: c.content.end - c.content.start)


def link_claims(
    events: Iterable[Event],
    deployments: Iterable[Deployment],
    claims: Sequence[Claim],
    *,
    outlet: str | None,
) -> None:
    """Tie every event and deployment to the claims it comes from.

    The innermost claim gives ``source`` and ``source_role``; with no claim the
    outlet is the source. Claims list back the ids of what they support.
    """
    items: list[Event | Deployment] = [*events, *deployments]
    for item in items:
        anchor = item.trigger if item.trigger is not None else item.evidence.sentence
        support = _supporting_claims(anchor, claims)
        for other in item.also_reported:
            support += [c for c in _supporting_claims(other, claims) if c not in support]
        item.claims = [c.id for c in support]
        named = next((c for c in support if c.speaker), None)
        if named is not None:
            item.source, item.source_role = named.speaker, named.speaker_role
        elif item.source is None:
            item.source = outlet
        for claim in support:
            target = claim.events if isinstance(item, Event) else claim.deployments
            if item.id not in target:
                target.append(item.id)


def _same_event(first: Event, second: Event, places: Mapping[str, Place] | None = None) -> bool:
    """True when two event records read as one ACLED event.

    Same type and sub-type, the same modality (a statement repeated as a
    possibility is one possibility), the same actors in any order — or one
    record's actors a part of the other's with the same actor 1 ("regime
    raids kill 10" and "regime aircraft killed 10 civilians") — the same
    place where both have one, and no conflicting day or toll (different
    tolls stay apart: they are different claims). With ``places`` (the
    report's places by id), a place at country level agrees with any place
    in that country when both state the same toll: "Syria regime raids kill
    10" and the raids that "killed 10 people in Idlib province".
    """
    if (first.event_type, first.sub_event_type) != (second.event_type, second.sub_event_type):
        return False
    if first.modality != second.modality:
        return False
    if not _same_sides(first, second):
        return False
    if first.actor1 is None and first.actor2 is None and first.place != second.place:
        return False
    if not _places_agree(first.place, second.place, places or {}):
        return False
    # a country and a town in it are one event only with one stated toll
    # ("A mosque was also destroyed by regime airstrikes" is another one), or
    # when the second names the first's dead again ("the civilians were killed
    # as aircraft hit a building in X")
    if (
        first.place
        and second.place
        and first.place != second.place
        and (first.fatalities is None or first.fatalities != second.fatalities)
        and not (
            first.fatalities is not None
            and second.fatalities is None
            and _names_the_dead_again(second)
        )
    ):
        return False
    for a, b in (
        (first.date, second.date),
        (first.fatalities, second.fatalities),
        (first.injuries, second.injuries),
    ):
        if a is not None and b is not None and a != b:
            return False
    return True


@functools.cache
def _dead_again_pattern(lang: str = "en") -> re.Pattern[str]:
    """Definite victims then a casualty word: "the civilians were killed", "the victims died"."""
    words = load_lexicon("quantities", lang)
    nouns = {*words["person_nouns"], *words["force_nouns"]}
    plurals = {n for n in nouns if n.endswith(("s", "men", "ren", "people"))} | {
        f"{n}s" for n in nouns if not n.endswith("s")
    }
    dead = [w for w, kind in words["casualty_words"].items() if kind in ("killed", "injured")]
    return re.compile(
        rf"\b(?i:the)\s+(?:[\w-]+\s+)?(?:{'|'.join(sorted(map(re.escape, plurals)))})"
        r"\s+(?:(?:who|that)\s+)?(?:(?:were|was|had\s+been|have\s+been|are|got)\s+"
        rf"(?:{'|'.join(sorted(map(re.escape, dead)))})|died|perished)\b"
    )


def _names_the_dead_again(event: Event) -> bool:
    """Whether the event's sentence speaks of dead already counted ("the civilians were killed").

    A definite article before the victims refers back to a toll given
    before. "Other"/"also"/"another" mark a new incident. Limits: English
    wording from the quantities lexicon; a sentence about earlier dead of
    another incident ("the soldiers killed last year") would also match.
    """
    text = event.evidence.sentence.text
    if re.search(r"\b(?i:also|another|other)\b", text):
        return False
    return _dead_again_pattern().search(text) is not None


def _same_sides(first: Event, second: Event) -> bool:
    """The same actors, or one record's a part of the other's with one actor 1."""
    ours = {first.actor1, first.actor2} - {None}
    theirs = {second.actor1, second.actor2} - {None}
    if ours == theirs:
        return True
    if not ours or not theirs or not (ours <= theirs or theirs <= ours):
        return False
    return first.actor1 == second.actor1


def _places_agree(first: str | None, second: str | None, places: Mapping[str, Place]) -> bool:
    """Equal places, a missing one, or a country and a place inside it."""
    if first is None or second is None or first == second:
        return True
    one, other = places.get(first), places.get(second)
    if one is None or other is None or one.country != other.country:
        return False
    return COUNTRY_PRECISION in (one.geo_precision, other.geo_precision)


#: Fields a merged record takes from its repeats when it lacks them.
_EVENT_FILLABLE = (
    *("place", "place_mention", "date", "date_end", "date_precision", "date_text"),
    *("fatalities", "injuries", "casualties_text"),
    # "regime raids kill 10" merged with "regime aircraft killed 10 civilians"
    # takes the victims the second names (same actor 1: see _same_sides)
    *("actor2", "actor2_mention"),
)
_POSTURE_FILLABLE = (
    *("strength", "strength_text", "strength_qualifier", "composition"),
    *("place_mention", "date", "date_precision", "date_text"),
)


def _fill_missing(
    twin: Event | Deployment, other: Event | Deployment, names: tuple[str, ...]
) -> None:
    """Copy onto ``twin`` the fields in ``names`` it lacks and ``other`` has."""
    for name in names:
        if getattr(twin, name) is None and getattr(other, name) is not None:
            setattr(twin, name, getattr(other, name))


#: Trigger words that name an attack without saying how it was done.
_GENERIC_ATTACK_WORDS = frozenset({"attack", "attacks", "assault"})


def _type_generic_attacks(events: Sequence[Event], places: Mapping[str, Place]) -> None:
    """Give a generic "attack" the type of the report that tells how it was done.

    "Paramilitary attack on X kills at least 40" and "the RSF shelled a camp
    near X, killing at least 40" are one event: the headline's "attack"
    (typed an armed clash by default) takes the shelling's type when both
    state the same toll and name the same actor 1 and their places agree,
    so the merge that follows folds them into one record. Limits: only a
    stated, equal toll and a named doer link them; an "attack" without
    either keeps its default type.
    """
    specific = [
        e
        for e in events
        if e.trigger.text.lower() not in _GENERIC_ATTACK_WORDS and e.fatalities is not None
    ]
    for event in events:
        if event.trigger.text.lower() not in _GENERIC_ATTACK_WORDS or event.fatalities is None:
            continue
        match = next(
            (
                other
                for other in specific
                if other.fatalities == event.fatalities
                and other.modality == event.modality
                and other.event_type != "Strategic developments"
                and event.actor1 is not None
                and other.actor1 == event.actor1
                and _places_agree(event.place, other.place, places)
            ),
            None,
        )
        if match is None or (match.event_type, match.sub_event_type) == (
            event.event_type,
            event.sub_event_type,
        ):
            continue
        event.event_type, event.sub_event_type = match.event_type, match.sub_event_type
        event.plover = match.plover
        event.evidence.explanation += (
            f"; typed as '{match.trigger.text}', the same toll told with its means"
        )


def merge_repeated_events(events: Sequence[Event], places: Sequence[Place] = ()) -> list[Event]:
    """Merge the records of one event reported in several sentences.

    Method: in text order, an event that :func:`_same_event` matches with an
    earlier one is folded into it: its trigger joins ``also_reported``, and
    its place, date, toll, casualty words and weapons fill what the first
    lacks, its associated actors join the first's, and a place inside the
    first one's country replaces a place at country level (``places``, the
    report's places, tell which is which).
    Limits: a chain of partial matches (A~B, B~C, not A~C) merges by the
    first match only.
    """
    by_id = {p.id: p for p in places}
    _type_generic_attacks(events, by_id)
    kept: list[Event] = []
    for event in sorted(events, key=lambda e: e.trigger.start):
        twin = next((k for k in kept if _same_event(k, event, by_id)), None)
        if twin is None:
            kept.append(event)
            continue
        current = by_id.get(twin.place or "")
        if current is not None and current.geo_precision == COUNTRY_PRECISION and event.place:
            finer = by_id.get(event.place)
            if finer is not None and finer.geo_precision < COUNTRY_PRECISION:
                twin.place, twin.place_mention = event.place, event.place_mention
        twin.also_reported.append(event.trigger)
        _fill_missing(
            twin,
            event,
            _EVENT_FILLABLE,
        )
        twin.weapons += [w for w in event.weapons if w not in twin.weapons]
        # associates named in either report, never one of the two main actors
        main = {twin.actor1, twin.actor2}
        twin.assoc_actor1 = list(
            dict.fromkeys(a for a in [*twin.assoc_actor1, *event.assoc_actor1] if a not in main)
        )
        twin.assoc_actor2 = list(
            dict.fromkeys(a for a in [*twin.assoc_actor2, *event.assoc_actor2] if a not in main)
        )
        twin.confidence = min(1.0, max(twin.confidence, event.confidence) + 0.05)
        note = f"also reported at {event.trigger.start} ({event.evidence.rule})"
        twin.evidence.explanation = "; ".join(
            part for part in (twin.evidence.explanation, note) if part
        )
    return kept


def merge_repeated_postures(deployments: Sequence[Deployment]) -> list[Deployment]:
    """Merge statements of one force posture or control made in several sentences.

    Method: in text order, a posture with the same kind, role, actor, place
    and extent as an earlier one, asserted like it, and with no conflicting
    strength, is folded into it: its evidence sentence joins
    ``also_reported`` and its strength, date and place mention fill what the
    first lacks. Different strengths stay apart (they are different claims).
    """
    kept: list[Deployment] = []
    for posture in sorted(deployments, key=lambda d: d.evidence.sentence.start):
        twin = next(
            (
                k
                for k in kept
                if (k.kind, k.role, k.actor, k.place, k.extent, k.modality)
                == (
                    posture.kind,
                    posture.role,
                    posture.actor,
                    posture.place,
                    posture.extent,
                    posture.modality,
                )
                and k.place is not None
                and (k.strength is None or posture.strength in (None, k.strength))
            ),
            None,
        )
        if twin is None:
            kept.append(posture)
            continue
        twin.also_reported.append(posture.trigger or posture.evidence.sentence)
        _fill_missing(
            twin,
            posture,
            _POSTURE_FILLABLE,
        )
        twin.confidence = min(1.0, max(twin.confidence, posture.confidence) + 0.05)
    return kept


_VIOLENT = {"Battles", "Explosions/Remote violence", "Violence against civilians"}


#: Endings folded by :func:`_title_stem`, longest first ("es" only after a
#: sibilant: "clashes" -> "clash", "airstrikes" -> "airstrike").
_TITLE_ENDINGS = ("ings", "ing", "ches", "shes", "sses", "xes", "ed", "s")
#: Stems of casualty words: shared with a title they are weak evidence (every
#: toll says "killed"), unlike a means ("airstrike", "bomb", "shell").
_CASUALTY_STEMS = frozenset(
    "kill dead death di die wound injur injure slain casualti casualty toll".split()
)


def _title_stem(word: str) -> str:
    """A light stem: one ending of :data:`_TITLE_ENDINGS` dropped ("killed", "kills" -> "kill").

    Limits: no dictionary; a stem keeps at least four letters, so "dies"
    and "shed" stay as they are.
    """
    word = word.lower()
    for ending in _TITLE_ENDINGS:
        if not word.endswith(ending):
            continue
        # after a sibilant only "es" goes: "clashes" -> "clash", "passes" -> "pass"
        stem = word[:-2] if ending in ("ches", "shes", "sses", "xes") else word[: -len(ending)]
        if len(stem) >= 4:
            return stem
    return word


def _title_words(title: str | None) -> set[str]:
    """Stems of the words of a title ("Airstrikes" -> "airstrike", "Kills" -> "kill")."""
    words = re.findall(r"[A-Za-z][A-Za-z-]{2,}", title or "")
    return {_title_stem(w) for w in words}


def _title_numbers(title: str | None) -> set[int]:
    """Counts written in a title ("kills 38", "Five killed"), for matching a toll."""
    numbers: set[int] = set()
    for word in re.findall(r"[A-Za-z-]+|\d[\d,.]*", title or ""):
        parsed = parse_number(word.rstrip(",."))
        if parsed is not None and parsed.value is not None:
            numbers.add(int(parsed.value))
    return numbers


def _title_keys(title: str, folder: NameFolder) -> set[str]:
    """Transliteration keys of every run of one to three words of ``title``."""
    words = re.findall(r"[^\W_][\w'-]*", title)
    keys: set[str] = set()
    for size in (1, 2, 3):
        for i in range(len(words) - size + 1):
            key = folder.key(" ".join(words[i : i + size]))
            if len(key) > 2:
                keys.add(key)
    return keys


def title_places(places: Sequence[Place], title: str | None) -> set[str]:
    """Ids of the places below country level that the title names, or whose division it names.

    Method: a place's name, the words of its mentions and its first-order
    division's name are compared with the title's runs of one to three words
    by transliteration key (:meth:`~sitrep.geo.names.NameFolder.key`), so
    "Sarmin" counts for a title saying "Idlib", and a division a layer
    spells "Idleb" for a title saying "Idlib". Limits: the title is not
    parsed; a name shared with a common word would count.
    """
    if not title:
        return set()
    folder = default_folder()
    in_title = _title_keys(title, folder)
    named: set[str] = set()
    for place in places:
        if place.geo_precision >= COUNTRY_PRECISION:
            continue
        names = {place.name, *(m.text for m in place.mentions)}
        if place.admin1:
            names.add(place.admin1)
        if any(folder.key(name) in in_title for name in names):
            named.add(place.id)
    return named


#: A sentence naming places in this many first-order divisions sums up
#: several incidents ("attacks in Damascus, Aleppo and Idlib killed six").
ROUNDUP_DIVISIONS = 3


def _divisions_named(sentence: Span, places: Sequence[Place], country: str | None) -> int:
    """How many first-order divisions of ``country`` the places named in ``sentence`` lie in.

    Only the event's own country counts: capitals named for their
    governments ("the struggle between Moscow and Tehran") list no incidents.
    """
    return len(
        {
            p.admin1 or p.id
            for p in places
            if p.geo_precision < COUNTRY_PRECISION
            and p.country == country
            and any(sentence.contains(m) for m in p.mentions)
        }
    )


def title_actors(actors: Sequence[Actor], title: str | None) -> set[str]:
    """Names of the actors whose wording in the article recurs in the title.

    Method: each actor's aliases (its mentions' words: "Russian", "the
    regime", "SDF") looked up as whole words, case-insensitively, in the
    title. Limits: the title is not parsed; an actor the title names in
    words the article never uses is missed.
    """
    if not title:
        return set()
    folded = f" {' '.join(re.findall(r'[a-z0-9]+', title.lower()))} "
    named: set[str] = set()
    for actor in actors:
        for alias in actor.aliases:
            words = " ".join(re.findall(r"[a-z0-9]+", alias.lower()))
            if len(words) > 2 and f" {words} " in folded:
                named.add(actor.name)
                break
    return named


#: Characters from the start of a text searched for its title (after a dateline or a date).
_TITLE_REACH = 400


def title_span(text: str, title: str | None) -> tuple[int, int] | None:
    """Where the title is repeated at the top of the text, as (start, end) offsets.

    Method: the title's words, in order, separated by anything but letters
    and digits, matched case-insensitively within the first
    :data:`_TITLE_REACH` characters (agencies open with "18 November 2016
    <title>. <lead>"). Limits: a title the text rewords is not found.
    """
    words = re.findall(r"[^\W_]+", title or "")
    if not words:
        return None
    pattern = r"\W+".join(re.escape(w) for w in words)
    match = re.search(pattern, text[: _TITLE_REACH + len(title or "")], re.IGNORECASE)
    return (match.start(), match.end()) if match else None


def choose_headline(
    events: list[Event],
    *,
    title: str | None = None,
    places: Sequence[Place] = (),
    actors: Sequence[Actor] = (),
    text: str = "",
) -> Event | None:
    """Mark the one event the article is mainly about (``headline = True``).

    Method: a score favouring asserted violent events, early mention, a
    stated toll, a resolved place, confidence, a trigger word shared with
    the title, a place of its own that the title names (:func:`title_places`),
    an actor 1 the title names (:func:`title_actors`), and above all a toll
    equal to a number in the title ("Russian strike kills 38 …" names the
    incident the article is about). A sentence that names places in
    :data:`ROUNDUP_DIVISIONS` or more divisions of the event's country sums
    up several incidents (a daily round-up): it gets no title bonus (the
    title sums them up too) and a small penalty, so that an incident
    reported in detail is the headline. A title naming places in
    :data:`ROUNDUP_DIVISIONS` or more divisions ("Four killed in attacks in
    Damascus, Aleppo, Homs and Hasaka") makes the article a round-up: the
    title's own events (where ``text`` repeats it, :func:`title_span`) sum up
    the others, and the body's deadliest incident (the first of equals) is
    the headline, as an editor leads with it. Limits: a heuristic; an
    article about several equal incidents gets the first strong one.

    A trigger shares the title's word after light stemming ("killed" for
    "Kills"); a casualty word shared ("kill", "dead") counts for less than a
    means ("airstrike", "bombing"): every toll says it. The actor bonus goes
    only to an event with a toll when another event has one: a title's
    actor should not lift a vaguer mention over the reported incident.
    """
    for event in events:
        event.headline = False
    candidates = [e for e in events if e.modality == "asserted"] or list(events)
    if not candidates:
        return None
    first = min(e.trigger.start for e in candidates)
    last = max(e.trigger.start for e in candidates) or 1
    title_words = _title_words(title)
    title_numbers = _title_numbers(title)
    in_title = title_places(places, title)
    doers_in_title = title_actors(actors, title)
    country_of = {p.id: p.country for p in places}
    any_toll = any(e.fatalities is not None for e in candidates)
    admin1_of = {p.id: p.admin1 for p in places}
    roundup = len({admin1_of[i] for i in in_title if admin1_of.get(i)}) >= ROUNDUP_DIVISIONS
    in_title_text = title_span(text, title) if roundup else None

    def sums_up(event: Event) -> bool:
        """Whether the event sums up a round-up: the title's, or a sentence naming many places."""
        if in_title_text is not None and in_title_text[0] <= event.trigger.start < in_title_text[1]:
            return True
        country = country_of.get(event.place or "")
        return _divisions_named(event.evidence.sentence, places, country) >= ROUNDUP_DIVISIONS

    summed_up = {id(e) for e in candidates if sums_up(e)}
    lead = None
    if roundup:
        # the deadliest incident, the first of equals
        lead = max(
            (
                e
                for e in candidates
                if e.fatalities is not None and e.event_type in _VIOLENT and id(e) not in summed_up
            ),
            key=lambda e: (e.fatalities or 0, -e.trigger.start),
            default=None,
        )

    def score(event: Event) -> float:
        value = event.confidence
        value += 1.0 if event.event_type in _VIOLENT else 0.0
        value += 0.6 if event.fatalities is not None else 0.0
        value += 0.4 if event.place is not None else 0.0
        value += 0.5 * (1.0 - (event.trigger.start - first) / max(last - first, 1))
        if id(event) in summed_up:
            return value - 0.5  # a round-up: the title sums it up too
        if event is lead:
            value += 1.0  # the first incident a round-up reports
        shared = title_words & _title_words(event.trigger.text)
        if shared - _CASUALTY_STEMS:
            value += 0.6  # a little more than being first
        elif shared:
            value += 0.4  # "kill" in both: weaker, every toll says it
        if event.fatalities is not None and event.fatalities in title_numbers:
            value += 1.0
        # Only a place the event's own sentence gives: one inferred from the
        # article (geo_precision set by locate_by_article) says nothing.
        if event.place in in_title and event.geo_precision is None:
            value += 0.5
        if (
            event.actor1 is not None
            and event.actor1 in doers_in_title
            and (event.fatalities is not None or not any_toll)
        ):
            value += 0.3
        return value

    best = max(candidates, key=score)
    best.headline = True
    return best
