"""A corpus of articles: cross-article event clusters and Dask scale-out.

- :mod:`sitrep.corpus.cluster`: reports of the same event in several
  articles merged into one :class:`~sitrep.corpus.cluster.EventCluster`, with
  its outlets, corroborations and contradictions;
- :mod:`sitrep.corpus.distributed`: the per-document function mapped over a
  Dask cluster.

Nothing heavy is imported here: Dask loads only when
:func:`sitrep.corpus.distributed.extract_distributed` runs.
"""
