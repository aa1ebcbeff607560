"""Reading a content file (docs/contrat.md §4 limits): UTF-8 with offset, BOM, CRLF, 2 MiB and 64 KiB, the `---` split."""

from __future__ import annotations

import errno
from pathlib import Path

import pytest

from mesbox.reading.source import MAX_FILE_BYTES, MAX_FRONT_MATTER_BYTES, SourceError, os_error_text, read_text, split_front_matter


def issue_of(call: object) -> tuple[str, int, int, str]:
    """Run a reader expected to refuse; give (code, line, col, message) of its issue."""
    with pytest.raises(SourceError) as caught:
        call()  # type: ignore[operator]
    issue = caught.value.issue
    return issue.code, issue.line, issue.col, issue.message


def test_read_text_plain_utf8(tmp_path: Path) -> None:
    """Accents survive; nothing else is changed."""
    (tmp_path / "a.md").write_bytes("---\ntitle: Été\n---\nCorps\n".encode())
    assert read_text(tmp_path / "a.md", "a.md") == "---\ntitle: Été\n---\nCorps\n"


def test_bom_is_dropped_and_crlf_folded(tmp_path: Path) -> None:
    """Files saved by Windows editors read exactly like LF files (docs/contrat.md: BOM and CRLF accepted)."""
    (tmp_path / "a.md").write_bytes(b"\xef\xbb\xbf---\r\ntitle: x\r\n---\r\nA\rB\r\n")
    assert read_text(tmp_path / "a.md", "a.md") == "---\ntitle: x\n---\nA\nB\n"


def test_non_utf8_gives_line_column_and_byte_offset(tmp_path: Path) -> None:
    """The contributor is told where the bad byte is: line, column and byte offset."""
    data = b"---\ntitle: ok\n---\nCaf\xe9 noir\n"
    (tmp_path / "a.md").write_bytes(data)
    code, line, col, message = issue_of(lambda: read_text(tmp_path / "a.md", "fiches/a.md"))
    assert (code, line, col) == ("E001", 4, 4)
    offset = data.index(0xE9)
    assert f"position {offset}" in message
    assert "UTF-8" in message


def test_oversize_file_is_refused_before_decoding(tmp_path: Path) -> None:
    """Over 2 MiB is E001 at line 1, even when the extra bytes would not decode."""
    (tmp_path / "a.md").write_bytes(b"x" * MAX_FILE_BYTES + b"\xff")
    code, line, col, message = issue_of(lambda: read_text(tmp_path / "a.md", "a.md"))
    assert (code, line, col) == ("E001", 1, 1)
    assert "2 Mio" in message


def test_exactly_two_mebibytes_is_accepted(tmp_path: Path) -> None:
    """The limit is "over 2 MiB": a file of exactly 2 MiB is read."""
    (tmp_path / "a.md").write_bytes(b"x" * MAX_FILE_BYTES)
    assert len(read_text(tmp_path / "a.md", "a.md")) == MAX_FILE_BYTES


def test_unreadable_file_is_e001(tmp_path: Path) -> None:
    """A path that cannot be opened (here a folder, or a dangling link) is an issue, not an exception."""
    (tmp_path / "dossier.md").mkdir()
    assert issue_of(lambda: read_text(tmp_path / "dossier.md", "dossier.md"))[:3] == ("E001", 1, 1)
    (tmp_path / "lien.md").symlink_to(tmp_path / "absent.md")
    assert issue_of(lambda: read_text(tmp_path / "lien.md", "lien.md"))[0] == "E001"


def test_split_gives_front_matter_body_and_body_line() -> None:
    """The body's first line is known so body errors point at file lines."""
    source = split_front_matter("---\ntitle: x\nkind: y\n---\nPremière ligne\nSeconde\n", "a.md")
    assert source.front_matter == "title: x\nkind: y\n"
    assert source.body == "Première ligne\nSeconde\n"
    assert source.body_line == 5
    assert source.path == "a.md"


def test_empty_front_matter_and_fences_with_trailing_spaces() -> None:
    """`---` lines may carry trailing blanks; an empty block is a (empty) front-matter, not an error."""
    source = split_front_matter("--- \n---\t\nCorps", "a.md")
    assert source.front_matter == ""
    assert source.body == "Corps"
    assert source.body_line == 3


def test_closing_fence_must_be_a_whole_line() -> None:
    """`----` or `--- x` inside the block is content, not the end of the front-matter."""
    source = split_front_matter("---\na: ----\nb: --- x\n---\n", "a.md")
    assert source.front_matter == "a: ----\nb: --- x\n"


@pytest.mark.parametrize("text", ["Juste du texte\n", "", "\n---\ntitle: x\n---\n", "----\ntitle: x\n----\n", " ---\ntitle: x\n---\n"])
def test_missing_front_matter_is_e002_line_1(text: str) -> None:
    """The file must start with a `---` line: anything else is E002 at line 1."""
    code, line, _, message = issue_of(lambda: split_front_matter(text, "a.md"))
    assert (code, line) == ("E002", 1)
    assert "absent" in message


@pytest.mark.parametrize("text", ["---\ntitle: x\n", "---", "---\n", "---\ntitle: x\n--- fin\n"])
def test_unterminated_front_matter_is_e002(text: str) -> None:
    """No closing `---` line: E002 saying to add it."""
    code, line, _, message = issue_of(lambda: split_front_matter(text, "a.md"))
    assert (code, line) == ("E002", 1)
    assert "non fermé" in message


def test_front_matter_over_64_kib_is_e001_at_line_2() -> None:
    """A front-matter block over 64 KiB is refused; the body may be long."""
    big = "---\n# " + "y" * MAX_FRONT_MATTER_BYTES + "\n---\nCorps\n"
    code, line, _, message = issue_of(lambda: split_front_matter(big, "a.md"))
    assert (code, line) == ("E001", 2)
    assert "64 Kio" in message
    small = "---\ntitle: x\n---\n" + "z" * (MAX_FRONT_MATTER_BYTES * 4)
    assert split_front_matter(small, "a.md").body.startswith("zzz")


def test_front_matter_limit_counts_bytes_not_characters() -> None:
    """64 KiB is a byte limit: 40 000 « é » (80 000 bytes) are over it, 30 000 (60 000 bytes) are not."""
    over = "---\n# " + "é" * 40_000 + "\n---\n"
    assert issue_of(lambda: split_front_matter(over, "a.md"))[0] == "E001"
    under = "---\n# " + "é" * 30_000 + "\n---\n"
    assert split_front_matter(under, "a.md").front_matter.startswith("# éé")


def test_unreadable_file_reason_in_french(tmp_path: Path) -> None:
    """The system's own reason ("Is a directory") is not shown: its French reading is."""
    with pytest.raises(SourceError) as raised:
        read_text(tmp_path, "fiches/dossier.md")
    assert raised.value.issue.message == "fichier illisible (c'est un dossier) : vérifiez ses droits"
    assert os_error_text(OSError(errno.EACCES, "Permission denied")) == "accès refusé"
    assert os_error_text(OSError(errno.EXDEV, "Invalid cross-device link")) == f"erreur système n° {errno.EXDEV}"
