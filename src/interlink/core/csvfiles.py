"""The CSV files Interlink writes and the headers of those it reads, in one place.

Writing is atomic: rows go to a temporary file beside the target, renamed over it only when
complete, so a reader (or a crash) never sees half a file, and an old file is replaced whole.
Reading a header names the file and row 1 in every complaint: an empty file, a missing, unknown
or repeated column.
"""

from __future__ import annotations

import csv
import os
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import TextIO

from interlink.core.errors import InvalidInput


class AtomicFile:
    """A UTF-8 text file written under a temporary name beside its target and moved over it
    by `commit()` (or on leaving a `with` block without an error; `abort()` otherwise)."""

    def __init__(self, path: Path) -> None:
        directory = path.parent if str(path.parent) else Path(".")
        if not directory.is_dir():
            raise InvalidInput(f"{path}: directory {directory} does not exist")
        self.path = path
        fd, self._tmp = tempfile.mkstemp(prefix=f".{path.name}-", suffix=".part", dir=directory)
        self.handle: TextIO = os.fdopen(fd, "w", encoding="utf-8", newline="")

    def commit(self) -> Path:
        self.handle.close()
        os.replace(self._tmp, self.path)
        return self.path

    def abort(self) -> None:
        self.handle.close()
        Path(self._tmp).unlink(missing_ok=True)

    def __enter__(self) -> TextIO:
        return self.handle

    def __exit__(self, kind: type[BaseException] | None, *_: object) -> None:
        if kind is None:
            self.commit()
        else:
            self.abort()


def write_csv(path: Path, header: Sequence[str], rows: Iterable[Sequence[object]],
              lineterminator: str = "\r\n") -> Path:
    """Write `header` and `rows` to `path` atomically; the directory must exist."""
    with AtomicFile(path) as handle:
        writer = csv.writer(handle, lineterminator=lineterminator)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def read_header(rows: Iterator[list[str]], source: str, required: Sequence[str],
                optional: Sequence[str] = (), expected: str = "") -> list[str]:
    """The first row of `rows` as lower-case column names, checked: every required column
    present, none unknown (unless `optional` is empty and nothing but `required` is asked),
    none twice. `source` names the file in errors; `expected` shows the header wanted."""
    hint = f" (expected {expected})" if expected else ""
    try:
        first = next(rows, None)
    except csv.Error as exc:
        raise InvalidInput(f"{source}: row 1: {exc}") from exc
    if first is None:
        raise InvalidInput(f"{source}: empty file{hint}")
    header = [h.strip().lower() for h in first]
    missing = [c for c in required if c not in header]
    if missing:
        raise InvalidInput(f"{source}: row 1: missing column(s) {', '.join(missing)}{hint}, "
                           f"got {','.join(header)}")
    known = [*required, *optional]
    unknown = [c for c in header if c not in known]
    if unknown:
        raise InvalidInput(f"{source}: row 1: unknown column(s) {', '.join(unknown)} "
                           f"(known: {', '.join(known)})")
    if len(set(header)) != len(header):
        raise InvalidInput(f"{source}: row 1: duplicate column names")
    return header
