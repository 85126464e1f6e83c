"""Counts of people: casualties and force strengths."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


@Language.factory("sitrep_quantities", assigns=["doc.spans"], default_config={"lang": "en"})
def make_quantities(nlp: Language, name: str, lang: str) -> QuantityRecognizer:
    """Create the sitrep_quantities component (lexicons for ``lang``)."""
    return QuantityRecognizer(lang=lang)


class QuantityRecognizer:
    """Placeholder: the stage exists in the pipeline and writes nothing yet."""

    def __init__(self, lang: str = "en") -> None:
        self.lang = lang

    def __call__(self, doc: Doc) -> Doc:
        return doc
