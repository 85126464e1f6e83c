"""Speaker names: transliteration-aware folding and merging of name variants.

One person is often named several ways in one article, more so in
machine-translated text: "Captain Abdul Salam Abdul Razzaq", "Abdul Razzaq",
"Capt. Abdul Salam"; "Yusuf Hammoud", "Hamoud", "Major Youssef". This module
folds each name token to a transliteration key and groups mentions whose
distinctive tokens are a subset of a longer name, with compatible titles.
It knows nothing about spaCy: :mod:`sitrep.nlp.attribution` feeds it tokens.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

from sitrep.lexicons import load_lexicon

_VOWELS = frozenset("aeiou")
# Ordered digraph rewrites common in Arabic, Persian, Russian and Ukrainian
# romanisations (ou/u, oo/u, ee/i, ph/f, kh/h, q/k, dh/d ...).
_DIGRAPHS: tuple[tuple[str, str], ...] = (
    ("ou", "u"),
    ("oo", "u"),
    ("ee", "i"),
    ("ie", "i"),
    ("ei", "ay"),
    ("ai", "ay"),
    ("ph", "f"),
    ("kh", "h"),
    ("gh", "g"),
    ("dh", "d"),
    ("th", "t"),
    ("ch", "sh"),
    ("zh", "z"),
    ("ck", "k"),
    ("q", "k"),
    ("c", "k"),
    ("w", "u"),
)


def strip_accents(text: str) -> str:
    """``text`` without combining marks ("Muḥammad" -> "Muhammad")."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@lru_cache(maxsize=65536)
def fold_name_token(token: str) -> str:
    """Fold one name token to a transliteration-neutral spelling.

    Method: lower case, accents, apostrophes and ayn/hamza marks removed,
    a hyphenated Arabic article dropped ("al-Assad" -> "assad"), digraphs
    rewritten (ou/u, ee/i, kh/h, q/k ...), doubled letters collapsed and a
    final vowel+h reduced ("Hamzah" -> "hamza"). Limits: heuristic; it merges
    some distinct names (Hamad/Hamid differ only in vowels, which
    :func:`name_skeleton` ignores but this keeps).
    """
    text = strip_accents(token).lower()
    text = re.sub(r"[\u2019'`ʿʾ’‘.]", "", text)
    text = re.sub(r"^(?:al|el|as|ad|an|ar|ash|at|az|ul)-(?=\w)", "", text)
    text = text.replace("-", "")
    for old, new in _DIGRAPHS:
        text = text.replace(old, new)
    text = re.sub(r"(.)\1+", r"\1", text)
    if len(text) > 3 and text.endswith("h") and text[-2] in _VOWELS:
        text = text[:-1]
    return text


# Pure functions of short strings, asked again for every pair of mentions.
@lru_cache(maxsize=16384)
def name_skeleton(token: str) -> str:
    """First letter plus consonants of the folded token ("Youssef" -> "ysf").

    Vowels of romanised Arabic are unstable (Yusuf/Youssef/Yousef); the
    consonant skeleton is the part that survives transliteration.
    """
    folded = fold_name_token(token)
    if not folded:
        return ""
    # A leading vowel is as unstable as the others (Omar/Umar, Osman/Usman).
    head = "a" if folded[0] in _VOWELS else folded[0]
    tail = "".join(c for c in folded[1:] if c not in _VOWELS and c != "y")
    return re.sub(r"(.)\1+", r"\1", head + tail)


@lru_cache(maxsize=65536)
def same_name_token(a: str, b: str) -> bool:
    """True when two name tokens are spellings of the same name.

    Method: equal folded forms, or equal consonant skeletons of at least
    three letters, folded forms of similar length and the same first-vowel
    quality (so "Hammoud"/"Hamoud", "Yusuf"/"Youssef", "Razzaq"/"Razak",
    "Omar"/"Umar" match; "Hassan"/"Hussein" and "Ali"/"Alaa" do not).
    Limits: names differing only in later vowels ("Hamad"/"Hamid") match.
    """
    fa, fb = fold_name_token(a), fold_name_token(b)
    if not fa or not fb:
        return False
    if fa == fb:
        return True
    sa, sb = name_skeleton(a), name_skeleton(b)
    if not (len(sa) >= 3 and sa == sb and abs(len(fa) - len(fb)) <= 2):
        return False
    # The first vowel keeps its quality across romanisations (o/u, e/i
    # alternate; a stays a): Yusuf/Youssef and Omar/Umar agree, Hassan/Hussein not.
    return _first_vowel_class(fa) == _first_vowel_class(fb)


def _first_vowel_class(folded: str) -> str:
    vowel = next((c for c in folded if c in _VOWELS), "")
    return {"o": "u", "e": "i"}.get(vowel, vowel)


@lru_cache(maxsize=8)
def _vocabulary(lang: str) -> tuple[dict[str, str], frozenset[str]]:
    data = load_lexicon("source_nouns", lang)
    titles = {k.lower(): v for k, v in data["titles"].items()}
    particles = frozenset(p.lower() for p in data["name_particles"])
    return titles, particles


def canonical_title(word: str, lang: str = "en") -> str | None:
    """The canonical title of ``word`` ("Capt." -> "captain"), or None."""
    titles, _ = _vocabulary(lang)
    return titles.get(word.lower()) or titles.get(word.lower().rstrip("."))


def is_name_particle(word: str, lang: str = "en") -> bool:
    """True for name parts that alone never identify a person ("Abdul", "bin", "al")."""
    _, particles = _vocabulary(lang)
    return fold_name_token(word) in particles or word.lower() in particles


def split_title(words: list[str], lang: str = "en") -> tuple[list[str], list[str]]:
    """Split leading titles off a name: ``["Capt.", "Abdul", "Razzaq"]`` ->
    ``(["captain"], ["Abdul", "Razzaq"])``. Titles are only taken from the
    front, and a name is never emptied ("Major" alone stays a name)."""
    titles: list[str] = []
    index = 0
    while index < len(words) - 1:
        title = canonical_title(words[index], lang)
        if title is None:
            break
        titles.append(title)
        index += 1
    return titles, words[index:]


@dataclass(slots=True)
class Person:
    """One person of the article: every name variant, title and role seen."""

    name: str
    tokens: list[str]
    titles: list[str] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)
    variants: list[str] = field(default_factory=list)
    last_seen: int = -1

    def add_role(self, role: str | None) -> None:
        """Record a role ("spokesman for the army"); the first one stays primary."""
        if role and role not in self.roles:
            self.roles.append(role)


class SpeakerRegistry:
    """Clusters the people of one article by name variant.

    Method: a mention joins a person when each of its distinctive tokens
    (not a particle such as "Abdul" or "bin") matches a token of the
    person's name by :func:`same_name_token`, or the other way round, and
    their titles do not conflict (a "Captain X" is not a "Major X"); the
    longest variant is the canonical name; among several matching people the
    one seen last wins. Limits: two different people sharing a surname and
    both named by it alone are merged with the latest one.
    """

    def __init__(self, lang: str = "en") -> None:
        self.lang = lang
        self.people: list[Person] = []

    def _distinctive(self, tokens: list[str]) -> list[str]:
        return [t for t in tokens if not is_name_particle(t, self.lang)]

    def _matches(self, tokens: list[str], titles: list[str], person: Person) -> bool:
        mine = self._distinctive(tokens)
        theirs = self._distinctive(person.tokens)
        if not mine or not theirs:
            return False
        if titles and person.titles and not set(titles) & set(person.titles):
            return False
        forward = all(any(same_name_token(m, t) for t in theirs) for m in mine)
        backward = all(any(same_name_token(t, m) for m in mine) for t in theirs)
        return forward or backward

    def find(self, words: list[str], titles: list[str] | None = None) -> Person | None:
        """The person these name words (titles already split off) refer to, or None."""
        titles = titles or []
        candidates = [p for p in self.people if self._matches(words, titles, p)]
        if not candidates:
            return None
        return max(candidates, key=lambda p: p.last_seen)

    def add(self, words: list[str], position: int = 0, display: str | None = None) -> Person | None:
        """Record one name mention (titles may lead) and return its person.

        ``position`` orders mentions (a character offset); a longer variant
        becomes the person's canonical name (``display`` when given, else the
        words joined). Punctuation-only words ("." of "Lt . Col .") are dropped.
        """
        words = [w for w in words if w.strip() and any(c.isalnum() for c in w)]
        titles, name_words = split_title(words, self.lang)
        if not name_words or not self._distinctive(name_words):
            return None
        person = self.find(name_words, titles)
        text = display or " ".join(name_words)
        if person is None:
            person = Person(name=text, tokens=list(name_words))
            self.people.append(person)
        elif len(name_words) > len(person.tokens):
            person.name, person.tokens = text, list(name_words)
        person.titles.extend(t for t in titles if t not in person.titles)
        if text not in person.variants:
            person.variants.append(text)
        person.last_seen = max(person.last_seen, position)
        return person

    def by_role(self, head: str, modifiers: list[str]) -> Person | None:
        """The person last seen with a role headed by ``head`` whose role text
        holds every modifier ("the opposition leader" -> the person whose role
        is "Syrian opposition leader"), or None."""
        head = head.lower()
        wanted = [m.lower() for m in modifiers]
        found: list[Person] = []
        for person in self.people:
            for role in person.roles:
                words = {w.lower().strip(",.") for w in role.split()}
                titles = {t.lower() for t in person.titles}
                if (head in words or head in titles) and all(
                    m in words or m in titles for m in wanted
                ):
                    found.append(person)
                    break
            else:
                if head in person.titles and not wanted:
                    found.append(person)
        if not found:
            return None
        return max(found, key=lambda p: p.last_seen)
