"""Choosing the reader for a file: by its extension first, then by a look at its content."""

from __future__ import annotations

import json
from pathlib import Path

from interlink.core.messages import invalid
from interlink.ingest.base import Reader
from interlink.ingest.ftm import read_ftm
from interlink.ingest.textfile import check_readable

FORMATS = ("ftm", "records-csv", "tabular", "notices", "paxlst", "stix")


def _first_json_char(path: Path) -> str:
    with path.open("rb") as fh:
        head = fh.read(4096).lstrip(b"\xef\xbb\xbf \t\r\n")
    return head[:1].decode("ascii", errors="replace")


def _looks_like_notices(path: Path) -> bool:
    first = _first_json_char(path)
    if first == "[":
        return True
    if first != "{":
        return False
    with path.open("rb") as fh:
        line = fh.readline(1 << 20)
    try:
        data = json.loads(line)
    except (json.JSONDecodeError, UnicodeDecodeError):
        return True  # a multi-line JSON document: FtM lines are one object per line
    return isinstance(data, dict) and "schema" not in data


def looks_like_paxlst(path: Path) -> bool:
    """A UN/EDIFACT interchange (UNA service string advice or UNB header first) carrying a
    PAXLST message: known by its content, whatever the file is called (.edi, .txt, none)."""
    try:
        with path.open("rb") as fh:
            head = fh.read(4096)
    except OSError:
        return False
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n").decode("latin-1")
    return text.startswith(("UNA", "UNB")) and "PAXLST" in text


def reader_for(path: Path, has_mapping: bool, fmt: str | None = None) -> tuple[str, Reader]:
    """Return (format name, reader) for a file, or refuse with what would work."""
    check_readable(path)
    suffix = path.suffix.lower()
    if fmt is None and looks_like_paxlst(path):  # by content: .edi, .txt or no extension
        fmt = "paxlst"
    # (each reader's module imported only for its format: FtM lines, a re-ingest's common
    # case, need none of the others, nor FollowTheMoney until a line must be parsed)
    if fmt is None and suffix in (".json", ".stix", ""):
        from interlink.ingest.stix import looks_like_stix

        if looks_like_stix(path):
            fmt = "stix"  # by content: {"type": "bundle", ...}
    if fmt is None:
        if suffix in (".csv", ".tsv", ".txt"):
            from interlink.ingest.records_csv import is_records_csv

            fmt = "tabular" if has_mapping or not is_records_csv(path) else "records-csv"
        elif suffix in (".xlsx", ".xlsm"):
            fmt = "tabular"
        elif suffix in (".json", ".jsonl", ".ndjson", ".ftm"):
            fmt = "notices" if suffix == ".json" and _looks_like_notices(path) else "ftm"
        else:
            raise invalid("ingest.unsupported_type", "file", file=path.name,
                          suffix=suffix or "(none)")
    if fmt == "tabular":
        if not has_mapping:
            raise invalid("ingest.mapping_needed", "mapping", file=path.name)
        from interlink.ingest.tabular import read_tabular

        return fmt, read_tabular
    if fmt == "notices":
        from interlink.ingest.interpol import read_notices

        return fmt, read_notices
    if fmt == "ftm":
        return fmt, read_ftm
    if fmt == "paxlst":
        from interlink.ingest.paxlst import read_paxlst_items

        return fmt, read_paxlst_items
    if fmt == "records-csv":
        from interlink.ingest.records_csv import read_records_csv

        return fmt, read_records_csv
    if fmt == "stix":
        from interlink.ingest.stix import read_stix

        return fmt, read_stix
    raise invalid("ingest.unknown_format", "format", value=repr(fmt), allowed=", ".join(FORMATS))
