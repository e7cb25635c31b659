"""The local token issuer: ``POST /api/v1/dev/token`` hands out HS256 access tokens.

Only the local stack has it. The user id is derived from the e-mail, so signing in again
with the same address finds the same images.
"""

import json
import re
import time
import uuid

import jwt

from gallery.auth import Caller
from gallery.config import get_settings
from gallery.services.users import register

_EMAIL = re.compile(r"^[^@\s]{1,64}@[^@\s]{1,255}$")
_USERS = uuid.UUID("6f1c1b8e-3c1a-4a43-9d7e-0c6a8f3c2b10")
TOKEN_TTL_SECONDS = 12 * 3600


def _error(status: int, code: str, message: str) -> tuple[int, dict, bytes]:
    body = {"error": {"code": code, "message": message}}
    return status, {"content-type": "application/json"}, json.dumps(body).encode()


def user_id_for(email: str) -> uuid.UUID:
    return uuid.uuid5(_USERS, email.strip().lower())


def issue(email: str, plan: str) -> tuple[str, uuid.UUID]:
    settings = get_settings()
    user_id = user_id_for(email)
    register(Caller(user_id=user_id, email=email), plan)
    now = int(time.time())
    claims = {
        "sub": str(user_id), "email": email, "iss": settings.local_jwt_issuer,
        "iat": now, "exp": now + TOKEN_TTL_SECONDS, "token_use": "access",
    }  # fmt: skip
    return jwt.encode(claims, settings.local_jwt_secret, algorithm="HS256"), user_id


def issue_response(body: bytes) -> tuple[int, dict, bytes]:
    try:
        request = json.loads(body or b"{}")
    except ValueError:
        return _error(400, "malformed_json", "the request body is not valid JSON")
    if not isinstance(request, dict):
        return _error(422, "validation_error", "send an object with email and plan")
    email = request.get("email")
    plan = request.get("plan", get_settings().default_plan)
    if not isinstance(email, str) or not _EMAIL.match(email.strip()):
        return _error(422, "validation_error", "email must be an e-mail address")
    if plan not in get_settings().plans:
        known = ", ".join(get_settings().plans)
        return _error(422, "validation_error", f"plan must be one of: {known}")
    token, user_id = issue(email.strip(), plan)
    answer = {"access_token": token, "token_type": "Bearer", "user_id": str(user_id),
              "expires_in": TOKEN_TTL_SECONDS}  # fmt: skip
    return 200, {"content-type": "application/json"}, json.dumps(answer).encode()


def verify_header(authorization: str | None) -> dict | None:
    """The claims of a valid ``Bearer`` token from the local issuer, else None."""
    if not authorization or not authorization.lower().startswith("bearer "):
        return None
    settings = get_settings()
    try:
        claims = jwt.decode(
            authorization[7:].strip(), settings.local_jwt_secret, algorithms=["HS256"],
            issuer=settings.local_jwt_issuer, options={"require": ["sub", "exp", "iss"]},
        )  # fmt: skip
    except jwt.PyJWTError:
        return None
    # API Gateway hands claims over as strings.
    return {k: v if isinstance(v, str) else json.dumps(v) for k, v in claims.items()}
