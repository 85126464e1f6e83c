"""Actor recognition: dictionary of canonical actors plus NER."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


@Language.factory("sitrep_actors", assigns=["doc.spans"], default_config={"lang": "en"})
def make_actors(nlp: Language, name: str, lang: str) -> ActorRecognizer:
    """Create the sitrep_actors component (lexicons for ``lang``)."""
    return ActorRecognizer(lang=lang)


class ActorRecognizer:
    """Placeholder: the stage exists in the pipeline and writes nothing yet."""

    def __init__(self, lang: str = "en") -> None:
        self.lang = lang

    def __call__(self, doc: Doc) -> Doc:
        return doc
