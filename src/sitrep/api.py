"""The library API: ``extract()`` for one text, :class:`Extractor` for many.

The spaCy pipeline and the gazetteer are heavy: an :class:`Extractor` loads
them once (or takes them injected) and reuses them. Nothing is loaded at
import time; the module-level :func:`extract` builds a default extractor on
first use and keeps it.
"""

from __future__ import annotations

import functools
import gc
import re
from collections.abc import Iterable, Iterator
from datetime import date
from typing import TYPE_CHECKING

from sitrep.errors import Errors, SitrepError
from sitrep.nlp.pipeline import build_pipeline
from sitrep.report.build import build_report
from sitrep.settings import Settings
from sitrep.types import Document, Report

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

    from sitrep.geo.gazetteer import Gazetteer


class Extractor:
    """Runs the per-document function ``extract(document) -> Report``.

    ``nlp`` and ``gazetteer`` may be injected (tests share one of each);
    otherwise they are built from ``settings`` on construction.
    """

    def __init__(
        self,
        settings: Settings | None = None,
        *,
        nlp: Language | None = None,
        gazetteer: Gazetteer | None = None,
    ) -> None:
        from sitrep.geo.gazetteer import Gazetteer

        self.settings = settings or Settings()
        if self.settings.lexicon_dir is not None:
            from sitrep.lexicons import set_lexicon_dir

            set_lexicon_dir(self.settings.lexicon_dir)
        self.gazetteer = gazetteer if gazetteer is not None else Gazetteer.load(self.settings)
        self.nlp = build_pipeline(self.settings, gazetteer=self.gazetteer, base=nlp)
        _freeze_once()

    def _prepare(self, document: Document) -> Doc:
        text = document.text
        if len(text) > self.settings.max_chars:
            text = text[: self.settings.max_chars]
        doc = self.nlp.make_doc(text)
        doc._.sitrep_document = document
        return doc

    def _finish(self, document: Document, doc: Doc) -> Report:
        report = build_report(
            document,
            doc,
            self.gazetteer,
            lang=self.settings.lang,
            min_confidence=self.settings.min_confidence,
        )
        if len(document.text) > self.settings.max_chars:
            report.warnings.append(
                f"text cut to the first {self.settings.max_chars} characters (setting max_chars)"
            )
        language_warning = check_language(document)
        if language_warning:
            if self.settings.strict_language:
                raise SitrepError(Errors.E010, item=document.id, language=language_warning)
            report.warnings.append(f"text does not look English ({language_warning})")
        return report

    def extract_document(self, document: Document) -> Report:
        """Extract one :class:`Document` into a :class:`Report`."""
        return self._finish(document, self.nlp(self._prepare(document)))

    def extract_many(self, documents: Iterable[Document]) -> Iterator[Report]:
        """Extract documents in spaCy batches, in order.

        A document whose extraction fails raises :class:`SitrepError` E011 for
        that item; callers that must go on use :meth:`extract_document` per
        item (as the CLI does).
        """
        docs = list(documents)
        prepared = (self._prepare(d) for d in docs)
        for document, doc in zip(
            docs, self.nlp.pipe(prepared, batch_size=self.settings.batch_size), strict=True
        ):
            yield self._finish(document, doc)


@functools.cache
def _freeze_once() -> None:
    """Move the objects loaded so far out of the cyclic garbage collector's way, once per process.

    The first extractor's model, gazetteer and lexicons live as long as the
    process in practice (the CLI, the web app and each Dask worker build
    one): frozen, full collections during a long run stop walking their
    hundred thousand objects again and again (measured: a third of the
    collector's time per 120 texts). Limits: once only, so an extractor
    built and dropped again and again is collected as usual; the first one,
    if dropped, is freed by reference counting only (its cycles stay).
    """
    gc.collect()
    gc.freeze()


_LATIN_WORD = re.compile(r"[A-Za-z]{2,}")
_ENGLISH_HINTS = frozenset(
    "the of and to in a is that for on was with by as at from said were has have are".split()
)


def check_language(document: Document) -> str | None:
    """Return a reason when the text does not look English, else None.

    Method: share of common English function words among Latin-script words,
    and share of Latin letters among letters. Limits: a heuristic for very
    short texts (under 20 words it never complains).
    """
    if document.language and not document.language.lower().startswith("en"):
        return f"declared language '{document.language}'"
    text = document.text
    letters = [c for c in text if c.isalpha()]
    words = _LATIN_WORD.findall(text)
    if len(letters) < 100:
        return None
    latin = sum(1 for c in letters if c.isascii())
    if latin / len(letters) < 0.5:
        return "mostly non-Latin script"
    if len(words) >= 20:
        hits = sum(1 for w in words if w.lower() in _ENGLISH_HINTS)
        if hits / len(words) < 0.05:
            return "few English function words"
    return None


_default: Extractor | None = None


def default_extractor() -> Extractor:
    """The process-wide extractor behind :func:`extract`, built on first use."""
    global _default
    if _default is None:
        _default = Extractor()
    return _default


def extract(
    text: str,
    *,
    published: date | str | None = None,
    title: str | None = None,
    outlet: str | None = None,
    doc_id: str = "text",
    url: str | None = None,
    byline: str | None = None,
    extractor: Extractor | None = None,
) -> Report:
    """Extract a sourced situation report from one article's text.

    ``published`` (a date or ISO string) anchors relative time expressions
    ("the past two days"). Returns a :class:`~sitrep.types.Report`; see
    :meth:`~sitrep.types.Report.to_dict` / ``to_geojson`` / ``to_dataframe``.
    """
    if isinstance(published, str):
        try:
            published = date.fromisoformat(published[:10])
        except ValueError as exc:
            raise SitrepError(Errors.E009, item=doc_id, value=published) from exc
    document = Document(
        id=doc_id,
        text=text,
        title=title,
        outlet=outlet,
        published=published,
        url=url,
        byline=byline,
    )
    return (extractor or default_extractor()).extract_document(document)
