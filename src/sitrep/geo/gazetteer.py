"""The offline gazetteer (placeholder until the geo stage lands)."""

from __future__ import annotations

from sitrep.settings import Settings


class Gazetteer:
    """GeoNames-based place index; ``Gazetteer.load(settings)`` opens it."""

    @classmethod
    def load(cls, settings: Settings | None = None) -> Gazetteer:
        """Open (building once, then caching) the gazetteer index."""
        return cls()
