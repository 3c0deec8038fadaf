"""Web hardening for the web app (aiohttp middlewares).

- security headers on every response: a strict Content-Security-Policy (only this origin's
  scripts, styles and connections; no framing, no plugins), nosniff, no referrer;
- request bodies over the limit are refused with 413 before they are read;
- rate limiting per client on everything that is not a GET (the chat endpoints): 429;
- every error a client sees is a short Swedish JSON message, never a stack trace.

- CORS only for the origins in SIP_ALLOWED_ORIGINS (the municipality's site that embeds the
  widget): those may load the widget and call the chat API; no other origin may.

Settings: SIP_RATE_LIMIT_PER_MINUTE (default 120 requests per client and minute, a burst
of the same size allowed), SIP_HSTS=1 to send Strict-Transport-Security (behind HTTPS),
SIP_ALLOWED_ORIGINS (comma-separated, e.g. "https://www.dalsed.se"; default none: the
widget then works only on this web app's own page).
The client is the connecting address: behind a reverse proxy, let the proxy limit per
client too (X-Forwarded-For is not trusted here, it is set by the client).
"""
from __future__ import annotations

import logging
import os
import time
from collections import OrderedDict
from typing import Callable

from aiohttp import web

from channels.chat_input import MAX_BODY_BYTES, MESSAGES

logger = logging.getLogger(__name__)

CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; "
       "form-action 'self'; frame-ancestors 'none'")
HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=()",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
}


def _error(status: int, key: str) -> web.Response:
    return web.json_response({"error": MESSAGES[key]}, status=status)


class RateLimiter:
    """A token bucket per client: `per_minute` requests a minute, bursts up to the same number."""

    def __init__(self, per_minute: int, clock: Callable[[], float] = time.monotonic, max_clients: int = 100_000):
        self.capacity = float(per_minute)
        self.rate = per_minute / 60.0
        self.clock = clock
        self.max_clients = max_clients
        self._buckets: OrderedDict[str, tuple[float, float]] = OrderedDict()

    def allow(self, client: str) -> bool:
        now = self.clock()
        tokens, last = self._buckets.pop(client, (self.capacity, now))
        tokens = min(self.capacity, tokens + (now - last) * self.rate)
        allowed = tokens >= 1
        self._buckets[client] = (tokens - 1 if allowed else tokens, now)
        while len(self._buckets) > self.max_clients:  # forget the least recently seen clients
            self._buckets.popitem(last=False)
        return allowed


def allowed_origins(value: str | None) -> frozenset[str]:
    """"https://www.dalsed.se, https://dalsed.se/" -> the origins, without trailing slashes."""
    return frozenset(o.strip().rstrip("/") for o in (value or "").split(",") if o.strip())


def security_middlewares(per_minute: int | None = None, hsts: bool | None = None,
                         origins: frozenset[str] | None = None) -> list:
    limit = per_minute if per_minute is not None else int(os.environ.get("SIP_RATE_LIMIT_PER_MINUTE", "120"))
    hsts = hsts if hsts is not None else os.environ.get("SIP_HSTS") == "1"
    origins = origins if origins is not None else allowed_origins(os.environ.get("SIP_ALLOWED_ORIGINS"))
    limiter = RateLimiter(limit)

    @web.middleware
    async def cors(request: web.Request, handler):
        origin = request.headers.get("Origin")
        allowed = origin in origins
        if request.method == "OPTIONS" and request.path.startswith("/api/chat"):
            if not allowed:
                return _error(403, "origin_not_allowed")
            response = web.Response(status=204, headers={
                "Access-Control-Allow-Methods": "POST", "Access-Control-Allow-Headers": "Content-Type",
                "Access-Control-Max-Age": "600"})
        else:
            response = await handler(request)
        if allowed and (request.path.startswith("/api/chat") or request.path.startswith("/static/")):
            response.headers["Access-Control-Allow-Origin"] = origin
            response.headers["Vary"] = "Origin"
        if origins and request.path.startswith("/static/"):
            # The embedding site loads widget.js and widget.css from here.
            response.headers["Cross-Origin-Resource-Policy"] = "cross-origin"
        return response

    @web.middleware
    async def headers(request: web.Request, handler):
        response = await handler(request)
        # A handler may set a stricter header of its own (e.g. a page with its own CSP): kept.
        for name, value in HEADERS.items():
            response.headers.setdefault(name, value)
        if request.path.startswith("/api/") or request.method != "GET":
            response.headers.setdefault("Cache-Control", "no-store")
        if hsts:
            response.headers["Strict-Transport-Security"] = "max-age=31536000; includeSubDomains"
        return response

    @web.middleware
    async def errors(request: web.Request, handler):
        try:
            return await handler(request)
        except web.HTTPNotFound:
            return _error(404, "not_found")
        except web.HTTPMethodNotAllowed:
            return _error(405, "method_not_allowed")
        except web.HTTPRequestEntityTooLarge:
            return _error(413, "body_too_large")
        except web.HTTPException as exc:
            if exc.status < 400:
                raise  # redirects and the like
            return _error(exc.status, "server_error" if exc.status >= 500 else "bad_message")
        except Exception:  # noqa: BLE001 - never show a stack trace; log it without the request body
            logger.exception("Error handling %s %s", request.method, request.path)
            return _error(500, "server_error")

    @web.middleware
    async def limits(request: web.Request, handler):
        if request.method not in ("GET", "HEAD", "OPTIONS"):
            if (request.content_length or 0) > MAX_BODY_BYTES:
                return _error(413, "body_too_large")
            if not limiter.allow(request.remote or "unknown"):
                return _error(429, "too_many_requests")
        return await handler(request)

    # Outermost first: headers go on every response, errors included.
    return [headers, cors, errors, limits]
