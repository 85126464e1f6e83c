"""Tests of sitrep.nlp.datelines: place datelines told from place mentions."""

from __future__ import annotations

import pytest
from spacy.language import Language

from sitrep.nlp.datelines import is_dateline
from sitrep.types import Span, Toponym


def _toponym(text: str, name: str) -> Toponym:
    start = text.index(name)
    return Toponym(span=Span(start, start + len(name), name), label="GPE")


BODY = " Rebels shelled the town of Kafr Nabl on Sunday, killing four people, a monitor said."


@pytest.mark.parametrize(
    ("text", "name", "expected"),
    [
        ("BEIRUT (Reuters) -" + BODY, "BEIRUT", True),
        ("BEIRUT, March 3 -" + BODY, "BEIRUT", True),
        ("Last updated at Oct 04 2017 BEIRUT A Russian air strike killed" + BODY, "BEIRUT", True),
        (
            "Earlier reports." + BODY + "\nMOSCOW (Sputnik) \u2014 Kurdish forces advanced.",
            "MOSCOW",
            True,
        ),
        ("KHARTOUM \u2014" + BODY, "KHARTOUM", True),
        # negatives: ordinary mentions, acronyms, capitals mid-sentence, all-caps texts
        ("Beirut (Reuters) -" + BODY, "Beirut", False),
        ("Fighters moved from ALEPPO to the coast." + BODY, "ALEPPO", False),
        ("UAE (WAM) -" + BODY, "UAE", False),
        ("SYRIA: THE WAR GOES ON IN ALEPPO (REUTERS) - REBELS SHELL THE TOWN", "ALEPPO", False),
        ("DAMASCUS: regime says" + BODY, "DAMASCUS", False),
    ],
)
def test_datelines_is_dateline(text: str, name: str, expected: bool) -> None:
    assert is_dateline(text, _toponym(text, name)) is expected


@pytest.mark.model
def test_datelines_component_marks_the_dateline_only(nlp: Language) -> None:
    text = "BEIRUT (Reuters) - Shelling killed five people in Aleppo on Sunday, a monitor said."
    doc = nlp(text)
    roles = {t.span.text: t.role for t in doc._.sitrep_toponyms}
    assert roles.get("BEIRUT") == "dateline"
    assert roles.get("Aleppo") == "place"
