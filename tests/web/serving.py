"""`interlink serve` as a real process on a free loopback port, for the browser tests and the
browser benchmark (benchmarks/chart_browser.py)."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from tests.conftest import free_port


@contextmanager
def serving(store: Path, log: Path) -> Iterator[str]:
    """The server on `store` until the block ends; its base URL. RuntimeError with the end of
    its log when it exits or does not answer within about 20 s."""
    port = free_port()
    env = {**os.environ, "INTERLINK_STORE": str(store)}
    with log.open("wb") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "interlink", "serve", "--port", str(port)],
            env=env, stdout=out, stderr=subprocess.STDOUT)
        base = f"http://127.0.0.1:{port}"
        try:
            for _ in range(200):
                if proc.poll() is not None:
                    raise RuntimeError(f"server exited: {log.read_text(errors='replace')[-2000:]}")
                try:
                    with urllib.request.urlopen(base + "/login", timeout=1) as r:
                        if r.status == 200:
                            break
                except OSError:
                    time.sleep(0.1)
            else:
                raise RuntimeError("server did not start")
            yield base
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
