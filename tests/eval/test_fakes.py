"""Tests of sitrep.eval.fakes: the FA-KES scorer on hand-built reports (no model)."""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path

import pytest

from sitrep.eval.fakes import (
    ACTOR_COALITION,
    ACTOR_GOVERNMENT,
    ACTOR_ISIS,
    ACTOR_NUSRA,
    ACTOR_OPPOSITION,
    ACTOR_SELF_ADMINISTRATION,
    ACTOR_UNKNOWN,
    CAUSE_CHEMICAL,
    CAUSE_EXECUTION,
    CAUSE_EXPLOSION,
    CAUSE_SHELLING,
    CAUSE_SHOOTING,
    CAUSE_UNKNOWN,
    FIELDS,
    FakesRow,
    actor_category,
    actor_for_event,
    cause_for_event,
    evaluate_fakes,
    format_scores,
    normalise_governorate,
    parse_fakes_date,
    predict_from_report,
    read_fakes,
    score_prediction,
    scores_below_floors,
)
from sitrep.types import Actor, Document, Event, Evidence, Place, Report, Span

TEXT = "Russian air strikes killed 12 civilians in Aleppo on Sunday."

RUSSIA = Actor(
    id="russia",
    name="Russia",
    kind="state",
    acled_name="Military Forces of Russia (2000-)",
    inter=8,
    country="RU",
)
CIVILIANS = Actor(id="civilians", name="Civilians (Syria)", kind="civilians", inter=7)
ISIS = Actor(id="isis", name="Islamic State", kind="rebel", inter=2)
ALEPPO = Place(
    id="p1", name="Aleppo", lat=36.2, lon=37.16, admin1="Aleppo Governorate", country="SY"
)


def _event(
    *,
    sub_event_type: str = "Air/drone strike",
    trigger: str = "air strikes",
    actor1: str | None = "Russia",
    actor2: str | None = "Civilians (Syria)",
    place: str | None = "p1",
    fatalities: int | None = 12,
    headline: bool = True,
    weapons: list[str] | None = None,
) -> Event:
    return Event(
        id="e1",
        event_type="Explosions/Remote violence",
        sub_event_type=sub_event_type,
        trigger=Span(8, 8 + len(trigger), trigger),
        evidence=Evidence(sentence=Span(0, len(TEXT), TEXT), rule="test"),
        actor1=actor1,
        actor2=actor2,
        place=place,
        fatalities=fatalities,
        headline=headline,
        weapons=weapons or [],
    )


def _report(*events: Event, places: list[Place] | None = None, doc_id: str = "1") -> Report:
    return Report(
        document=Document(id=doc_id, text=TEXT),
        actors=[RUSSIA, CIVILIANS, ISIS],
        places=[ALEPPO] if places is None else places,
        events=list(events),
    )


def _row(
    *,
    governorate: str = "aleppo",
    killed: int = 12,
    cause: str = CAUSE_SHELLING,
    actor: str = ACTOR_GOVERNMENT,
    unit_id: str = "1",
) -> FakesRow:
    return FakesRow(
        unit_id=unit_id,
        title="Air strikes on Aleppo",
        text=TEXT,
        outlet="test",
        published=date(2016, 7, 10),
        governorate=governorate,
        actor=actor,
        cause=cause,
        killed=killed,
        label=1,
    )


ALL_HIT = dict.fromkeys(FIELDS, True)
ALL_MISS = dict.fromkeys(FIELDS, False)


@pytest.mark.parametrize(
    ("report", "row", "expected"),
    [
        (_report(_event()), _row(), ALL_HIT),
        # Only the headline event is read: a perfect non-headline event scores nothing.
        (_report(_event(headline=False)), _row(), ALL_MISS),
        # No headline: a miss everywhere, even where the coders wrote "unknown".
        (_report(), _row(cause=CAUSE_UNKNOWN, actor=ACTOR_UNKNOWN, killed=0), ALL_MISS),
        (_report(_event()), _row(killed=13), {**ALL_HIT, "killed": False}),
        # No number is scored as 0.
        (_report(_event(fatalities=None)), _row(killed=0), ALL_HIT),
        (_report(_event(fatalities=None)), _row(), {**ALL_HIT, "killed": False}),
        (_report(_event()), _row(governorate="idlib"), {**ALL_HIT, "governorate": False}),
        # An unresolved place, or one outside Syria, has no governorate.
        (_report(_event(place=None)), _row(), {**ALL_HIT, "governorate": False}),
        (
            _report(
                _event(),
                places=[Place(id="p1", name="Gaziantep", lat=37, lon=37.4, admin1="Gaziantep")],
            ),
            _row(),
            {**ALL_HIT, "governorate": False},
        ),
        (
            _report(
                _event(),
                places=[
                    Place(id="p1", name="Aleppo", lat=36, lon=37, admin1="Aleppo", country="TR")
                ],
            ),
            _row(),
            {**ALL_HIT, "governorate": False},
        ),
        # A place without admin1 is tried by its own name.
        (
            _report(_event(), places=[Place(id="p1", name="Aleppo", lat=36.2, lon=37.16)]),
            _row(),
            ALL_HIT,
        ),
        (_report(_event(sub_event_type="Suicide bomb")), _row(), {**ALL_HIT, "cause": False}),
        (
            _report(_event(actor1="Islamic State")),
            _row(),
            {**ALL_HIT, "actor": False},
        ),
    ],
)
def test_fakes_score_headline_fields(
    report: Report, row: FakesRow, expected: dict[str, bool]
) -> None:
    assert score_prediction(predict_from_report(report), row) == expected


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Aleppo Governorate", "aleppo"),
        ("Muhafazat Halab", "aleppo"),
        ("Ḩalab Province", "aleppo"),
        ("Damascus", "damascus"),
        ("Rif Dimashq", "damascus"),
        ("Rīf Dimashq", "damascus"),
        ("Damascus Countryside", "damascus"),
        ("Rural Damascus", "damascus"),
        ("Deir ez-Zor", "deir ezzor"),
        ("Dayr az Zawr", "deir ezzor"),
        ("Deir-ez-Zor", "deir ezzor"),
        ("Al-Hasakah", "hasakeh"),
        ("Al Ḩasakah", "hasakeh"),
        ("Al-Hasakeh", "hasakeh"),
        ("Latakia", "lattakia"),
        ("Al Lādhiqīyah", "lattakia"),
        ("Ar Raqqah", "raqqa"),
        ("Ar-Raqqa", "raqqa"),
        ("Quneitra", "quneitra"),
        ("Al Qunayţirah", "quneitra"),
        ("Daraa", "daraa"),
        ("Dar'a", "daraa"),
        ("Dar'ā", "daraa"),
        ("Ḩimş", "homs"),
        ("Homs Governorate", "homs"),
        ("Ḩamāh", "hama"),
        ("Idleb", "idlib"),
        ("  idlib  ", "idlib"),
        ("SY-HL", "aleppo"),
        ("SY-RD", "damascus"),
        ("SY09", "deir ezzor"),
        # Negatives: other countries' divisions, countries, fragments, nothing.
        ("Hatay", None),
        ("Beirut", None),
        ("Syria", None),
        ("Al", None),
        ("Governorate", None),
        ("Aleppo Citadel", None),
        ("Hamadan", None),
        ("SY-XX", None),
        ("", None),
        ("   ", None),
        (None, None),
    ],
)
def test_fakes_normalise_governorate(name: str | None, expected: str | None) -> None:
    assert normalise_governorate(name) == expected


@pytest.mark.parametrize(
    ("sub_event_type", "trigger", "weapons", "expected"),
    [
        ("Air/drone strike", "air strike", [], CAUSE_SHELLING),
        ("Shelling/artillery/missile attack", "shelling", [], CAUSE_SHELLING),
        ("shelling/artillery/missile attack", "shelling", [], CAUSE_SHELLING),
        ("Remote explosive/landmine/IED", "car bomb", [], CAUSE_EXPLOSION),
        ("Suicide bomb", "blew himself up", [], CAUSE_EXPLOSION),
        ("Grenade", "grenade", [], CAUSE_EXPLOSION),
        ("Chemical weapon", "gas attack", [], CAUSE_CHEMICAL),
        ("Armed clash", "clashes", [], CAUSE_UNKNOWN),
        ("Armed clash", "clashes", ["light weapons"], CAUSE_SHOOTING),
        ("Armed clash", "clashes", ["light weapons", "mortar"], CAUSE_SHELLING),
        ("Attack", "killed", [], CAUSE_UNKNOWN),
        ("Attack", "killed", ["knives"], CAUSE_UNKNOWN),
        ("Attack", "shot dead", [], CAUSE_SHOOTING),
        ("Attack", "executed", [], CAUSE_EXECUTION),
        ("Attack", "killed", ["firing squad"], CAUSE_EXECUTION),
        ("Attack", "crucified", [], CAUSE_EXECUTION),
        # Negatives: execution words only count for Attack; non-violent types are unknown.
        ("Armed clash", "executed", [], CAUSE_UNKNOWN),
        ("Peaceful protest", "protest", [], CAUSE_UNKNOWN),
        ("Arrests", "arrested", [], CAUSE_UNKNOWN),
        ("Agreement", "ceasefire", [], CAUSE_UNKNOWN),
    ],
)
def test_fakes_cause_for_event(
    sub_event_type: str, trigger: str, weapons: list[str], expected: str
) -> None:
    event = _event(sub_event_type=sub_event_type, trigger=trigger, weapons=weapons)
    assert cause_for_event(event) == expected


@pytest.mark.parametrize(
    ("name", "actor", "expected"),
    [
        ("Military Forces of Syria (2000-)", None, ACTOR_GOVERNMENT),
        ("Military Forces of Russia (2000-)", None, ACTOR_GOVERNMENT),
        ("Russia", RUSSIA, ACTOR_GOVERNMENT),
        ("Syrian army", None, ACTOR_GOVERNMENT),
        ("Hezbollah", None, ACTOR_GOVERNMENT),
        ("Islamic State (Syria)", None, ACTOR_ISIS),
        ("ISIL", None, ACTOR_ISIS),
        ("Hay'at Tahrir al-Sham", None, ACTOR_NUSRA),
        ("Jabhat al-Nusra", None, ACTOR_NUSRA),
        ("Syrian Democratic Forces", None, ACTOR_SELF_ADMINISTRATION),
        ("YPG", None, ACTOR_SELF_ADMINISTRATION),
        ("US-led coalition", None, ACTOR_COALITION),
        ("Opposition Rebels (Syria)", None, ACTOR_OPPOSITION),
        ("Free Syrian Army", None, ACTOR_OPPOSITION),
        # Structured fields when no name pattern matches.
        (
            "United States",
            Actor(id="us", name="United States", kind="state", inter=8, country="US"),
            ACTOR_COALITION,
        ),
        (
            "Iran",
            Actor(id="iran", name="Tehran", kind="state", inter=8, country="IR"),
            ACTOR_GOVERNMENT,
        ),
        (
            "Jund al-Aqsa",
            Actor(id="ja", name="Jund al-Aqsa", kind="rebel", inter=2),
            ACTOR_OPPOSITION,
        ),
        # An alias naming the enemy does not outvote the actor's own name.
        (
            "International coalition",
            Actor(
                id="international_coalition",
                name="International coalition",
                kind="external",
                inter=8,
                aliases=["anti-ISIS coalition", "Global Coalition against Daesh"],
            ),
            ACTOR_COALITION,
        ),
        ("Al Qaeda", None, ACTOR_NUSRA),
        (
            "government forces",
            Actor(id="government_forces", name="government forces", kind="state", inter=1),
            ACTOR_GOVERNMENT,
        ),
        (
            "JNIM",
            Actor(
                id="jnim",
                name="JNIM",
                kind="rebel",
                inter=2,
                aliases=["Jama'at Nusrat al-Islam wal-Muslimin"],
            ),
            ACTOR_OPPOSITION,
        ),
        # Negatives: victims, the unidentified, nothing, and a non-state name alone.
        (
            "UN peacekeepers",
            Actor(id="un", name="UN peacekeepers", kind="external", inter=8),
            ACTOR_UNKNOWN,
        ),
        (
            "gunmen",
            Actor(
                id="unidentified_armed_group",
                name="Unidentified armed group",
                kind="unidentified",
                aliases=["militants", "gunmen"],
            ),
            ACTOR_UNKNOWN,
        ),
        ("Protesters (Syria)", None, ACTOR_UNKNOWN),
        ("Civilians (Syria)", None, ACTOR_UNKNOWN),
        ("Syria", CIVILIANS, ACTOR_UNKNOWN),
        ("Unidentified Armed Group (Syria)", None, ACTOR_UNKNOWN),
        ("United States", None, ACTOR_UNKNOWN),
        (None, None, ACTOR_UNKNOWN),
        ("", None, ACTOR_UNKNOWN),
    ],
)
def test_fakes_actor_category(name: str | None, actor: Actor | None, expected: str) -> None:
    assert actor_category(name, actor) == expected


@pytest.mark.parametrize(
    ("actor1", "actor2", "expected"),
    [
        ("Russia", "Civilians (Syria)", ACTOR_GOVERNMENT),
        ("Civilians (Syria)", "Islamic State", ACTOR_ISIS),
        ("Unidentified Armed Group (Syria)", "Russia", ACTOR_GOVERNMENT),
        ("Islamic State", "Russia", ACTOR_ISIS),
        ("Civilians (Syria)", None, ACTOR_UNKNOWN),
        (None, None, ACTOR_UNKNOWN),
    ],
)
def test_fakes_actor_for_event_prefers_actor1(
    actor1: str | None, actor2: str | None, expected: str
) -> None:
    event = _event(actor1=actor1, actor2=actor2)
    assert actor_for_event(event, _report(event)) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("7/10/16", date(2016, 7, 10)),
        ("12/1/2015", date(2015, 12, 1)),
        ("13/40/16", None),
        ("2016-07-10", None),
        ("", None),
    ],
)
def test_fakes_parse_date(value: str, expected: date | None) -> None:
    assert parse_fakes_date(value) == expected


COLUMNS = [
    "unit_id",
    "article_title",
    "article_content",
    "source",
    "date",
    "location",
    "actor",
    "cause_of_death",
    "nb_children",
    "nb_civilians",
    "nb_noncivilians",
    "nb_women",
    "label",
]


def _write_csv(path: Path, rows: list[dict[str, str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS)
        writer.writeheader()
        writer.writerows(rows)
    return path


def _csv_row(unit_id: str, location: str, civilians: int) -> dict[str, str]:
    return {
        "unit_id": unit_id,
        "article_title": "Air strikes on Aleppo",
        "article_content": TEXT,
        "source": "test",
        "date": "7/10/16",
        "location": location,
        "actor": ACTOR_GOVERNMENT,
        "cause_of_death": CAUSE_SHELLING,
        "nb_children": "0",
        "nb_civilians": str(civilians),
        "nb_noncivilians": "0",
        "nb_women": "0",
        "label": "1",
    }


class HandBuiltReports:
    """Gives the same hand-built report for every document (no model)."""

    def __init__(self) -> None:
        self.seen: list[Document] = []

    def extract_many(self, documents: Iterable[Document]) -> Iterator[Report]:
        for document in documents:
            self.seen.append(document)
            yield _report(_event(), doc_id=document.id)


def test_fakes_evaluate_scores_and_rows(tmp_path: Path) -> None:
    path = _write_csv(
        tmp_path / "fakes.csv",
        [_csv_row("1", "aleppo", 12), _csv_row("2", "idlib", 12), _csv_row("3", "aleppo", 5)],
    )
    source = HandBuiltReports()
    result = evaluate_fakes(path, source)
    assert result["articles"] == 3 and result["with_headline"] == 3
    assert result["counts"]["sitrep"] == {"governorate": 2, "killed": 2, "cause": 3, "actor": 3}
    assert result["sitrep"]["governorate"] == pytest.approx(2 / 3)
    assert [row["unit_id"] for row in result["rows"]] == ["1", "2", "3"]
    assert result["rows"][1]["hits"]["governorate"] is False
    assert result["rows"][0]["headline"]["trigger"] == "air strikes"
    # The baseline reads the same text: Aleppo, air strikes, Russian; it finds
    # no toll because its number comes after "killed", not before.
    assert result["counts"]["baseline"] == {"governorate": 2, "killed": 0, "cause": 3, "actor": 3}
    document = source.seen[0]
    assert (document.id, document.title, document.outlet) == ("1", "Air strikes on Aleppo", "test")
    assert document.published == date(2016, 7, 10)


def test_fakes_evaluate_limit(tmp_path: Path) -> None:
    path = _write_csv(tmp_path / "fakes.csv", [_csv_row(str(i), "aleppo", 12) for i in range(5)])
    result = evaluate_fakes(path, HandBuiltReports(), limit=2)
    assert result["articles"] == 2 and len(result["rows"]) == 2


def test_fakes_format_scores_table(tmp_path: Path) -> None:
    path = _write_csv(tmp_path / "fakes.csv", [_csv_row("1", "idlib", 3)])
    table = format_scores(evaluate_fakes(path, HandBuiltReports()))
    assert "| field | sitrep | keyword baseline | delta |" in table
    assert "| governorate | 0.000 (0/1) | 0.000 (0/1) | +0.000 |" in table
    assert "| cause | 1.000 (1/1) | 1.000 (1/1) | +0.000 |" in table
    assert all(f"| {name} |" in table for name in FIELDS)


@pytest.mark.parametrize(
    ("scores", "floors", "failing"),
    [
        ({"cause": 0.5, "actor": 0.4}, {"cause": 0.5, "actor": 0.4}, []),
        ({"cause": 0.49, "actor": 0.4}, {"cause": 0.5, "actor": 0.4}, ["cause"]),
        ({"cause": 0.6}, {"cause": 0.5, "actor": 0.4}, ["actor"]),
    ],
)
def test_fakes_scores_below_floors(
    scores: dict[str, float], floors: dict[str, float], failing: list[str]
) -> None:
    messages = scores_below_floors({"sitrep": scores}, floors)
    assert [m.split(":")[0] for m in messages] == failing


@pytest.mark.evaldata
def test_fakes_read_dev_split(eval_dir: Path) -> None:
    rows = read_fakes(eval_dir / "fakes-dev.csv")
    assert len(rows) == 255
    assert all(row.published is not None for row in rows)
    assert {row.cause for row in rows} <= {
        CAUSE_SHELLING,
        CAUSE_EXPLOSION,
        CAUSE_CHEMICAL,
        CAUSE_SHOOTING,
        CAUSE_EXECUTION,
        CAUSE_UNKNOWN,
    }
    assert all(normalise_governorate(row.governorate) == row.governorate for row in rows)
