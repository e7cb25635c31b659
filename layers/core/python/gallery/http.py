"""The HTTP edge shared by every API function: resolver, JSON, errors, the caller."""

import gzip
import json
import re
from datetime import datetime
from functools import cache
from types import NoneType, UnionType
from typing import Annotated, Any, TypeVar, Union, get_args, get_origin

from aws_lambda_powertools.event_handler import APIGatewayHttpResolver, Response
from aws_lambda_powertools.event_handler.api_gateway import ResponseBuilder
from aws_lambda_powertools.event_handler.middlewares.openapi_validation import (
    OpenAPIRequestValidationMiddleware,
)
from aws_lambda_powertools.event_handler.openapi.exceptions import RequestValidationError
from pydantic import BaseModel, TypeAdapter
from pydantic import ValidationError as PydanticValidationError

from gallery.auth import Caller, caller_from_claims
from gallery.errors import (
    GalleryError,
    MalformedJson,
    NotFound,
    UnsupportedMediaType,
    ValidationFailed,
)
from gallery.routes import ROUTES, Route

M = TypeVar("M", bound=BaseModel)
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


def _is_json(content_type: str) -> bool:
    kind = content_type.split(";")[0].strip().lower()
    return kind in ("", "application/json") or kind.endswith("+json")


# Query strings are text: what a number or a moment looks like there, beyond what pydantic
# reads (it takes "1_000" and "1.0" for integers, and "0.5" for a moment: a Unix time).
_QUERY_TEXT = {
    int: (re.compile(r"-?[0-9]+"), "int_parsing", "Input should be an integer (decimal digits)"),
    datetime: (
        re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt ][0-9]{2}:[0-9]{2}.*"),
        "datetime_parsing",
        "Input should be an ISO 8601 date-time (2026-01-31T09:00:00Z)",
    ),
}


def _scalar(annotation: Any) -> Any:
    """``X`` of ``X`` or ``X | None``."""
    if get_origin(annotation) in (Union, UnionType):
        kinds = [kind for kind in get_args(annotation) if kind is not NoneType]
        return kinds[0] if len(kinds) == 1 else None
    return annotation


def _query_errors(route, query: dict[str, str]) -> list[dict]:
    errors = []
    for field in route.dependant.query_params:
        value = query.get(field.alias)
        rule = _QUERY_TEXT.get(_scalar(field.field_info.annotation))
        if value is not None and rule and not rule[0].fullmatch(value):
            errors.append({"type": rule[1], "loc": ("query", field.alias), "msg": rule[2]})
    return errors


@cache
def _strict_adapter(field) -> TypeAdapter:
    return TypeAdapter(Annotated[field.field_info.annotation, field.field_info])


def _integral(value: Any) -> Any:
    """10.0 is the integer 10 to JSON (one number type) and JSON Schema: kept so."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, dict):
        return {key: _integral(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_integral(item) for item in value]
    return value


def _body_of(field, route, body: Any) -> Any:
    # Powertools' convention: a lone body parameter is the whole body, others are its keys
    params = route.dependant.body_params
    if len(params) == 1 and not getattr(field.field_info, "embed", None):
        return body
    return body.get(field.alias) if isinstance(body, dict) else None


class StrictRequestValidation(OpenAPIRequestValidationMiddleware):
    """Powertools' validation, stricter where JSON and query strings are concerned.

    A body is JSON (``application/json`` or any ``+json`` type) or it is refused with 415,
    before it is parsed; it is then validated in pydantic's strict JSON mode, so ``"10"``
    and ``true`` are not integers (``10.0`` is, as in JSON Schema; ``10.5`` is not). Query
    strings are text by nature: an integer there is decimal digits, nothing else (no
    ``true``, ``1.5``, ``1.0``, ``1_000`` nor surrounding spaces), a moment an ISO 8601
    date-time (not a Unix time)."""

    def handler(self, app, next_middleware) -> Response:
        query = app.current_event.query_string_parameters or {}
        if errors := _query_errors(app.context["_route"], query):
            raise RequestValidationError(errors)
        return super().handler(app, next_middleware)

    def _get_body(self, app) -> Any:
        event = app.current_event
        if event.body and not _is_json(event.headers.get("content-type", "")):
            raise UnsupportedMediaType("send the body as application/json")
        body = self._parse_json_data(app)
        route = app.context["_route"]
        errors: list[dict] = []
        for field in route.dependant.body_params:
            value = _body_of(field, route, body)
            if value is None:
                continue  # missing: Powertools says so
            loc = ("body",) if value is body else ("body", field.alias)
            try:
                _strict_adapter(field).validate_json(json_dumps(_integral(value)), strict=True)
            except PydanticValidationError as error:
                errors += [{**e, "loc": (*loc, *e["loc"])} for e in error.errors(include_url=False)]
        if errors:
            raise RequestValidationError(errors)
        return body


ERROR_SCHEMA = {
    "type": "object",
    "required": ["error"],
    "properties": {
        "error": {
            "type": "object",
            "required": ["code", "message"],
            "properties": {
                "code": {"type": "string"},
                "message": {"type": "string"},
                "details": {"description": "422: a list of {loc, msg, type}, one per field"},
            },
        }
    },
}
GATEWAY_ERROR_SCHEMA = {
    "type": "object",
    "required": ["message"],
    "properties": {"message": {"type": "string"}},
    "description": "API Gateway's own answer, before any function runs",
}
_ERROR_REF = {"$ref": "#/components/schemas/Error"}
_PHRASES = {
    400: "Bad request", 401: "Unauthorized", 403: "Forbidden", 404: "Not found",
    409: "Conflict", 413: "Too large", 415: "Unsupported media type", 422: "Invalid request",
    429: "Too many requests", 503: "Unavailable",
}  # fmt: skip
_BY_KEY = {route.route_key: route for route in ROUTES}


def _statuses(route: Route, operation: dict) -> set[int]:
    """Every status the route answers besides success: the route table's declaration, and
    what the route's shape implies."""
    statuses = {error.status for error in route.errors}
    if route.auth:
        statuses.add(401)
    if operation.get("parameters") or "requestBody" in operation:
        statuses.add(422)  # validation_error, with details
    if "requestBody" in operation:
        statuses |= {400, 415}  # malformed_json, unsupported_media_type
    return statuses


def _error_response(status: int, route: Route) -> dict:
    schema: dict = _ERROR_REF
    description = _PHRASES.get(status, "Error")
    if status == 401 and route.auth:
        # API Gateway's authorizer refuses a missing or bad token with its own body
        schema = {"anyOf": [_ERROR_REF, {"$ref": "#/components/schemas/GatewayError"}]}
        description += " (no valid bearer token: API Gateway's {message})"
    response = {"description": description, "content": {"application/json": {"schema": schema}}}
    if status == 429:
        response["headers"] = {
            "Retry-After": {"description": "Seconds to wait", "schema": {"type": "integer"}}
        }
    return response


def with_error_responses(document: dict) -> dict:
    """Every operation gets each status it can answer, in our error shape (Powertools
    documents only 422, in its own), and its security: none on public routes."""
    for path, operations in document.get("paths", {}).items():
        for method, operation in operations.items():
            route = _BY_KEY[f"{method.upper()} {path}"]
            responses = operation.setdefault("responses", {})
            responses.pop("422", None)
            for status in sorted(_statuses(route, operation)):
                responses[str(status)] = _error_response(status, route)
            operation["security"] = [{"bearerAuth": []}] if route.auth else []
    schemas = document.setdefault("components", {}).setdefault("schemas", {})
    for unused in ("HTTPValidationError", "ValidationError", "ResponseValidationError"):
        schemas.pop(unused, None)
    schemas["Error"] = ERROR_SCHEMA
    schemas["GatewayError"] = GATEWAY_ERROR_SCHEMA
    return document


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
        schema = self.get_openapi_schema(**kwargs)
        return with_error_responses(
            schema.model_dump(mode="json", by_alias=True, exclude_none=True)
        )

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


def parse(schema: type[M], location: str, /, **data: Any) -> M:
    """Builds an input model in a handler; what does not fit is the caller's 422."""
    try:
        return schema(**data)
    except PydanticValidationError as error:
        details = _validation_details(
            [{**e, "loc": (location, *e["loc"])} for e in error.errors(include_url=False)]
        )
        raise ValidationFailed("the request is not valid", details=details) from None


def current_caller(app: APIGatewayHttpResolver) -> Caller:
    """The caller named by the claims API Gateway's JWT authorizer verified."""
    claims = app.current_event.request_context.authorizer.jwt_claim
    return caller_from_claims(claims)


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
