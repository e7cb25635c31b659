"""Every function as Lambda would run it: the synthesized deployment (its code asset as
/var/task, its layers in order over /opt, built for this machine's architecture) in a clean
CPython of the runtime's version with nothing of the host on the path, invoked with its
sample event against the local stack. A handler string, a layer list or a layer's contents
that would fail in AWS fails here (see tools/devstack/lambda_runtime.py).

What it cannot see: arm64 wheels (AWS runs arm64; these are the same pins for x86_64); the
runtime's real boto3 (a stand-in with our pin serves when the layers ship none, so an older
runtime SDK goes unnoticed); CPython 3.12.1 rather than the runtime's patch release; a
read-only /var/task and /opt (-B writes no bytecode, but CI runs as root); IAM and the VPC;
and the layers' code that no sample reaches (the workspaces sample signs no URL)."""

import json
import shutil
import subprocess
import sys
import uuid
from dataclasses import dataclass
from pathlib import Path

import pytest

from devstack import lambda_runtime
from devstack.stack import APP_PASSWORD, APP_USER, VISITOR_USER, WORKER_USER
from gallery.routes import EVENT_FUNCTIONS, FUNCTIONS

pytestmark = pytest.mark.fidelity

EVENTS = Path(__file__).resolve().parents[2] / "events"
# One sample per API function, the one that reaches furthest into the function's layers: the
# listing and the search sign CloudFront URLs ("signing"), the search queries OpenSearch
# ("search"), a visitor's view of a link without metadata makes the copy ("imaging").
SAMPLES = {
    "files": "get_files_images",
    "uploads": "post_uploads",
    "search": "get_search_images",
    "shares": "get_shares_token_images_id_view",
    "workspaces": "get_workspaces",
    "docs": "get_openapi_json",
}
CDN = "https://images.runtime-test.example"
# The deploy trigger reads each login's user name and password from its secret (it sets
# them on the database); locally the secrets are in moto, with the local stack's logins.
LOGIN_SECRETS = {
    "GALLERY_DATABASE_SECRET_ARN": APP_USER,
    "GALLERY_WORKER_DATABASE_SECRET_ARN": WORKER_USER,
    "GALLERY_VISITOR_DATABASE_SECRET_ARN": VISITOR_USER,
}


def sample_event(function: str) -> dict:
    if function in SAMPLES:
        return json.loads((EVENTS / function / f"{SAMPLES[function]}.json").read_text())
    (path,) = sorted((EVENTS / function).glob("*.json"))  # event functions have one
    return json.loads(path.read_text())


@dataclass(frozen=True)
class Owner:
    """A user with one ready image that the samples find, shared by a link without
    metadata, and a visitor's grant for that link."""

    user_id: uuid.UUID
    email: str
    image_id: uuid.UUID
    token: str
    grant: str

    def event_for(self, function: str) -> dict:
        """The function's sample event, sent by this owner (or for this owner's link)."""
        event = sample_event(function)
        claims = event.get("requestContext", {}).get("authorizer", {}).get("jwt", {})
        if "claims" in claims:
            claims["claims"] |= {"sub": str(self.user_id), "email": self.email}
        if function == "shares":
            values = {"share_token": self.token, "image_id": str(self.image_id)}
            for name, value in values.items():
                old = event["pathParameters"][name]
                event["rawPath"] = event["rawPath"].replace(old, value)
                event["pathParameters"][name] = value
            event["queryStringParameters"] = {"grant": self.grant}
            event["rawQueryString"] = f"grant={self.grant}"
        return event


@pytest.fixture(scope="session")
def owner(stack) -> Owner:
    from gallery.auth import Caller
    from gallery.models.shares import ShareCreate
    from gallery.services import indexer
    from gallery.services.shares import links, visits
    from gallery.services.users import register
    from tests.support import upload_image

    user_id = uuid.uuid4()
    email = f"{user_id}@example.com"
    register(Caller(user_id=user_id, email=email), "free")
    image_id = upload_image(
        stack, user_id, prompt="우주복을 입은 고양이", tags=["space", "고양이"],
        width=512, height=512,
    )  # fmt: skip
    indexer.drain()  # the search finds it
    link = links.create_share(Caller(user_id=user_id), ShareCreate(image_id=image_id))
    grant = visits.open_share(link.share_token, grant=None).access_grant
    return Owner(user_id, email, image_id, link.share_token, grant)


@pytest.fixture(scope="session")
def cdn_settings() -> dict[str, str]:
    """CloudFront URL signing as in AWS (the key inline instead of in Secrets Manager)."""
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import rsa

    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    ).decode()
    return {
        "GALLERY_CDN_BASE_URL": CDN,
        "GALLERY_CDN_KEY_PAIR_ID": "K2RUNTIMETEST",
        "GALLERY_CDN_PRIVATE_KEY_PEM": pem,
    }


@pytest.fixture(scope="session")
def synthesized(tmp_path_factory) -> dict[str, lambda_runtime.Deployment]:
    return lambda_runtime.synthesize(tmp_path_factory.mktemp("cdk-runtime") / "cdk.out")


@pytest.fixture(scope="session")
def runtime_packages() -> Path:
    return lambda_runtime.runtime_packages()


@pytest.fixture(scope="session")
def login_secrets(stack) -> dict[str, str]:
    """The deploy trigger's secrets in moto, and where its SDK finds them."""
    client = stack.objects.client("secretsmanager")
    arns = {}
    for variable, user in LOGIN_SECRETS.items():
        secret = json.dumps({"username": user, "password": APP_PASSWORD})
        arns[variable] = client.create_secret(Name=f"runtime-test/{user}", SecretString=secret)[
            "ARN"
        ]
    return {**arns, "AWS_ENDPOINT_URL_SECRETS_MANAGER": stack.objects.endpoint}


def test_the_runtime_interpreter_is_the_runtimes_python_with_ssl_and_ctypes():
    from stacks.layers import PYTHON_VERSION

    python = lambda_runtime.interpreter()
    probe = "import sys, ssl, ctypes, _ssl; ssl.create_default_context(); print(sys.version)"
    version = subprocess.check_output([python, "-I", "-S", "-c", probe], text=True)
    assert version.startswith(f"{PYTHON_VERSION}."), version
    assert not version.startswith(f"{sys.version_info.major}.{sys.version_info.minor}."), (
        "the runtime test must not run on the host's own Python"
    )


def test_every_function_of_the_route_table_is_synthesized(synthesized):
    assert set(synthesized) == {*FUNCTIONS, *EVENT_FUNCTIONS}


@pytest.mark.parametrize("function", [*FUNCTIONS, *EVENT_FUNCTIONS])
def test_the_deployed_function_imports_and_answers_its_sample_event(
    function, synthesized, runtime_packages, stack, owner, cdn_settings, login_secrets, tmp_path
):
    deployment = synthesized[function]
    layout = lambda_runtime.lay_out(deployment, tmp_path, runtime_packages)
    environment = stack.environment() | cdn_settings
    if function == "deploy":
        # the administrator's keys: its secrets' ARNs are cross-stack imports in the template,
        # which name no secret of moto's (its grants on them are not checked here)
        environment |= login_secrets | stack.aws_credentials("admin")
    else:  # its role's keys, bound to its synthesized policy
        environment |= stack.aws_credentials(function)
    # Lambda's python3.12 has its own boto3; the layers' copy wins when they ship one.
    sdk = layout.layers_root if (layout.layers_root / "boto3").is_dir() else runtime_packages
    try:
        invocation = lambda_runtime.invoke(
            deployment, layout, owner.event_for(function), environment
        )
    finally:
        shutil.rmtree(tmp_path / "opt", ignore_errors=True)  # ~50 MB per function
    logs = f"\n--- logs ---\n{invocation.logs}"
    assert invocation.error is None, invocation.error + logs
    assert invocation.answer["python"].startswith("3.12."), invocation.answer
    assert invocation.answer["outside"] == [], "modules from outside the deployment"
    for module, path in invocation.answer["sdk"].items():
        assert path is None or path.startswith(f"{sdk}/"), f"{module} from {path}, not {sdk}"
    result = invocation.result
    if function in FUNCTIONS:  # an HTTP answer of the handler's own
        assert 200 <= result["statusCode"] < 500, f"{result}{logs}"
        if result["statusCode"] >= 400:
            assert set(json.loads(result["body"])["error"]) >= {"code", "message"}, result
    else:
        assert isinstance(result, dict), result
    assert_reached_the_layers(function, result, owner)


def assert_reached_the_layers(function: str, result: dict, owner: Owner) -> None:
    """What each sample must have got to: past the import, into the code that needs the
    function's layers."""
    match function:
        case "files" | "search":
            assert result["statusCode"] == 200, result
            (found,) = json.loads(result["body"])["images" if function == "files" else "results"]
            assert found["image_id"] == str(owner.image_id), found
            # a CloudFront URL, signed with the "signing" layer's cryptography
            assert found["thumbnail_256_url"].startswith(f"{CDN}/users/{owner.user_id}/"), found
        case "shares":
            assert result["statusCode"] in (302, 303, 307), result
            copy = f"/users/{owner.user_id}/derived/{owner.image_id}/clean."  # made by Pillow
            assert copy in result["headers"]["Location"], result
        case "uploads":
            assert result["statusCode"] in (200, 201), result
        case "workspaces" | "docs":
            assert result["statusCode"] == 200, result
        case "ingest":  # the sample names an object that is not there
            assert result == {"batchItemFailures": []}, result
        case "indexer":
            assert result["failed"] == 0, result
        case "deploy":
            assert result["logins"] == ["app", "visitor", "worker"], result
        case "maintenance" | "recompress":
            pass  # counts of whatever there was to do
        case "exporter":  # the sample names an export that is not there: none to claim
            assert result == {"status": "taken"}, result
        case _:
            pytest.fail(f"nothing checks what the {function} sample reached")
