"""Files users name are read within a size limit: never /dev/zero, a FIFO, a huge file or
a zip bomb; a zip filmlog cannot read is a one-line error."""

from __future__ import annotations

import os
import struct
import sys
import zipfile
from pathlib import Path

import pytest

from tests.helpers import run_process, stored

DIARY = "Date,Name,Year,Letterboxd URI,Rating,Rewatch,Tags,Watched Date\n"
ROW = "2024-01-03,Heat,1995,,4,,,2024-01-02\n"


def refused(result, *parts: str) -> None:
    stderr = result.stderr
    lines = stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), stderr
    assert "unexpected" not in stderr and "Traceback" not in stderr
    for part in parts:
        assert part in stderr, stderr


@pytest.fixture
def fifo(tmp_path: Path) -> Path:
    path = tmp_path / "pipe.md"
    os.mkfifo(path)
    return path


@pytest.mark.parametrize("source", ["/dev/zero", "fifo", "folder"])
def test_a_review_file_that_is_not_a_regular_file_is_refused(journal, tmp_path, fifo, source):
    path = {"/dev/zero": "/dev/zero", "fifo": str(fifo), "folder": str(tmp_path)}[source]
    result = run_process(["add", "Heat", "--review-file", path], timeout=30)
    assert result.returncode == 2, result.stderr
    refused(result, f"{path} is not a regular file")
    assert not journal.exists()


def test_a_review_file_over_the_limit_is_refused_and_one_at_it_is_read(cli, journal, tmp_path):
    big = tmp_path / "big.md"
    big.write_bytes(b"a" * (1024 * 1024 + 1))
    result = cli("add", "Heat", "--review-file", str(big))
    assert result.code == 2
    assert result.stderr == (
        f"error: {big} is larger than 1 MiB, the most filmlog reads for a review\n"
    )
    assert not journal.exists()
    big.write_bytes(b"a" * (1024 * 1024))
    assert cli("add", "Heat", "--review-file", str(big)).code == 0
    assert len(stored(journal)["watches"]["1"]["review"]) == 1024 * 1024


def test_a_review_on_stdin_is_bounded_too(cli, journal):
    result = cli("add", "Heat", "--review-file", "-", input="a" * (1024 * 1024 + 1))
    assert result.code == 2
    assert "larger than 1 MiB" in result.stderr
    assert not journal.exists()


@pytest.mark.parametrize("kind", ["letterboxd", "imdb", "json"])
@pytest.mark.parametrize("source", ["/dev/zero", "fifo"])
def test_imports_refuse_what_is_not_a_regular_file(journal, fifo, kind, source):
    path = "/dev/zero" if source == "/dev/zero" else str(fifo)
    result = run_process(["import", kind, path], timeout=30)
    assert result.returncode == 2, result.stderr
    refused(result, f"{path} is not a regular file")
    assert not journal.exists()


def zipped(path: Path, name: str, data: bytes | None = None) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(name, data if data is not None else (DIARY + ROW).encode())
    return path


def patched(path: Path, local: int, central: int, value: int) -> Path:
    """The zip with a two-byte field of its first member's headers set to ``value``."""
    raw = bytearray(path.read_bytes())
    for signature, offset in ((b"PK\x03\x04", local), (b"PK\x01\x02", central)):
        at = raw.find(signature)
        raw[at + offset : at + offset + 2] = struct.pack("<H", value)
    path.write_bytes(bytes(raw))
    return path


def test_a_zip_bomb_is_refused_without_unpacking_it(cli, journal, tmp_path):
    bomb = tmp_path / "bomb.zip"
    block = b" " * (1024 * 1024)
    with (
        zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive,
        archive.open("diary.csv", "w", force_zip64=True) as member,
    ):
        member.write(DIARY.encode())
        for _ in range(64):
            member.write(block)
    assert bomb.stat().st_size < 1024 * 1024
    result = cli("import", "letterboxd", str(bomb))
    assert result.code == 2, result.stderr
    assert "looks like a zip bomb" in result.stderr
    assert not journal.exists()


def test_a_member_larger_than_its_header_says_is_cut_off(cli, journal, tmp_path):
    # The header claims a small file; the data holds far more.
    honest = zipped(tmp_path / "honest.zip", "diary.csv", (DIARY + ROW * 200_000).encode())
    raw = bytearray(honest.read_bytes())
    small = struct.pack("<I", 100)
    local = raw.find(b"PK\x03\x04")
    raw[local + 22 : local + 26] = small
    central = raw.find(b"PK\x01\x02")
    raw[central + 24 : central + 28] = small
    lying = tmp_path / "lying.zip"
    lying.write_bytes(bytes(raw))
    result = cli("import", "letterboxd", str(lying))
    assert result.code == 2, result.stderr
    assert result.stderr.startswith("error: ") and "unexpected" not in result.stderr
    assert not journal.exists()


def test_an_encrypted_zip_is_a_one_line_error(cli, journal, tmp_path):
    path = patched(zipped(tmp_path / "locked.zip", "diary.csv"), 6, 8, 0x1)  # encrypted bit
    result = cli("import", "letterboxd", str(path))
    assert result.code == 2, result.stderr
    assert result.stderr == (
        f"error: {path}/diary.csv is encrypted (give an export as it was downloaded)\n"
    )
    assert not journal.exists()


def test_an_unsupported_compression_is_a_one_line_error(cli, journal, tmp_path):
    path = patched(zipped(tmp_path / "odd.zip", "diary.csv"), 8, 10, 97)  # WavPack
    result = cli("import", "letterboxd", str(path))
    assert result.code == 2, result.stderr
    assert "uses a compression filmlog cannot read" in result.stderr
    assert len(result.stderr.splitlines()) == 1
    assert not journal.exists()


@pytest.mark.parametrize("kind", ["letterboxd", "imdb", "json"])
def test_an_over_long_file_name_is_a_one_line_error(cli, journal, kind):
    result = cli("import", kind, "x" * 5000 + ".zip")
    assert result.code == 2, result.stderr
    assert len(result.stderr.splitlines()) == 1
    assert result.stderr.startswith("error: ") and "unexpected" not in result.stderr
    assert not journal.exists()


def test_an_over_long_review_file_name_is_a_one_line_error(cli, journal):
    result = cli("add", "Heat", "--review-file", "x" * 5000)
    assert result.code == 2, result.stderr
    assert result.stderr == "error: the path given is too long to be a file name\n"
    assert not journal.exists()


@pytest.mark.skipif(sys.platform != "linux", reason="/dev/zero and FIFOs as on Linux")
def test_an_export_folder_holding_a_fifo_is_refused(journal, tmp_path):
    folder = tmp_path / "lbx"
    folder.mkdir()
    os.mkfifo(folder / "diary.csv")
    result = run_process(["import", "letterboxd", str(folder)], timeout=30)
    assert result.returncode == 2, result.stderr
    refused(result, "is not a regular file")
    assert not journal.exists()
