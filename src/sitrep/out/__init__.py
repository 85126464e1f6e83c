"""Outputs: JSON, GeoJSON, ACLED-style CSV and pandas DataFrames of reports."""

from sitrep.out.acled import ACLED_COLUMNS, report_to_acled_rows, write_acled_csv
from sitrep.out.facts import CONTRACT_PROPERTIES, fact_properties
from sitrep.out.geojson import reports_to_geojson
from sitrep.out.json import report_to_dict
from sitrep.out.writers import FORMATS, write_reports

__all__ = [
    "ACLED_COLUMNS",
    "CONTRACT_PROPERTIES",
    "FORMATS",
    "fact_properties",
    "report_to_acled_rows",
    "report_to_dict",
    "reports_to_geojson",
    "write_acled_csv",
    "write_reports",
]
