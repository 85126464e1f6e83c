"""Tests of sitrep.nlp.arguments: clause and phrase indices read from the parse.

The rules keep their answers on the Doc; these tests check the answers
against a plain walk of spaCy's parse, and that a kept answer is never
shared where a caller may change it.
"""

from __future__ import annotations

from typing import Any

import pytest
from spacy.tokens import Token

from sitrep.nlp.arguments import (
    _CLAUSE_DEPS,
    REPORTING_VERBS,
    clause_head,
    clause_tokens,
    is_heading,
    phrase_without_clauses,
    sentence_units,
)
from sitrep.nlp.modality import _modality_with_history, modality_of

TEXTS = [
    "Rebels, who had withdrawn from the town, said the army shelled the market on Monday.",
    "According to the monitor, warplanes that took off from the base struck Idlib and "
    "killed 12 people, and the army advanced.",
    "Heavy clashes\nThe militia denied that it would attack the camp if the talks failed.",
]


def _clause_by_subtree(token: Token) -> tuple[int, ...]:
    """:func:`clause_tokens` spelt with spaCy's own ``subtree`` and ``ancestors``."""
    head = clause_head(token)
    holding = {token.i, *[a.i for a in token.ancestors]}
    skip: set[int] = set()
    for other in head.subtree:
        if other.i in holding or other == head:
            continue
        if other.dep_ in _CLAUSE_DEPS or (other.dep_ == "conj" and other.pos_ in ("VERB", "AUX")):
            skip.update(range(other.left_edge.i, other.right_edge.i + 1))
    for child in head.children:
        holds = child.left_edge.i <= token.i <= child.right_edge.i
        if child.dep_ == "prep" and child.lower_ == "according":
            skip.update(range(child.left_edge.i, child.right_edge.i + 1))
        if child.dep_ == "nsubj" and head.lemma_.lower() in REPORTING_VERBS and not holds:
            skip.update(range(child.left_edge.i, child.right_edge.i + 1))
    return tuple(i for i in range(head.left_edge.i, head.right_edge.i + 1) if i not in skip)


@pytest.mark.model
@pytest.mark.parametrize("text", TEXTS)
def test_arguments_clause_tokens_match_a_subtree_walk(base_nlp: Any, text: str) -> None:
    doc = base_nlp(text)
    for token in doc:
        assert clause_tokens(token) == _clause_by_subtree(token), token.text


@pytest.mark.model
def test_arguments_clause_tokens_leave_out_nested_clauses(base_nlp: Any) -> None:
    doc = base_nlp(TEXTS[0])
    shelled = next(t for t in doc if t.text == "shelled")
    words = {doc[i].text for i in clause_tokens(shelled)}
    assert {"army", "shelled", "market"} <= words
    # the relative clause on "Rebels" and the reporting subject are not in it
    assert "withdrawn" not in words and "Rebels" not in words


@pytest.mark.model
def test_arguments_phrase_without_clauses_is_a_fresh_set(base_nlp: Any) -> None:
    doc = base_nlp(TEXTS[1])
    warplanes = next(t for t in doc if t.text == "warplanes")
    first = phrase_without_clauses(warplanes)
    took = next(t for t in doc if t.text == "took")
    assert warplanes.i in first and took.i not in first  # the relative clause is out
    first.clear()  # a caller may change its set: the kept answer stays whole
    assert warplanes.i in phrase_without_clauses(warplanes)


@pytest.mark.model
def test_arguments_is_heading_kept_per_unit(base_nlp: Any) -> None:
    doc = base_nlp(TEXTS[2])
    units = sentence_units(doc)
    assert [is_heading(u) for u in units] == [True, False]
    assert [is_heading(u) for u in units] == [True, False]  # asked again
    assert not is_heading(units[0], max_tokens=0)  # another question, another answer


@pytest.mark.model
@pytest.mark.parametrize("text", TEXTS)
def test_arguments_modality_kept_per_token_is_the_rule(base_nlp: Any, text: str) -> None:
    doc = base_nlp(text)
    for token in doc:
        assert modality_of(token) == _modality_with_history(token)
        assert modality_of(token) == _modality_with_history(token)
