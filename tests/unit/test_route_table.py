"""The route table (which feeds the CDK API stack and the local gateway) and the handlers
agree route for route."""

import importlib

import pytest

from gallery.routes import FUNCTIONS, ROUTES


@pytest.mark.parametrize("function", [f for f in FUNCTIONS if f != "docs"])
def test_every_route_of_a_function_is_served_by_its_handler_and_nothing_else(function):
    handler = importlib.import_module(f"{function}.handler")
    document = handler.app.get_openapi_schema()
    served = {
        (method.upper(), path)
        for path, item in document.paths.items()
        for method in ("get", "post", "put", "patch", "delete")
        if getattr(item, method) is not None
    }
    declared = {(r.method, r.path) for r in ROUTES if r.function == function}
    assert served == declared


def test_route_keys_are_unique():
    keys = [r.route_key for r in ROUTES]
    assert len(keys) == len(set(keys))


def test_only_documentation_is_public_so_far():
    assert {r.path for r in ROUTES if not r.auth} == {"/api/v1/openapi.json"}
