"""The HTTP edge shared by every API function: resolver, JSON, errors, the caller."""

import gzip
import json
from typing import Annotated, Any

from aws_lambda_powertools.event_handler import APIGatewayHttpResolver, Depends, Request, Response
from aws_lambda_powertools.event_handler.api_gateway import ResponseBuilder
from aws_lambda_powertools.event_handler.openapi.exceptions import RequestValidationError
from pydantic import BaseModel

from gallery.auth import Caller, caller_from_claims
from gallery.errors import (
    GalleryError,
    MalformedJson,
    NotFound,
    ValidationFailed,
)
from gallery.request_validation import StrictRequestValidation

JSON = "application/json; charset=utf-8"


def _default(value: Any) -> Any:
    if isinstance(value, BaseModel):
        return value.model_dump(mode="json")
    return str(value)


def json_dumps(value: Any) -> str:
    """Korean stays readable UTF-8, not \\uXXXX."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), default=_default)


def error_response(error: GalleryError) -> Response:
    return Response(
        status_code=error.status,
        content_type=JSON,
        body=json_dumps(error.body()),
        headers=error.headers,
    )


def _validation_details(errors: list[dict]) -> list[dict]:
    return [
        {"loc": list(e.get("loc", ())), "msg": e.get("msg", ""), "type": e.get("type", "")}
        for e in errors
    ]


# Below this, gzip's header and the base64 that a binary Lambda answer needs cost more than
# they save.
MIN_COMPRESSED_BYTES = 1024


def accepts_gzip(header: str | None) -> bool:
    """Whether an Accept-Encoding header takes gzip: named, or ``*``, with a q-value above 0."""
    named: dict[str, float] = {}
    for item in (header or "").split(","):
        coding, *params = (part.strip() for part in item.split(";"))
        quality = 1.0
        for param in params:
            key, _, value = param.partition("=")
            if key.strip().lower() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        if coding:
            named[coding.lower()] = quality
    return named.get("gzip", named.get("*", 0.0)) > 0


class CompressingResponseBuilder(ResponseBuilder):
    """API Gateway's HTTP API does not compress answers (CloudFront does only for what it
    serves): a JSON answer of MIN_COMPRESSED_BYTES or more is gzipped here for a client that
    takes gzip. A listing's first page of 60 images is ~170 kB of JSON, most of it signed URLs,
    and ~5x less gzipped. Powertools' own switch is per route, at level 9, and reads
    ``gzip;q=0`` as consent."""

    def _route(self, event, cors) -> None:
        super()._route(event, cors)
        body = self.response.body
        if self.route is None or not isinstance(body, str | bytes):
            return
        if "Content-Encoding" in self.response.headers or len(body) < MIN_COMPRESSED_BYTES:
            return
        self.response.headers["Vary"] = "Accept-Encoding"  # caches keep the two apart
        accepted = event.resolved_headers_field.get("accept-encoding")  # split at commas
        if accepts_gzip(",".join(accepted) if isinstance(accepted, list) else accepted):
            data = body.encode() if isinstance(body, str) else body
            self.response.body = gzip.compress(data, compresslevel=6, mtime=0)
            self.response.headers["Content-Encoding"] = "gzip"


class GalleryResolver(APIGatewayHttpResolver):
    """JSON is the only body the API takes, validated strictly (StrictRequestValidation);
    answers are compressed (CompressingResponseBuilder)."""

    def __init__(self, **kwargs: Any):
        super().__init__(**kwargs)
        self._response_builder_class = CompressingResponseBuilder
        if self._enable_validation:
            self._request_validation_middleware = StrictRequestValidation()

    def openapi_document(self, **kwargs: Any) -> dict:
        """The OpenAPI document as served: Powertools' and our error responses."""
        from gallery.openapi import with_error_responses, with_query_model_schemas

        schema = self.get_openapi_schema(**kwargs)
        document = schema.model_dump(mode="json", by_alias=True, exclude_none=True)
        routes = self._static_routes + self._dynamic_routes
        return with_error_responses(with_query_model_schemas(document, routes))

    # API Gateway hands over /path/ on the route of /path: match it, as Powertools' REST API
    # resolver does (its HTTP API resolver does not)
    @staticmethod
    def _compile_regex(rule: str, base_regex: str = "^{}/*$"):
        return APIGatewayHttpResolver._compile_regex(rule, base_regex)


# No request body of the API nests deeper; far deeper ones would exhaust the stack.
MAX_JSON_DEPTH = 32


def json_loads(text: str) -> Any:
    """JSON that can be stored: a lone UTF-16 surrogate (valid in JSON escapes, not in UTF-8
    or PostgreSQL) makes the body malformed, and so does nesting past MAX_JSON_DEPTH."""
    try:
        value = json.loads(text)
    except RecursionError:
        raise json.JSONDecodeError("nested too deeply", text, 0) from None
    if _depth(value) > MAX_JSON_DEPTH:
        raise json.JSONDecodeError(f"nested deeper than {MAX_JSON_DEPTH} levels", text, 0)
    try:
        json.dumps(value, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError as error:
        raise json.JSONDecodeError(f"not Unicode text: {error.reason}", text, 0) from None
    return value


def _depth(value: Any) -> int:
    """How deep containers nest in ``value``, walked without recursion."""
    deepest, stack = 0, [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict | list):
            deepest = max(deepest, depth)
            if depth > MAX_JSON_DEPTH:
                break
            children = item.values() if isinstance(item, dict) else item
            stack.extend((child, depth + 1) for child in children)
    return deepest


def build_resolver() -> GalleryResolver:
    """A resolver with validation on and our error model for every failure."""
    app = GalleryResolver(
        enable_validation=True, serializer=json_dumps, json_body_deserializer=json_loads
    )

    @app.exception_handler(GalleryError)
    def handle_gallery_error(error: GalleryError) -> Response:
        return error_response(error)

    @app.exception_handler(RequestValidationError)
    def handle_validation_error(error: RequestValidationError) -> Response:
        errors = list(error.errors())
        kinds = {e.get("type") for e in errors}
        if "json_invalid" in kinds:
            return error_response(MalformedJson("the request body is not valid JSON"))
        details = _validation_details(errors)
        return error_response(ValidationFailed("the request is not valid", details=details))

    @app.not_found
    def handle_not_found(_error: Exception) -> Response:
        return error_response(NotFound("no such route"))

    return app


def _authenticated_caller(request: Request) -> Caller:
    """The caller named by the claims API Gateway's JWT authorizer verified."""
    return caller_from_claims(request.resolved_event.request_context.authorizer.jwt_claim)


CurrentCaller = Annotated[Caller, Depends(_authenticated_caller)]


_WRITES = {"POST", "PUT", "PATCH", "DELETE"}


def api_handler(
    app: APIGatewayHttpResolver, *, nudges_indexer: bool = False, traces_response: bool = True
):
    """The Lambda entry point of an API function: logs with the request's correlation id,
    a trace segment, metrics flushed (cold starts counted). With ``nudges_indexer``, a
    successful write asks the search indexer to run now (its changes are in the outbox).
    ``traces_response`` False keeps a large answer out of the trace segment (X-Ray caps a
    segment at 64 KB)."""
    from aws_lambda_powertools.logging import correlation_paths

    from gallery.observability import logger, metrics, tracer

    @logger.inject_lambda_context(correlation_id_path=correlation_paths.API_GATEWAY_HTTP)
    @tracer.capture_lambda_handler(capture_response=traces_response)
    @metrics.log_metrics(capture_cold_start_metric=True)
    def lambda_handler(event: dict, context) -> dict:
        response = app.resolve(event, context)
        method = event.get("requestContext", {}).get("http", {}).get("method")
        if nudges_indexer and method in _WRITES and response.get("statusCode", 500) < 400:
            from gallery.services.indexer import nudge

            nudge()
        return response

    return lambda_handler
