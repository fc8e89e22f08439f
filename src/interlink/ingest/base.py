"""What every reader yields, so the ingest pipeline treats all formats alike.

A reader turns one file into `Item`s: each item is one unit of the source (a CSV row, a JSON
line, a notice) with the entities it produced, or the error that stopped it. Readers never write
and never raise for a bad row; they raise `InvalidInput` only when the whole file is unreadable
(empty, truncated, not UTF-8, wrong format), which the CLI reports in one line.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from interlink.core.envelope import Envelope
from interlink.core.messages import MESSAGES, OWN_WORDS
from interlink.core.recordrow import RecordRow

if TYPE_CHECKING:
    from followthemoney.proxy import EntityProxy

    from interlink.ingest.known import KnownChecksums


@dataclass
class RowError:
    """Where and why one unit of input was refused: file, row, field, reason.

    `reason` is the English text the CLI report, the quarantine CSV and scripts read; `code`
    and `params` are the same refusal as a message code (`core.messages`), so a page or the
    API can say it in the reader's language. No code (None): only the English words exist
    (a library's own reason), and a page shows them marked as English."""

    file: str
    row: str  # row or line number, or the source's own id when it has one
    field: str
    reason: str
    raw: dict[str, Any] | None = None  # the offending input, written to the quarantine file
    code: str | None = None
    params: dict[str, Any] = dataclasses.field(default_factory=dict)

    @classmethod
    def of(cls, exc: BaseException, file: str, row: str, field_: str,
           raw: dict[str, Any] | None = None) -> RowError:
        """The refusal of a row from the domain error that stopped it: its English words as
        the reason, and its code and parameters when they say more than the generic
        sentence (a bare `InvalidInput("...")` keeps no code, so its words are not replaced
        by "The input is not valid.")."""
        code, params = coded(exc)
        return cls(file, row, field_, str(exc), raw, code, params)

    def __str__(self) -> str:
        where = f"{self.file}:{self.row}"
        if self.field:
            where += f" [{self.field}]"
        return f"{where}: {self.reason}"


def coded(exc: BaseException) -> tuple[str | None, dict[str, Any]]:
    """A domain error's code and parameters, or (None, {}) when it has no code of its own
    (the generic code of its class with no parameters: its English words say more)."""
    code = getattr(exc, "code", None)
    params = dict(getattr(exc, "params", None) or {})
    if isinstance(code, str) and code in MESSAGES and (params or code not in OWN_WORDS):
        return code, params
    return None, {}


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
    # the item already in the store's form: a line that is exactly a record the owner holds
    # (`ingest.known`), which skips FtM validation; None for everything else
    rows: list[RecordRow] | None = None
    # those rows are exactly the owner's current records (`ingest.known`): nothing to write
    # unless a later fragment of the same entity changes them
    known: bool = False
    # the hash of the line the item was read from (`ingest.lines`): FtM lines only
    line_hash: str | None = None
    # a line known by its bytes that carried its own envelope: the stored version's, left in
    # the store with the rest of the record (`envelope` is None then)
    own: bool = False
    # consecutive lines known by their bytes (`ingest.lines`), all staged as the versions
    # they wrote, as (row, record id, line hash, own envelope): one item for the lot, since
    # re-sending an unchanged file is millions of them and each is worth a tuple, not an item
    lines: list[tuple[str, str, str, bool]] | None = None


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
    # the store's current checksums, for the fast path of readers that have one (FtM lines)
    known: KnownChecksums | None = None
    # the file's terms (default envelope): readers that build the store's rows themselves (FtM
    # lines whose values need no entity: `ingest.rows`) and readers whose input carries
    # markings that adjust them (a STIX object's TLP and handling) start from it
    envelope: Envelope | None = None


class Reader(Protocol):
    def __call__(self, path: Path, options: ReadOptions) -> Iterator[Item]: ...
