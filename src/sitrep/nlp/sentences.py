"""Sentence starts from layout, set before the parser sees the text.

News text carries structure the parser cannot see: headings, captions and
datelines each stand on their own line, and machine translation often drops
the full stop between them and the next paragraph ("Clash of influence\\nThe
Syrian opposition leader …"). This component marks the first token after a
line break as a sentence start, and keeps a sentence going after a title
abbreviation ("Capt.", "Maj.", "Gen."), before the dependency parser runs;
spaCy's parser respects boundaries set beforehand.

Limits: a hard-wrapped text (a line break inside every sentence) would be cut
at each line; such texts should be unwrapped by the reader first.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from sitrep.lexicons import load_lexicon


@Language.factory(
    "sitrep_sentences", assigns=["token.is_sent_start"], default_config={"lang": "en"}
)
def make_sentences(nlp: Language, name: str, lang: str) -> LayoutSentencizer:
    """Create the sitrep_sentences component (title abbreviations for ``lang``)."""
    return LayoutSentencizer(lang=lang)


class LayoutSentencizer:
    """Set sentence starts at line breaks; none right after a title abbreviation."""

    def __init__(self, lang: str = "en") -> None:
        # Titles written with a full stop in the speaker lexicon ("capt.", "gen.").
        titles = load_lexicon("source_nouns", lang)["titles"]
        self.abbreviations = {t.lower().rstrip(".") for t in titles if t.endswith(".")}

    def __call__(self, doc: Doc) -> Doc:
        line_start = -2
        for i in range(1, len(doc)):
            previous, token = doc[i - 1], doc[i]
            if token.is_space:
                continue
            if "\n" in previous.text or "\n" in previous.whitespace_:
                token.is_sent_start = True
                line_start = i
            elif i == line_start + 1:
                # With a start forced on a line, the parser tends to cut again
                # right after its first word ("Rebels | said they ..."): the
                # line's second token never starts a sentence.
                token.is_sent_start = False
            elif self._after_title(doc, i):
                token.is_sent_start = False
        return doc

    def _after_title(self, doc: Doc, i: int) -> bool:
        """True when token ``i`` follows a title abbreviation ("Capt." or "Capt" ".")."""
        previous = doc[i - 1]
        if previous.text.endswith(".") and previous.lower_.rstrip(".") in self.abbreviations:
            return True
        return (
            previous.text == "."
            and i >= 2
            and doc[i - 2].lower_ in self.abbreviations
            and not doc[i - 2].whitespace_
        )
