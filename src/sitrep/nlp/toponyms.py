"""Toponym recognition: place names from NER, gazetteer matches and context."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


@Language.factory("sitrep_toponyms", assigns=["doc._.sitrep_toponyms"], default_config={"lang": "en"})
def make_toponyms(nlp: Language, name: str, lang: str) -> ToponymRecognizer:
    """Create the sitrep_toponyms component (lexicons for ``lang``)."""
    return ToponymRecognizer(lang=lang)


class ToponymRecognizer:
    """Placeholder: the stage exists in the pipeline and writes nothing yet."""

    def __init__(self, lang: str = "en") -> None:
        self.lang = lang

    def set_gazetteer(self, gazetteer: object) -> None:
        """Give the stage a gazetteer for name matching beyond NER."""
        self.gazetteer = gazetteer

    def __call__(self, doc: Doc) -> Doc:
        return doc
