"""Tests of sitrep.eval.baseline: the keyword-counting reference for FA-KES."""

from __future__ import annotations

import pytest

from sitrep.eval.baseline import largest_killed_number, most_mentioned_governorate, predict_baseline
from sitrep.eval.fakes import (
    ACTOR_COALITION,
    ACTOR_ISIS,
    ACTOR_UNKNOWN,
    CAUSE_EXPLOSION,
    CAUSE_SHELLING,
    CAUSE_UNKNOWN,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Shelling hit Aleppo. Aleppo's east was hit; Idlib too.", "aleppo"),
        ("Idlib and Hama were hit.", "idlib"),  # tie: first mentioned
        ("Fighting in Deir ez-Zor and Deir-ez-Zor province, near Homs.", "deir ezzor"),
        ("Raids on Rif Dimashq", "damascus"),
        # Negatives: no governorate name, or one inside another word.
        ("Fighting near Mosul and Baghdad.", None),
        ("The Hamadan airbase", None),
        ("", None),
    ],
)
def test_baseline_most_mentioned_governorate(text: str, expected: str | None) -> None:
    assert most_mentioned_governorate(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("At least 12 people were killed.", 12),
        ("In 2016, 12 people were killed.", 12),
        ("Three civilians died and 1,200 were wounded.", 3),
        ("5 were killed on Monday; later 20 people were reported dead.", 20),
        # Negatives: numbers too far from the verb, or no verb.
        ("12 people in the town, which was shelled all week by artillery, were killed.", None),
        ("12 people were wounded.", None),
        ("", None),
    ],
)
def test_baseline_largest_killed_number(text: str, expected: int | None) -> None:
    assert largest_killed_number(text) == expected


@pytest.mark.parametrize(
    ("text", "cause", "actor"),
    [
        (
            "A US-led coalition air strike and more air strikes hit Raqqa.",
            CAUSE_SHELLING,
            ACTOR_COALITION,
        ),
        ("An Islamic State car bomb exploded; the blast killed 9.", CAUSE_EXPLOSION, ACTOR_ISIS),
        ("Talks resumed in Geneva.", CAUSE_UNKNOWN, ACTOR_UNKNOWN),
    ],
)
def test_baseline_predict_cause_and_actor(text: str, cause: str, actor: str) -> None:
    prediction = predict_baseline("", text)
    assert (prediction.cause, prediction.actor) == (cause, actor)
