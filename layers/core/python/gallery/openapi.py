"""The OpenAPI document as served: Powertools' schema, our error responses, and the
parameters of query models described as fully as scalar ones."""

import json

from pydantic import BaseModel

from gallery.routes import ROUTES, Route

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


def recall_responses() -> dict:
    """What a recall route answers: one body per ``format`` (gallery.services.generation)."""
    from gallery.models.generation import GenerationData

    return {200: {"description": "format=a1111: A1111's text; json: the normalised data; "
                                 "comfyui: the workflow ComfyUI loads",
                  "content": {"text/plain": {"schema": {"type": "string"}},
                              "application/json": {"model": GenerationData}}}}  # fmt: skip


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


def query_model(param) -> type[BaseModel] | None:
    """The model of a Powertools query parameter declared ``Annotated[Model, Query()]``."""
    model = param.field_info.annotation
    return model if isinstance(model, type) and issubclass(model, BaseModel) else None


def with_query_model_schemas(document: dict, routes) -> dict:
    """Powertools expands a query model into one parameter per field but gives each only
    its basic type (``integer``, ``string``), and lists the model among the schemas: each
    field's own JSON schema is put back, with its bounds, enums and formats, as a scalar
    parameter has, and the model's entry goes (no body refers to it)."""
    models = set()
    for route in routes:
        operation = document["paths"].get(route.openapi_path, {}).get(route.method.lower(), {})
        for model in filter(None, map(query_model, route.dependant.query_params)):
            models.add(model.__name__)
            fields = model.model_json_schema(mode="validation")["properties"]
            for parameter in operation.get("parameters", []):
                if parameter["in"] == "query" and parameter["name"] in fields:
                    schema = fields[parameter["name"]]
                    if schema.get("default", ...) is None:
                        del schema["default"]  # what absent means, as on scalar parameters
                    parameter["schema"] = schema
    schemas = document.get("components", {}).get("schemas", {})
    for name in models:
        schemas.pop(name, None)
    text = json.dumps(document)
    if referred := [name for name in models if f'"#/components/schemas/{name}"' in text]:
        raise AssertionError(f"query models referred to elsewhere: {referred}")
    return document
