"""robots.txt for article pages (RFC 9309): read once per host and pass, through the polite fetcher.

A missing robots.txt (4xx) allows everything; one that cannot be read (5xx, network) disallows the host for
the pass, as the RFC asks; feeds themselves are fetched because the user named them.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urlsplit
from urllib.robotparser import RobotFileParser

from chronique.watch.fetch import Fetcher, FetchError


@dataclass
class Robots:
    """The robots.txt rules of each host met in a pass."""

    fetcher: Fetcher
    rules: dict[str, RobotFileParser | str] = field(default_factory=dict)

    def refusal(self, url: str) -> str | None:
        """Why ``url`` may not be fetched, or None when it may."""
        parts = urlsplit(url)
        site = f"{parts.scheme}://{parts.netloc}"
        if site not in self.rules:
            self.rules[site] = self.read(site)
        rules = self.rules[site]
        if isinstance(rules, str):
            return rules
        agent = self.fetcher.politeness.user_agent
        return None if rules.can_fetch(agent, url) else f"disallowed by {site}/robots.txt"

    def read(self, site: str) -> RobotFileParser | str:
        parser = RobotFileParser(f"{site}/robots.txt")
        try:
            page = self.fetcher.once(f"{site}/robots.txt", {})
        except FetchError as exc:
            return f"{site}/robots.txt unreadable ({exc}): host skipped this pass"
        if page.status >= 500:
            return f"{site}/robots.txt answered HTTP {page.status}: host skipped this pass"
        parser.parse(page.body.decode("utf-8", "replace").splitlines() if page.status < 400 else [])
        return parser
