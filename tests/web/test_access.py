"""Keyboard use, labelled controls and readable contrast, checked in Chromium on every page in
Arabic and English (WCAG 2.1 AA: 4.5:1 for text)."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, Page

from tests.web.browser import browsing
from tests.web.demo_world import World

PAGES = ("/", "/search?q=Ali", "/chart", "/network", "/screen", "/review", "/sharing",
         "/audit")

UNLABELLED = """() => [...document.querySelectorAll('input, select, textarea, button')]
  .filter(el => el.type !== 'hidden' && el.offsetParent !== null)
  .filter(el => {
    if (el.tagName === 'BUTTON') return !(el.innerText.trim() || el.getAttribute('aria-label'));
    const byFor = el.id && document.querySelector(`label[for="${el.id}"]`);
    return !(byFor || el.closest('label') || el.getAttribute('aria-label'));
  }).map(el => el.outerHTML.slice(0, 120))"""

LOW_CONTRAST = """() => {
  const rgb = s => (s.match(/[\\d.]+/g) || []).map(Number);
  const lum = ([r, g, b]) => { const f = c => { c /= 255;
      return c <= 0.03928 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4); };
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b); };
  const background = el => { for (let e = el; e; e = e.parentElement) {
      const c = rgb(getComputedStyle(e).backgroundColor);
      if (c.length === 3 || (c.length === 4 && c[3] > 0.5)) return c.slice(0, 3); }
    return [255, 255, 255]; };
  const bad = [];
  document.querySelectorAll('body *').forEach(el => {
    const own = [...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim());
    if (!own || el.offsetParent === null || el.disabled || el.closest('#cy')) return;
    const fg = rgb(getComputedStyle(el).color).slice(0, 3);
    const a = lum(fg), b = lum(background(el));
    const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
    if (ratio < 4.5) {
      bad.push(el.tagName + ' ' + ratio.toFixed(2) + ' ' + el.textContent.trim().slice(0, 40));
    }
  });
  return bad; }"""


def _tab_to_skip_link(page: Page) -> None:
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_labelled_controls_contrast_and_keyboard(browser: Browser, server: str, world: World,
                                                 lang: str) -> None:
    with browsing(browser, server, lang, *world.login("MA-DGSN", "supervisor")) as (page, _):
        for path in PAGES:
            page.goto(server + path)
            # judge the page once it has fetched what it fetches (the chart's data): leaving
            # earlier aborts that request, which the watch rightly counts as a failure
            page.wait_for_load_state("networkidle")
            assert page.evaluate(UNLABELLED) == [], path
            assert page.evaluate(LOW_CONTRAST) == [], path
        page.goto(server + "/")
        _tab_to_skip_link(page)
        page.goto(server + "/search")
        # the search works from the keyboard alone: focus the box, type, Enter
        page.focus("#q")
        page.keyboard.type(world.arabic_name)
        page.keyboard.press("Enter")
        page.wait_for_selector("[data-testid=results]")
        # every control of the chart page is reachable with Tab
        page.goto(server + f"/chart?ids={world.chart_id}")
        page.wait_for_selector("#cy[data-loaded]", timeout=30_000)
        reached = set()
        for _ in range(60):
            page.keyboard.press("Tab")
            reached.add(page.evaluate("document.activeElement.id"))
        assert {"chart-ids", "chart-depth", "node-a", "node-b", "png", "graphml"} <= reached
