"""Driving the interface in Chromium: a watched page (any console error, uncaught exception,
failed request or HTTP error the story did not expect fails the test), sign-in, screenshots."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from playwright.sync_api import Browser, BrowserContext, Page

from tests.web.conftest import ARTIFACTS

DT = "drug_trafficking"


class Watch:
    """Collects what went wrong on a page; `check()` fails the test with all of it."""

    def __init__(self, page: Page) -> None:
        self.problems: list[str] = []
        self.allowed: list[re.Pattern[str]] = []
        page.on("console", self._console)
        page.on("pageerror", lambda exc: self.problems.append(f"page error: {exc}"))
        page.on("requestfailed", self._failed)
        page.on("response", self._response)

    def allow(self, url_pattern: str) -> None:
        self.allowed.append(re.compile(url_pattern))

    def _ok(self, url: str) -> bool:
        return any(p.search(url) for p in self.allowed)

    def _console(self, msg: Any) -> None:
        if msg.type == "error":
            # the browser also logs an expected HTTP error as a console error: judged once,
            # by its response, against the allowed URLs
            if msg.text.startswith("Failed to load resource") and self._ok(
                    str((msg.location or {}).get("url", ""))):
                return
            self.problems.append(f"console error: {msg.text} at {msg.location}")

    def _failed(self, request: Any) -> None:
        # the browser's own favicon fetch is cancelled when a story navigates on quickly
        if "favicon" in request.url and "ERR_ABORTED" in str(request.failure):
            return
        if not self._ok(request.url):
            self.problems.append(f"request failed: {request.url} {request.failure}")

    def _response(self, response: Any) -> None:
        if response.status >= 400 and not self._ok(response.url):
            self.problems.append(f"HTTP {response.status}: {response.url}")

    def check(self) -> None:
        assert not self.problems, "\n".join(self.problems)


_states: dict[tuple[str, str], Any] = {}


def sign_in(page: Page, base: str, login: str, password: str, purpose: str = DT) -> None:
    """The sign-in form, as a person fills it (by labels' controls, not by text)."""
    page.goto(base + "/login")
    page.fill("#login", login)
    page.fill("#password", password)
    page.select_option("#purpose", purpose)
    page.click("form[action='/login'] button[type=submit]")
    page.wait_for_url(base + "/")


@contextmanager
def browsing(browser: Browser, base: str, lang: str, login: str, password: str,
             ) -> Iterator[tuple[Page, Watch]]:
    """A signed-in page in `lang`. The session is signed in once per login and reused (the
    server's rate limit allows five sign-ins a minute per login); the watch is checked at the
    end."""
    context: BrowserContext
    key = (base, login)
    if key not in _states:
        fresh = browser.new_context()
        page = fresh.new_page()
        watch = Watch(page)
        sign_in(page, base, login, password)
        watch.check()
        _states[key] = fresh.storage_state()
        fresh.close()
    context = browser.new_context(storage_state=_states[key], accept_downloads=True)
    context.add_cookies([{"name": "il_lang", "value": lang, "url": base}])
    page = context.new_page()
    watch = Watch(page)
    try:
        yield page, watch
        watch.check()
    finally:
        context.close()


def shot(page: Page, lang: str, name: str) -> Path:
    out = ARTIFACTS / lang / f"{name}.png"
    out.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(out), full_page=True)
    return out


def draw_many_nodes(page: Page, base: str, chart_id: str) -> dict[str, float]:
    """Open the link chart, replace its graph by 2,000 generated nodes and 3,000 links (the
    demo case at scale 1 has fewer), lay them out, then pan and zoom for 20 animation frames.
    Milliseconds of the layout and per frame, the node count and how many distinct positions
    the nodes got."""
    page.goto(base + f"/chart?ids={chart_id}")
    page.wait_for_selector("#cy[data-loaded]", timeout=30_000)
    return page.evaluate("""() => {
            const cy = window.interlinkChart;
            cy.elements().remove();
            const els = [];  // built here: the demo case at scale 1 has fewer nodes
            for (let i = 0; i < 2000; i++) {
              els.push({data: {id: 'n' + i, label: 'Node ' + i, score: (i % 97) / 97,
                               community: i % 12}});
            }
            for (let j = 0; j < 3000; j++) {
              const a = j % 2000, b = (j * 7919 + 13) % 2000;
              if (a !== b) els.push({data: {id: 'e' + j, source: 'n' + a, target: 'n' + b,
                                            kind: 'call', kinds: ['call'], weight: 1}});
            }
            let t = performance.now();
            cy.add(els);
            window.interlinkChartLayout();
            const layout = performance.now() - t;
            // 20 animation frames, each panning and zooming: the time per frame drawn
            return new Promise(resolve => {
              let k = 0;
              const t0 = performance.now();
              const step = () => {
                cy.panBy({x: 5, y: 3}); cy.zoom(cy.zoom() * 1.01);
                if (++k < 20) { requestAnimationFrame(step); return; }
                requestAnimationFrame(() => resolve({
                  layout, frame: (performance.now() - t0) / 21, nodes: cy.nodes().length,
                  distinct_positions: new Set(cy.nodes().map(
                    n => Math.round(n.position('x')) + ',' + Math.round(n.position('y')))).size}));
              };
              requestAnimationFrame(step);
            });
        }""")  # type: ignore[no-any-return]
