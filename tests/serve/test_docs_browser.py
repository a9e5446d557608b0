"""``/docs`` in a real headless Chromium: the API reference loads from this server alone, under its CSP."""
from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser


def test_docs_lists_every_operation_without_leaving_the_server(page, live_server, client):
    response = page.goto(live_server + "/docs")
    assert "script-src 'self'" in response.headers["content-security-policy"]
    page.wait_for_selector(".opblock-summary-path")
    shown = page.locator(".opblock").evaluate_all(
        "els => els.map(e => e.querySelector('.opblock-summary-method').textContent + ' '"
        " + e.querySelector('.opblock-summary-path').dataset.path)")
    spec = client.get("/openapi.json").json()
    expected = [f"{m.upper()} {path}" for path, ops in spec["paths"].items() for m in ops]
    assert sorted(shown) == sorted(expected) and "GET /api/events" in shown
    assert page.problems == []


def test_docs_try_it_out_calls_the_api(page, live_server, client):
    page.goto(live_server + "/docs#/overview")
    page.wait_for_selector(".opblock-summary-path")
    page.locator(".opblock-get", has_text="/api/overview").locator(".opblock-summary").click()
    page.click("button.try-out__btn")
    page.click("button.execute")
    body = page.locator(".responses-wrapper .live-responses-table .response-col_description pre").first
    body.wait_for()
    total = client.get("/api/overview").json()["counts"]["events"]
    assert f'"events": {total}' in body.inner_text()
    assert page.problems == []


def test_the_page_header_links_to_the_docs(page, live_server):
    page.goto(live_server + "/")
    page.wait_for_selector('body[data-busy="0"]', state="attached")
    page.click("header.top nav a:text-is('API')")
    page.wait_for_selector(".opblock")
    assert page.url == live_server + "/docs"
    assert page.problems == []
