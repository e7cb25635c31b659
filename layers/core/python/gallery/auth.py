"""Who is calling: the verified JWT claims that API Gateway's authorizer hands over."""

from dataclasses import dataclass
from uuid import UUID

from gallery.errors import Unauthorized


@dataclass(frozen=True)
class Caller:
    user_id: UUID
    email: str | None = None


def caller_from_claims(claims: dict | None) -> Caller:
    """The caller named by the token's ``sub``; our user ids are UUIDs (Cognito's subs are)."""
    sub = (claims or {}).get("sub")
    try:
        user_id = UUID(str(sub))
    except ValueError:
        raise Unauthorized("the token does not name a valid user") from None
    email = (claims or {}).get("email")
    # An address the identity provider has not verified names nobody: it could be anyone's,
    # and addresses admit members and redeem invitations. (API Gateway passes claims as
    # strings; the local issuer's tokens carry no such claim.)
    if str((claims or {}).get("email_verified", "true")).lower() == "false":
        email = None
    return Caller(user_id=user_id, email=email if isinstance(email, str) else None)
