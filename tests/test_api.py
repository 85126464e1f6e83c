"""Tests of sitrep.api: the library entry points and the language check."""

from __future__ import annotations

import gc
from typing import Any

import pytest

from sitrep.api import _freeze_once, check_language
from sitrep.types import Document


@pytest.mark.parametrize(
    ("text", "language", "complains"),
    [
        (
            "The army said clashes broke out in the north of the country on Sunday. " * 5,
            None,
            False,
        ),
        (
            "Die Armee sagte, dass im Norden des Landes am Sonntag Kämpfe ausgebrochen sind. " * 5,
            None,
            True,
        ),
        ("قال الجيش إن اشتباكات اندلعت في شمال البلاد يوم الأحد " * 5, None, True),
        ("Short text.", None, False),
        ("The army said clashes broke out. " * 5, "fr", True),
    ],
)
def test_api_check_language(text: str, language: str | None, complains: bool) -> None:
    reason = check_language(Document(id="t", text=text, language=language))
    assert (reason is not None) == complains


@pytest.mark.model
def test_api_extract_returns_serialisable_report(extractor) -> None:  # type: ignore[no-untyped-def]
    import json

    import sitrep

    report = sitrep.extract(
        "Two civilians were killed in shelling on the town on Sunday, activists said.",
        published="2020-03-02",
        outlet="Wire",
        extractor=extractor,
    )
    assert report.document.published is not None
    json.dumps(report.to_dict())
    assert report.to_geojson()["type"] == "FeatureCollection"


@pytest.mark.model
def test_api_empty_text_gives_empty_report(extractor) -> None:  # type: ignore[no-untyped-def]
    import sitrep

    report = sitrep.extract("", extractor=extractor)
    assert report.events == [] and report.claims == [] and report.places == []


def test_api_bad_published_date_is_a_clear_error() -> None:
    import sitrep
    from sitrep.errors import SitrepError

    with pytest.raises(SitrepError, match="E009"):
        sitrep.extract("text", published="yesterday-ish")


def test_api_extractor_freezes_loaded_objects_once(extractor: Any) -> None:
    # the session's extractor froze the model, gazetteer and lexicons
    frozen = gc.get_freeze_count()
    assert frozen > 0
    # a second extractor freezes nothing more: what it loads stays collectable
    _freeze_once()
    assert gc.get_freeze_count() == frozen
