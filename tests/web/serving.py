"""`interlink serve` as a real process on a free loopback port, for the browser tests and the
browser benchmark (benchmarks/chart_browser.py)."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from tests.conftest import free_port

START_SECONDS = 60


def _login_page_answers(base: str) -> bool:
    with urllib.request.urlopen(base + "/login", timeout=1) as r:
        return bool(r.status == 200)


@contextmanager
def serving(store: Path, log: Path, *options: str, scheme: str = "http",
            ready: Callable[[str], bool] = _login_page_answers) -> Iterator[str]:
    """The server on `store` (with `serve`'s extra `options`) until the block ends; its base URL
    once `ready(base)` is true. A connection refused (OSError) counts as not ready yet.
    RuntimeError with the end of its log when it exits or is not ready within `START_SECONDS`
    of wall time. While the server still imports, each try is refused at once, so the 200 tries
    this counted before were 20 s: too short for a start-up on a loaded machine."""
    port = free_port()
    env = {**os.environ, "INTERLINK_STORE": str(store)}
    with log.open("wb") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "interlink", "serve", "--port", str(port), *options],
            env=env, stdout=out, stderr=subprocess.STDOUT)
        base = f"{scheme}://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + START_SECONDS
            while True:
                if proc.poll() is not None:
                    raise RuntimeError(f"server exited: {log.read_text(errors='replace')[-2000:]}")
                try:
                    if ready(base):
                        break
                except OSError:
                    pass
                if time.monotonic() > deadline:
                    tail = log.read_text(errors="replace")[-2000:]
                    raise RuntimeError(f"server did not start in {START_SECONDS} s: {tail}")
                time.sleep(0.1)
            yield base
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
