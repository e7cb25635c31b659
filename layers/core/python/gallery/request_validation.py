"""Requests checked strictly, beyond what Powertools' validation reads: a body is JSON and
its types are JSON's; a query string's numbers and moments are written as such."""

import json
import re
from datetime import datetime
from functools import cache
from types import NoneType, UnionType
from typing import Annotated, Any, Union, get_args, get_origin

from aws_lambda_powertools.event_handler import Response
from aws_lambda_powertools.event_handler.middlewares.openapi_validation import (
    OpenAPIRequestValidationMiddleware,
)
from aws_lambda_powertools.event_handler.openapi.exceptions import RequestValidationError
from pydantic import TypeAdapter
from pydantic import ValidationError as PydanticValidationError

from gallery.errors import UnsupportedMediaType
from gallery.openapi import query_model


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


def _bare(annotation: Any) -> Any:
    """``X`` of ``Annotated[X, …]``."""
    return get_args(annotation)[0] if get_origin(annotation) is Annotated else annotation


@cache
def _query_fields(route) -> tuple[tuple[str, Any], ...]:
    """Each query parameter's name and type, a query model's fields included (once per
    route and container: the route table does not change)."""
    fields: list[tuple[str, Any]] = []
    for param in route.dependant.query_params:
        if model := query_model(param):
            fields += [(f.alias or name, f.annotation) for name, f in model.model_fields.items()]
        else:
            fields.append((param.alias, param.field_info.annotation))
    return tuple(fields)


def _query_errors(route, query: dict[str, str]) -> list[dict]:
    errors = []
    for name, annotation in _query_fields(route):
        value = query.get(name)
        rule = _QUERY_TEXT.get(_bare(_scalar(annotation)))
        if value is not None and rule and not rule[0].fullmatch(value):
            errors.append({"type": rule[1], "loc": ("query", name), "msg": rule[2]})
    return errors


def _without_model(error: dict, models: set[str]) -> dict:
    loc = tuple(error.get("loc", ()))
    if loc[:1] == ("query",) and loc[1:2] and loc[1] in models:
        return {**error, "loc": ("query", *loc[2:])}
    return error


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
        route = app.context["_route"]
        if errors := _query_errors(route, query):
            raise RequestValidationError(errors)
        try:
            return super().handler(app, next_middleware)
        except RequestValidationError as error:
            # a query model's errors name the parameter as sent, not the model's argument
            models = {p.alias for p in route.dependant.query_params if query_model(p)}
            raise RequestValidationError(
                [_without_model(e, models) for e in error.errors()], body=error.body
            ) from None

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
                _strict_adapter(field).validate_json(json.dumps(_integral(value)), strict=True)
            except PydanticValidationError as error:
                errors += [{**e, "loc": (*loc, *e["loc"])} for e in error.errors(include_url=False)]
        if errors:
            raise RequestValidationError(errors)
        return body
