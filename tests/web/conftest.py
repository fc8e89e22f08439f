"""Fixtures of the web tests: the demo world (built once per session), the agency server as a
real process (`interlink serve`) on a free port, and headless Chromium driven by Playwright.

The browser is Debian's `chromium` (`/usr/bin/chromium`, or INTERLINK_CHROMIUM); Playwright
never downloads one. When it is missing the browser tests fail: a skipped story is not a
passing one.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.web.demo_world import World, build_world
from tests.web.serving import serving

CHROMIUM = os.environ.get("INTERLINK_CHROMIUM", "/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"


@pytest.fixture(scope="session")
def world(tmp_path_factory: pytest.TempPathFactory) -> World:
    return build_world(tmp_path_factory.mktemp("web-world"))


@pytest.fixture(scope="session")
def server(world: World) -> Iterator[str]:
    """`interlink serve` on the demo world; its base URL."""
    try:
        with serving(world.path, world.path.parent / "server.log") as base:
            yield base
    except RuntimeError as exc:
        pytest.fail(str(exc))


@pytest.fixture(scope="session")
def browser() -> Iterator:
    """One headless Chromium per test process; each story opens its own context (cookies,
    storage) in it, so stories share no state."""
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
