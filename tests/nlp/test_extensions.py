"""Tests of sitrep.nlp.extensions: each Doc gets its own lists."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from spacy.attrs import LEMMA, LOWER, ORTH
from spacy.lang.en import English
from spacy.tokens import Token

from sitrep.nlp.extensions import DOC_LIST_ATTRS, register_extensions, token_strings


def test_extensions_lists_are_per_doc_and_settable() -> None:
    register_extensions()
    register_extensions()  # idempotent
    nlp = English()
    first, second = nlp("one"), nlp("two")
    for name in DOC_LIST_ATTRS:
        getattr(first._, name).append("x")
        assert getattr(second._, name) == []
        setattr(second._, name, ["y"])
        assert getattr(second._, name) == ["y"] and getattr(first._, name) == ["x"]


@pytest.mark.model
@pytest.mark.parametrize(
    ("attr", "read"),
    [
        (ORTH, lambda t: t.text),
        (LOWER, lambda t: t.lower_),
        (LEMMA, lambda t: t.lemma_),
    ],
)
def test_extensions_token_strings_are_the_token_attributes(
    base_nlp: Any, attr: int, read: Callable[[Token], str]
) -> None:
    doc = base_nlp("Rebels SHELLED the town of Kafr Nabl on Monday, killing 3 people.\n")
    assert token_strings(doc, attr) == [read(t) for t in doc]


@pytest.mark.model
def test_extensions_token_strings_are_read_once_per_doc(base_nlp: Any) -> None:
    first, second = base_nlp("Troops withdrew."), base_nlp("Militias advanced on the city.")
    assert token_strings(first, LOWER) is token_strings(first, LOWER)
    # Another Doc, or another attribute, never gets the cached list.
    assert token_strings(second, LOWER) == ["militias", "advanced", "on", "the", "city", "."]
    assert token_strings(first, ORTH) == ["Troops", "withdrew", "."]
    assert token_strings(first, LOWER) == ["troops", "withdrew", "."]
