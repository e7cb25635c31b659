"""A local stand-in for API Gateway (HTTP API, payload v2): same route table, same handlers.

Requests become API Gateway v2 events; bearer tokens from the local issuer are verified
and their claims handed over as the JWT authorizer would. Gateway-level failures answer
exactly as API Gateway does (``{"message": "Unauthorized"}``, ``{"message": "Not Found"}``).
"""

import base64
import functools
import gzip
import importlib
import json
import logging
import mimetypes
import re
import sys
import threading
import time
import uuid
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from urllib.parse import parse_qsl, unquote, urlsplit

from werkzeug.http import parse_accept_header

from devstack import identities, tokens
from devstack.containers import Containers, LambdaContext
from devstack.http_server import LocalHTTPServer
from gallery.routes import ROUTES, Route

ROOT = Path(__file__).resolve().parents[2]
FUNCTIONS_DIR = ROOT / "functions"
_TEXT_TYPES = ("application/json", "text/", "application/x-www-form-urlencoded")
# what CloudFront compresses for the dashboard in AWS (images are compressed already)
_COMPRESSIBLE_TYPES = ("text/", "application/javascript", "application/json", "image/svg+xml")


def _compile(route: Route) -> re.Pattern:
    pattern = re.sub(r"\\\{(\w+)\\\}", r"(?P<\1>[^/]+)", re.escape(route.path))
    return re.compile(f"^{pattern}$")


class Gateway:
    """Routes requests to the functions' handlers: in this process one invocation at a time
    (what the tests use: they patch settings the handlers read), or, given ``containers``,
    each in a pool of processes per function that answer concurrently, like Lambda's
    execution environments (devstack.containers)."""

    def __init__(self, web_dist: Path | None = None, containers: "Containers | None" = None):
        # Static paths win over parameterised ones, as in API Gateway.
        ordered = sorted(ROUTES, key=lambda r: ("{" in r.path, -len(r.path)))
        self.routes = [(route, _compile(route)) for route in ordered]
        self.web_dist = web_dist
        self.containers = containers
        # set when the stack begins to stop: a request then meets functions going away
        self.stopping = threading.Event()
        self._handlers: dict[str, object] = {}
        # Powertools keeps the current event in a class attribute: one invocation at a time,
        # as in a Lambda container.
        self._invoke_lock = threading.Lock()
        if str(FUNCTIONS_DIR) not in sys.path:
            # The Lambda task root of each function: its folder's parent.
            sys.path.insert(0, str(FUNCTIONS_DIR))

    def handler(self, function: str):
        if function not in self._handlers:
            module = importlib.import_module(f"{function}.handler")
            self._handlers[function] = module.lambda_handler
        return self._handlers[function]

    def match(self, method: str, path: str) -> tuple[Route, dict] | None:
        for route, pattern in self.routes:
            found = pattern.match(path)
            if found and route.method == method:
                return route, {k: unquote(v) for k, v in found.groupdict().items()}
        return None

    def event(self, route: Route, params: dict, request: "RequestHandler", body: bytes,
              claims: dict | None) -> dict:  # fmt: skip
        url = urlsplit(request.path)
        # API Gateway's HTTP API hands the function the path percent-decoded ("%40" as "@"),
        # in rawPath as in requestContext.http.path; Powertools routes on it
        path = unquote(url.path)
        headers: dict[str, str] = {}
        for name, value in request.headers.items():
            key = name.lower()
            headers[key] = f"{headers[key]},{value}" if key in headers else value
        query: dict[str, str] = {}
        for name, value in parse_qsl(url.query, keep_blank_values=True):
            query[name] = f"{query[name]},{value}" if name in query else value
        content_type = headers.get("content-type", "")
        is_text = not body or content_type.startswith(_TEXT_TYPES) or not content_type
        now = time.time()
        authorizer = {"jwt": {"claims": claims, "scopes": None}} if claims is not None else None
        event = {
            "version": "2.0",
            "routeKey": route.route_key,
            "rawPath": path,
            "rawQueryString": url.query,
            "headers": headers,
            "requestContext": {
                "accountId": "000000000000",
                "apiId": "local",
                "domainName": headers.get("host", "127.0.0.1"),
                "domainPrefix": "local",
                "http": {
                    "method": route.method,
                    "path": path,
                    "protocol": request.request_version,
                    "sourceIp": request.client_address[0],
                    "userAgent": headers.get("user-agent", ""),
                },
                "requestId": str(uuid.uuid4()),
                "routeKey": route.route_key,
                "stage": "$default",
                "time": time.strftime("%d/%b/%Y:%H:%M:%S +0000", time.gmtime(now)),
                "timeEpoch": int(now * 1000),
            },
            "isBase64Encoded": not is_text,
        }
        if authorizer:
            event["requestContext"]["authorizer"] = authorizer
        if query:
            event["queryStringParameters"] = query
        if params:
            event["pathParameters"] = params
        if body:
            event["body"] = (
                body.decode("utf-8", "replace") if is_text else base64.b64encode(body).decode()
            )
        return event

    def invoke(self, function: str, event: dict) -> dict:
        if self.containers is not None:
            return self.containers.invoke(function, event)
        context = LambdaContext(
            function_name=f"gallery-{function}", aws_request_id=str(uuid.uuid4())
        )
        # The first call imports the handler under the lock, with the function's role, like a
        # Lambda container's init: Powertools' modules are not safe to import from two threads.
        with self._invoke_lock, identities.acting_as(function):
            return self.handler(function)(event, context)


def _json(status: int, body: dict) -> tuple[int, dict, bytes]:
    return status, {"content-type": "application/json"}, json.dumps(body).encode()


@functools.lru_cache(maxsize=256)
def _gzipped(path: Path, mtime_ns: int) -> bytes:
    """A dashboard file, compressed once per build (the modification time keys the cache)."""
    return gzip.compress(path.read_bytes(), mtime=0)


class RequestHandler(BaseHTTPRequestHandler):
    gateway: Gateway
    server_version = "pingvas-local-gateway"
    protocol_version = "HTTP/1.1"
    # Headers and body go out in two writes: with Nagle on, a small answer waits for the
    # client's delayed ACK (40 ms on Linux) on a kept-alive connection.
    disable_nagle_algorithm = True

    def log_message(self, format, *args):
        pass

    def _respond(self, status: int, headers: dict, body: bytes) -> None:
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("content-length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _dispatch(self) -> tuple[int, dict, bytes]:
        length = int(self.headers.get("content-length") or 0)
        body = self.rfile.read(length) if length else b""
        path = urlsplit(self.path).path
        if path == "/api/v1/dev/token" and self.command == "POST":
            return tokens.issue_response(body)
        # API Gateway routes /path/ like /path (the original design's clients POST /shares/)
        matched = self.gateway.match(self.command, path.rstrip("/"))
        # /s/{token}: the share page with its card tags comes from the shares function, as
        # CloudFront's /s/* behaviour sends it there in AWS; the rest is the dashboard
        if not path.startswith("/api/") and not (path.startswith("/s/") and matched):
            return self._static(path)
        if matched is None:
            return _json(404, {"message": "Not Found"})
        route, params = matched
        claims = None
        if route.auth:
            claims = tokens.verify_header(self.headers.get("authorization"))
            if claims is None:
                return _json(401, {"message": "Unauthorized"})
        event = self.gateway.event(route, params, self, body, claims)
        try:
            result = self.gateway.invoke(route.function, event)
        except Exception:  # the Lambda crashed: API Gateway answers 500 like this
            if self.gateway.stopping.is_set():  # a browser's last request as the stack stops
                return _json(503, {"message": "Service Unavailable"})
            logging.getLogger(__name__).exception("%s failed", route.function)
            return _json(500, {"message": "Internal Server Error"})
        raw = result.get("body") or ""
        payload = base64.b64decode(raw) if result.get("isBase64Encoded") else raw.encode()
        headers = dict(result.get("headers") or {})
        for name, values in (result.get("multiValueHeaders") or {}).items():
            headers[name] = ", ".join(values)
        return int(result.get("statusCode", 200)), headers, payload

    def _static(self, path: str) -> tuple[int, dict, bytes]:
        dist = self.gateway.web_dist
        if dist is None or not (dist / "index.html").exists():
            page = b"<!doctype html><title>Pingvas Gallery</title><p>API at /api/v1/openapi.json"
            return 200, {"content-type": "text/html; charset=utf-8"}, page
        target = (dist / path.lstrip("/")).resolve()
        if not target.is_file() or dist.resolve() not in target.parents:
            target = dist / "index.html"  # the single-page app routes on the client
        kind = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
        if not kind.startswith(_COMPRESSIBLE_TYPES):
            return 200, {"content-type": kind}, target.read_bytes()
        headers = {"content-type": kind, "vary": "Accept-Encoding"}
        accepted = parse_accept_header(self.headers.get("accept-encoding"))
        if accepted.best_match(["gzip"]) is None:  # absent, identity only, or gzip;q=0
            return 200, headers, target.read_bytes()
        body = _gzipped(target, target.stat().st_mtime_ns)
        return 200, {**headers, "content-encoding": "gzip"}, body

    def _handle(self) -> None:
        self._respond(*self._dispatch())

    def __getattr__(self, name: str):
        # Every method reaches the router (TRACE, PROPFIND…): unknown ones answer 404 there.
        if name.startswith("do_"):
            return self._handle
        raise AttributeError(name)


def serve(host: str, port: int, gateway: Gateway) -> LocalHTTPServer:
    """Starts the gateway in a background thread; returns the server (call shutdown())."""
    handler = type("BoundRequestHandler", (RequestHandler,), {"gateway": gateway})
    server = LocalHTTPServer((host, port), handler)
    threading.Thread(target=server.serve_forever, name="gateway", daemon=True).start()
    return server
