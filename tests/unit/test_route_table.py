"""The route table (which feeds the CDK API stack and the local gateway) and the handlers
agree route for route."""

import importlib
import re

import pytest

from gallery.routes import FUNCTIONS, ROUTES


@pytest.mark.parametrize("function", [f for f in FUNCTIONS if f != "docs"])
def test_every_route_of_a_function_is_served_by_its_handler_and_nothing_else(function):
    app = importlib.import_module(f"{function}.handler").app
    served = {
        (route.method, re.sub(r"<(\w+)>", r"{\1}", route.path))
        for route in (*app._static_routes, *app._dynamic_routes)  # HEAD and hidden ones too
    }
    declared = {(r.method, r.path) for r in ROUTES if r.function == function}
    assert served == declared


def test_route_keys_are_unique():
    keys = [r.route_key for r in ROUTES]
    assert len(keys) == len(set(keys))


def test_only_documentation_share_links_and_public_images_are_open_to_visitors():
    public = {r.route_key for r in ROUTES if not r.auth}
    assert public == {
        "GET /api/v1/openapi.json",
        "GET /api/v1/shares/{share_token}",
        "HEAD /api/v1/shares/{share_token}",
        "POST /api/v1/shares/{share_token}/access",
        "GET /api/v1/shares/{share_token}/images/{image_id}/view",
        "GET /api/v1/shares/{share_token}/images/{image_id}/generation",
        "GET /api/v1/public/images/{image_id}/generation",
        "GET /api/v1/shares/{share_token}/images/{image_id}/download",
        # a folder link's ZIP (download links, with the grant)
        "POST /api/v1/shares/{share_token}/exports",
        "GET /api/v1/shares/{share_token}/exports/{export_id}",
        "GET /api/v1/public/images/{image_id}",
        "GET /api/v1/public/images/{image_id}/view",
        # the share page for chat apps, and its card's picture
        "GET /s/{share_token}",
        "HEAD /s/{share_token}",
        "GET /s/{share_token}/image",
    }
