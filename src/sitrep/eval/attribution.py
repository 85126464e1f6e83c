"""Score sitrep's claims against hand-annotated attributions (source, cue, content).

The gold set (``data/attribution_gold.jsonl``, guidelines in
``data/README.md``) holds character offsets only, in the PolNeAR scheme
(Newell, Margolin & Ruths, "An Attribution Relations Corpus for Political
News", LREC 2018): each attribution has a ``source`` span (or null), a
``cue`` span and a ``content`` span, into the ``article_content`` of a row of
``../shared/eval/fakes-dev.csv`` (FA-KES, CC BY 4.0), exactly the text
:func:`sitrep.eval.fakes.row_document` gives sitrep. Each gold line carries
the SHA-1 of its text so that a changed data file is detected, not scored.

Two measures per role (source, cue, content):

``overlap`` (the headline figure)
    token overlap, the convention of BBC's Citron (Newell, Cox & Watson,
    "Quote Extraction and Analysis for News", DSJM 2018): the words (``\\w+``
    runs; punctuation and quotation marks ignored) covered by the predicted
    spans of a role and by the gold spans of that role are compared per
    article; precision = shared words / predicted words, recall = shared
    words / gold words, summed over articles (micro-average), F1 their
    harmonic mean. A partly right span earns partial credit; a word counts
    once however many claims repeat it (a speaker shared by two claims).
``exact``
    span match: the distinct spans of a role, with edge punctuation, quotation
    marks and white space trimmed, must have the same start and end.

Limits: roles are scored independently (a right source paired with the
wrong content still counts for the source); 40 articles from one war, one
annotator, no agreement figure.
"""

from __future__ import annotations

import hashlib
import json
import re
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from sitrep.eval.fakes import ReportSource, read_fakes, row_document

if TYPE_CHECKING:
    from sitrep.types import Claim

#: The three roles of an attribution, in table order.
ROLES: tuple[str, ...] = ("source", "cue", "content")
#: The gold annotations shipped with sitrep.
GOLD_PATH = Path(__file__).parent / "data" / "attribution_gold.jsonl"
#: The floors file of the claims gate (see its ``rule``).
FLOORS_PATH = Path(__file__).with_name("claims_floors.json")

_WORD = re.compile(r"\w+")
# Characters trimmed from span edges before exact comparison.
_EDGE = " \t\n\r.,;:!?\"'“”‘’«»„()[]-–—"

SpanPair = tuple[int, int]


@dataclass(frozen=True, slots=True)
class GoldAttribution:
    """One gold attribution: character ranges ``(start, end)``; no source is None."""

    source: SpanPair | None
    cue: SpanPair
    content: SpanPair

    def span(self, role: str) -> SpanPair | None:
        """The range of ``role`` (``source``, ``cue`` or ``content``)."""
        found: SpanPair | None = getattr(self, role)
        return found


@dataclass(frozen=True, slots=True)
class GoldArticle:
    """The gold attributions of one FA-KES article."""

    article_id: str
    text_sha1: str
    attributions: tuple[GoldAttribution, ...]


def text_sha1(text: str) -> str:
    """The SHA-1 of ``text`` (UTF-8) as gold lines record it."""
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def _pair(value: Any) -> SpanPair | None:
    if value is None:
        return None
    start, end = int(value[0]), int(value[1])
    if not 0 <= start < end:
        raise ValueError(f"bad span {value!r}")
    return (start, end)


def read_gold(path: Path | str | None = None) -> list[GoldArticle]:
    """Read the gold JSONL (one article per line) into :class:`GoldArticle` records."""
    articles: list[GoldArticle] = []
    with Path(path or GOLD_PATH).open(encoding="utf-8") as handle:
        for line in handle:
            if not line.strip():
                continue
            record = json.loads(line)
            attributions = []
            for item in record["attributions"]:
                cue, content = _pair(item["cue"]), _pair(item["content"])
                if cue is None or content is None:
                    raise ValueError(f"{record['article_id']}: an attribution lacks cue/content")
                attributions.append(GoldAttribution(_pair(item.get("source")), cue, content))
            articles.append(
                GoldArticle(str(record["article_id"]), record["text_sha1"], tuple(attributions))
            )
    return articles


# --- span measures -------------------------------------------------------------


def span_words(text: str, spans: Iterable[SpanPair]) -> set[SpanPair]:
    """The ``\\w+`` words of ``text`` overlapping any of ``spans``, as character ranges.

    A word partly inside a span counts whole (spans cut inside a word by a
    tokeniser difference still meet).
    """
    ranges = sorted(spans)
    if not ranges:
        return set()
    words: set[SpanPair] = set()
    lo, hi = ranges[0][0], max(end for _, end in ranges)
    # Scan from the start of the word holding ``lo`` to the end of the one at ``hi``.
    begin = lo
    while begin > 0 and (text[begin - 1].isalnum() or text[begin - 1] == "_"):
        begin -= 1
    while hi < len(text) and (text[hi].isalnum() or text[hi] == "_"):
        hi += 1
    for match in _WORD.finditer(text, begin, hi):
        start, end = match.span()
        if any(start < b and a < end for a, b in ranges):
            words.add((start, end))
    return words


def trim_span(text: str, span: SpanPair) -> SpanPair:
    """``span`` without edge white space, punctuation and quotation marks."""
    start, end = span
    while start < end and text[start] in _EDGE:
        start += 1
    while end > start and text[end - 1] in _EDGE:
        end -= 1
    return (start, end)


@dataclass(slots=True)
class RoleCounts:
    """Counts of one role summed over articles."""

    gold_words: int = 0
    predicted_words: int = 0
    shared_words: int = 0
    gold_spans: int = 0
    predicted_spans: int = 0
    exact_spans: int = 0

    def add(self, other: RoleCounts) -> None:
        """Add ``other``'s counts to these."""
        self.gold_words += other.gold_words
        self.predicted_words += other.predicted_words
        self.shared_words += other.shared_words
        self.gold_spans += other.gold_spans
        self.predicted_spans += other.predicted_spans
        self.exact_spans += other.exact_spans


def prf(shared: int, predicted: int, gold: int) -> dict[str, float]:
    """Precision, recall and F1 (0.0 where undefined) rounded to 4 decimals."""
    precision = shared / predicted if predicted else 0.0
    recall = shared / gold if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"p": round(precision, 4), "r": round(recall, 4), "f1": round(f1, 4)}


def score_spans(text: str, gold: Sequence[SpanPair], predicted: Sequence[SpanPair]) -> RoleCounts:
    """Word-overlap and exact-match counts of one role in one article."""
    gold_words = span_words(text, gold)
    predicted_words = span_words(text, predicted)
    gold_exact = {t for s in gold if (t := trim_span(text, s))[1] > t[0]}
    predicted_exact = {t for s in predicted if (t := trim_span(text, s))[1] > t[0]}
    return RoleCounts(
        gold_words=len(gold_words),
        predicted_words=len(predicted_words),
        shared_words=len(gold_words & predicted_words),
        gold_spans=len(gold_exact),
        predicted_spans=len(predicted_exact),
        exact_spans=len(gold_exact & predicted_exact),
    )


def predicted_spans(claims: Iterable[Claim], role: str) -> list[SpanPair]:
    """The ranges of ``role`` over sitrep's claims (claims without one skipped)."""
    found: list[SpanPair] = []
    for claim in claims:
        span = getattr(claim, role)
        if span is not None and span.end > span.start:
            found.append((span.start, span.end))
    return found


def score_article(text: str, gold: GoldArticle, claims: Sequence[Claim]) -> dict[str, RoleCounts]:
    """Counts per role of one article's claims against its gold attributions."""
    counts: dict[str, RoleCounts] = {}
    for role in ROLES:
        gold_spans = [s for a in gold.attributions if (s := a.span(role)) is not None]
        counts[role] = score_spans(text, gold_spans, predicted_spans(claims, role))
    return counts


def summarise(counts: dict[str, RoleCounts]) -> dict[str, dict[str, dict[str, float]]]:
    """``{role: {"overlap": {p, r, f1}, "exact": {p, r, f1}}}`` from summed counts."""
    return {
        role: {
            "overlap": prf(c.shared_words, c.predicted_words, c.gold_words),
            "exact": prf(c.exact_spans, c.predicted_spans, c.gold_spans),
        }
        for role, c in counts.items()
    }


# --- the evaluation ------------------------------------------------------------------


def evaluate_claims(
    path: Path | str,
    extractor: ReportSource,
    *,
    gold_path: Path | str | None = None,
    limit: int | None = None,
) -> dict[str, Any]:
    """Run sitrep on the gold articles of a FA-KES CSV and score its claims.

    Method: the gold articles (the first ``limit`` when given) are looked up
    by ``unit_id`` in ``path``; an article whose text's SHA-1 differs from the
    gold's is left out and listed under ``stale`` (its offsets would be
    wrong), one missing from the CSV under ``missing``. Reports come from
    ``extractor.extract_many`` on :func:`~sitrep.eval.fakes.row_document`
    documents, and each article is scored by :func:`score_article`. Returns
    ``{"data", "gold", "articles", "attributions", "seconds", "roles",
    "scores", "counts", "stale", "missing", "rows"}``; ``scores`` maps each
    role to its ``overlap`` and ``exact`` P/R/F1, ``rows`` holds one dict per
    article (gold and predicted spans with their text) for error analysis.
    """
    gold = read_gold(gold_path)
    if limit is not None:
        gold = gold[: max(limit, 0)]
    rows = {row.unit_id: row for row in read_fakes(path)}
    usable = []
    stale: list[str] = []
    missing: list[str] = []
    for article in gold:
        row = rows.get(article.article_id)
        if row is None:
            missing.append(article.article_id)
        elif text_sha1(row.text) != article.text_sha1:
            stale.append(article.article_id)
        else:
            usable.append((article, row))
    started = time.perf_counter()
    reports = list(extractor.extract_many(row_document(row) for _, row in usable))
    seconds = time.perf_counter() - started

    totals = {role: RoleCounts() for role in ROLES}
    details: list[dict[str, Any]] = []
    for (article, row), report in zip(usable, reports, strict=True):
        counts = score_article(row.text, article, report.claims)
        for role in ROLES:
            totals[role].add(counts[role])

        def text_of(span: SpanPair | None, text: str = row.text) -> str | None:
            return None if span is None else text[span[0] : span[1]]

        details.append(
            {
                "article_id": article.article_id,
                "outlet": row.outlet,
                "scores": summarise(counts),
                "gold": [
                    {role: text_of(a.span(role)) for role in ROLES} for a in article.attributions
                ],
                "predicted": [
                    {
                        "source": c.source.text if c.source else None,
                        "cue": c.cue.text if c.cue else None,
                        "content": c.content.text,
                        "type": c.type,
                        "speaker": c.speaker,
                    }
                    for c in report.claims
                ],
            }
        )
    return {
        "data": str(path),
        "gold": str(gold_path or GOLD_PATH),
        "articles": len(usable),
        "attributions": sum(len(a.attributions) for a, _ in usable),
        "seconds": round(seconds, 3),
        "roles": list(ROLES),
        "scores": summarise(totals),
        "counts": {
            role: {
                "gold_words": c.gold_words,
                "predicted_words": c.predicted_words,
                "shared_words": c.shared_words,
                "gold_spans": c.gold_spans,
                "predicted_spans": c.predicted_spans,
                "exact_spans": c.exact_spans,
            }
            for role, c in totals.items()
        },
        "stale": stale,
        "missing": missing,
        "rows": details,
    }


def format_claims(result: dict[str, Any]) -> str:
    """A Markdown table of overlap and exact P/R/F1 per role."""
    lines = [
        f"Claims against the attribution gold: {result['articles']} articles, "
        f"{result['attributions']} gold attributions; sitrep took {result['seconds']:.1f} s",
        "",
        "| role | overlap P | overlap R | overlap F1 | exact P | exact R | exact F1 |",
        "|---|---|---|---|---|---|---|",
    ]
    for role in result["roles"]:
        over, exact = result["scores"][role]["overlap"], result["scores"][role]["exact"]
        lines.append(
            f"| {role} | {over['p']:.3f} | {over['r']:.3f} | {over['f1']:.3f} "
            f"| {exact['p']:.3f} | {exact['r']:.3f} | {exact['f1']:.3f} |"
        )
    if result["stale"] or result["missing"]:
        lines.append("")
        lines.append(
            f"not scored: {len(result['stale'])} articles whose text changed "
            f"({', '.join(result['stale']) or '-'}), {len(result['missing'])} missing "
            f"from the data ({', '.join(result['missing']) or '-'})"
        )
    return "\n".join(lines)


# --- the gate ------------------------------------------------------------------------


def load_claims_floors(path: Path | None = None) -> dict[str, Any]:
    """Read the claims floors (``{"floors": {role: {"overlap_f1": x}}, ...}``)."""
    with (path or FLOORS_PATH).open(encoding="utf-8") as handle:
        data: dict[str, Any] = json.load(handle)
    return data


def claims_below_floors(result: dict[str, Any], floors: dict[str, dict[str, float]]) -> list[str]:
    """One message per role and measure under its floor (empty: the gate passes).

    Floor keys are ``overlap_f1`` or ``exact_f1``; a role or measure missing
    from the result is reported, so that a rename cannot pass silently.
    """
    failures: list[str] = []
    for role, measures in floors.items():
        for key, floor in measures.items():
            measure = key.removesuffix("_f1")
            score = result["scores"].get(role, {}).get(measure, {}).get("f1")
            if score is None:
                failures.append(f"{role} {key}: no score in the result (floor {floor:.2f})")
            elif score < floor:
                failures.append(f"{role} {key}: {score:.3f} < floor {floor:.2f}")
    return failures


# --- command line ------------------------------------------------------------------------


def eval_claims(
    data: Annotated[
        Path | None,
        typer.Option(
            "--data",
            help="FA-KES CSV file, or a folder holding fakes-dev.csv, with the texts the "
            "attribution gold points into (default: $SITREP_EVAL_DIR/fakes-dev.csv).",
        ),
    ] = None,
    gold: Annotated[
        Path | None,
        typer.Option(
            "--gold",
            help="Attribution gold JSONL (default: the set shipped with sitrep).",
            dir_okay=False,
        ),
    ] = None,
    limit: Annotated[
        int | None,
        typer.Option("--limit", min=1, help="Score only the first N gold articles."),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output", "-o", help="Also write the full result as JSON here.", dir_okay=False
        ),
    ] = None,
    config: Annotated[
        Path | None,
        typer.Option("--config", help="Settings file (TOML) over the defaults.", dir_okay=False),
    ] = None,
) -> None:
    """Score claims (source, cue, content spans) against the hand-annotated attribution gold."""
    # Imported here: sitrep.cli registers this command at its end.
    from sitrep.cli import (
        _build_extractor,
        _eval_data,
        _fail,
        _load_settings,
        _write_json_result,
    )
    from sitrep.errors import Errors, SitrepError

    path = _eval_data(data, "fakes-dev.csv")
    if path.is_dir():
        path = path / "fakes-dev.csv"
    if not path.is_file():
        raise _fail(SitrepError(Errors.E030, path=path))
    if gold is not None and not gold.is_file():
        raise _fail(SitrepError(Errors.E030, path=gold))
    extractor = _build_extractor(_load_settings(config))
    result = evaluate_claims(path, extractor, gold_path=gold, limit=limit)
    typer.echo(format_claims(result))
    _write_json_result(result, output)
