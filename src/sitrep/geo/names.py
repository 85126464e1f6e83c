"""Place-name folding: one matching key for the many spellings of a name.

Transliterated Arabic, Persian, Kurdish or Turkish names reach English news in
many spellings ("Deir ez-Zor", "Deir al-Zour", "Dayr az Zawr"). The rules
that bring them together are data (``sitrep/data/transliteration.json``),
compiled once by :class:`NameFolder`:

* :meth:`NameFolder.fold` — case, accents, ayn/hamza marks and punctuation
  folded; what an exact comparison uses;
* :meth:`NameFolder.key` — ``fold`` plus articles dropped (al-, el-, as-, …),
  generic terms unified (Tal/Tall/Tell, Jabal/Jebel/Mount), suffixes
  (-ia/-iya/-iyah/-iyeh), vowel and digraph spellings (ou/u, e/i, ay/ei) and
  doubled letters; the gazetteer index is keyed by it;
* :meth:`NameFolder.skeleton` — the key's first letter plus its consonants,
  used only for fuzzy matching inside a document's focus countries.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from rapidfuzz import fuzz

_NON_WORD = re.compile(r"[^0-9a-z]+")
_DOUBLES = re.compile(r"([a-z])\1+")
_COMBINING = re.compile(r"[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")
_NON_ASCII_LETTER = re.compile(r"[^\x00-\x7f]")
#: Letters the NFKD decomposition does not split into base + mark.
_EXTRA_LETTERS = str.maketrans(
    {"ı": "i", "ł": "l", "ø": "o", "đ": "d", "ð": "d", "þ": "th", "ß": "ss", "æ": "ae", "œ": "oe"}
)


def rules_text() -> str:
    """The packaged transliteration rules as text (their hash versions the index)."""
    return (resources.files("sitrep") / "data" / "transliteration.json").read_text(encoding="utf-8")


@dataclass(frozen=True, slots=True)
class _Rules:
    marks: dict[int, None]
    articles: frozenset[str]
    generic: dict[str, str]
    suffixes: tuple[tuple[re.Pattern[str], str], ...]
    substitutions: tuple[tuple[re.Pattern[str], str], ...]
    collapse_doubles: bool
    vowels: frozenset[str]


def _plain(text: str, marks: dict[int, None]) -> str:
    """Lower-case, accents and marks stripped, other scripts and punctuation as spaces."""
    text = unicodedata.normalize("NFKD", text.translate(marks).lower().translate(_EXTRA_LETTERS))
    # Combining accents go; letters of other scripts become spaces (not Latin names).
    text = _NON_ASCII_LETTER.sub(" ", _COMBINING.sub("", text))
    return _NON_WORD.sub(" ", text).strip()


class NameFolder:
    """Compiled transliteration rules; see the module docstring for the tiers.

    Limits: the rules are tuned for Arabic-script names in English text and
    applied to every name (symmetrically to the gazetteer and the text), so
    unrelated European names may share a key; the resolver breaks such ties
    with exact spelling, population and document context.
    """

    def __init__(self, rules: dict[str, Any]) -> None:
        marks: dict[int, None] = {ord(m): None for m in "".join(rules.get("marks", []))}
        generic: dict[str, str] = {}
        for canonical, variants in rules.get("generic_terms", {}).items():
            for variant in [canonical, *variants]:
                generic[_plain(variant, marks).replace(" ", "")] = canonical
        self._rules = _Rules(
            marks=marks,
            articles=frozenset(_plain(a, marks) for a in rules.get("articles", [])),
            generic=generic,
            suffixes=tuple((re.compile(p), r) for p, r in rules.get("suffixes", [])),
            substitutions=tuple((re.compile(p), r) for p, r in rules.get("substitutions", [])),
            collapse_doubles=bool(rules.get("collapse_doubles", True)),
            vowels=frozenset(rules.get("skeleton_vowels", "aeiouy")),
        )
        # Names repeat across the gazetteer and a document: memoise per folder.
        self.fold = lru_cache(maxsize=200_000)(self.fold)  # type: ignore[method-assign]
        self.key = lru_cache(maxsize=200_000)(self.key)  # type: ignore[method-assign]

    @property
    def generic_terms(self) -> frozenset[str]:
        """Canonical generic words ("tal", "jabal", "wadi") that alone name no place."""
        return frozenset(self._rules.generic.values())

    def fold(self, name: str) -> str:
        """Lower case, no accents, no ayn/hamza marks, punctuation as spaces."""
        return _plain(name, self._rules.marks)

    def tokens(self, name: str) -> list[str]:
        """The folded tokens of ``name`` with articles dropped and generic terms unified."""
        rules = self._rules
        tokens = self.fold(name).split()
        kept = [t for t in tokens if t not in rules.articles]
        if not kept:
            kept = tokens
        return [rules.generic.get(t, t) for t in kept]

    def article_variants(self, name: str) -> tuple[str, ...]:
        """Folded spellings of ``name`` that differ from it only by a leading article.

        ``"Mazraa"`` -> ``("mazraa", "al mazraa", "el mazraa", ...)``;
        ``"Al-Mazraa"`` -> ``("al mazraa", "mazraa", "el mazraa", ...)``. The
        gazetteer counts a stored spelling among these as exact: "Mazraa" and
        "Al Mazraa" are one spelling to a reader, whereas "Mazraa" and
        "Mazrah" are not. Limits:
        only a leading article, written as a separate word once folded.
        """
        folded = self.fold(name)
        words = folded.split()
        if not words:
            return ()
        bare = (
            " ".join(words[1:]) if len(words) > 1 and words[0] in self._rules.articles else folded
        )
        variants = [folded, bare]
        variants += [f"{article} {bare}" for article in sorted(self._rules.articles)]
        return tuple(dict.fromkeys(variants))

    def key(self, name: str) -> str:
        """The transliteration-aware matching key ("al-Hamdaniyah" -> "hamdania")."""
        rules = self._rules
        parts: list[str] = []
        for token in self.tokens(name):
            if token in rules.generic.values():
                parts.append(token)
                continue
            for pattern, replacement in rules.suffixes:
                token = pattern.sub(replacement, token)
            for pattern, replacement in rules.substitutions:
                token = pattern.sub(replacement, token)
            parts.append(token)
        joined = "".join(parts)
        if rules.collapse_doubles:
            joined = _DOUBLES.sub(r"\1", joined)
        return joined

    def skeleton(self, name: str) -> str:
        """First letter of the key plus its consonants ("Nebul", "Nubl" -> "nbl")."""
        return self.skeleton_of_key(self.key(name))

    def skeleton_of_key(self, key: str) -> str:
        """The skeleton of an already computed key (doubled letters collapsed)."""
        if not key:
            return ""
        out = key[0]
        for c in key[1:]:
            if c not in self._rules.vowels and c != out[-1]:
                out += c
        return out

    def similarity(self, a: str, b: str) -> float:
        """0..100: how alike two names are once folded to keys (rapidfuzz ratio)."""
        return float(fuzz.ratio(self.key(a), self.key(b)))

    def match(self, a: str, b: str) -> bool:
        """True when ``a`` and ``b`` may be spellings of one name.

        Method: equal keys; or equal skeletons of at least three letters whose
        keys differ in length by at most two; or a key similarity of 90+ for
        keys of six letters or more. Limits: a yes is a candidate, not a
        decision — "Nebul" also matches "Niebüll"; the resolver only accepts
        such loose matches inside the document's focus countries.
        """
        key_a, key_b = self.key(a), self.key(b)
        if not key_a or not key_b:
            return False
        if key_a == key_b:
            return True
        skel_a, skel_b = self.skeleton(a), self.skeleton(b)
        if len(skel_a) >= 3 and skel_a == skel_b and abs(len(key_a) - len(key_b)) <= 2:
            return True
        return min(len(key_a), len(key_b)) >= 6 and fuzz.ratio(key_a, key_b) >= 90


def is_latin(name: str) -> bool:
    """True when every letter of ``name`` is Latin once accents and marks are stripped."""
    text = unicodedata.normalize("NFKD", name.translate(_EXTRA_LETTERS))
    return all(c.isascii() or unicodedata.combining(c) or not c.isalpha() for c in text) and any(
        c.isalpha() for c in text
    )


@lru_cache(maxsize=1)
def default_folder() -> NameFolder:
    """The folder built from the packaged ``transliteration.json`` (cached)."""
    return NameFolder(json.loads(rules_text()))
