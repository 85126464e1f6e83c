"""Byline detection on the first line of plain text: positives and negatives."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sitrep.ingest.byline import detect_byline


@pytest.mark.parametrize(
    ("text", "name", "place"),
    [
        ("Omar Youssef-Aleppo\n\nQuestions arise.", "Omar Youssef", "Aleppo"),
        ("By Jane Doe\nFighting broke out.", "Jane Doe", None),
        ("Jane Doe, Khartoum\nFighting broke out.", "Jane Doe", "Khartoum"),
        ("Jane Doe - Kyiv\nShelling.", "Jane Doe", "Kyiv"),
        ("Jane Doe — Gaza City\nShelling.", "Jane Doe", "Gaza City"),
        ("\n\n  Olena Kovalenko\nText.", "Olena Kovalenko", None),
        ("Omar al-Hassan\nText.", "Omar al-Hassan", None),
        ("By JANE DOE\nText.", "JANE DOE", None),
        ("By John Smith and Jane Doe\nText.", "John Smith and Jane Doe", None),
        ("Mohammed Abdel Rahman\nText.", "Mohammed Abdel Rahman", None),
        ("Seán O'Brien, Mogadishu\nText.", "Seán O'Brien", "Mogadishu"),
    ],
)
def test_byline_detected(text: str, name: str, place: str | None) -> None:
    byline = detect_byline(text)
    assert byline is not None
    assert byline.name == name
    assert byline.place == place
    assert text[byline.span.start : byline.span.end] == name
    assert text[byline.line.start : byline.line.end] == byline.line.text


@pytest.mark.parametrize(
    "text",
    [
        # A real sentence.
        "Questions arise about the causes of the recent clashes in Aleppo.\nMore.",
        "Fighting broke out on Monday.",
        # Headlines: punctuation, lower-case words, function words.
        "Clashes erupt in Aleppo!\nText.",
        "Who controls Aleppo?\nText.",
        "Russia and Iran clash in Aleppo\nText.",
        "Clash of Influence\nText.",
        "Syria Live Updates\nText.",
        "Breaking News\nText.",
        # All-caps section titles.
        "CLASH OF INFLUENCE\nText.",
        "JANE DOE\nText.",
        # One word, too many words, digits.
        "Aleppo\nText.",
        "Jane Doe Smith Jones Brown Green White\nText.",
        "Jane Doe, 12 March\nText.",
        "By Reuters\nText.",
        "By Reuters Staff\nText.",
        "",
        "   \n  ",
    ],
)
def test_byline_not_detected(text: str) -> None:
    assert detect_byline(text) is None


def test_byline_text_is_never_changed() -> None:
    text = "Jane Doe-Kyiv\nShelling hit the city."
    copy = str(text)
    detect_byline(text)
    assert text == copy


@given(st.text(max_size=200))
def test_byline_span_always_points_into_the_text(text: str) -> None:
    byline = detect_byline(text)
    if byline is not None:
        assert text[byline.span.start : byline.span.end] == byline.name
        assert byline.line.contains(byline.span)
