"""Attribution: claims with speaker, cue and content."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


@Language.factory("sitrep_attribution", assigns=["doc._.sitrep_claims"], default_config={"lang": "en"})
def make_attribution(nlp: Language, name: str, lang: str) -> AttributionRecognizer:
    """Create the sitrep_attribution component (lexicons for ``lang``)."""
    return AttributionRecognizer(lang=lang)


class AttributionRecognizer:
    """Placeholder: the stage exists in the pipeline and writes nothing yet."""

    def __init__(self, lang: str = "en") -> None:
        self.lang = lang

    def __call__(self, doc: Doc) -> Doc:
        return doc
