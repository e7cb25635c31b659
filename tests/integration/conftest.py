import uuid

import pytest

from gallery.auth import Caller


@pytest.fixture
def caller(stack) -> Caller:
    """A caller the database has never seen: the first transaction creates their row."""
    return Caller(user_id=uuid.uuid4(), email=f"svc-{uuid.uuid4().hex[:10]}@example.com")


@pytest.fixture
def stranger(stack) -> Caller:
    return Caller(user_id=uuid.uuid4(), email=f"svc-{uuid.uuid4().hex[:10]}@example.com")
