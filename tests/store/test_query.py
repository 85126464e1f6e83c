"""Query filters: bounding boxes parsed from users, LIKE patterns, WHERE clauses."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sitrep.errors import SitrepError
from sitrep.store.query import Query, like_pattern, parse_bbox, where_clause


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("35,33,38,37", (35.0, 33.0, 38.0, 37.0)),
        (" -10.5, -5 ,  20 , 5.25 ", (-10.5, -5.0, 20.0, 5.25)),
        ("170,-10,-170,10", (170.0, -10.0, -170.0, 10.0)),
    ],
)
def test_query_parse_bbox(text: str, expected: tuple[float, ...]) -> None:
    assert parse_bbox(text) == expected


@pytest.mark.parametrize(
    "text", ["", "1,2,3", "1,2,3,4,5", "a,b,c,d", "0,10,1,5", "0,0,200,1", "0,-91,1,0"]
)
def test_query_parse_bbox_refuses(text: str) -> None:
    with pytest.raises(SitrepError) as raised:
        parse_bbox(text)
    assert raised.value.code == "E084"


@given(st.text(max_size=40))
def test_query_parse_bbox_never_crashes(text: str) -> None:
    try:
        west, south, east, north = parse_bbox(text)
    except SitrepError as error:
        assert error.code == "E084"
    else:
        assert -90 <= south <= north <= 90
        assert -180 <= west <= 180 and -180 <= east <= 180


@pytest.mark.parametrize(
    ("fragment", "pattern"),
    [("Russia", "%russia%"), ("50%", "%50\\%%"), ("a_b", "%a\\_b%"), ("x\\y", "%x\\\\y%")],
)
def test_query_like_pattern_escapes_wildcards(fragment: str, pattern: str) -> None:
    assert like_pattern(fragment) == pattern


@pytest.mark.parametrize(
    ("query", "table", "fragments", "absent"),
    [
        (Query(), "events", [], ["WHERE"]),
        (Query(bbox=(1, 2, 3, 4)), "claims", [], ["lat", "WHERE"]),
        (Query(min_corroboration=2), "events", ["n_outlets >= ?"], []),
        (Query(min_corroboration=2), "deployments", [], ["n_outlets"]),
        (Query(bbox=(170, 0, -170, 1)), "events", ["lon >= ? OR", "lat BETWEEN"], []),
        (Query(actor="x"), "claims", ["lower(speaker) LIKE"], ["actor1"]),
    ],
)
def test_query_where_clause(
    query: Query, table: str, fragments: list[str], absent: list[str]
) -> None:
    sql, params = where_clause(query, table)
    for fragment in fragments:
        assert fragment in sql
    for fragment in absent:
        assert fragment not in sql
    assert sql.count("?") == len(params)


def test_query_refuses_negative_corroboration() -> None:
    with pytest.raises(SitrepError):
        Query(min_corroboration=-1)
