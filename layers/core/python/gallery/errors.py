"""One error model: every failure the API reports is a GalleryError mapped to HTTP once."""

from typing import Any


class GalleryError(Exception):
    status = 500
    code = "internal_error"

    def __init__(
        self,
        message: str,
        *,
        code: str | None = None,
        details: Any = None,
        headers: dict | None = None,
    ):
        super().__init__(message)
        self.message = message
        if code:
            self.code = code
        self.details = details
        self.headers = headers or {}

    def body(self) -> dict:
        error: dict[str, Any] = {"code": self.code, "message": self.message}
        if self.details is not None:
            error["details"] = self.details
        return {"error": error}


class BadRequest(GalleryError):
    status, code = 400, "bad_request"


class Unauthorized(GalleryError):
    status, code = 401, "unauthorized"


class Forbidden(GalleryError):
    status, code = 403, "forbidden"


class PasswordRequired(GalleryError):
    """A password-protected share link, opened without its access grant."""

    status, code = 401, "password_required"


class NotFound(GalleryError):
    status, code = 404, "not_found"


class Conflict(GalleryError):
    status, code = 409, "conflict"


class QuotaExceeded(GalleryError):
    status, code = 413, "quota_exceeded"


class FileTooLarge(GalleryError):
    status, code = 413, "file_too_large"


class TooManyRequests(GalleryError):
    """Sent with Retry-After (seconds)."""

    status, code = 429, "too_many_requests"

    def __init__(self, message: str, *, retry_after: int):
        super().__init__(message, headers={"Retry-After": str(retry_after)})


class ValidationFailed(GalleryError):
    status, code = 422, "validation_error"


class MalformedJson(GalleryError):
    status, code = 400, "malformed_json"


class UnsupportedMediaType(GalleryError):
    status, code = 415, "unsupported_media_type"


class SearchUnavailable(GalleryError):
    """The search index cannot be reached; writes still succeed (the outbox keeps them)."""

    status, code = 503, "search_unavailable"
