"""Opening text input strictly: UTF-8 or a clear refusal, never a traceback or mojibake."""

from __future__ import annotations

import codecs
from collections.abc import Iterator
from pathlib import Path

from interlink.core.errors import InvalidInput
from interlink.core.messages import invalid


def check_readable(path: Path) -> None:
    """A file that exists, is a file and is not empty; the messages name the file, never the
    directory it is in (a server path means nothing to a reader, and may say too much)."""
    if not path.exists():
        raise _message("file.missing", file=path.name)
    if path.is_dir():
        raise _message("file.directory", file=path.name)
    if path.stat().st_size == 0:
        raise _message("file.empty", file=path.name)


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
                raise _message("file.not_utf8", file=path.name,
                               offset=offset + exc.start) from None
            offset += len(chunk)
            pending += text
            *lines, pending = pending.split("\n")
            for line in lines:
                number += 1
                yield number, line, True
        try:
            pending += decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            raise _message("file.truncated_utf8", file=path.name) from None
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
            raise invalid("ingest.not_utf8_near", file=path.name, row=str(reader.line_num + 1),
                          offset=str(exc.start)) from None
        except csv.Error as exc:
            # the csv module's own reason, in its words
            raise invalid("file.row_reason", file=path.name, row=str(reader.line_num),
                          reason=str(exc)) from None


def line_spans(path: Path, size: int, first: int | None = None) -> Iterator[tuple[int, int, int]]:
    """Cut a file into parts of about `size` bytes at newlines: (start, end, first line).
    With `first`, the parts start at about `first` bytes and double up to `size`: the first
    part's lines reach whoever waits for them (the writing process) sooner."""
    total = path.stat().st_size
    start, line = 0, 1
    step = min(first, size) if first else size
    with path.open("rb") as fh:
        while start < total:
            fh.seek(min(start + step, total))
            fh.readline()  # run on to the end of the line the cut fell in
            end = min(fh.tell(), total)
            fh.seek(start)
            lines = fh.read(end - start).count(b"\n")
            yield start, end, line
            start, line = end, line + lines
            step = min(step * 2, size)


# --- CSV dialects: encoding and separator, detected or chosen, never guessed silently -------

#: what partners' spreadsheets write: UTF-8 (with or without BOM), UTF-16 ("Unicode text" from
#: Excel, with a BOM), Windows-1252 (Excel's "CSV" on a Western Windows) and ISO-8859-1/-15
ENCODINGS = {
    "utf-8": "utf-8-sig", "utf8": "utf-8-sig", "utf-16": "utf-16", "utf16": "utf-16",
    "utf-16-le": "utf-16-le", "utf-16-be": "utf-16-be", "windows-1252": "cp1252",
    "cp1252": "cp1252", "iso-8859-1": "latin-1", "latin-1": "latin-1", "latin1": "latin-1",
    "iso-8859-15": "iso8859-15", "windows-1256": "cp1256", "cp1256": "cp1256",
}
#: delimiter names a user may type (a tab is awkward on a command line)
DELIMITER_NAMES = {",": ",", ";": ";", "\t": "\t", "|": "|", "comma": ",", "semicolon": ";",
                   "tab": "\t", "pipe": "|", "\\t": "\t"}
_SAMPLE = 1 << 16
#: codecs charset-normalizer may name for text Windows-1252 reads the same (Western European)
_WESTERN = frozenset({"cp1252", "latin_1", "iso8859_15", "iso8859_1"})


def _message(code: str, **params: object) -> InvalidInput:
    return invalid(code, "file", **params)  # type: ignore[return-value]


def _strict_scan(path: Path, encoding: str) -> int | None:
    """The byte offset of the first byte `encoding` cannot decode, or None if all of it does."""
    decoder = codecs.getincrementaldecoder(encoding)(errors="strict")
    offset = 0
    with path.open("rb") as fh:
        while chunk := fh.read(1 << 20):
            pending = len(decoder.getstate()[0])
            try:
                decoder.decode(chunk)
            except UnicodeDecodeError as exc:
                return offset - pending + exc.start
            offset += len(chunk)
        pending = len(decoder.getstate()[0])
        try:
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            return offset - pending
    return None


def _utf16_without_bom(sample: bytes) -> str | None:
    """UTF-16 saved without its BOM: text in Latin script has a NUL in every other byte."""
    even, odd = sample[0::2], sample[1::2]
    if not even or not odd:
        return None
    if odd.count(0) > 0.3 * len(odd) and even.count(0) < 0.05 * len(even):
        return "utf-16-le"
    if even.count(0) > 0.3 * len(even) and odd.count(0) < 0.05 * len(odd):
        return "utf-16-be"
    return None


def detect_encoding(path: Path, chosen: str | None = None) -> str:
    """The Python codec to read a text file with: the one `chosen` (checked on the whole file),
    else what its bytes say. UTF-8 and UTF-16 are told by their BOM or by decoding; a file that
    is not UTF-8 is read as Windows-1252 only when its bytes are valid Windows-1252 and
    charset-normalizer finds Western European text plausible. Anything else (Arabic in
    Windows-1256, a Central European code page, stray control bytes) is refused with the
    candidates, to be named with --encoding: never read as mojibake.

    charset-normalizer alone ranks code pages on short samples unreliably (a French file in
    Windows-1252 comes out as Windows-1250 first), so it is asked only whether Western European
    is among the plausible readings, not which code page wins."""
    check_readable(path)
    name = path.name
    if chosen:
        codec = ENCODINGS.get(chosen.strip().lower())
        if codec is None:
            raise _message("file.unknown_encoding", value=chosen,
                           allowed=sorted({k for k in ENCODINGS if "-" in k}))
        bad = _strict_scan(path, codec)
        if bad is not None:
            raise _message("file.encoding_invalid", file=name, encoding=chosen, offset=bad)
        return codec
    with path.open("rb") as fh:
        sample = fh.read(_SAMPLE)
    if sample.startswith(codecs.BOM_UTF8):
        codec = "utf-8-sig"
    elif sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        codec = "utf-16"
    else:
        codec = _utf16_without_bom(sample) or "utf-8-sig"
    bad = _strict_scan(path, codec)
    if bad is None:
        return codec
    if codec != "utf-8-sig":
        raise _message("file.encoding_invalid", file=name, encoding=codec.upper(), offset=bad)
    # not UTF-8: a Western code page, or refuse. The sample read is around the first byte that
    # is not UTF-8 (a file may be plain ASCII for megabytes before its first "é").
    from charset_normalizer import from_bytes

    with path.open("rb") as fh:
        fh.seek(max(0, bad - _SAMPLE // 2))
        around = fh.read(_SAMPLE)
    readings = [r.encoding for r in from_bytes(around)]
    if _strict_scan(path, "cp1252") is None and _WESTERN & set(readings):
        return "cp1252"
    candidates = list(dict.fromkeys(c.replace("_", "-") for c in readings[:3])) or ["?"]
    raise _message("file.encoding_unsure", file=name, offset=bad, candidates=candidates)


def _fields(line: str, delimiter: str) -> int:
    import csv

    try:
        return len(next(csv.reader([line], delimiter=delimiter), []))
    except csv.Error:
        return 0


def detect_delimiter(name: str, lines: list[str], chosen: str | None = None) -> str:
    """The column separator of a CSV file from its first lines (header first): the one
    `chosen`, else the only candidate (, ; tab |) that splits the header, else the one
    candidate that splits every sample row into as many fields as the header. Several that
    fit equally: refused with the candidates, to be named with --delimiter."""
    import csv

    if chosen is not None and chosen != "":
        found = DELIMITER_NAMES.get(chosen) or DELIMITER_NAMES.get(chosen.strip().lower())
        if found is None:
            raise _message("file.unknown_delimiter", value=chosen,
                           allowed=["comma", "semicolon", "tab", "pipe"])
        return found
    header = next((line for line in lines if line.strip()), "")
    splitting = [d for d in ",;\t|" if _fields(header, d) > 1]
    if len(splitting) <= 1:
        return splitting[0] if splitting else ","
    rows = [line for line in lines[1:] if line.strip()]
    fitting = []
    for d in splitting:
        width = _fields(header, d)
        try:
            parsed = list(csv.reader(rows, delimiter=d))
        except csv.Error:
            continue
        if parsed and all(len(r) == width for r in parsed):
            fitting.append(d)
    if len(fitting) == 1:
        return fitting[0]
    shown = {"\t": "tab", ",": "comma", ";": "semicolon", "|": "pipe"}
    raise _message("file.delimiter_unsure", file=name,
                   candidates=[shown[d] for d in (fitting or splitting)])
