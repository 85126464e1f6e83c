"""Round-up reports: no incident lends its armed side or place to another.

Covers :class:`sitrep.nlp.event_places.Sections` (sections and settings of
sentence units) and its use by the actor carry-over and document fill of
:mod:`sitrep.nlp.events`.
"""

from __future__ import annotations

from typing import Any

import pytest

from sitrep.nlp.arguments import DocContext, PlaceMention
from sitrep.nlp.event_places import Sections, Setting, opens_new_setting, opens_section
from sitrep.types import Document, Report
from sitrep.types import Span as TextSpan


def _place(name: str, hint: str | None = None) -> PlaceMention:
    return PlaceMention(0, 1, TextSpan(0, len(name), name), hint)


@pytest.mark.parametrize(
    ("one", "other", "differs"),
    [
        # two towns, two settings
        (
            [("Aleppo", None), ("al-Midan", "neighbourhood")],
            [("Damascus", None), ("Jobar", "neighbourhood")],
            True,
        ),
        ([("Kupiansk", "town"), ("Kharkiv", "region")], [("Zaporizhzhia", None)], True),
        # two regions
        ([("Kharkiv", "region")], [("Zaporizhzhia", "region"), ("Stepnohirsk", None)], True),
        # negatives: a quarter or a camp may lie in the town
        ([("Kherson", None)], [("Korabel", "neighbourhood")], False),
        ([("El Fasher", None)], [("Abu Shouk", "facility")], False),
        ([("al-Midan", "neighbourhood")], [("Jobar", "neighbourhood")], False),
        # negatives: a shared name, a name inside another, a generic last word
        ([("Aleppo", None), ("al-Midan", None)], [("Aleppo", "city")], False),
        ([("Aleppo", None)], [("eastern Aleppo", None)], False),
        ([("Homs", None)], [("40 km east of Homs", None)], False),
        ([("the Aleppo city", None)], [("Aleppo", None)], False),
        # a region named alone may hold the other sentence's town
        ([("Idlib", "province")], [("Kafr Nabl", "town")], False),
        # nothing named, or only a country: no setting to differ
        ([], [("Aleppo", None)], False),
        ([("Syria", "country")], [("Aleppo", None)], False),
    ],
)
def test_event_roundups_setting_differs(
    one: list[tuple[str, str | None]], other: list[tuple[str, str | None]], differs: bool
) -> None:
    first = Setting.of([_place(name, hint) for name, hint in one])
    second = Setting.of([_place(name, hint) for name, hint in other])
    assert first.differs(second) is differs
    assert second.differs(first) is differs


def _context(nlp: Any, text: str) -> DocContext:
    doc = nlp(text)
    extractor = nlp.get_pipe("sitrep_events")
    return DocContext.build(doc, extractor.catalogue)


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "section", "scene"),
    [
        ("Aleppo: a rocket shell landed in al-Midan neighbourhood, killing two children.", 1, 1),
        (
            "Homs Two persons were injured as terrorists targeted the town of Jeb al-Jarrah "
            "with rocket shells.",
            1,
            1,
        ),
        ("Elsewhere, a drone hit a car, wounding two.", 1, 1),
        ("In Zaporizhzhia, Russian artillery hit a village, killing one man.", 0, 1),
        ("Meanwhile, in Kherson, a drone attack wounded a woman.", 0, 1),
        # negatives: a place as the subject, a place with its generic word
        ("Aleppo was shelled on Monday, killing two children.", 0, 0),
        ("Idlib province was shelled on Monday, killing two children.", 0, 0),
        ("Russian artillery hit Zaporizhzhia on Monday, killing one man.", 0, 0),
        ("In the morning, Russian artillery hit a village, killing one man.", 0, 0),
    ],
)
def test_event_roundups_section_and_scene_openings(
    nlp: Any, text: str, section: int, scene: int
) -> None:
    lead = "Rebels shelled the town of Jobar on Monday, injuring three civilians. "
    context = _context(nlp, lead + text)
    unit = context.units[-1]
    assert unit.text.startswith(text.split()[0])
    places = [p for p in context.places if unit.start <= p.start and p.end <= unit.end]
    assert opens_section(unit, places) is bool(section)
    assert opens_new_setting(unit, places) is bool(scene)
    sections = Sections.read(context)
    assert sections.section[unit.start] == section
    assert sections.apart(context.units[0], unit, places=False) is bool(section)


@pytest.mark.model
def test_event_roundups_a_heading_without_place_opens_no_section(nlp: Any) -> None:
    context = _context(
        nlp,
        "Daily round-up\nDamascus\nRebels shelled Jobar, injuring three civilians.\n"
        "Sep 2014\nA shell hit the district, injuring two.\nAleppo\n"
        "A rocket shell landed in al-Midan, killing two children.",
    )
    sections = Sections.read(context)
    numbers = [sections.section[u.start] for u in context.units]
    # "Daily round-up" and "Damascus" open the first section (nothing before
    # them); "Sep 2014" names no place; "Aleppo" opens the second
    assert numbers[0] == numbers[-3] == 0, numbers
    assert numbers[-1] == 1, numbers


def _actor1_by_trigger(report: Report) -> dict[str, str | None]:
    """Actor 1 of each event by trigger text, with the triggers of the mentions merged into it."""
    found: dict[str, str | None] = {}
    for event in report.events:
        for trigger in (event.trigger, *event.also_reported):
            found.setdefault(trigger.text, event.actor1)
    return found


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "trigger", "actor1"),
    [
        # round-up sections: "Place:" run into the text, heading lines, a
        # place run into the text
        (
            "Damascus: Terrorists of the so-called Jaish al-Islam targeted residential "
            "neighbourhoods in Jobar with rocket shells, injuring three civilians. Aleppo: a "
            "rocket shell fired by terrorist groups landed in al-Midan neighbourhood, killing "
            "two children. Another shell hit al-Sulaimaniyeh neighbourhood, injuring five.",
            "hit",
            None,
        ),
        (
            "Daily round-up\nDamascus\nTerrorists of the so-called Jaish al-Islam targeted "
            "residential neighbourhoods in Jobar with rocket shells, injuring three civilians.\n"
            "Aleppo\nA rocket shell fired by terrorist groups landed in al-Midan "
            "neighbourhood, killing two children.",
            "killing",
            None,
        ),
        (
            "Terrorists of the so-called Jaish al-Islam targeted residential neighbourhoods in "
            "Jobar with rocket shells. Homs Two persons were injured as rocket shells fired by "
            "terrorist groups hit the town of Jeb al-Jarrah.",
            "hit",
            None,
        ),
        # Ukraine: the next sentence is set in another region
        (
            "Russian forces shelled the village of Bilozerka in the Kherson region, killing "
            "two people. In Zaporizhzhia, a drone hit a car in the village of Stepnohirsk, "
            "killing one man.",
            "hit",
            None,
        ),
        (
            "Russian warplanes struck the town of Kafr Nabl on Tuesday, killing 12 civilians. "
            "Elsewhere, an air strike killed three people.",
            "air strike",
            None,
        ),
        # negatives: the same incident goes on and keeps its doer
        (
            "Russian warplanes struck the town of Kafr Nabl on Tuesday, killing 12 civilians. "
            "Hours later, an air strike on Kafr Nabl killed three more people.",
            "air strike",
            "Russia",
        ),
        (
            "Russian warplanes struck the town of Kafr Nabl in Idlib province, killing 12 "
            "civilians. The air strikes also destroyed a bakery in the town.",
            "air strikes",
            "Russia",
        ),
        (
            "Rebels of the Free Syrian Army shelled government positions near Daraa. Five "
            "soldiers were killed in the shelling.",
            "shelling",
            "Rebels (Syria)",
        ),
        # a definite mention refers back to the strike, wherever it is set
        (
            "Russian warplanes struck the town of Kafr Nabl on Tuesday, killing 12 civilians. "
            "The air strikes also destroyed a bakery in Saraqib.",
            "air strikes",
            "Russia",
        ),
        # a quarter or a camp of the town struck: the same incident goes on
        (
            "Russian forces shelled Kherson on Monday. A woman was killed in the Korabel "
            "neighbourhood.",
            "killed",
            "Russia",
        ),
        (
            "RSF fighters shelled El Fasher. Five people were killed at the Abu Shouk camp.",
            "killed",
            "Rapid Support Forces",
        ),
        # negative: another town of another region
        (
            "Russian forces shelled Kherson on Monday. In the Sumy region, a woman was killed "
            "in the town of Shostka.",
            "killed",
            None,
        ),
    ],
)
def test_event_roundups_no_side_crosses_to_another_incident(
    extractor: Any, text: str, trigger: str, actor1: str | None
) -> None:
    report: Report = extractor.extract_document(Document(id="t", text=text))
    found = _actor1_by_trigger(report)
    assert trigger in found, found
    assert found[trigger] == actor1, found
