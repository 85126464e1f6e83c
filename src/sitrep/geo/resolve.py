"""Resolve a document's toponyms to places (placeholder until the geo stage lands)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from sitrep.geo.gazetteer import Gazetteer
from sitrep.types import Place, Span, Toponym


@dataclass(slots=True)
class GeoResolution:
    """Places of a document and which mention resolved to which place id."""

    places: list[Place] = field(default_factory=list)
    by_mention: dict[tuple[int, int], str] = field(default_factory=dict)

    def place_for(self, span: Span | None) -> str | None:
        """The id of the place resolved for a mention overlapping ``span``."""
        if span is None:
            return None
        exact = self.by_mention.get((span.start, span.end))
        if exact is not None:
            return exact
        for (start, end), place_id in self.by_mention.items():
            if start < span.end and span.start < end:
                return place_id
        return None


def resolve_toponyms(
    toponyms: Sequence[Toponym], text: str, gazetteer: Gazetteer
) -> GeoResolution:
    """Resolve every toponym against ``gazetteer`` using the whole document."""
    return GeoResolution()
