"""Where one `interlink ingest` command's time goes: its writing process and its readers over time.

Runs the command, reads `/proc/<pid>/stat` (CPU) and `/proc/<pid>/schedstat` (time spent
runnable but waiting for a core) of the command and every process under it every 50 ms, and
prints, in CPU seconds, the parts that do not overlap: the writing process before the readers
fork (start-up), the readers' CPU before the writer's first work after the fork (the wait for
the first batch), and the writer alone after the readers' last part. CPU seconds, not wall:
on a shared machine the wall is the other processes' as much as this one's.

    PYTHONPATH=src .venv/bin/python benchmarks/ingest_timeline.py OUT.json -- \\
        .venv/bin/interlink ingest FILE --agency CODE --json
    .venv/bin/python benchmarks/ingest_timeline.py --summary OUT.json [OUT2.json ...]
"""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import sys
import time
from pathlib import Path

TICK = os.sysconf("SC_CLK_TCK")
EVERY = 0.05


def _stat(pid: int) -> tuple[int, float, float] | None:
    """(parent pid, CPU seconds, seconds waited on a run queue) of a process, or None."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        waited = int(Path(f"/proc/{pid}/schedstat").read_text().split()[1]) / 1e9
    except (OSError, IndexError):
        return None
    return int(fields[1]), (int(fields[11]) + int(fields[12])) / TICK, waited


def _tree(root: int) -> dict[int, tuple[int, float, float]]:
    found: dict[int, tuple[int, float, float]] = {}
    todo = [root]
    while todo:
        pid = todo.pop()
        stat = _stat(pid)
        if stat is None:
            continue
        found[pid] = stat
        with contextlib.suppress(OSError):
            todo.extend(int(k) for k in
                        Path(f"/proc/{pid}/task/{pid}/children").read_text().split())
    return found


def record(out: Path, command: list[str]) -> None:
    start = time.perf_counter()
    proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    samples = []
    while proc.poll() is None:
        at = round(time.perf_counter() - start, 3)
        samples.extend((at, pid, *stat) for pid, stat in _tree(proc.pid).items())
        time.sleep(EVERY)
    wall = time.perf_counter() - start
    err = proc.stderr.read().decode() if proc.stderr else ""
    out.write_text(json.dumps({"command": command, "wall": wall, "rc": proc.returncode,
                               "root": proc.pid, "samples": samples, "stderr": err[-2000:]}))


def _at(series: list[tuple[float, float]], t: float) -> float:
    value = series[0][1]
    for when, v in series:
        if when > t:
            break
        value = v
    return value


def summary(path: Path) -> dict[str, float]:
    data = json.loads(path.read_text())
    cpu: dict[int, list[tuple[float, float]]] = {}
    for at, pid, _ppid, seconds, _waited in data["samples"]:
        cpu.setdefault(pid, []).append((at, seconds))
    root = data["root"]
    writer = cpu[root]
    readers = [series for pid, series in cpu.items() if pid != root]
    wall = data["wall"]
    fork = min((s[0][0] for s in readers), default=wall)
    last = max((t1 for s in readers
                for (_t0, c0), (t1, c1) in zip(s, s[1:], strict=False) if c1 > c0), default=wall)
    ready = _at(writer, fork) + 0.02  # the writer's first work after the fork
    first = next((t for t, c in writer if t > fork and c > ready), wall)
    return {
        "wall": wall,
        "writer": writer[-1][1],
        "readers": sum(s[-1][1] for s in readers),
        "writer before the fork": _at(writer, fork),
        "readers before the writer's first work": sum(_at(s, first) for s in readers),
        "writer after the readers' last part": writer[-1][1] - _at(writer, last),
    }


def main() -> None:
    if sys.argv[1:2] == ["--summary"]:
        totals: dict[str, float] = {}
        for name in sys.argv[2:]:
            parts = summary(Path(name))
            print(name, ", ".join(f"{k} {v:.2f}" for k, v in parts.items()))
            for k, v in parts.items():
                totals[k] = totals.get(k, 0.0) + v
        print("all", ", ".join(f"{k} {v:.2f}" for k, v in totals.items()))
        return
    out = Path(sys.argv[1])
    record(out, sys.argv[sys.argv.index("--") + 1:])
    parts = summary(out)
    print(", ".join(f"{k} {v:.2f}" for k, v in parts.items()))


if __name__ == "__main__":
    main()
