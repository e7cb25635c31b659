"""The served OpenAPI document tells the truth (issue 15, finding 13): every status a route
answers, in our error shape; which routes need no token; and the API validates as strictly
as the document says (a JSON integer is a number, a query integer is decimal digits)."""

import ast
import importlib
import inspect
import textwrap
import types
import uuid

import pytest

from gallery.errors import GalleryError
from gallery.routes import ROUTES

DOC = "/api/v1/openapi.json"
ERROR = {"$ref": "#/components/schemas/Error"}
BEARER = [{"bearerAuth": []}]


@pytest.fixture(scope="module")
def document(client) -> dict:
    response = client.get(DOC)
    assert response.status_code == 200
    return response.json()


def operations(document: dict):
    for path, methods in document["paths"].items():
        for method, operation in methods.items():
            yield f"{method.upper()} {path}", operation


def _resolve(node: ast.expr, scope: dict):
    if isinstance(node, ast.Name):
        return scope.get(node.id)
    if isinstance(node, ast.Attribute):
        base = _resolve(node.value, scope)
        return getattr(base, node.attr, None) if base is not None else None
    return None


def errors_reachable_from(function) -> set[type[GalleryError]]:
    """The GalleryErrors named in a handler and in every function of ours it calls, walked
    through the source (over-approximate: an error named is an error raised)."""
    found: set[type[GalleryError]] = set()
    seen: set[int] = set()
    todo = [function]
    while todo:
        current = inspect.unwrap(todo.pop())
        if id(current) in seen:
            continue
        seen.add(id(current))
        tree = ast.parse(textwrap.dedent(inspect.getsource(current)))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Name | ast.Attribute):
                continue
            target = _resolve(node, current.__globals__)
            if isinstance(target, type) and issubclass(target, GalleryError):
                found.add(target)
            elif isinstance(target, types.FunctionType) and (
                target.__module__.startswith("gallery") or target.__module__.endswith("handler")
            ):
                todo.append(target)
    return found


def handlers() -> dict[str, types.FunctionType]:
    """Route key (API Gateway syntax) → the handler function, from the documented API."""
    app = importlib.import_module("docs.handler").app
    return {
        f"{route.method} {route.openapi_path}": route.func
        for route in (*app._static_routes, *app._dynamic_routes)
        if route.include_in_schema
    }


def test_every_route_documents_each_status_its_service_raises(document):
    documented = dict(operations(document))
    functions = handlers()
    assert documented.keys() == functions.keys()
    for key, function in functions.items():
        raised = {error.status for error in errors_reachable_from(function)}
        statuses = {int(status) for status in documented[key]["responses"]}
        assert raised <= statuses, f"{key} answers {sorted(raised - statuses)} undocumented"


def test_each_route_documents_what_the_route_table_declares_and_its_shape_implies(document):
    table = {route.route_key: route for route in ROUTES}
    for key, operation in operations(document):
        route, responses = table[key], operation["responses"]
        statuses = {int(status) for status in responses}
        assert {error.status for error in route.errors} <= statuses, key
        if route.auth:
            assert 401 in statuses, key
        if "requestBody" in operation:
            assert {400, 415, 422} <= statuses, key
        if operation.get("parameters"):
            assert 422 in statuses, key


def test_every_error_status_is_documented_with_our_error_schema(document):
    assert document["components"]["schemas"]["Error"]["required"] == ["error"]
    for key, operation in operations(document):
        for status, response in operation["responses"].items():
            if int(status) < 400:
                continue
            if set(response["content"]) == {"text/html"}:
                # the share page for chat apps: a link that cannot be opened is still a page
                assert key.split()[1].startswith("/s/"), f"{key} {status}"
                continue
            schema = response["content"]["application/json"]["schema"]
            assert schema == ERROR or ERROR in schema.get("anyOf", []), f"{key} {status}"
    assert "HTTPValidationError" not in str(document)


def test_a_wrong_password_documents_retry_after_on_its_429(document):
    access = document["paths"]["/api/v1/shares/{share_token}/access"]["post"]
    assert "Retry-After" in access["responses"]["429"]["headers"]


def test_public_routes_need_no_token_and_the_others_the_bearer_scheme(document, client):
    table = {route.route_key: route for route in ROUTES}
    public = {key for key, operation in operations(document) if operation["security"] == []}
    assert public == {key for key in dict(operations(document)) if not table[key].auth}
    assert {"GET /api/v1/shares/{share_token}", "GET /api/v1/public/images/{image_id}"} <= public
    for key, operation in operations(document):
        if key not in public:
            assert operation["security"] == BEARER, key
    # and the gateway agrees: a visitor route answers without a token, in our shape
    answer = client.get(f"/api/v1/public/images/{uuid.uuid4()}")
    assert answer.status_code == 404 and answer.json()["error"]["code"] == "not_found"


FOLDERS = "/api/v1/files/folders"
UPLOADS = "/api/v1/uploads"


def test_a_vnd_api_json_body_is_read_as_json_and_answers_in_our_error_shape(user):
    vnd = {"content-type": "application/vnd.api+json"}
    refused = user.post(FOLDERS, content=b'{"name": 5}', headers=vnd)
    assert refused.status_code == 422, refused.text
    assert refused.json()["error"]["code"] == "validation_error"
    assert refused.json()["error"]["details"][0]["loc"] == ["body", "name"]
    created = user.post(FOLDERS, content='{"name": "vnd 폴더"}'.encode(), headers=vnd)
    assert created.status_code == 200, created.text
    assert created.json()["name"] == "vnd 폴더"


@pytest.mark.parametrize("content_type", ["text/plain", "application/xml", "multipart/form-data"])
def test_a_body_that_is_not_json_answers_415_in_our_shape(user, content_type):
    answer = user.post(FOLDERS, content=b'{"name": "x"}', headers={"content-type": content_type})
    assert answer.status_code == 415, answer.text
    assert answer.json()["error"]["code"] == "unsupported_media_type"


@pytest.mark.parametrize("size", ["10", True, "1e3", 10.5], ids=["string", "boolean", "e", "float"])
def test_a_string_a_boolean_or_a_fraction_is_not_an_integer_in_a_json_body(user, size):
    answer = user.post(UPLOADS, json={"content_type": "image/png", "size_bytes": size})
    assert answer.status_code == 422, answer.text
    error = answer.json()["error"]
    assert error["code"] == "validation_error"
    assert error["details"][0]["loc"] == ["body", "size_bytes"]


def test_a_whole_number_written_with_a_fraction_is_an_integer_as_in_json_schema(user):
    answer = user.post(UPLOADS, json={"content_type": "image/png", "size_bytes": 10.0})
    assert answer.status_code == 200, answer.text


def test_a_string_is_not_a_boolean_nor_an_integer_in_a_json_body(user):
    for body in ({"name": "a", "sort_order": "3"}, {"name": "b", "sort_order": False}):
        answer = user.post(FOLDERS, json=body)
        assert answer.status_code == 422, answer.text
    share = user.post("/api/v1/shares", json={"folder_id": str(uuid.uuid4()),
                                              "show_metadata": "true"})  # fmt: skip
    assert share.status_code == 422, share.text
    assert share.json()["error"]["details"][0]["loc"] == ["body", "show_metadata"]
    assert user.post(FOLDERS, json={"name": "c", "sort_order": 3}).status_code == 200


@pytest.mark.parametrize("value", ["true", "1.5", "1.0", "1_0", " 5", "0x10"])
def test_an_integer_query_parameter_takes_decimal_digits_only(user, value):
    answer = user.get("/api/v1/files/images", params={"page_size": value})
    assert answer.status_code == 422, answer.text
    error = answer.json()["error"]
    assert error["code"] == "validation_error"
    assert error["details"][0]["loc"] == ["query", "page_size"]


def test_an_integer_query_parameter_in_decimal_digits_is_read_as_a_number(user):
    answer = user.get("/api/v1/files/images", params={"page_size": "7"})
    assert answer.status_code == 200 and answer.json()["page_size"] == 7


@pytest.mark.parametrize("value", ["0.5", "1700000000", "yesterday"])
def test_a_moment_in_a_query_is_an_iso_date_time_not_a_unix_time(user, value):
    answer = user.get("/api/v1/search/images", params={"created_to": value})
    assert answer.status_code == 422, answer.text
    assert answer.json()["error"]["details"][0]["loc"] == ["query", "created_to"]
    moment = user.get("/api/v1/search/images", params={"created_to": "2026-01-31T09:00:00+09:00"})
    assert moment.status_code == 200, moment.text


@pytest.mark.parametrize("path", [FOLDERS, "/api/v1/workspaces"])
def test_a_name_is_at_most_255_characters_as_sent_trailing_spaces_included(user, path):
    # the document's maxLength is of what is sent; the name is stored stripped
    answer = user.post(path, json={"name": "a" + " " * 255})
    assert answer.status_code == 422, answer.text
    assert answer.json()["error"]["details"][0]["loc"] == ["body", "name"]
    assert user.post(path, json={"name": " b" + " " * 253}).json()["name"] == "b"


@pytest.mark.parametrize(
    ("path", "params", "loc"),
    [
        ("/api/v1/files/images", {"page_size": "0"}, ["query", "page_size"]),
        ("/api/v1/files/images", {"sort_by": "deleted_at"}, ["query", "sort_by"]),
        ("/api/v1/files/images", {"tag": "t" * 101}, ["query", "tag"]),
        ("/api/v1/files/trash", {"page_size": "101"}, ["query", "page_size"]),
        ("/api/v1/files/tags", {"limit": "0"}, ["query", "limit"]),
        ("/api/v1/search/images", {"tags": ["a"] * 11}, ["query", "tags"]),
        ("/api/v1/search/images", {"page": "100", "page_size": "100"}, ["query"]),
        ("/api/v1/search/facets", {"limit": "101"}, ["query", "limit"]),
    ],
)
def test_a_query_model_names_the_parameter_it_refuses(user, path, params, loc):
    # the query models are validated by Powertools (Annotated[Model, Query()]): each error
    # still names the parameter as sent, or the query as a whole for a rule across several
    answer = user.get(path, params=params)
    assert answer.status_code == 422, answer.text
    assert answer.json()["error"]["details"][0]["loc"] == loc
