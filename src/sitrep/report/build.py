"""Assemble the Report: geocode toponyms, collect actors, link facts to claims.

This is the step after the spaCy pipeline: it resolves the toponyms against
the gazetteer with the whole document as context, gives each event and
deployment its place, ties each fact to the claim(s) it comes from (what no
one is quoted for belongs to the outlet), and marks the headline event.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from spacy.tokens import Doc

from sitrep.geo.gazetteer import Gazetteer
from sitrep.geo.resolve import resolve_toponyms
from sitrep.lexicons import load_lexicon
from sitrep.nlp.extensions import ACTORS_KEY
from sitrep.types import Actor, Claim, Deployment, Document, Event, Report, Span

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

    Method: places from :func:`~sitrep.geo.resolve.resolve_toponyms`; actors
    grouped by canonical id from the actor stage's spans; claim links by span
    containment (a fact whose trigger lies inside a claim's content is that
    claim's); headline by :func:`choose_headline`. Limits: linking is
    sentence-local; a fact reported twice stays two facts here (corpus
    clustering merges them).
    """
    geo = resolve_toponyms(list(doc._.sitrep_toponyms), document.text, gazetteer)
    events: list[Event] = [e for e in doc._.sitrep_events if e.confidence >= min_confidence]
    deployments: list[Deployment] = [
        d for d in doc._.sitrep_deployments if d.confidence >= min_confidence
    ]
    located: list[Event | Deployment] = [*events, *deployments]
    for item in located:
        if item.place is None:
            item.place = geo.place_for(item.place_mention)
    claims: list[Claim] = list(doc._.sitrep_claims)
    link_claims(events, deployments, claims, outlet=document.outlet)
    choose_headline(events, title=document.title)
    report = Report(
        document=document,
        actors=collect_actors(doc, lang=lang),
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
    """One :class:`Actor` per canonical actor id found by the actor stage."""
    catalogue = {entry["id"]: entry for entry in load_lexicon("actors", lang)["actors"]}
    actors: dict[str, Actor] = {}
    for span in doc.spans.get(ACTORS_KEY, []):
        actor_id = span._.sitrep_actor
        if actor_id is None:
            continue
        entry = catalogue.get(actor_id, {})
        actor = actors.get(actor_id)
        if actor is None:
            actor = actors[actor_id] = Actor(
                id=actor_id,
                name=entry.get("name", actor_id),
                kind=entry.get("kind", span.label_ or "unknown"),
                acled_name=entry.get("acled_name"),
                inter=entry.get("inter"),
                country=entry.get("country"),
            )
        actor.mentions.append(Span(span.start_char, span.end_char, span.text))
        if span.text not in actor.aliases:
            actor.aliases.append(span.text)
    return list(actors.values())


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


_VIOLENT = {"Battles", "Explosions/Remote violence", "Violence against civilians"}


def choose_headline(events: list[Event], *, title: str | None = None) -> Event | None:
    """Mark the one event the article is mainly about (``headline = True``).

    Method: a score favouring asserted violent events, early mention, a
    stated toll, a resolved place, confidence, and a trigger word shared with
    the title. Limits: a heuristic; an article about several equal incidents
    gets the first strong one.
    """
    for event in events:
        event.headline = False
    candidates = [e for e in events if e.modality == "asserted"] or list(events)
    if not candidates:
        return None
    first = min(e.trigger.start for e in candidates)
    last = max(e.trigger.start for e in candidates) or 1
    title_words = {w.lower() for w in (title or "").split() if len(w) > 3}

    def score(event: Event) -> float:
        value = event.confidence
        value += 1.0 if event.event_type in _VIOLENT else 0.0
        value += 0.6 if event.fatalities is not None else 0.0
        value += 0.4 if event.place is not None else 0.0
        value += 0.5 * (1.0 - (event.trigger.start - first) / max(last - first, 1))
        if title_words and event.trigger.text.lower() in title_words:
            value += 0.5
        return value

    best = max(candidates, key=score)
    best.headline = True
    return best
