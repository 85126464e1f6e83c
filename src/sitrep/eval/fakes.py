"""Score sitrep's headline event against the FA-KES coders, field by field.

FA-KES (Abu Salem, Al Feel, Elbassuoni, Jaber & Farah, "FA-KES: A Fake News
Dataset around the Syrian War", ICWSM 2019, CC BY 4.0) codes each article
about one incident of the Syrian war with its governorate, the perpetrator's
category, the cause of death and casualty counts. :func:`evaluate_fakes` runs
sitrep on every article, takes the report's headline event and scores four
fields against the coded row:

- ``governorate``: the headline event's place, first-order division
  (``Place.admin1``), put through :func:`normalise_governorate`;
- ``killed``: ``Event.fatalities`` equals ``nb_civilians + nb_noncivilians``;
- ``cause``: ``Event.sub_event_type`` mapped by :func:`cause_for_event`;
- ``actor``: the event's actors mapped by :func:`actor_for_event`.

The mappings go from sitrep's output onto the coders' categories, never the
other way round: sitrep emits ACLED's typology, and these categories exist
only here. A keyword-counting baseline (:mod:`sitrep.eval.baseline`) is
scored on the same rows so that every figure comes with a reference.
"""

from __future__ import annotations

import csv
import json
import re
import time
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from datetime import date
from pathlib import Path
from typing import Any, Protocol

from sitrep.types import Actor, Document, Event, Report

#: The four scored fields, in table order.
FIELDS: tuple[str, ...] = ("governorate", "killed", "cause", "actor")

# --- the coders' categories (TYPOLOGY.md, "FA-KES categories") -------------

CAUSE_SHELLING = "shelling"
CAUSE_EXPLOSION = "explosion"
CAUSE_CHEMICAL = "chemical and toxic gases"
CAUSE_SHOOTING = "shooting"
CAUSE_EXECUTION = "execution"
CAUSE_UNKNOWN = "unknown"

ACTOR_GOVERNMENT = "syrian government or russian troops"
ACTOR_OPPOSITION = "armed opposition groups"
ACTOR_ISIS = "the organization of the islamic state in iraq and the levant - isis"
ACTOR_COALITION = "international coalition forces"
ACTOR_SELF_ADMINISTRATION = "self administration forces"
ACTOR_NUSRA = "al-nusra front"
ACTOR_UNKNOWN = "unknown"

#: Governorate labels as the coders spell them, each with the spellings of
#: gazetteers (GeoNames, ISO 3166-2, OCHA) and of the press. Keys of the
#: inner tuples are compared after :func:`_governorate_key` folding. FA-KES
#: has no "rif dimashq" label: the coders file Damascus's countryside (Ghouta,
#: Douma, Harasta) under ``damascus``, so Rif Dimashq maps there.
GOVERNORATE_NAMES: dict[str, tuple[str, ...]] = {
    "aleppo": ("aleppo", "halab", "alep"),
    "damascus": (
        "damascus",
        "dimashq",
        "rif dimashq",
        "reef dimashq",
        "rif damascus",
        "reef damascus",
        "damascus countryside",
        "rural damascus",
        "damascus rural",
    ),
    "idlib": ("idlib", "idleb"),
    "deir ezzor": (
        "deir ezzor",
        "deir ez zor",
        "deir ez zour",
        "deir el zor",
        "deir el zour",
        "deir al zor",
        "deir al zour",
        "deir az zor",
        "dayr az zawr",
        "deir zor",
    ),
    "homs": ("homs", "hims"),
    "raqqa": ("raqqa", "raqqah", "rakka", "raqa"),
    "hama": ("hama", "hamah", "hamaa"),
    "hasakeh": ("hasakeh", "hasakah", "hasaka", "hassakeh", "hassakah", "hassaka", "hasake"),
    "daraa": ("daraa", "dara", "deraa", "dera"),
    "lattakia": ("lattakia", "latakia", "ladhiqiyah", "ladhiqiya", "lathikia", "latakiya"),
    "quneitra": ("quneitra", "qunaytirah", "qunaitra", "kuneitra"),
    "tartus": ("tartus", "tartous", "tartouss"),
    "suwayda": ("suwayda", "sweida", "suwaida", "suweida", "sweyda"),
}

#: ISO 3166-2 (``SY-HL``) and OCHA admin-1 P-codes (``SY02``) of the governorates.
GOVERNORATE_CODES: dict[str, str] = {
    "SY-HL": "aleppo",
    "SY-DI": "damascus",
    "SY-RD": "damascus",
    "SY-ID": "idlib",
    "SY-DY": "deir ezzor",
    "SY-HI": "homs",
    "SY-RA": "raqqa",
    "SY-HM": "hama",
    "SY-HA": "hasakeh",
    "SY-DR": "daraa",
    "SY-LA": "lattakia",
    "SY-QU": "quneitra",
    "SY-TA": "tartus",
    "SY-SU": "suwayda",
    "SY01": "damascus",
    "SY02": "aleppo",
    "SY03": "damascus",
    "SY04": "homs",
    "SY05": "hama",
    "SY06": "lattakia",
    "SY07": "idlib",
    "SY08": "hasakeh",
    "SY09": "deir ezzor",
    "SY10": "tartus",
    "SY11": "raqqa",
    "SY12": "daraa",
    "SY13": "suwayda",
    "SY14": "quneitra",
}

# Words that wrap a governorate's name without being part of it.
_ADMIN_WORDS = ("governorate", "province", "muhafazat", "mohafazat", "muhafazah", "mohafaza")
# Arabic article forms as transliterated ("Al-Hasakah", "Ar Raqqah", "As-Suwayda").
_ARTICLES = ("al", "ar", "as", "ad", "ash", "at", "az", "an", "el")
_APOSTROPHES = re.compile(r"['`´‘’ʻʼʽʾʿ]")
_NOT_ALNUM = re.compile(r"[^a-z0-9]+")


def _governorate_key(name: str) -> str:
    """Fold a name for comparison: no accents, apostrophes, admin words or articles."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    words = _NOT_ALNUM.sub(" ", _APOSTROPHES.sub("", text)).split()
    words = [w for w in words if w not in _ADMIN_WORDS]
    if len(words) > 1 and words[0] in _ARTICLES:
        words = words[1:]
    return "".join(words)


_GOVERNORATE_BY_KEY: dict[str, str] = {
    _governorate_key(alias): label
    for label, aliases in GOVERNORATE_NAMES.items()
    for alias in (label, *aliases)
}


def normalise_governorate(name: str | None) -> str | None:
    """Map a first-order division's name or code onto a FA-KES governorate label.

    Method: ISO 3166-2 codes (``SY-HL``) and OCHA P-codes (``SY02``) by table;
    names are folded (accents, apostrophes and case dropped, the words
    "Governorate"/"Province"/"Muhafazat" and a leading Arabic article removed,
    spaces squeezed) and looked up among the gazetteers' and the press's
    spellings of the 14 governorates. Rif Dimashq maps to ``damascus`` because
    FA-KES has no separate label for it. Limits: Syria only; an unknown
    spelling gives None (counted as a miss), never a guess.
    """
    if not name or not name.strip():
        return None
    code = name.strip().upper()
    if code in GOVERNORATE_CODES:
        return GOVERNORATE_CODES[code]
    return _GOVERNORATE_BY_KEY.get(_governorate_key(name))


# --- sitrep's output onto the coders' categories -----------------------------

#: ACLED sub-event type (lower-cased) → FA-KES cause of death, for the types
#: that name the means of death. The coders file air strikes under "shelling"
#: (articles mentioning air strikes are coded shelling 4 times in 5 in the dev
#: split), so both remote-fire types go there.
CAUSE_BY_SUB_EVENT: dict[str, str] = {
    "air/drone strike": CAUSE_SHELLING,
    "shelling/artillery/missile attack": CAUSE_SHELLING,
    "remote explosive/landmine/ied": CAUSE_EXPLOSION,
    "suicide bomb": CAUSE_EXPLOSION,
    "grenade": CAUSE_EXPLOSION,
    "chemical weapon": CAUSE_CHEMICAL,
}
#: PLOVER modes of sitrep's weapons lexicon that name a cause by themselves.
CAUSE_BY_WEAPON_MODE: dict[str, str] = {"firearms": CAUSE_SHOOTING}
_EXECUTION_WORDS = re.compile(r"execut|behead|crucif|firing squad|hanged|hanging", re.IGNORECASE)
_SHOOTING_WORDS = re.compile(r"\bshot\b|shooting|gunfire|gunmen|sniper", re.IGNORECASE)
#: Sub-event types that are not violence: no cause of death to read from them.
_NON_VIOLENT = frozenset(
    {
        "agreement",
        "arrests",
        "change to group/activity",
        "disrupted weapons use",
        "headquarters or base established",
        "looting/property destruction",
        "non-violent transfer of territory",
        "other",
        "peaceful protest",
        "protest with intervention",
    }
)


def _weapon_cause(weapons: Sequence[str]) -> str | None:
    """The cause named by the strongest weapon of an event, from sitrep's weapons lexicon."""
    from sitrep.lexicons import load_lexicon

    entries = {w["name"]: w for w in load_lexicon("weapons", "en")["weapons"]}
    best: tuple[int, str] | None = None
    for name in weapons:
        entry = entries.get(name)
        if entry is None:
            continue
        sub_type = str(entry.get("sub_event_type") or "").lower()
        cause = CAUSE_BY_SUB_EVENT.get(sub_type) or CAUSE_BY_WEAPON_MODE.get(
            str(entry.get("plover_mode"))
        )
        if cause is not None and (best is None or entry.get("priority", 0) > best[0]):
            best = (int(entry.get("priority", 0)), cause)
    return best[1] if best else None


def cause_for_event(event: Event) -> str:
    """FA-KES cause of death of one sitrep event.

    Method: a sub-event type that names the means (air strike, shelling, IED,
    suicide bomb, grenade, chemical weapon) maps by
    :data:`CAUSE_BY_SUB_EVENT`; an ACLED ``Attack`` whose trigger or weapons
    speak of execution (executed, beheaded, firing squad, hanged) is
    ``execution``; any other violent event (an armed clash, an attack, a
    take-over) takes the cause of its strongest weapon (firearms → shooting)
    or of a shooting trigger ("shot dead"), and with no means named its cause
    of death is ``unknown``. Limits: strategic developments and protests are
    ``unknown``.
    """
    sub_type = event.sub_event_type.strip().lower()
    if sub_type in CAUSE_BY_SUB_EVENT:
        return CAUSE_BY_SUB_EVENT[sub_type]
    if sub_type in _NON_VIOLENT:
        return CAUSE_UNKNOWN
    means = " ".join([event.trigger.text, *event.weapons])
    if sub_type == "attack" and _EXECUTION_WORDS.search(means):
        return CAUSE_EXECUTION
    weapon_cause = _weapon_cause(event.weapons)
    if weapon_cause is not None:
        return weapon_cause
    return CAUSE_SHOOTING if _SHOOTING_WORDS.search(event.trigger.text) else CAUSE_UNKNOWN


#: Ordered (category, pattern) rules over an actor's names; first match wins.
#: The coalition comes first because its names mention its enemy ("anti-ISIS
#: coalition"); jihadist groups before the state patterns because their names
#: contain "Syria"/"Levant"; the SDF before the government for "Syrian
#: Democratic". Al-Qaeda goes with the Nusra Front, its Syrian branch.
_ACTOR_RULES: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (category, re.compile(pattern, re.IGNORECASE))
    for category, pattern in (
        (ACTOR_COALITION, r"coalition|\bnato\b"),
        (ACTOR_ISIS, r"islamic state|\bisis\b|\bisil\b|\bdaesh\b|\bdaish\b|\bi\.s\.\b"),
        (
            ACTOR_NUSRA,
            r"\bnusra\b|fat[ae]h al[- ]?sham|tahrir al[- ]?sham|\bhts\b|\bjfs\b"
            r"|al[- ]?qa'?e?i?da",
        ),
        (
            ACTOR_SELF_ADMINISTRATION,
            r"syrian democratic|\bsdf\b|\bypg\b|\bypj\b|\bpyd\b|kurd|people'?s protection"
            r"|asayish|self[- ]administration",
        ),
        (
            ACTOR_GOVERNMENT,
            r"(?:forces|army|government|regime|military|police) of (?:syria|russia|iran)\b"
            r"|(?<!free )\bsyrian? (?:arab )?"
            r"(?:army|government|regime|troops|forces|military|air force)"
            r"|\bregime\b|\bassad\b|pro[- ]government|hezbollah|hizbollah|hizbullah"
            r"|national defen[cs]e forces|\bndf\b|shabiha|russia|\biran|revolutionary guard",
        ),
        (
            ACTOR_OPPOSITION,
            r"rebel|opposition|free syrian army|\bfsa\b|syrian national army|jaish al|jaysh al"
            r"|ahrar al|faylaq|nour al[- ]din|insurgent|militant",
        ),
    )
)
# Countries whose forces the coders file with the Syrian government.
_GOVERNMENT_SIDE = frozenset({"SY", "RU", "IR", "SYRIA", "RUSSIA", "IRAN"})
# Actors who are never the perpetrator in the coders' sense, by name, kind or
# ACLED inter code (5 rioters, 6 protesters, 7 civilians).
_NOT_PERPETRATOR = re.compile(r"civilian|unidentified|protester|rioter", re.IGNORECASE)
_NOT_PERPETRATOR_KINDS = frozenset({"civilians", "unidentified", "protesters", "rioters"})
_STATE_KINDS = frozenset({"state", "external"})


def _find_actor(report: Report, name: str) -> Actor | None:
    """The report's actor record named ``name`` (canonical name, id or ACLED name)."""
    for actor in report.actors:
        if name in (actor.name, actor.id, actor.acled_name):
            return actor
    return None


def _is_not_perpetrator(names: str, actor: Actor | None) -> bool:
    if actor is not None and (
        actor.inter in (5, 6, 7) or actor.kind.strip().lower() in _NOT_PERPETRATOR_KINDS
    ):
        return True
    return bool(_NOT_PERPETRATOR.search(names))


def _category_by_name(texts: Sequence[str]) -> str | None:
    joined = " | ".join(t for t in texts if t)
    for category, pattern in _ACTOR_RULES:
        if pattern.search(joined):
            return category
    return None


def actor_category(name: str | None, actor: Actor | None = None) -> str:
    """The FA-KES actor category of one sitrep actor.

    Method: civilians, protesters, rioters and unidentified groups are never
    a perpetrator (``unknown``). Otherwise ordered patterns
    (:data:`_ACTOR_RULES`) over the actor's names — first its canonical name,
    ACLED name and id, then, only if none matched, its aliases (an alias such
    as "anti-ISIS coalition" must not outvote the name). Failing those, the
    structured fields: state forces (kind ``state``/``external``) of Syria,
    Russia or Iran, and home state forces of no stated country (FA-KES is
    about Syria, where unnamed "government forces" are Syria's), are the
    government side; foreign forces of no stated country are ``unknown``; other
    countries' forces the international coalition (FA-KES has no other
    category for foreign forces, so Turkey or Israel land there too); rebel
    groups (ACLED ``inter`` 2) the armed opposition. Limits: anything else is
    ``unknown``.
    """
    primary = [name or ""]
    if actor is not None:
        primary += [actor.name, actor.acled_name or "", actor.id]
    if not any(primary) or _is_not_perpetrator(" | ".join(primary), actor):
        return ACTOR_UNKNOWN
    category = _category_by_name(primary)
    if category is None and actor is not None:
        category = _category_by_name(actor.aliases)
    if category is not None:
        return category
    if actor is None:
        return ACTOR_UNKNOWN
    country = (actor.country or "").strip().upper()
    kind = actor.kind.strip().lower()
    if kind in _STATE_KINDS or actor.inter in (1, 8):
        if country in _GOVERNMENT_SIDE:
            return ACTOR_GOVERNMENT
        if country:
            return ACTOR_COALITION
        # Unnamed home state forces are Syria's; unnamed foreign ones are no one's.
        return ACTOR_GOVERNMENT if kind == "state" or actor.inter == 1 else ACTOR_UNKNOWN
    if actor.inter == 2:
        return ACTOR_OPPOSITION
    return ACTOR_UNKNOWN


def actor_for_event(event: Event, report: Report) -> str:
    """The FA-KES perpetrator category of one event.

    The coders code the perpetrator. ACLED's actors carry no direction, but
    sitrep, like ACLED's coders, puts the side that fires or attacks in
    ``actor1`` and the target in ``actor2``; civilians are never the
    perpetrator. So: ``actor1``'s category when it is known and not
    civilians, else ``actor2``'s, else ``unknown``.
    """
    for name in (event.actor1, event.actor2):
        if not name:
            continue
        category = actor_category(name, _find_actor(report, name))
        if category != ACTOR_UNKNOWN:
            return category
    return ACTOR_UNKNOWN


# --- records -----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class FakesRow:
    """One coded FA-KES article; ``killed`` is ``nb_civilians + nb_noncivilians``."""

    unit_id: str
    title: str
    text: str
    outlet: str
    published: date | None
    governorate: str
    actor: str
    cause: str
    killed: int
    label: int


@dataclass(frozen=True, slots=True)
class FakesPrediction:
    """What a system says about an article, in the coders' categories.

    ``killed`` None means the system gave no number; it is scored as 0 (see
    :func:`score_prediction`).
    """

    governorate: str | None
    killed: int | None
    cause: str
    actor: str


def parse_fakes_date(value: str) -> date | None:
    """FA-KES's ``M/D/YY`` date (``7/10/16`` → 2016-07-10); None when malformed."""
    parts = value.strip().split("/")
    if len(parts) != 3 or not all(p.isdigit() for p in parts):
        return None
    month, day, year = (int(p) for p in parts)
    if year < 100:
        year += 2000
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _count(value: str) -> int:
    value = value.strip()
    return int(float(value)) if value else 0


def read_fakes(path: Path | str) -> list[FakesRow]:
    """Read a FA-KES CSV (the dataset's own columns) into :class:`FakesRow` records."""
    rows: list[FakesRow] = []
    with Path(path).open(encoding="utf-8", newline="") as handle:
        for record in csv.DictReader(handle):
            rows.append(
                FakesRow(
                    unit_id=record["unit_id"].strip(),
                    title=record.get("article_title") or "",
                    text=record.get("article_content") or "",
                    outlet=record.get("source") or "",
                    published=parse_fakes_date(record.get("date") or ""),
                    governorate=(record.get("location") or "").strip().lower(),
                    actor=(record.get("actor") or "").strip().lower(),
                    cause=(record.get("cause_of_death") or "").strip().lower(),
                    killed=_count(record.get("nb_civilians") or "")
                    + _count(record.get("nb_noncivilians") or ""),
                    label=_count(record.get("label") or ""),
                )
            )
    return rows


def headline_event(report: Report) -> Event | None:
    """The report's headline event (``headline: true``), or None."""
    return next((e for e in report.events if e.headline), None)


def governorate_for_event(event: Event, report: Report) -> str | None:
    """The FA-KES governorate of an event's resolved place.

    Method: the place's ``admin1`` through :func:`normalise_governorate`; a
    place without ``admin1`` (a governorate itself, or a gazetteer entry
    lacking it) is tried by its own name. Limits: a place outside Syria
    (``country`` set and not ``SY``) or an unresolved place gives None.
    """
    place = report.place_by_id(event.place)
    if place is None:
        return None
    if place.country and place.country.strip().upper() not in ("SY", "SYR", "SYRIA"):
        return None
    if place.admin1:
        return normalise_governorate(place.admin1)
    return normalise_governorate(place.name)


def predict_from_report(report: Report) -> FakesPrediction | None:
    """Read sitrep's headline event in the coders' categories; None without one."""
    event = headline_event(report)
    if event is None:
        return None
    return FakesPrediction(
        governorate=governorate_for_event(event, report),
        killed=event.fatalities,
        cause=cause_for_event(event),
        actor=actor_for_event(event, report),
    )


def score_prediction(prediction: FakesPrediction | None, row: FakesRow) -> dict[str, bool]:
    """Per-field hits of one prediction against one coded row.

    No prediction (a report without a headline event) misses every field,
    even where the coders wrote ``unknown``: saying nothing is not a reading.

    ``killed``: a missing number counts as 0. The coders give a number for
    every article (254 of 255 dev rows have at least one death; the one coded
    0 reports six children killed), so "no number" never earns a hit it does
    not deserve, and a system that says nothing is not rewarded.
    """
    if prediction is None:
        return dict.fromkeys(FIELDS, False)
    return {
        "governorate": prediction.governorate is not None
        and prediction.governorate == row.governorate,
        "killed": (prediction.killed or 0) == row.killed,
        "cause": prediction.cause == row.cause,
        "actor": prediction.actor == row.actor,
    }


# --- the evaluation ------------------------------------------------------------


class ReportSource(Protocol):
    """Anything with :meth:`sitrep.api.Extractor.extract_many`'s shape."""

    def extract_many(self, documents: Iterable[Document]) -> Iterable[Report]:
        """Reports for the documents, in order."""
        ...


def row_document(row: FakesRow) -> Document:
    """The :class:`Document` sitrep reads for one FA-KES row."""
    return Document(
        id=row.unit_id,
        text=row.text,
        title=row.title or None,
        outlet=row.outlet or None,
        published=row.published,
    )


def _accuracy(hits: Sequence[dict[str, bool]]) -> dict[str, float]:
    total = len(hits)
    return {f: (sum(h[f] for h in hits) / total if total else 0.0) for f in FIELDS}


def _counts(hits: Sequence[dict[str, bool]]) -> dict[str, int]:
    return {f: sum(h[f] for h in hits) for f in FIELDS}


def evaluate_fakes(
    path: Path | str,
    extractor: ReportSource,
    *,
    limit: int | None = None,
) -> dict[str, Any]:
    """Run sitrep and the keyword baseline on FA-KES articles and score both.

    Method: every row (the first ``limit`` rows when given) becomes a
    :class:`Document` (id, content, title, outlet, date); ``extract_many``
    reports are read by :func:`predict_from_report` and scored per field by
    :func:`score_prediction`; :func:`sitrep.eval.baseline.predict_baseline`
    is scored on the same rows. Returns ``{"data", "articles",
    "with_headline", "seconds", "docs_per_second", "fields", "sitrep",
    "baseline", "counts", "rows"}`` where ``sitrep``/``baseline`` map each
    field to its accuracy, ``counts`` holds the hit counts, and ``rows`` one
    dict per article (gold, both predictions, hits, the headline's evidence
    sentence) for error analysis. Limits: accuracy over the rows, no
    confidence intervals (±0.06 at n=255 for p≈0.5, 95%).
    """
    from sitrep.eval.baseline import predict_baseline

    rows = read_fakes(path)
    if limit is not None:
        rows = rows[: max(limit, 0)]
    started = time.perf_counter()
    reports = list(extractor.extract_many(row_document(r) for r in rows))
    seconds = time.perf_counter() - started

    sitrep_hits: list[dict[str, bool]] = []
    baseline_hits: list[dict[str, bool]] = []
    details: list[dict[str, Any]] = []
    with_headline = 0
    for row, report in zip(rows, reports, strict=True):
        event = headline_event(report)
        with_headline += event is not None
        predicted = predict_from_report(report)
        baseline = predict_baseline(row.title, row.text)
        hits = score_prediction(predicted, row)
        base_hits = score_prediction(baseline, row)
        sitrep_hits.append(hits)
        baseline_hits.append(base_hits)
        details.append(
            {
                "unit_id": row.unit_id,
                "title": row.title,
                "gold": {
                    "governorate": row.governorate,
                    "killed": row.killed,
                    "cause": row.cause,
                    "actor": row.actor,
                },
                "sitrep": None if predicted is None else asdict(predicted),
                "baseline": asdict(baseline),
                "hits": hits,
                "baseline_hits": base_hits,
                "headline": None
                if event is None
                else {
                    "sub_event_type": event.sub_event_type,
                    "trigger": event.trigger.text,
                    "actor1": event.actor1,
                    "actor2": event.actor2,
                    "place": event.place,
                    "fatalities": event.fatalities,
                    "sentence": event.evidence.sentence.text,
                },
            }
        )
    return {
        "data": str(path),
        "articles": len(rows),
        "with_headline": with_headline,
        "seconds": round(seconds, 3),
        "docs_per_second": round(len(rows) / seconds, 2) if seconds > 0 else 0.0,
        "fields": list(FIELDS),
        "sitrep": _accuracy(sitrep_hits),
        "baseline": _accuracy(baseline_hits),
        "counts": {"sitrep": _counts(sitrep_hits), "baseline": _counts(baseline_hits)},
        "rows": details,
    }


def format_scores(result: dict[str, Any]) -> str:
    """A Markdown table of sitrep's accuracy beside the baseline's, with the delta."""
    n = result["articles"]
    lines = [
        f"FA-KES headline event: {n} articles, {result['with_headline']} with a headline "
        f"event; sitrep took {result['seconds']:.1f} s ({result['docs_per_second']:.1f} docs/s)",
        "",
        "| field | sitrep | keyword baseline | delta |",
        "|---|---|---|---|",
    ]
    for name in result["fields"]:
        ours, base = result["sitrep"][name], result["baseline"][name]
        hits, base_hits = result["counts"]["sitrep"][name], result["counts"]["baseline"][name]
        lines.append(
            f"| {name} | {ours:.3f} ({hits}/{n}) | {base:.3f} ({base_hits}/{n}) "
            f"| {ours - base:+.3f} |"
        )
    return "\n".join(lines)


# --- the accuracy gate -----------------------------------------------------------

#: The floors file beside this module (see its ``rule``).
FLOORS_PATH = Path(__file__).with_name("floors.json")


def load_floors(path: Path | None = None) -> dict[str, Any]:
    """Read the accuracy floors (``{"floors": {field: score}, ...}``)."""
    with (path or FLOORS_PATH).open(encoding="utf-8") as handle:
        data: dict[str, Any] = json.load(handle)
    return data


def scores_below_floors(result: dict[str, Any], floors: dict[str, float]) -> list[str]:
    """One message per field whose sitrep accuracy is under its floor (empty: gate passes).

    A floor missing from ``floors`` is not checked; a field missing from the
    result is reported, so that a renamed field cannot pass silently.
    """
    failures: list[str] = []
    for name, floor in floors.items():
        score = result["sitrep"].get(name)
        if score is None:
            failures.append(f"{name}: no score in the result (floor {floor:.2f})")
        elif score < floor:
            failures.append(f"{name}: {score:.3f} < floor {floor:.2f}")
    return failures
