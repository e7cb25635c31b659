"""The dashboard's API types are generated from web/openapi.json: the checked-in document is
the one the API serves, so a backend change that the client has not seen fails here."""

import difflib
from itertools import islice

from devstack.openapi import WEB_DOCUMENT, document_text

REGENERATE = "make api-types"


def test_the_checked_in_openapi_document_is_the_one_the_api_serves():
    served = document_text()
    checked_in = WEB_DOCUMENT.read_text(encoding="utf-8") if WEB_DOCUMENT.exists() else ""
    # A short diff of our own: pytest's diff of two 200 KB strings is slow and unreadable.
    diff = difflib.unified_diff(
        checked_in.splitlines(), served.splitlines(), "web/openapi.json", "served", lineterm=""
    )
    changes = "\n".join(islice(diff, 40))
    assert checked_in == served, (
        f"web/openapi.json is stale: run `{REGENERATE}` and commit it with "
        f"web/src/api/schema.d.ts (then fix what `make web-test` reports)\n{changes}"
    )
