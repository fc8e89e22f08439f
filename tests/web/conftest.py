"""Fixtures of the web tests: the demo world (built once per session), the agency server as a
real process (`interlink serve`) on a free port, and headless Chromium driven by Playwright.

The browser is Debian's `chromium` (`/usr/bin/chromium`, or INTERLINK_CHROMIUM); Playwright
never downloads one. When it is missing the browser tests fail: a skipped story is not a
passing one.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.web.demo_world import World, build_world

CHROMIUM = os.environ.get("INTERLINK_CHROMIUM", "/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"


@pytest.fixture(scope="session")
def world(tmp_path_factory: pytest.TempPathFactory) -> World:
    return build_world(tmp_path_factory.mktemp("web-world"))


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="session")
def server(world: World) -> Iterator[str]:
    """`interlink serve` on the demo world; its base URL."""
    port = _free_port()
    env = {**os.environ, "INTERLINK_STORE": str(world.path)}
    log = world.path.parent / "server.log"
    with log.open("wb") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "interlink", "serve", "--port", str(port)],
            env=env, stdout=out, stderr=subprocess.STDOUT)
        base = f"http://127.0.0.1:{port}"
        try:
            for _ in range(200):
                if proc.poll() is not None:
                    pytest.fail(f"server exited: {log.read_text(errors='replace')[-2000:]}")
                try:
                    with urllib.request.urlopen(base + "/login", timeout=1) as r:
                        if r.status == 200:
                            break
                except OSError:
                    time.sleep(0.1)
            else:
                pytest.fail("server did not start")
            yield base
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()


@pytest.fixture(scope="module")
def browser() -> Iterator:
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}: install Debian's `chromium` package")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, headless=True,
                              args=["--no-sandbox", "--disable-dev-shm-usage"])
        try:
            yield b
        finally:
            b.close()
