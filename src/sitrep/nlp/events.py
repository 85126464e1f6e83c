"""Events, force postures and control statements."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


@Language.factory("sitrep_events", assigns=["doc._.sitrep_events", "doc._.sitrep_deployments", "doc._.sitrep_relations"], default_config={"lang": "en"})
def make_events(nlp: Language, name: str, lang: str) -> EventExtractor:
    """Create the sitrep_events component (lexicons for ``lang``)."""
    return EventExtractor(lang=lang)


class EventExtractor:
    """Placeholder: the stage exists in the pipeline and writes nothing yet."""

    def __init__(self, lang: str = "en") -> None:
        self.lang = lang

    def __call__(self, doc: Doc) -> Doc:
        return doc
