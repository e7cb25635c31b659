"""The OpenAPI document the docs function serves, written to a file without a running stack:
the dashboard's API types are generated from it (`make api-types`)."""

import json
import sys
from pathlib import Path

from devstack.gateway import FUNCTIONS_DIR

# Checked in; web/src/api/schema.d.ts is generated from it (npm run api-types).
WEB_DOCUMENT = Path(__file__).resolve().parents[2] / "web" / "openapi.json"


def served_document() -> dict:
    """The document exactly as GET /api/v1/openapi.json answers it (the docs function's)."""
    if str(FUNCTIONS_DIR) not in sys.path:
        sys.path.insert(0, str(FUNCTIONS_DIR))
    from docs.handler import openapi_document

    return openapi_document()


def document_text() -> str:
    """The document as the checked-in file holds it: stable, readable diffs."""
    return json.dumps(served_document(), indent=2, ensure_ascii=False) + "\n"
