"""The claims scorer: word overlap and exact spans per role, and the gold file itself."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from sitrep.eval.attribution import (
    GOLD_PATH,
    ROLES,
    GoldArticle,
    GoldAttribution,
    claims_below_floors,
    format_claims,
    prf,
    read_gold,
    score_article,
    score_spans,
    span_words,
    text_sha1,
    trim_span,
)
from sitrep.types import Claim, Span

REQUIRED_KEYS = {"article_id", "text_sha1", "attributions"}
TEXT = 'Five people died "in the raid" the Observatory said on Sunday.'


def _span(text: str, piece: str) -> tuple[int, int]:
    start = text.index(piece)
    return (start, start + len(piece))


@pytest.mark.parametrize(
    ("piece", "words"),
    [
        ("Five people died", ["Five", "people", "died"]),
        ('"in the raid"', ["in", "the", "raid"]),
        ("ive peo", ["Five", "people"]),  # a word partly covered counts whole
        (" ", []),
    ],
)
def test_attribution_span_words(piece: str, words: list[str]) -> None:
    found = span_words(TEXT, [_span(TEXT, piece)])
    assert sorted(TEXT[a:b] for a, b in found) == sorted(words)


@pytest.mark.parametrize(
    ("piece", "trimmed"),
    [('"in the raid"', "in the raid"), (" said on Sunday.", "said on Sunday"), ("died", "died")],
)
def test_attribution_trim_span(piece: str, trimmed: str) -> None:
    start, end = trim_span(TEXT, _span(TEXT, piece))
    assert TEXT[start:end] == trimmed


def test_attribution_score_spans_partial_and_exact() -> None:
    gold = [_span(TEXT, "the Observatory")]
    counts = score_spans(TEXT, gold, [_span(TEXT, "Observatory")])
    assert (counts.gold_words, counts.predicted_words, counts.shared_words) == (2, 1, 1)
    assert counts.exact_spans == 0
    exact = score_spans(TEXT, [_span(TEXT, '"in the raid"')], [_span(TEXT, "in the raid")])
    assert exact.exact_spans == 1  # quotation marks do not matter


def test_attribution_score_spans_negative_no_overlap() -> None:
    counts = score_spans(TEXT, [_span(TEXT, "Five people")], [_span(TEXT, "on Sunday")])
    assert counts.shared_words == 0 and counts.exact_spans == 0
    assert prf(counts.shared_words, counts.predicted_words, counts.gold_words)["f1"] == 0.0


def test_attribution_repeated_span_counts_once() -> None:
    source = _span(TEXT, "the Observatory")
    counts = score_spans(TEXT, [source], [source, source])
    assert counts.predicted_words == counts.shared_words == 2
    assert counts.predicted_spans == 1


@pytest.mark.parametrize(
    ("shared", "predicted", "gold", "expected"),
    [(2, 4, 2, (0.5, 1.0, 0.6667)), (0, 0, 3, (0.0, 0.0, 0.0)), (3, 3, 3, (1.0, 1.0, 1.0))],
)
def test_attribution_prf(
    shared: int, predicted: int, gold: int, expected: tuple[float, float, float]
) -> None:
    result = prf(shared, predicted, gold)
    assert (result["p"], result["r"], result["f1"]) == expected


def test_attribution_score_article_by_role() -> None:
    gold = GoldArticle(
        "x",
        text_sha1(TEXT),
        (
            GoldAttribution(
                _span(TEXT, "the Observatory"), _span(TEXT, "said"), _span(TEXT, "Five people died")
            ),
        ),
    )

    def piece(text: str) -> Span:
        start, end = _span(TEXT, text)
        return Span(start, end, text)

    claim = Claim(
        id="c1",
        cue=piece("said"),
        content=piece('Five people died "in the raid"'),
        type="indirect",
        source=piece("Observatory"),
    )
    counts = score_article(TEXT, gold, [claim])
    assert counts["cue"].shared_words == counts["cue"].gold_words == 1
    assert counts["source"].shared_words == 1 and counts["source"].gold_words == 2
    assert counts["content"].predicted_words == 6 and counts["content"].shared_words == 3
    # A claim without a source (hearsay) adds nothing to the source role.
    unsourced = Claim(id="c2", cue=piece("said"), content=piece("Five people died"), type="x")
    assert score_article(TEXT, gold, [unsourced])["source"].predicted_words == 0


def test_attribution_read_gold_rejects_bad_spans(tmp_path: Path) -> None:
    path = tmp_path / "gold.jsonl"
    line = {
        "article_id": "1",
        "text_sha1": "0",
        "attributions": [{"cue": [5, 2], "content": [0, 1]}],
    }
    path.write_text(json.dumps(line) + "\n", encoding="utf-8")
    with pytest.raises(ValueError):
        read_gold(path)


def test_attribution_gold_file_shape() -> None:
    gold = read_gold()
    assert GOLD_PATH.name == "attribution_gold.jsonl"
    assert len(gold) >= 40
    assert len({a.article_id for a in gold}) == len(gold)
    assert sum(len(a.attributions) for a in gold) >= 150
    # Ids and offsets only: no text in the shipped file.
    for line in GOLD_PATH.read_text(encoding="utf-8").splitlines():
        keys = set(json.loads(line))
        assert REQUIRED_KEYS <= keys <= REQUIRED_KEYS | {"split"}


@pytest.mark.evaldata
def test_attribution_gold_matches_shared_texts(eval_dir: Path) -> None:
    from sitrep.eval.fakes import read_fakes

    path = eval_dir / "fakes-dev.csv"
    if not path.is_file():
        pytest.skip(f"FA-KES dev split not found at {path}")
    rows = {r.unit_id: r for r in read_fakes(path)}
    gold = read_gold()
    outlets = Counter(rows[a.article_id].outlet for a in gold)
    assert len(outlets) >= 5, outlets
    for article in gold:
        text = rows[article.article_id].text
        assert text_sha1(text) == article.text_sha1, article.article_id
        for attribution in article.attributions:
            for role in ROLES:
                span = attribution.span(role)
                if span is None:
                    continue
                assert 0 <= span[0] < span[1] <= len(text)
                # Spans start and end on words, never inside one.
                assert text[span[0]].isalnum() or text[span[0]] in '"“:[(', (role, span)


def _result(scores: dict[str, float]) -> dict[str, Any]:
    return {
        "articles": 1,
        "attributions": 1,
        "seconds": 0.1,
        "roles": list(ROLES),
        "scores": {
            role: {"overlap": {"p": 1.0, "r": 1.0, "f1": f1}, "exact": {"p": 1, "r": 1, "f1": f1}}
            for role, f1 in scores.items()
        },
        "stale": [],
        "missing": [],
    }


def test_attribution_floors_checked_per_role() -> None:
    result = _result({"source": 0.8, "cue": 0.9, "content": 0.7})
    floors = {"source": {"overlap_f1": 0.75}, "content": {"overlap_f1": 0.75, "exact_f1": 0.5}}
    failures = claims_below_floors(result, floors)
    assert failures == ["content overlap_f1: 0.700 < floor 0.75"]
    assert claims_below_floors(result, {"speaker": {"overlap_f1": 0.1}})  # unknown role reported
    assert "| source | 1.000 | 1.000 | 0.800 |" in format_claims(result)
