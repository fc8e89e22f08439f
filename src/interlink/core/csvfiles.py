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

from interlink.core.messages import invalid


class AtomicFile:
    """A UTF-8 text file written under a temporary name beside its target and moved over it
    by `commit()` (or on leaving a `with` block without an error; `abort()` otherwise)."""

    def __init__(self, path: Path) -> None:
        directory = path.parent if str(path.parent) else Path(".")
        if not directory.is_dir():
            # the path the user gave (an output file on the command line), as given
            raise invalid("file.no_directory", file=str(path), directory=str(directory))
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
    try:
        first = next(rows, None)
    except csv.Error as exc:
        # the csv module's own reason, in its words
        raise invalid("file.row_reason", file=source, row=1, reason=str(exc)) from exc
    if first is None:
        raise (invalid("csv.empty_expected", file=source, expected=expected) if expected
               else invalid("csv.empty", file=source))
    header = [h.strip().lower() for h in first]
    missing = [c for c in required if c not in header]
    if missing:
        columns, got = ", ".join(missing), ",".join(header)
        raise (invalid("csv.missing_columns_expected", missing[0], file=source, columns=columns,
                       expected=expected, header=got) if expected
               else invalid("csv.missing_columns", missing[0], file=source, columns=columns,
                            header=got))
    known = [*required, *optional]
    unknown = [c for c in header if c not in known]
    if unknown:
        raise invalid("csv.unknown_columns", unknown[0], file=source, columns=", ".join(unknown),
                      known=", ".join(known))
    if len(set(header)) != len(header):
        raise invalid("csv.duplicate_columns", file=source)
    return header
