"""Tests of sitrep.report.build: claim linking and headline choice (no model)."""

from __future__ import annotations

import pytest

from sitrep.report.build import choose_headline, link_claims
from sitrep.types import Claim, Deployment, Event, Evidence, Span

TEXT = (
    "Sources said clashes broke out in the city. "
    "According to the spokesman, 500 fighters are deployed in the town. "
    "A bomb exploded in the market."
)


def _span(fragment: str) -> Span:
    start = TEXT.index(fragment)
    return Span(start, start + len(fragment), fragment)


def _event(eid: str, trigger: str, **kwargs: object) -> Event:
    sentence = next(s for s in TEXT.split(". ") if trigger in s)
    return Event(
        id=eid,
        event_type=str(kwargs.pop("event_type", "Battles")),
        sub_event_type=str(kwargs.pop("sub_event_type", "Armed clash")),
        trigger=_span(trigger),
        evidence=Evidence(sentence=_span(sentence), rule="test"),
        **kwargs,  # type: ignore[arg-type]
    )


def _claims() -> list[Claim]:
    return [
        Claim(
            id="c1",
            cue=_span("said"),
            content=_span("clashes broke out in the city"),
            type="indirect",
            source=_span("Sources"),
            speaker="sources",
            speaker_kind="unnamed",
        ),
        Claim(
            id="c2",
            cue=_span("According to"),
            content=_span("500 fighters are deployed in the town"),
            type="according_to",
            source=_span("the spokesman"),
            speaker="Jane Doe",
            speaker_role="spokesman",
        ),
    ]


def test_build_link_claims_gives_speaker_and_back_links() -> None:
    claims = _claims()
    clash = _event("e1", "clashes")
    deployment = Deployment(
        id="d1",
        kind="deployment",
        actor="X",
        role="deployed",
        trigger=_span("deployed"),
        evidence=Evidence(sentence=_span("500 fighters are deployed in the town"), rule="test"),
    )
    link_claims([clash], [deployment], claims, outlet="Wire")
    assert clash.claims == ["c1"] and clash.source == "sources"
    assert deployment.claims == ["c2"]
    assert (deployment.source, deployment.source_role) == ("Jane Doe", "spokesman")
    assert claims[0].events == ["e1"] and claims[1].deployments == ["d1"]


def test_build_link_claims_unattributed_belongs_to_outlet() -> None:
    bomb = _event("e2", "exploded", event_type="Explosions/Remote violence")
    link_claims([bomb], [], _claims(), outlet="Wire")
    assert bomb.claims == [] and bomb.source == "Wire" and bomb.source_role is None


@pytest.mark.parametrize(
    ("events", "expected"),
    [
        # a violent event with a toll beats an earlier meeting
        (
            [
                _event(
                    "e1", "clashes", event_type="Strategic developments", sub_event_type="Other"
                ),
                _event("e2", "exploded", event_type="Explosions/Remote violence", fatalities=5),
            ],
            "e2",
        ),
        # a negated event is not the headline when an asserted one exists
        (
            [
                _event("e1", "clashes", modality="negated", fatalities=3),
                _event("e2", "exploded", event_type="Explosions/Remote violence"),
            ],
            "e2",
        ),
        # of two equal events the earlier one wins
        ([_event("e1", "clashes"), _event("e2", "exploded")], "e1"),
    ],
)
def test_build_choose_headline_marks_exactly_one(events: list[Event], expected: str) -> None:
    best = choose_headline(events)
    assert best is not None and best.id == expected
    assert [e.id for e in events if e.headline] == [expected]


def test_build_choose_headline_empty_is_none() -> None:
    assert choose_headline([]) is None
