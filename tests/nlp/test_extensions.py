"""Tests of sitrep.nlp.extensions: each Doc gets its own lists."""

from __future__ import annotations

from spacy.lang.en import English

from sitrep.nlp.extensions import DOC_LIST_ATTRS, register_extensions


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
