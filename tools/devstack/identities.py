"""Each function's own AWS identity inside the one process of the local stack.

In AWS every function signs its calls (and the URLs it presigns) with its role's
credentials. Locally the handlers share a process, so the credentials of boto3's default
session are resolved per call from the function being invoked (a context variable the
gateway sets around each invocation): one cached client signs every request with the keys
of whichever function is running, the administrator's outside any function (the stack's
own set-up, the tests' assertions). Each function's keys are bound in moto's IAM to exactly
the policy CDK synthesizes for its role (devstack.iam).
"""

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from botocore.credentials import CredentialProvider, Credentials, ReadOnlyCredentials

from devstack.s3_gate import Identity

_running: ContextVar[str | None] = ContextVar("running_function", default=None)
_identities: dict[str, Identity] = {}
ADMIN = "admin"


def register(identity: Identity) -> None:
    _identities[identity.name] = identity


def current() -> Identity:
    name = _running.get()
    if name in _identities:
        return _identities[name]
    return _identities[ADMIN]


@contextmanager
def acting_as(function: str) -> Iterator[None]:
    """Calls AWS as ``function``'s role (when the stack gave it an identity)."""
    token = _running.set(function)
    try:
        yield
    finally:
        _running.reset(token)


class _RunningFunctionCredentials(Credentials):
    """Credentials that are, at signing time, those of the running function."""

    def __init__(self):  # no fixed keys: see get_frozen_credentials
        self.method = "devstack-function-role"

    access_key = property(lambda self: current().access_key_id)
    secret_key = property(lambda self: current().secret_access_key)
    token = property(lambda self: None)

    def get_frozen_credentials(self) -> ReadOnlyCredentials:
        identity = current()
        return ReadOnlyCredentials(identity.access_key_id, identity.secret_access_key, None)


class _Provider(CredentialProvider):
    METHOD = "devstack-function-role"
    CANONICAL_NAME = "DevstackFunctionRole"

    def load(self):
        return _RunningFunctionCredentials()


def install() -> None:
    """Makes boto3's default session resolve credentials per running function."""
    import boto3

    if boto3.DEFAULT_SESSION is None:
        boto3.setup_default_session()
    resolver = boto3.DEFAULT_SESSION._session.get_component("credential_provider")
    if not any(isinstance(p, _Provider) for p in resolver.providers):
        resolver.insert_before("env", _Provider())
    boto3.DEFAULT_SESSION._session._credentials = None  # resolved again, by the provider
