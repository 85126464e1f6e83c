"""The map page in a real browser: Playwright driving Debian's chromium, headless.

The server (``live_server``) holds the example article and a second
dispatch, and its tile URL points at a closed port, as on a machine without
network. Playwright never downloads a browser: it drives /usr/bin/chromium
(installed by ``.ci/browser``). Without chromium these tests skip with the
reason, except under CI (env ``CI`` set), where they fail.
A screenshot of the page is kept in ``test-artifacts/map.png``.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from .conftest import TOKEN, LiveServer

pytestmark = pytest.mark.model

CHROMIUM = Path(os.environ.get("SITREP_CHROMIUM", "/usr/bin/chromium"))
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
# Flags for Chromium on a closed network, as root, without a screen.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]

THIRD_ARTICLE = (
    "GAO, March 3 (Sahel Monitor) - Gunmen attacked a military post near the town of "
    "Menaka in northern Mali on Friday, killing four soldiers, the army said in a "
    "statement. The attackers fled towards the Niger border, a security source said."
)


def _unavailable(reason: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(f"{reason} (CI is set: the browser tests must run; see .ci/browser)")
    pytest.skip(f"{reason}; install it with: bash .ci/browser")


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """Debian's chromium driven by Playwright (never a downloaded browser)."""
    if not CHROMIUM.exists():
        _unavailable(f"chromium not found at {CHROMIUM}")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("playwright is not installed (pip install -e '.[test]')")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser: Any, live_server: LiveServer) -> Iterator[Any]:
    """A fresh page on the map, once it has loaded its data; page errors fail the test.

    The page's Content-Security-Policy is bypassed here because Playwright's
    ``wait_for_function`` evaluates strings; ``test_page_browser_runs_under_its_csp``
    loads the page with the policy enforced.
    """
    context = browser.new_context(viewport={"width": 1400, "height": 860}, bypass_csp=True)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(live_server.url + "/")
    page.wait_for_function("document.body.dataset.ready === 'true'", timeout=30_000)
    yield page
    context.close()
    assert not errors, errors


def _markers(page: Any) -> Any:
    """Single markers on the map (cluster icons excluded)."""
    return page.locator(".leaflet-marker-icon.sr-marker:not(:has(.sr-cluster))")


def _open_to_a_marker(page: Any) -> Any:
    """A visible single marker, clicking clusters open (zoom, then spiderfy) until one shows.

    Several facts at one point (a town and the places resolved to it) are
    one cluster at every zoom: a click spreads them out.
    """
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    marker = _markers(page).first
    for _ in range(6):
        try:
            marker.wait_for(state="visible", timeout=3_000)
            return marker
        except PlaywrightTimeout:
            page.locator(".leaflet-marker-icon:has(.sr-cluster)").first.click()
            page.wait_for_timeout(600)  # the zoom or spiderfy animation
    marker.wait_for(state="visible")
    return marker


def test_page_browser_markers_popup_evidence(
    page: Any, live_server: LiveServer, capsys: pytest.CaptureFixture[str]
) -> None:
    assert page.locator(".leaflet-marker-icon").count() > 0
    marker = _open_to_a_marker(page)
    marker.click()
    popup = page.locator(".leaflet-popup-content")
    popup.wait_for(state="visible")
    evidence = popup.locator(".pp-evidence").inner_text()
    stored = {r["evidence"] for r in live_server.store.events(limit=None)}
    stored |= {r["evidence"] for r in live_server.store.deployments(limit=None)}
    assert evidence in stored
    assert popup.locator("a[href^='https://example.']").count() == 1  # the outlet's link
    assert popup.get_by_text("Says").count() == 1
    ARTIFACTS.mkdir(exist_ok=True)
    shot = ARTIFACTS / "map.png"
    page.wait_for_timeout(400)  # the popup fades in
    page.screenshot(path=str(shot), animations="disabled")
    with capsys.disabled():  # shown even under pytest -q
        print(f"\nscreenshot of the map page: {shot}")
    assert shot.stat().st_size > 10_000


def test_page_browser_runs_under_its_csp(browser: Any, live_server: LiveServer) -> None:
    context = browser.new_context(viewport={"width": 1200, "height": 800})
    page = context.new_page()
    messages: list[str] = []
    page.on("console", lambda message: messages.append(message.text))
    page.on("pageerror", lambda error: messages.append(str(error)))
    page.goto(live_server.url + "/")
    page.wait_for_selector("body[data-ready='true']", state="attached", timeout=30_000)
    assert _markers(page).count() + page.locator(".sr-cluster").count() > 0
    context.close()
    assert not [m for m in messages if "Content Security Policy" in m or "Error" in m]


def test_page_browser_list_synced_with_map(page: Any) -> None:
    page.locator("#f-inview").uncheck()
    items = page.locator("#list li[data-key]")
    assert items.count() > 5
    first = items.first
    title = first.locator(".l-head span").nth(1).inner_text()
    first.click()
    popup = page.locator(".leaflet-popup-content")
    popup.wait_for(state="visible")
    assert popup.locator(".pp-head").inner_text().strip().endswith(title)
    assert "active" in (first.get_attribute("class") or "")


def test_page_browser_legend_and_type_filter(page: Any, live_server: LiveServer) -> None:
    legend = page.locator("#legend")
    assert "Battles" in legend.inner_text() and "Deployment" in legend.inner_text()
    page.locator("#f-inview").uncheck()
    before = page.locator("#list li[data-key]").count()
    page.select_option("#f-type", "Battles")
    page.wait_for_function(
        "[...document.querySelectorAll('#list li[data-key] .l-head')]"
        ".every(h => h.textContent.includes('Battles'))",
        timeout=10_000,
    )
    after = page.locator("#list li[data-key]").count()
    battles = sum(1 for r in live_server.store.events(limit=None) if r["event_type"] == "Battles")
    assert 0 < after == battles < before


def test_page_browser_time_slider_narrows(page: Any) -> None:
    page.locator("#f-inview").uncheck()
    before = page.locator("#list li[data-key]").count()
    page.evaluate(
        "() => { const to = document.getElementById('t-to'); to.value = '0';"
        " to.dispatchEvent(new Event('input')); }"
    )
    page.wait_for_function(
        f"document.querySelectorAll('#list li[data-key]').length < {before}", timeout=10_000
    )
    label = page.locator("#t-label").inner_text()
    assert "→" in label and "all dates" not in label


def test_page_browser_works_without_tiles(page: Any) -> None:
    # The tile URL points at a closed port: the notice shows and the outlines are drawn.
    page.locator("#tiles-notice").wait_for(state="visible", timeout=15_000)
    assert page.locator(".leaflet-outlines-pane path").count() > 100
    credits = page.locator(".leaflet-control-attribution").inner_text()
    for name in ("GeoNames", "Natural Earth", "OpenStreetMap"):
        assert name in credits


def test_page_browser_upload_article(page: Any, live_server: LiveServer) -> None:
    before = live_server.store.count_documents()
    page.locator("#add-article").click()
    page.fill("#u-text", THIRD_ARTICLE)
    page.fill("#u-outlet", "Sahel Monitor")
    page.fill("#u-published", "2024-03-03")
    page.fill("#u-token", TOKEN)
    page.locator("#u-submit").click()
    status = page.locator("#u-status.ok")
    status.wait_for(state="visible", timeout=60_000)
    assert "Stored" in status.inner_text()
    assert live_server.store.count_documents() == before + 1
    page.locator("#u-cancel").click()
    page.locator("#f-inview").uncheck()
    assert page.locator("#list li[data-key]", has_text="Sahel Monitor").count() > 0


def test_page_browser_upload_refused_with_a_wrong_token(page: Any, live_server: LiveServer) -> None:
    before = live_server.store.count_documents()
    page.locator("#add-article").click()
    page.fill("#u-text", THIRD_ARTICLE + " More later.")
    page.fill("#u-token", "not-the-token")
    page.locator("#u-submit").click()
    error = page.locator("#u-status.error")
    error.wait_for(state="visible", timeout=30_000)
    assert "401" in error.inner_text()
    assert live_server.store.count_documents() == before


def test_page_browser_escapes_article_text(
    browser: Any, live_server: LiveServer, extractor: Any
) -> None:
    """Markup in an article's metadata is shown as text, never run or parsed as HTML."""
    from sitrep.types import Document

    hostile = '<img src=x onerror="window.__xss = 1"><b id="xss">Wire</b>'
    document = Document(
        id="hostile.txt",
        text=THIRD_ARTICLE + " Hostile copy.",
        outlet=hostile,
        title=hostile,
        url="javascript:alert(1)",
    )
    live_server.store.add(document, extractor.extract_document(document))
    context = browser.new_context(viewport={"width": 1400, "height": 860}, bypass_csp=True)
    page = context.new_page()
    page.goto(live_server.url + "/")
    page.wait_for_function("document.body.dataset.ready === 'true'", timeout=30_000)
    page.locator("#f-inview").uncheck()
    item = page.locator("#list li[data-key]", has_text="<b id=").first
    item.click()
    popup = page.locator(".leaflet-popup-content")
    popup.wait_for(state="visible")
    assert hostile in popup.inner_text()
    assert page.locator("#xss").count() == 0
    assert page.evaluate("window.__xss") is None
    assert popup.locator("a[href^='javascript']").count() == 0
    context.close()
