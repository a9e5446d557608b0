"""The web page in a real headless Chromium (Debian's /usr/bin/chromium, never a downloaded browser).

Set CHRONIQUE_SCREENSHOT=docs/screenshot.png to also save the README screenshot from the examples.
"""
from __future__ import annotations

import os
import shutil

import pytest

pytestmark = pytest.mark.browser
IDLE = 'body[data-busy="0"]'


def open_page(page, url: str) -> None:
    page.goto(url)
    page.wait_for_selector(IDLE, state="attached")
    page.wait_for_selector(".chrono-item")


def event_ids(page) -> list[str]:
    return page.locator(".chrono-item").evaluate_all("els => els.map(e => e.dataset.event)")


def test_page_loads_and_shows_the_examples_timeline(page, live_server, client):
    open_page(page, live_server + "/")
    timeline = client.get("/api/timeline", params={"limit": 500}).json()
    assert sorted(event_ids(page)) == sorted(i["event_id"] for i in timeline["items"])
    dated = sum(1 for i in timeline["items"] if i["date"])
    assert page.locator("#timeline .tl-item").count() == dated > 10
    assert page.locator("#network .net-node").count() > 2 and page.locator("#network .net-edge").count() > 1
    assert page.problems == []


def test_filtering_by_actor_narrows_the_timeline(page, live_server, client):
    open_page(page, live_server + "/")
    before = event_ids(page)
    total = client.get("/api/events", params={"limit": 1}).json()["total"]
    actors = client.get("/api/actors", params={"limit": 50}).json()["items"]
    actor = next(a for a in actors if 1 < a["n_events"] < total)
    page.select_option("#f-actor", actor["id"])
    page.wait_for_selector(IDLE, state="attached")
    after = event_ids(page)
    expected = client.get("/api/timeline", params={"actor": actor["id"], "limit": 500}).json()["items"]
    assert 0 < len(after) < len(before)
    assert sorted(after) == sorted(i["event_id"] for i in expected)
    assert page.locator(f'#network .net-node.active[data-actor="{actor["id"]}"]').count() == 1
    assert "actor=" in page.url
    assert page.problems == []


def test_clicking_an_event_highlights_its_evidence(page, live_server, client, tmp_path):
    open_page(page, live_server + "/")
    item = page.locator(".chrono-item").nth(3)
    event_id = item.get_attribute("data-event")
    item.click()
    page.wait_for_selector("#article mark.evidence")
    page.wait_for_selector(IDLE, state="attached")
    event = client.get(f"/api/events/{event_id}").json()
    marked = page.locator("#article mark.evidence").evaluate_all("els => els.map(e => e.textContent).join('')")
    assert marked == event["evidence"]
    assert page.locator("#article").inner_text().count(event["evidence"].split("\n")[0][:30]) >= 1
    assert page.locator(f'.chrono-item.selected[data-event="{event_id}"]').count() == 1
    assert page.locator("#event-panel .badge").first.inner_text().startswith(event["event_type"])
    page.locator("header.top").scroll_into_view_if_needed()
    shot = tmp_path / "page.png"
    page.screenshot(path=str(shot), full_page=True)
    assert shot.stat().st_size > 50_000
    if os.environ.get("CHRONIQUE_SCREENSHOT"):
        shutil.copy(shot, os.environ["CHRONIQUE_SCREENSHOT"])
    assert page.problems == []


def test_timeline_dot_and_shared_link_open_the_event(page, live_server, client):
    open_page(page, live_server + "/")
    dot = page.locator("#timeline .tl-item").first
    event_id = dot.get_attribute("data-event")
    dot.click()
    page.wait_for_selector(f'#article mark.evidence[data-event="{event_id}"]')
    page.wait_for_selector(IDLE, state="attached")
    link = page.url
    assert f"event={event_id}" in link
    fresh = page.context.new_page()
    fresh.goto(link)
    fresh.wait_for_selector(f'#article mark.evidence[data-event="{event_id}"]')
    assert page.problems == []


def test_free_text_and_reset(page, live_server, client):
    open_page(page, live_server + "/")
    everything = len(event_ids(page))
    page.fill("#f-q", "nucléaire")
    expected = client.get("/api/timeline", params={"q": "nucléaire", "limit": 500}).json()["total"]
    page.wait_for_selector(f"#tl-count:text-is('{expected} groupe(s)')")
    assert len(event_ids(page)) == expected < everything
    page.click("#f-reset")
    page.wait_for_selector(f"#tl-count:text-is('{everything} groupe(s)')")
    assert page.problems == []
