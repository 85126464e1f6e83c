"""Stores on both backends, and reports built by hand (no model) to fill them.

``store_location`` is parametrized over SQLite and PostgreSQL. The PostgreSQL
URL comes from ``SITREP_TEST_POSTGRES`` (``bash .ci/postgres`` starts a
server and prints it); without it those cases skip with a reason — except
under CI (``CI`` set), where they fail, so CI never passes without them.
Each PostgreSQL test gets its own schema, dropped afterwards.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest

from sitrep.types import Actor, Claim, Deployment, Document, Event, Evidence, Place, Report, Span

POSTGRES_ENV = "SITREP_TEST_POSTGRES"


@dataclass(frozen=True)
class StoreLocation:
    """Where a test's store lives: ``open_store(location, schema=schema)``."""

    backend: str
    location: str
    schema: str | None = None


def postgres_url() -> str:
    """The test server's URL, or skip (fail under CI) when there is none."""
    url = os.environ.get(POSTGRES_ENV)
    if url:
        return url
    reason = f'PostgreSQL store tests need {POSTGRES_ENV} (run: eval "$(bash .ci/postgres)")'
    if os.environ.get("CI"):
        pytest.fail(reason + " — required under CI")
    pytest.skip(reason)


def drop_schema(url: str, schema: str) -> None:
    import psycopg

    with psycopg.connect(url, autocommit=True) as connection:
        connection.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')


@pytest.fixture(params=["sqlite", "postgresql"])
def store_location(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[StoreLocation]:
    """A fresh store location on each backend."""
    if request.param == "sqlite":
        yield StoreLocation("sqlite", str(tmp_path / "store.db"))
        return
    url = postgres_url()
    schema = f"t_{uuid.uuid4().hex[:12]}"
    yield StoreLocation("postgresql", url, schema)
    drop_schema(url, schema)


@pytest.fixture
def store(store_location: StoreLocation) -> Iterator[object]:
    """An open, empty store on each backend."""
    from sitrep.store import open_store

    opened = open_store(store_location.location, schema=store_location.schema)
    yield opened
    opened.close()


@dataclass(frozen=True)
class EventSpec:
    """One event of a hand-made report."""

    event_type: str = "Battles"
    sub_event_type: str = "Armed clash"
    actor1: str | None = "Rebels"
    actor2: str | None = "Syria"
    place: tuple[str, float, float, str] | None = ("Aleppo", 36.2, 37.16, "Aleppo")
    day: date | None = date(2019, 7, 1)
    killed: int | None = None
    modality: str = "asserted"
    #: ACLED time precision of ``day``: 1 day, 2 week, 3 month.
    precision: int = 1
    assoc_actor1: tuple[str, ...] = ()
    assoc_actor2: tuple[str, ...] = ()


def make_report(
    doc_id: str,
    *,
    text: str | None = None,
    outlet: str | None = "Example News",
    published: date | None = date(2019, 7, 1),
    url: str | None = None,
    events: list[EventSpec] | None = None,
) -> Report:
    """A report with the given events, one deployment, one claim and its actors."""
    text = (
        text or f"Fighting was reported in the north, the article {doc_id} says. Troops are based."
    )
    sentence = Span(0, text.index(".") + 1, text[: text.index(".") + 1])
    document = Document(
        id=doc_id, text=text, outlet=outlet, published=published, url=url, title=f"Title {doc_id}"
    )
    report = Report(document=document)
    specs = events if events is not None else [EventSpec()]
    for number, spec in enumerate(specs, start=1):
        place_id = None
        if spec.place is not None:
            name, lat, lon, admin1 = spec.place
            place_id = f"p{number}"
            report.places.append(
                Place(id=place_id, name=name, lat=lat, lon=lon, admin1=admin1, country="SY")
            )
        report.events.append(
            Event(
                id=f"e{number}",
                event_type=spec.event_type,
                sub_event_type=spec.sub_event_type,
                trigger=Span(0, 8, text[:8]),
                evidence=Evidence(sentence, "test.rule", "made by hand"),
                actor1=spec.actor1,
                actor2=spec.actor2,
                assoc_actor1=list(spec.assoc_actor1),
                assoc_actor2=list(spec.assoc_actor2),
                place=place_id,
                date=spec.day,
                date_precision=spec.precision if spec.day else None,
                fatalities=spec.killed,
                modality=spec.modality,
                weapons=["mortar"],
            )
        )
    for name, inter in (("Rebels", 2), ("Syria", 1)):
        report.actors.append(
            Actor(id=name.lower(), name=name, kind="org", acled_name=f"{name} (ACLED)", inter=inter)
        )
    report.deployments.append(
        Deployment(
            id="d1",
            kind="deployment",
            actor="Syria",
            role="base",
            evidence=Evidence(sentence, "test.deployment"),
            place=report.places[0].id if report.places else None,
            strength=300,
            date=published,
        )
    )
    report.claims.append(
        Claim(
            id="c1",
            cue=None,
            content=sentence,
            type="unattributed",
            speaker=outlet,
            events=["e1"],
        )
    )
    return report
