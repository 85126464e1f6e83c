"""Time expressions resolved against the publication date."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


@Language.factory("sitrep_time", assigns=["doc.spans"], default_config={"lang": "en"})
def make_time(nlp: Language, name: str, lang: str) -> TimeRecognizer:
    """Create the sitrep_time component (lexicons for ``lang``)."""
    return TimeRecognizer(lang=lang)


class TimeRecognizer:
    """Placeholder: the stage exists in the pipeline and writes nothing yet."""

    def __init__(self, lang: str = "en") -> None:
        self.lang = lang

    def __call__(self, doc: Doc) -> Doc:
        return doc
