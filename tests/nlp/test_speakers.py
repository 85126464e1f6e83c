"""Name folding and merging of speaker name variants (no model needed)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sitrep.nlp.speakers import (
    SpeakerRegistry,
    canonical_title,
    fold_name_token,
    same_name_token,
    split_title,
)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Hammoud", "Hamoud"),
        ("Yusuf", "Youssef"),
        ("Razzaq", "Razak"),
        ("Mohammed", "Muhammad"),
        ("Omar", "Umar"),
        ("al-Assad", "Assad"),
        ("Zelensky", "Zelenskyy"),
    ],
)
def test_speakers_same_name_token_variants(a: str, b: str) -> None:
    assert same_name_token(a, b)


@pytest.mark.parametrize(
    ("a", "b"),
    [("Salman", "Salam"), ("Ali", "Alaa"), ("Putin", "Peskov"), ("Hassan", "Hussein"), ("", "X")],
)
def test_speakers_same_name_token_distinct_names(a: str, b: str) -> None:
    assert not same_name_token(a, b)


@pytest.mark.parametrize(
    ("words", "titles", "name"),
    [
        (["Capt.", "Abdul", "Karim"], ["captain"], ["Abdul", "Karim"]),
        (["Lt", ".", "Col", "Smith"], ["lieutenant"], [".", "Col", "Smith"]),
        (["Major"], [], ["Major"]),
        (["Vladimir", "Putin"], [], ["Vladimir", "Putin"]),
    ],
)
def test_speakers_split_title(words: list[str], titles: list[str], name: list[str]) -> None:
    assert split_title(words) == (titles, name)


@pytest.mark.parametrize(
    ("word", "title"),
    [
        ("Capt.", "captain"),
        ("capt", "captain"),
        ("Maj.", "major"),
        ("Gen", "general"),
        ("Omar", None),
    ],
)
def test_speakers_canonical_title(word: str, title: str | None) -> None:
    assert canonical_title(word) == title


@pytest.mark.parametrize(
    ("mentions", "groups"),
    [
        (
            [
                "Captain Khalid Abdul Karim Mansour",
                "Abdul Karim Mansour",
                "Captain Khalid",
                "Capt. Mansour",
            ],
            1,
        ),
        (["Major Youssef Haddad", "Haddad", "Major Yusuf", "Hadad"], 1),
        (["Vladimir Putin", "Putin", "Volodymyr Zelensky", "Zelenskyy"], 2),
        (["Mohammed bin Salman", "bin Salman"], 1),
        # A title conflict keeps two people apart.
        (["Captain Ahmad Saleh", "Major Ahmad"], 2),
        # Two people with different distinctive names.
        (["Ahmad Saleh", "Khaled Amer"], 2),
    ],
)
def test_speakers_registry_merges_variants(mentions: list[str], groups: int) -> None:
    registry = SpeakerRegistry()
    for position, mention in enumerate(mentions):
        assert registry.add(mention.split(), position) is not None
    assert len(registry.people) == groups


def test_speakers_registry_canonical_is_longest_variant() -> None:
    registry = SpeakerRegistry()
    registry.add(["Putin"], 0)
    person = registry.add(["President", "Vladimir", "Putin"], 1)
    assert person is not None
    assert person.name == "Vladimir Putin"
    assert person.titles == ["president"]


@pytest.mark.parametrize("particles", [["Abdul"], ["bin"], ["al"], ["Abu"]])
def test_speakers_registry_particles_alone_name_nobody(particles: list[str]) -> None:
    registry = SpeakerRegistry()
    registry.add(["Abdul", "Karim", "Mansour"], 0)
    assert registry.add(particles, 1) is None
    assert registry.find(particles) is None


def test_speakers_registry_by_role() -> None:
    registry = SpeakerRegistry()
    person = registry.add(["Colonel", "Ahmad", "Saleh"], 0)
    assert person is not None
    person.add_role("spokesman for the Free Army")
    assert registry.by_role("spokesman", []) is person
    assert registry.by_role("spokesman", ["free"]) is person
    assert registry.by_role("spokesman", ["navy"]) is None
    assert registry.by_role("minister", []) is None


@given(st.text(max_size=30))
def test_speakers_fold_never_fails(word: str) -> None:
    folded = fold_name_token(word)
    assert isinstance(folded, str)
    assert folded == folded.lower()


@given(st.from_regex(r"[A-Z][a-z]{2,12}", fullmatch=True))
def test_speakers_name_matches_itself(word: str) -> None:
    assert same_name_token(word, word)
