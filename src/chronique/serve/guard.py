"""What protects the server: the token rule for writes, a request body limit, browser headers.

Bound to localhost the API is open to the local user; bound to any other address, POST needs
``Authorization: Bearer <token>`` and the server refuses to start without a token.
"""
from __future__ import annotations

import hmac
import ipaddress

from fastapi import HTTPException, Request
from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

LOCAL_NAMES = {"localhost", "localhost.localdomain", "ip6-localhost"}
DEFAULT_MAX_BODY = 2_000_000
# The page loads only what this server serves: no CDN, no inline script.
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'")


class ConfigError(ValueError):
    """The server cannot start with these settings; the message says what to change."""


def is_local(host: str) -> bool:
    """True for loopback addresses and localhost names (the only binds that need no token)."""
    name = host.strip("[]").lower()
    if name in LOCAL_NAMES:
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


def check_bind(host: str, token: str | None) -> None:
    """Refuse to expose the write endpoint beyond this machine without a token."""
    if not is_local(host) and not token:
        raise ConfigError(f"refusing to bind {host!r} without a token: pass --token or set CHRONIQUE_TOKEN "
                          "(or bind 127.0.0.1)")
    if token is not None and len(token) < 8:
        raise ConfigError("the token must be at least 8 characters long")


def token_checker(token: str | None):
    """A FastAPI dependency that enforces the bearer token when one is configured."""
    def check(request: Request) -> None:
        if token is None:
            return
        scheme, _, given = request.headers.get("authorization", "").partition(" ")
        if scheme.lower() != "bearer" or not given:
            raise HTTPException(401, "this server requires 'Authorization: Bearer <token>' to ingest",
                                headers={"WWW-Authenticate": "Bearer"})
        if not hmac.compare_digest(given.strip().encode(), token.encode()):
            raise HTTPException(403, "invalid token")
    return check


class TooLarge(HTTPException):
    def __init__(self, limit: int):
        super().__init__(413, f"request body over the {limit:,}-byte limit")


class BodyLimit:
    """ASGI middleware: 413 for bodies over ``limit`` bytes, declared or streamed."""

    def __init__(self, app: ASGIApp, limit: int = DEFAULT_MAX_BODY):
        self.app, self.limit = app, limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        declared = dict(scope["headers"]).get(b"content-length", b"0")
        if not declared.isdigit() or int(declared) > self.limit:
            return await self._reject(scope, receive, send, 413 if declared.isdigit() else 400)
        seen = 0

        async def limited() -> Message:
            nonlocal seen
            message = await receive()
            seen += len(message.get("body", b""))
            if seen > self.limit:
                raise TooLarge(self.limit)
            return message

        try:
            await self.app(scope, limited, send)
        except TooLarge:
            await self._reject(scope, receive, send, 413)

    async def _reject(self, scope: Scope, receive: Receive, send: Send, status: int) -> None:
        detail = f"request body over the {self.limit:,}-byte limit" if status == 413 else "bad Content-Length"
        await JSONResponse({"detail": detail}, status_code=status)(scope, receive, send)


class SecurityHeaders:
    """ASGI middleware adding a strict Content-Security-Policy and no-sniff to every response."""

    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            return await self.app(scope, receive, send)

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                headers += [(b"content-security-policy", CSP.encode()), (b"x-content-type-options", b"nosniff"),
                            (b"referrer-policy", b"no-referrer")]
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, with_headers)
