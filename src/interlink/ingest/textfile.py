"""Opening text input strictly: UTF-8 or a clear refusal, never a traceback or mojibake."""

from __future__ import annotations

import codecs
from collections.abc import Iterator
from pathlib import Path

from interlink.core.errors import InvalidInput


def check_readable(path: Path) -> None:
    if not path.exists():
        raise InvalidInput(f"{path}: no such file")
    if path.is_dir():
        raise InvalidInput(f"{path}: is a directory, not a file")
    if path.stat().st_size == 0:
        raise InvalidInput(f"{path.name}: the file is empty")


def utf8_lines(
    path: Path, span: tuple[int, int, int] | None = None
) -> Iterator[tuple[int, str, bool]]:
    """Yield (line number, line, ended) decoding strictly as UTF-8 (a BOM is accepted),
    streaming; `ended` is False for a last line with no newline, the mark of a cut file.
    `span` = (start byte, end byte, number of the line at start) reads one part of the file,
    cut at line boundaries, so that several processes can share a large file."""
    check_readable(path)
    start, end, first = span if span else (0, -1, 1)
    decoder = codecs.getincrementaldecoder("utf-8-sig" if start == 0 else "utf-8")(
        errors="strict"
    )
    offset = start
    pending = ""
    number = first - 1
    with path.open("rb") as fh:
        fh.seek(start)
        while chunk := fh.read(1 << 20 if end < 0 else min(1 << 20, end - offset)):
            try:
                text = decoder.decode(chunk)
            except UnicodeDecodeError as exc:
                raise InvalidInput(
                    f"{path.name}: not UTF-8 text (byte offset {offset + exc.start}); "
                    "re-save the file as UTF-8"
                ) from None
            offset += len(chunk)
            pending += text
            *lines, pending = pending.split("\n")
            for line in lines:
                number += 1
                yield number, line, True
        try:
            pending += decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            raise InvalidInput(
                f"{path.name}: the file ends in the middle of a UTF-8 character (truncated?)"
            ) from None
    if pending:
        yield number + 1, pending, False


def csv_rows(path: Path, delimiter: str = ",") -> Iterator[list[str]]:
    """Rows of a UTF-8 CSV file, streamed; quoted fields may span lines."""
    import csv

    check_readable(path)
    with path.open("r", encoding="utf-8-sig", errors="strict", newline="") as fh:
        reader = csv.reader(fh, delimiter=delimiter)
        try:
            yield from reader
        except UnicodeDecodeError as exc:
            raise InvalidInput(
                f"{path.name}: not UTF-8 text near row {reader.line_num + 1} "
                f"(byte {exc.start} of a block); re-save the file as UTF-8"
            ) from None
        except csv.Error as exc:
            raise InvalidInput(f"{path.name}: row {reader.line_num}: {exc}") from None


def line_spans(path: Path, size: int) -> Iterator[tuple[int, int, int]]:
    """Cut a file into parts of about `size` bytes at newlines: (start, end, first line)."""
    total = path.stat().st_size
    start, line = 0, 1
    with path.open("rb") as fh:
        while start < total:
            fh.seek(min(start + size, total))
            fh.readline()  # run on to the end of the line the cut fell in
            end = min(fh.tell(), total)
            fh.seek(start)
            lines = fh.read(end - start).count(b"\n")
            yield start, end, line
            start, line = end, line + lines
