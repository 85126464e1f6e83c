"""A report built by hand (no model): the input of the output-format tests."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest

from sitrep.types import (
    Actor,
    Claim,
    Deployment,
    Document,
    Event,
    Evidence,
    Place,
    Relation,
    Report,
    Span,
)

TEXT = (
    "Jane Doe-Kyiv\n\n"
    "Clashes broke out between Russian and Iranian forces in the Hamdaniyah "
    "neighbourhood of Aleppo two days ago, causing deaths and injuries, a spokesman "
    "of the opposition said. "
    "About 3,000 Iranian fighters are based at the airport. "
    "Shelling was reported elsewhere. "
    "The town is in the custody of the Iranians."
)


def span_of(text: str, needle: str, start: int = 0) -> Span:
    """The span of the first ``needle`` in ``text`` at or after ``start``."""
    at = text.index(needle, start)
    return Span(at, at + len(needle), needle)


def sentence_of(text: str, needle: str) -> Span:
    """The sentence (ending in '. ' or at the end) holding ``needle``."""
    at = text.index(needle)
    start = max(text.rfind(". ", 0, at) + 2, text.rfind("\n", 0, at) + 1)
    end = text.find(". ", at)
    end = len(text) if end < 0 else end + 1
    return Span(start, end, text[start:end])


def make_report(doc_id: str = "doc-1", credits: list[str] | None = None) -> Report:
    """A small report with every kind of record, located and not."""
    text = TEXT
    clash_sentence = sentence_of(text, "Clashes broke out")
    base_sentence = sentence_of(text, "About 3,000")
    shelling_sentence = sentence_of(text, "Shelling was")
    control_sentence = sentence_of(text, "custody")
    document = Document(
        id=doc_id,
        text=text,
        title="Clashes in Aleppo",
        outlet="Example News",
        byline="Jane Doe",
        byline_span=span_of(text, "Jane Doe"),
        published=date(2019, 7, 1),
        url="https://example.org/a",
        language="en",
    )
    places = [
        Place(
            id="p1",
            name="Hamdaniyah",
            lat=36.18,
            lon=37.11,
            geonameid=170001,
            admin1="Aleppo",
            country="SY",
            feature="PPLX",
            geo_precision=2,
            mentions=[span_of(text, "Hamdaniyah")],
        ),
        Place(
            id="p2",
            name="Syria",
            lat=35.0,
            lon=38.0,
            geonameid=163843,
            admin1=None,
            country="SY",
            feature="PCLI",
            geo_precision=4,
            mentions=[],
        ),
    ]
    actors = [
        Actor(
            id="russia",
            name="Russia",
            kind="state",
            acled_name="Military Forces of Russia (2000-)",
            inter=8,
            country="RU",
            aliases=["Russian"],
            mentions=[span_of(text, "Russian")],
        ),
        Actor(
            id="iran",
            name="Iran",
            kind="state",
            acled_name="Military Forces of Iran (1989-)",
            inter=1,
            country="IR",
            aliases=["Iranian"],
            mentions=[span_of(text, "Iranian")],
        ),
        Actor(id="opposition", name="Syrian opposition", kind="rebel", inter=None),
    ]
    claim = Claim(
        id="c1",
        cue=span_of(text, "said"),
        content=Span(clash_sentence.start, text.index(", a spokesman"), "x"),
        type="indirect",
        source=span_of(text, "a spokesman of the opposition"),
        speaker="spokesman of the opposition",
        speaker_role="spokesman of the opposition",
        events=["e1"],
        evidence=Evidence(sentence=clash_sentence, rule="attribution.cue:say"),
        confidence=0.8,
    )
    claim.content = Span(
        claim.content.start, claim.content.end, text[claim.content.start : claim.content.end]
    )
    events = [
        Event(
            id="e1",
            event_type="Battles",
            sub_event_type="Armed clash",
            trigger=span_of(text, "Clashes"),
            evidence=Evidence(clash_sentence, "events.trigger:clash", "trigger and two actors"),
            plover="ASSAULT",
            actor1="Iran",
            actor2="Russia",
            actor1_mention=span_of(text, "Iranian"),
            actor2_mention=span_of(text, "Russian"),
            place="p1",
            place_mention=span_of(text, "Hamdaniyah"),
            date=date(2019, 6, 29),
            date_precision=2,
            date_text="two days ago",
            casualties_text="deaths and injuries",
            weapons=["light weapons"],
            source="spokesman of the opposition",
            source_role="spokesman of the opposition",
            claims=["c1"],
            headline=True,
            confidence=0.9,
        ),
        Event(
            id="e2",
            event_type="Explosions/Remote violence",
            sub_event_type="Shelling/artillery/missile attack",
            trigger=span_of(text, "Shelling"),
            evidence=Evidence(shelling_sentence, "events.trigger:shelling"),
            confidence=0.4,
        ),
    ]
    deployments = [
        Deployment(
            id="d1",
            kind="deployment",
            actor="Iran",
            role="base",
            evidence=Evidence(base_sentence, "deployments.base"),
            trigger=span_of(text, "based"),
            actor_mention=span_of(text, "Iranian", base_sentence.start),
            strength=3000,
            strength_text="About 3,000",
            strength_qualifier="about",
            place="p1",
            place_mention=span_of(text, "the airport"),
            confidence=0.7,
        ),
        Deployment(
            id="k1",
            kind="control",
            actor="Iran",
            role="controls",
            evidence=Evidence(control_sentence, "control.custody"),
            extent="military",
            place="p2",
            place_mention=span_of(text, "The town"),
            confidence=0.6,
        ),
    ]
    relations = [Relation("Iran", "Russia", "hostile", Evidence(clash_sentence, "relations.clash"))]
    return Report(
        document=document,
        actors=actors,
        places=places,
        events=events,
        deployments=deployments,
        claims=[claim],
        relations=relations,
        warnings=["a warning"],
        credits=credits
        if credits is not None
        else ["Place data: GeoNames (geonames.org), CC BY 4.0."],
    )


@pytest.fixture
def report() -> Report:
    """A fresh hand-built report."""
    return make_report()


@pytest.fixture
def report_factory() -> Callable[..., Report]:
    """``make_report(doc_id, credits=None)``: more hand-built reports for many-document tests."""
    return make_report
