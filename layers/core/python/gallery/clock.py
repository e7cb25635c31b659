"""The current time, in one place: tests move it to prove expiries and windows."""

from datetime import UTC, datetime


def now() -> datetime:
    return datetime.now(UTC)
