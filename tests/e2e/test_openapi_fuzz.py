"""schemathesis generates requests from the served OpenAPI document (valid and invalid
ones, in every phase): none may end in a 5xx. Runs its CLI against the live gateway."""

import subprocess
import sys
from pathlib import Path


def test_no_generated_request_ends_in_a_server_error(stack, client):
    token = client.post(
        "/api/v1/dev/token", json={"email": "fuzz@example.com", "plan": "free"}
    ).json()["access_token"]
    cli = Path(sys.executable).with_name("schemathesis")
    result = subprocess.run(
        [
            str(cli), "run", f"{stack.url}/api/v1/openapi.json",
            "--checks", "not_a_server_error",
            "--header", f"Authorization: Bearer {token}",
            "--max-examples", "30",
            "--seed", "20261126",
            "--request-timeout", "20",
        ],
        capture_output=True, text=True, timeout=900,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-2000:]
    assert "No issues found" in result.stdout or "passed" in result.stdout, result.stdout[-3000:]
