"""Reading: files, folders, JSON Lines; encodings; dates from headers."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from figures import InputError
from figures.reading import documents, header_date


@pytest.mark.parametrize(
    "head, expected",
    [
        (" date 2025-05-11 MOSCOW, May 11.", dt.date(2025, 5, 11)),
        ("Title\n\nMay 29, 2025 - 20:36\n", dt.date(2025, 5, 29)),
        ("Başlık\n\nMayıs 29, 2025 - 20:36\n", dt.date(2025, 5, 29)),
        ("Le 3 mars 2024, à Paris", dt.date(2024, 3, 3)),
        ("Posted 2024-11-02T10:00:00Z", dt.date(2024, 11, 2)),
        ("https://example.com/20250510/story-1122022267.html", dt.date(2025, 5, 10)),
        ("https://example.com/world/2023/10/07/attack.html", dt.date(2023, 10, 7)),
        ("No date in this one, only 524 drones.", None),
    ],
)
def test_header_date(head: str, expected: dt.date | None) -> None:
    assert header_date(head) == expected


def test_text_kept_exactly(tmp_path: Path) -> None:
    raw = "\ufeffLine one has 5 drones.\r\nLine two.\r\n"
    (tmp_path / "a.txt").write_bytes(raw.encode("utf-8"))
    [doc] = list(documents([tmp_path]))
    assert doc.text == raw[1:] and doc.id == "a"


def test_folder_sorted_and_recursive(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "z.txt").write_text("z", encoding="utf-8")
    (tmp_path / "a.txt").write_text("a", encoding="utf-8")
    (tmp_path / "notes.md").write_text("ignored", encoding="utf-8")
    assert [d.id for d in documents([tmp_path])] == ["a", "z"]


def test_jsonl_dates_and_bad_lines(tmp_path: Path) -> None:
    corpus = tmp_path / "c.jsonl"
    corpus.write_text(
        '{"id": "x", "text": "t", "published": "2025-05-01"}\n'
        "{not json\n"
        '{"id": "y", "text": "date 2024-01-02 body"}\n'
        '{"id": "z"}\n'
        '{"id": "w", "text": "no date"}\n',
        encoding="utf-8",
    )
    items = list(documents([corpus], published=dt.date(2020, 1, 1)))
    assert [type(i).__name__ for i in items] == ["Document", "InputError", "Document", "InputError", "Document"]
    assert items[0].published == dt.date(2025, 5, 1)
    assert items[2].published == dt.date(2024, 1, 2)
    assert items[4].published == dt.date(2020, 1, 1)
    assert items[1].line == 2 and "c.jsonl, line 2" in str(items[1])
    assert "'text'" in str(items[3])


@pytest.mark.parametrize(
    "data, problem",
    [
        (b"caf\xe9 5 drones", "not valid UTF-8 at byte 3"),
        ("5 drones".encode("utf-16"), "UTF-16"),
        (b"\x00\x01\x02binary", "binary"),
    ],
)
def test_undecodable_files_are_named(tmp_path: Path, data: bytes, problem: str) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes(data)
    (tmp_path / "good.txt").write_text("Russia launched 524 drones.", encoding="utf-8")
    items = list(documents([tmp_path]))
    errors = [i for i in items if isinstance(i, InputError)]
    assert len(errors) == 1 and "bad.txt" in str(errors[0]) and problem in str(errors[0])
    assert any(getattr(i, "id", None) == "good" for i in items)


def test_replace_is_an_explicit_opt_in(tmp_path: Path) -> None:
    (tmp_path / "bad.txt").write_bytes(b"caf\xe9 had 5 drones")
    [doc] = list(documents([tmp_path], encoding_errors="replace"))
    assert "\ufffd" in doc.text
    with pytest.raises(ValueError, match="encoding_errors"):
        list(documents([tmp_path], encoding_errors="ignore"))


def test_missing_path_is_an_error(tmp_path: Path) -> None:
    [error] = list(documents([tmp_path / "nope.txt"]))
    assert isinstance(error, InputError) and "does not exist" in str(error)
