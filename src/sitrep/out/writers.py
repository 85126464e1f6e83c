"""Write a stream of reports in one of sitrep's output formats."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any, TextIO

from sitrep.errors import Errors, SitrepError
from sitrep.out.acled import write_acled_csv
from sitrep.out.geojson import report_features
from sitrep.out.json import report_to_dict
from sitrep.types import Report

#: Output formats, as named by ``--format``.
FORMATS: tuple[str, ...] = ("json", "jsonl", "geojson", "acled")


def write_reports(
    reports: Iterable[Report],
    fmt: str,
    stream: TextIO,
    *,
    single: bool = False,
) -> int:
    """Write ``reports`` to ``stream`` as ``fmt``; return how many reports were written.

    ``json`` writes one object when ``single`` (one input document) and a JSON
    array otherwise, so the shape depends on what was asked, not on how many
    items failed; ``jsonl`` one report per line; ``geojson`` one
    FeatureCollection (with ``credits``); ``acled`` a CSV with one row per
    event. Reports are consumed lazily and written as they come (the GeoJSON
    credits are written after the features), so a long batch is never held
    in memory. Raises :class:`SitrepError` E021 for an unknown format.
    """
    if fmt not in FORMATS:
        raise SitrepError(Errors.E021, value=fmt, choices=", ".join(FORMATS))
    counted = _Counter(reports)
    if fmt == "acled":
        write_acled_csv(counted, stream)
    elif fmt == "jsonl":
        for report in counted:
            stream.write(_dumps(report_to_dict(report)) + "\n")
    elif fmt == "geojson":
        _write_geojson(counted, stream)
    elif single:
        for report in counted:
            stream.write(json.dumps(report_to_dict(report), ensure_ascii=False, indent=2) + "\n")
    else:
        _write_json_array(counted, stream)
    return counted.count


class _Counter:
    """Passes reports through, counting them."""

    def __init__(self, reports: Iterable[Report]) -> None:
        self._reports = reports
        self.count = 0

    def __iter__(self) -> Any:
        for report in self._reports:
            self.count += 1
            yield report


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def _write_json_array(reports: Iterable[Report], stream: TextIO) -> None:
    stream.write("[")
    for number, report in enumerate(reports):
        stream.write(",\n" if number else "\n")
        stream.write(_dumps(report_to_dict(report)))
    stream.write("\n]\n")


def _write_geojson(reports: Iterable[Report], stream: TextIO) -> None:
    credits: list[str] = []
    stream.write('{"type": "FeatureCollection", "features": [')
    first = True
    for report in reports:
        for feature in report_features(report):
            stream.write("\n" if first else ",\n")
            stream.write(_dumps(feature))
            first = False
        credits.extend(c for c in report.credits if c not in credits)
    stream.write(f'\n], "credits": {_dumps(credits)}}}\n')
