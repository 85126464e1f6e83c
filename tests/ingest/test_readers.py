"""Readers: real files in tmp_path, every bad input a catalogued error, the batch goes on."""

from __future__ import annotations

import io
import json
import tempfile
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sitrep.errors import InputError
from sitrep.ingest import decode_bytes, parse_published, read_sources
from sitrep.settings import Settings
from sitrep.types import Document

ARTICLE = "Fighting broke out in the town on Monday, residents said.\n"

HTML = """<html><head><title>Clashes in the town</title>
<meta name="author" content="Jane Doe">
<meta property="article:published_time" content="2019-07-01">
<meta property="og:site_name" content="Example News">
</head><body><article><h1>Clashes in the town</h1><p>By Jane Doe</p>
<p>Fighting broke out between two armed groups in the town on Monday, residents said.
Several people were reported killed in the fighting that lasted for hours.</p>
<p>A spokesman for the local council said the situation was calm on Tuesday morning.</p>
</article></body></html>"""


def _read(paths: list[str | Path], **kwargs: object) -> list[Document | InputError]:
    return list(read_sources(paths, **kwargs))  # type: ignore[arg-type]


def _codes(items: list[Document | InputError]) -> list[str]:
    return [item.code if isinstance(item, InputError) else "ok" for item in items]


@pytest.mark.parametrize(
    ("name", "content", "code"),
    [
        ("empty.txt", b"", "E001"),
        ("blank.txt", b"  \n\n\t", "E001"),
        ("nul.txt", b"GIF89a\x00\x01\x02rest", "E002"),
        ("controls.txt", bytes(range(1, 9)) * 30 + b"some text", "E002"),
        ("undefined-cp1252.txt", b"caf\xc3 \x81\x8d text", "E003"),
        ("garbage.txt", bytes(range(0xA0, 0x100)) * 3, "E003"),
        ("big.txt", b"word " * 100, "E006"),
        ("notes.pdf", b"%PDF-1.4", "E008"),
        ("README", b"text", "E008"),
        ("record.json", b'{"title": "no text"}', "E005"),
        ("record-empty-text.json", b'{"text": "   "}', "E005"),
        ("bad-date.json", b'{"text": "x y z", "published": "last Monday"}', "E009"),
        ("number-date.json", b'{"text": "x y z", "published": 20190701}', "E009"),
        ("scalar.json", b"42", "E012"),
        ("bad-title.json", b'{"text": "x y z", "title": ["a"]}', "E013"),
        ("broken.json", b'{"text": "x y z",', "E004"),
        ("empty-list.json", b"[]", "E001"),
        ("good.txt", ARTICLE.encode(), "ok"),
        ("bom.txt", b"\xef\xbb\xbf" + ARTICLE.encode(), "ok"),
        ("latin.txt", "Caf\u00e9 in G\u00f6ttingen was shelled.".encode("cp1252"), "ok"),
        ("utf16.txt", ARTICLE.encode("utf-16"), "ok"),
    ],
)
def test_readers_one_file(tmp_path: Path, name: str, content: bytes, code: str) -> None:
    (tmp_path / name).write_bytes(content)
    items = _read([tmp_path / name], settings=Settings(max_bytes=300))
    assert _codes(items) == [code]


def test_readers_missing_path(tmp_path: Path) -> None:
    items = _read([tmp_path / "nope.txt"])
    assert _codes(items) == ["E007"]
    assert "nope.txt" in str(items[0])


def test_readers_batch_goes_on_past_bad_files(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "b.txt").write_bytes(b"")
    (tmp_path / "c.bin").write_bytes(b"\x00\x01")
    (tmp_path / "d.txt").write_bytes(b"\x00\x01")
    (tmp_path / "e.txt").write_text(ARTICLE, encoding="utf-8")
    paths = [tmp_path / n for n in ("a.txt", "b.txt", "c.bin", "missing.txt", "d.txt", "e.txt")]
    items = _read(paths)
    assert _codes(items) == ["ok", "E001", "E008", "E007", "E002", "ok"]
    assert [i.id for i in items if isinstance(i, Document)] == ["a.txt", "e.txt"]


def test_readers_text_is_kept_as_is(tmp_path: Path) -> None:
    text = "Jane Doe-Kyiv\r\n\r\nShelling hit the city.\r\n"
    (tmp_path / "a.txt").write_bytes(b"\xef\xbb\xbf" + text.encode())
    (doc,) = _read([tmp_path / "a.txt"], published=date(2022, 3, 1), outlet="Example")
    assert isinstance(doc, Document)
    assert doc.text == text
    assert doc.published == date(2022, 3, 1)
    assert doc.outlet == "Example"
    assert doc.byline == "Jane Doe"
    assert doc.byline_span is not None
    assert doc.text[doc.byline_span.start : doc.byline_span.end] == "Jane Doe"


def test_readers_cp1252_decoded(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes("Caf\u00e9 \u2013 na\u00efve".encode("cp1252"))
    (doc,) = _read([tmp_path / "a.txt"])
    assert isinstance(doc, Document)
    assert doc.text == "Caf\u00e9 \u2013 na\u00efve"


def test_readers_jsonl_lines(tmp_path: Path) -> None:
    lines = [
        json.dumps({"text": ARTICLE, "published": "2019-07-01", "outlet": "A"}),
        '{"text": "broken',
        json.dumps({"title": "no text"}),
        "",
        json.dumps({"id": "custom", "text": ARTICLE, "published": "2019-07-02T10:00:00Z"}),
        json.dumps({"text": ARTICLE, "published": "yesterday"}),
        "[1, 2]",
    ]
    path = tmp_path / "corpus.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    items = _read([path], published=date(2000, 1, 1), outlet="Default")
    assert _codes(items) == ["ok", "E004", "E005", "ok", "E009", "E012"]
    first, broken, no_text, custom, bad_date, not_record = items
    assert isinstance(first, Document) and isinstance(custom, Document)
    assert first.id == "corpus.jsonl:1"
    assert first.published == date(2019, 7, 1) and first.outlet == "A"
    assert custom.id == "custom"
    assert custom.published == date(2019, 7, 2) and custom.outlet == "Default"
    assert "corpus.jsonl: line 2" in str(broken)
    assert "corpus.jsonl:3" in str(no_text)
    assert "'yesterday'" in str(bad_date)
    assert "got list" in str(not_record)


def test_readers_jsonl_line_over_the_limit(tmp_path: Path) -> None:
    path = tmp_path / "c.jsonl"
    path.write_text(
        json.dumps({"text": "x" * 500}) + "\n" + json.dumps({"text": ARTICLE}) + "\n",
        encoding="utf-8",
    )
    assert _codes(_read([path], settings=Settings(max_bytes=300))) == ["E006", "ok"]


def test_readers_empty_jsonl(tmp_path: Path) -> None:
    path = tmp_path / "c.jsonl"
    path.write_text("\n\n", encoding="utf-8")
    assert _codes(_read([path])) == ["E001"]


def test_readers_json_record_and_list(tmp_path: Path) -> None:
    (tmp_path / "one.json").write_text(
        json.dumps({"text": ARTICLE, "title": "T", "url": "u", "language": "en", "id": 7}),
        encoding="utf-8",
    )
    (tmp_path / "many.json").write_text(
        json.dumps([{"text": ARTICLE}, {"nope": 1}, {"text": ARTICLE, "id": "x"}]),
        encoding="utf-8",
    )
    items = _read([tmp_path / "one.json", tmp_path / "many.json"])
    assert _codes(items) == ["ok", "ok", "E005", "ok"]
    one, first, _, last = items
    assert isinstance(one, Document) and isinstance(first, Document)
    assert isinstance(last, Document)
    assert (one.id, one.title, one.url, one.language) == ("7", "T", "u", "en")
    assert first.id == "many.json:1"
    assert last.id == "x"


def test_readers_record_byline_located(tmp_path: Path) -> None:
    text = "By Jane Doe\nShelling hit the city, officials said."
    (tmp_path / "a.json").write_text(json.dumps({"text": text, "byline": "Jane Doe"}))
    (tmp_path / "b.json").write_text(json.dumps({"text": text}))
    (tmp_path / "c.json").write_text(json.dumps({"text": text, "byline": "Someone Else"}))
    given, detected, absent = _read(sorted(tmp_path.iterdir()))
    for doc in (given, detected):
        assert isinstance(doc, Document)
        assert doc.byline == "Jane Doe"
        assert doc.byline_span is not None and doc.byline_span.start == 3
    assert isinstance(absent, Document)
    assert absent.byline == "Someone Else" and absent.byline_span is None


def test_readers_folder_recursive_sorted(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / ".hidden").mkdir()
    (tmp_path / "b.txt").write_text(ARTICLE)
    (tmp_path / "sub" / "a.TXT").write_text(ARTICLE)
    (tmp_path / "a.txt").write_text(ARTICLE)
    (tmp_path / "notes.md").write_text(ARTICLE)
    (tmp_path / ".hidden" / "x.txt").write_text(ARTICLE)
    (tmp_path / "sub" / "empty.txt").write_text("")
    items = _read([tmp_path])
    assert _codes(items) == ["ok", "ok", "ok", "E001"]
    assert [i.id for i in items if isinstance(i, Document)] == ["a.txt", "b.txt", "sub/a.TXT"]


def test_readers_empty_folder(tmp_path: Path) -> None:
    (tmp_path / "notes.md").write_text(ARTICLE)
    assert _codes(_read([tmp_path])) == ["E014"]


def test_readers_html_with_trafilatura(tmp_path: Path) -> None:
    (tmp_path / "page.html").write_text(HTML, encoding="utf-8")
    (doc,) = _read([tmp_path / "page.html"], published=date(2000, 1, 1))
    assert isinstance(doc, Document)
    assert doc.id == "page.html"
    assert doc.title == "Clashes in the town"
    assert doc.published == date(2019, 7, 1)
    assert doc.byline == "Jane Doe"
    assert "Fighting broke out" in doc.text
    assert "<p>" not in doc.text
    assert doc.byline_span is not None
    assert doc.text[doc.byline_span.start : doc.byline_span.end] == "Jane Doe"


def test_readers_html_without_text(tmp_path: Path) -> None:
    (tmp_path / "page.htm").write_text("<html><head><title>T</title></head><body></body></html>")
    assert _codes(_read([tmp_path / "page.htm"])) == ["E016"]


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (
            json.dumps({"text": ARTICLE}) + "\n\n" + json.dumps({"text": ARTICLE, "id": "b"}),
            ["stdin:1", "b"],
        ),
        (ARTICLE + ARTICLE, ["stdin"]),
        (json.dumps({"text": ARTICLE}) + "\nplain line\n", ["stdin"]),
        ("[1, 2, 3]\n", ["stdin"]),
    ],
)
def test_readers_stdin(data: str, expected: list[str]) -> None:
    items = _read(["-"], stdin=io.BytesIO(data.encode()))
    assert [i.id for i in items if isinstance(i, Document)] == expected


@pytest.mark.parametrize(
    ("data", "code"), [(b"", "E001"), (b"\x00\x00", "E002"), (b"x" * 400, "E006")]
)
def test_readers_stdin_errors(data: bytes, code: str) -> None:
    items = _read(["-"], stdin=io.BytesIO(data), settings=Settings(max_bytes=300))
    assert _codes(items) == [code]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2019-07-01", date(2019, 7, 1)),
        ("2019-07-01T12:30:00+02:00", date(2019, 7, 1)),
        ("20190701", date(2019, 7, 1)),
        (None, None),
        ("", None),
    ],
)
def test_readers_parse_published(value: str | None, expected: date | None) -> None:
    assert parse_published(value, "x") == expected


@pytest.mark.parametrize("value", ["01/07/2019", "July 1, 2019", "2019-13-01", 2019, ["2019"]])
def test_readers_parse_published_refuses(value: object) -> None:
    with pytest.raises(InputError) as info:
        parse_published(value, "x")
    assert info.value.code == "E009"


def _check(items: list[Document | InputError]) -> None:
    for item in items:
        assert isinstance(item, Document | InputError)
        if isinstance(item, Document):
            assert item.text.strip()
            if item.byline_span is not None:
                span = item.byline_span
                assert item.text[span.start : span.end] == span.text


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=400))
def test_readers_arbitrary_bytes_never_crash(data: bytes) -> None:
    _check(_read(["-"], stdin=io.BytesIO(data)))
    with tempfile.TemporaryDirectory() as folder:
        for suffix in (".txt", ".json", ".jsonl", ".html"):
            path = Path(folder) / f"x{suffix}"
            path.write_bytes(data)
            _check(_read([path]))


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=8), children, max_size=3)
    ),
    max_leaves=6,
)
records = st.fixed_dictionaries(
    {},
    optional={
        "text": st.text(max_size=60) | st.integers(),
        "id": st.text(max_size=10) | st.integers() | st.lists(st.integers(), max_size=2),
        "published": st.text(max_size=25) | st.dates().map(str) | st.integers(),
        "title": json_values,
        "byline": st.text(max_size=20),
    },
)
jsonl_lines = st.lists(
    records.map(json.dumps) | st.text(max_size=40) | json_values.map(json.dumps), max_size=6
)


@settings(max_examples=150, deadline=None)
@given(jsonl_lines)
def test_readers_arbitrary_jsonl_never_crashes(lines: list[str]) -> None:
    data = "\n".join(lines).encode("utf-8", errors="surrogatepass")
    _check(_read(["-"], stdin=io.BytesIO(data)))
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "x.jsonl"
        path.write_bytes(data)
        items = _read([path])
        _check(items)
        assert items  # an empty file is an error, a line an item


def test_decode_bytes_names_the_item() -> None:
    with pytest.raises(InputError) as info:
        decode_bytes(b"\x00abc", "some/file.txt")
    assert str(info.value).startswith("[E002] some/file.txt:")
