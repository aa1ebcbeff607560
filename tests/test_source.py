"""Reading a file once: limits, UTF-8, BOM, CRLF, the front-matter split."""

from pathlib import Path

import pytest

from mesbox.source import MAX_FILE_BYTES, SourceError, read_text, split_front_matter


def test_bom_and_crlf_are_normalised(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_bytes(b"\xef\xbb\xbf---\r\ntitle: x\r\n---\r\nCorps\r\n")
    assert read_text(path, "a.md") == "---\ntitle: x\n---\nCorps\n"


def test_invalid_utf8_gives_line_and_offset(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_bytes(b"---\ntitle: caf\xe9\n---\n")
    with pytest.raises(SourceError) as caught:
        read_text(path, "a.md")
    assert (caught.value.issue.code, caught.value.issue.line, caught.value.issue.col) == ("E001", 2, 11)
    assert "position 14" in caught.value.issue.message


def test_oversize_file(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_bytes(b"x" * (MAX_FILE_BYTES + 1))
    with pytest.raises(SourceError) as caught:
        read_text(path, "a.md")
    assert caught.value.issue.code == "E001"


def test_split_keeps_body_and_its_first_line() -> None:
    source = split_front_matter("---\ntitle: x\ndate: 2026-01-01\n---\nLigne 5\n", "a.md")
    assert source.front_matter == "title: x\ndate: 2026-01-01\n"
    assert source.body == "Ligne 5\n" and source.body_line == 5


def test_split_accepts_empty_front_matter_and_trailing_spaces() -> None:
    source = split_front_matter("--- \n---  \nCorps", "a.md")
    assert source.front_matter == "" and source.body == "Corps" and source.body_line == 3


@pytest.mark.parametrize("text", ["Pas d'en-tête\n", "", "title: x\n---\n"])
def test_missing_front_matter(text: str) -> None:
    with pytest.raises(SourceError) as caught:
        split_front_matter(text, "a.md")
    assert caught.value.issue.code == "E002" and "absent" in caught.value.issue.message


def test_unterminated_front_matter() -> None:
    with pytest.raises(SourceError) as caught:
        split_front_matter("---\ntitle: x\n----\n", "a.md")
    assert "non fermé" in caught.value.issue.message


def test_front_matter_limit() -> None:
    with pytest.raises(SourceError) as caught:
        split_front_matter("---\n# " + "é" * 40000 + "\n---\n", "a.md")
    assert caught.value.issue.code == "E001"
