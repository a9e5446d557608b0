"""The web page's layout and language in a real headless Chromium: year labels, network labels that do not
collide, the event panel following the filters, a 420 px screen, French display names."""
from __future__ import annotations

import pytest

from chronique.actors.display import display_names

pytestmark = pytest.mark.browser
IDLE = 'body[data-busy="0"]'


def open_page(page, url: str, width: int = 1400) -> None:
    page.set_viewport_size({"width": width, "height": 1000})
    page.goto(url)
    page.wait_for_selector(IDLE, state="attached")
    page.wait_for_selector(".chrono-item")


def boxes(page, selector: str) -> list[dict]:
    return page.locator(selector).evaluate_all(
        "els => els.map(e => { const b = e.getBoundingClientRect();"
        " return {x0: b.left, x1: b.right, y0: b.top, y1: b.bottom, text: e.textContent}; })")


def overlap(a: dict, b: dict, slack: float = 0.5) -> bool:
    return a["x0"] + slack < b["x1"] and b["x0"] + slack < a["x1"] and a["y0"] + slack < b["y1"] and b["y0"] + slack < a["y1"]


@pytest.mark.parametrize("width", [1400, 420])
def test_every_year_of_the_timeline_is_labelled_without_overlap(page, live_server, client, width):
    open_page(page, live_server + "/", width)
    dates = [i["date"] for i in client.get("/api/timeline", params={"limit": 500}).json()["items"] if i["date"]]
    first, last = int(min(dates)[:4]), int(max(dates)[:4])
    labels = boxes(page, "#timeline text.year")
    years = [int(page.locator("#timeline text.year").nth(i).get_attribute("data-year")) for i in range(len(labels))]
    assert set(range(first, last + 1)) <= set(years)
    assert not any(overlap(a, b) for a, b in zip(labels, labels[1:]))
    assert page.problems == []


def test_network_labels_do_not_collide_and_long_names_are_shortened(page, live_server):
    open_page(page, live_server + "/")
    labels = boxes(page, "#network .net-node text")
    dots = boxes(page, "#network .net-node circle")
    assert len(labels) > 10
    assert not any(overlap(a, b) for i, a in enumerate(labels) for b in labels[i + 1:])
    assert not any(overlap(label, dot, 1) for label in labels for dot in dots)
    shortened = page.locator("#network .net-node text", has_text="…")
    assert shortened.count() > 0
    for i in range(shortened.count()):
        text = shortened.nth(i).evaluate("e => e.firstChild.textContent")
        full = shortened.nth(i).locator("title").text_content()
        assert len(text) <= 18 and full.startswith(text[:-1]) and len(full) > len(text)
    assert page.problems == []


def test_the_event_panel_is_cleared_when_its_event_leaves_the_list(page, live_server, client):
    open_page(page, live_server + "/")
    item = page.locator(".chrono-item").first
    event_id = item.get_attribute("data-event")
    item.click()
    page.wait_for_selector("#article mark.evidence")
    page.wait_for_selector(IDLE, state="attached")
    event = client.get(f"/api/events/{event_id}").json()
    other = next(t for t in client.get("/api/overview").json()["event_types"] if t != event["event_type"])
    page.select_option("#f-type", other)
    page.wait_for_selector("#event-panel .placeholder")
    page.wait_for_selector(IDLE, state="attached")
    assert page.locator("#article").count() == 0 and "event=" not in page.url
    page.select_option("#f-type", "")  # back to every type: nothing selected, nothing shown
    page.wait_for_selector(IDLE, state="attached")
    assert page.locator("#event-panel .placeholder").count() == 1
    # an event still in the list keeps its panel
    page.locator(f'.chrono-item[data-event="{event_id}"]').click()
    page.wait_for_selector("#article mark.evidence")
    page.select_option("#f-type", event["event_type"])
    page.wait_for_selector(IDLE, state="attached")
    assert page.locator(f'#article mark.evidence[data-event="{event_id}"]').count() >= 1  # overlapping evidence of other events splits the mark into pieces
    assert page.problems == []


def test_a_420px_screen_shows_everything_without_overlap(page, live_server):
    open_page(page, live_server + "/", 420)
    assert page.evaluate("document.documentElement.scrollWidth") <= 420
    dots = page.locator("#timeline .tl-item circle").evaluate_all(
        "els => els.map(c => [c.cx.baseVal.value, c.cy.baseVal.value, c.r.baseVal.value])")
    width = page.locator("#timeline").evaluate("e => e.clientWidth")
    assert len(dots) > 10 and all(r <= x <= width - r for x, _, r in dots)
    clashes = [(a, b) for i, a in enumerate(dots) for b in dots[i + 1:]
               if (a[0] - b[0]) ** 2 + (a[1] - b[1]) ** 2 < (a[2] + b[2]) ** 2 - 0.5]
    assert clashes == []
    for panel in boxes(page, ".panel") + boxes(page, ".filters select"):
        assert panel["x0"] >= 0 and panel["x1"] <= 420
    item = page.locator(".chrono-item").nth(2)
    item.click()
    page.wait_for_selector("#article mark.evidence")
    assert page.problems == []


def test_actors_and_organisations_show_their_french_names(page, live_server, client):
    open_page(page, live_server + "/")
    french = client.get("/api/names").json()
    assert french == {k: v for k, v in display_names().items() if k in french} and len(french) >= 3
    assert french.get("North Korea") == "Corée du Nord"
    assert french.get("Economic Community of West African States") == "Cédéao"
    options = page.locator("#f-actor option").all_text_contents()
    assert any(o.startswith("Cédéao") for o in options)
    assert not any(o.startswith("Economic Community of West African States") for o in options)
    titles = page.locator("#network .net-node > title").all_text_contents()
    assert any(t.startswith("Corée du Nord — North Korea") for t in titles)  # English on hover
    who = page.locator(".chrono-item .who").all_text_contents()
    shown = {name for w in who for part in w.split(" → ") for name in part.split(", ")}
    assert "Cédéao" in shown and "North Korea" not in shown
    page.select_option("#f-actor", label=next(o for o in options if o.startswith("Cédéao")))
    page.wait_for_selector(IDLE, state="attached")
    assert "actor=" in page.url  # filtering still uses the canonical id
    assert page.problems == []
