"""What every reader yields, so the ingest pipeline treats all formats alike.

A reader turns one file into `Item`s: each item is one unit of the source (a CSV row, a JSON
line, a notice) with the entities it produced, or the error that stopped it. Readers never write
and never raise for a bad row; they raise `InvalidInput` only when the whole file is unreadable
(empty, truncated, not UTF-8, wrong format), which the CLI reports in one line.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from followthemoney.proxy import EntityProxy

from interlink.core.envelope import Envelope


@dataclass
class RowError:
    """Where and why one unit of input was refused: file, row, field, reason."""

    file: str
    row: str  # row or line number, or the source's own id when it has one
    field: str
    reason: str
    raw: dict[str, Any] | None = None  # the offending input, written to the quarantine file

    def __str__(self) -> str:
        where = f"{self.file}:{self.row}"
        if self.field:
            where += f" [{self.field}]"
        return f"{where}: {self.reason}"


@dataclass
class Item:
    """One unit of input: the entities it maps to, or its error."""

    file: str
    row: str
    entities: list[EntityProxy] = field(default_factory=list)
    # an envelope carried by the input itself (our own ftm export does this); else the
    # pipeline's default envelope from the command line applies
    envelope: Envelope | None = None
    error: RowError | None = None


@dataclass
class ReadOptions:
    """What a reader may need beyond the file: the mapping for tabular input, and the agency,
    whose code seeds generated ids so that two agencies' rows never collide."""

    agency: str
    mapping: dict[str, Any] | None = None
    mapping_path: Path | None = None
    # (start byte, end byte, first line number): read only this part of a line-based file
    span: tuple[int, int, int] | None = None
    # CSV dialect when the user names it (else detected: `textfile.detect_encoding`, ...)
    encoding: str | None = None
    delimiter: str | None = None


class Reader(Protocol):
    def __call__(self, path: Path, options: ReadOptions) -> Iterator[Item]: ...
