"""sitrep's NLP: one spaCy ``Language`` with sitrep's stages as registered components."""

from sitrep.nlp.pipeline import COMPONENTS, build_pipeline

__all__ = ["COMPONENTS", "build_pipeline"]
