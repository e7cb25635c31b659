"""IAM as synthesized: each function's role policy read from the CDK template (`make synth`
gives the same), bound in moto's IAM to keys of that function's own, with moto's IAM
enforcement switched on. A grant missing from the stacks fails locally as it would in AWS;
one wider than the code needs shows in the template tests.

moto evaluates actions and resources (wildcards included) but, per its documentation, only
"very basic" conditions; the functions' policies carry none today.
"""

import json
from pathlib import Path

import httpx

from devstack import identities
from devstack.s3_gate import Identity

ROOT = Path(__file__).resolve().parents[2]
# What the template's account and partition resolve to locally (moto's default account).
ACCOUNT = "123456789012"
# The identity standing for CloudFront's origin access (the URLs CloudFront signs in AWS).
CDN = "cdn"


def synthesized_api_template(env: str = "dev") -> dict:
    """The API stack's template for ``env``, synthesized offline (as `make synth` does)."""
    import os

    os.environ.setdefault("JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION", "20")
    import aws_cdk as cdk
    from aws_cdk.assertions import Template

    from stacks.app import build

    context = json.loads((ROOT / "cdk.json").read_text())["context"]
    app = cdk.App(context={**context, "env": env})
    stacks = build(app, env)
    return Template.from_stack(stacks["api"]).to_json()


def _resolve(value, region: str, replacements: dict[str, str]):
    """A template value with its intrinsics resolved for the local stack (references to other
    resources become placeholder ARNs: no S3 grant names one)."""
    if isinstance(value, list):
        return [_resolve(v, region, replacements) for v in value]
    if not isinstance(value, dict):
        if isinstance(value, str):
            for old, new in replacements.items():
                value = value.replace(old, new)
        return value
    if "Fn::Join" in value:
        separator, parts = value["Fn::Join"]
        return _resolve(separator.join(str(_resolve(p, region, {})) for p in parts),
                        region, replacements)  # fmt: skip
    if "Ref" in value:
        pseudo = {"AWS::Partition": "aws", "AWS::AccountId": ACCOUNT, "AWS::Region": region,
                  "AWS::URLSuffix": "amazonaws.com"}  # fmt: skip
        return pseudo.get(value["Ref"], f"arn:aws:local:::{value['Ref']}")
    if "Fn::GetAtt" in value:
        return f"arn:aws:local:::{'.'.join(value['Fn::GetAtt'])}"
    if "Fn::ImportValue" in value:
        return f"arn:aws:local:::{value['Fn::ImportValue']}"
    return {k: _resolve(v, region, replacements) for k, v in value.items()}


def function_policies(
    template: dict,
    region: str,
    synthesized_bucket: str,
    bucket: str,
    renamed: dict[str, str] | None = None,
) -> dict[str, list[dict]]:
    """{function name: its role's policy documents}, with the images bucket the template
    names (``synthesized_bucket``, its account resolved) renamed to the local ``bucket``, and
    any other bucket named in ``renamed`` ({synthesized: local}) too."""
    replacements = {synthesized_bucket: bucket, **(renamed or {})}
    resources = template["Resources"]
    by_role: dict[str, list[dict]] = {}
    for resource in resources.values():
        if resource["Type"] == "AWS::IAM::Policy":
            for role in resource["Properties"]["Roles"]:
                by_role.setdefault(role["Ref"], []).append(resource["Properties"]["PolicyDocument"])
    policies = {}
    for resource in resources.values():
        if resource["Type"] != "AWS::Lambda::Function":
            continue
        variables = resource["Properties"].get("Environment", {}).get("Variables", {})
        service = variables.get("POWERTOOLS_SERVICE_NAME", "")
        if not service.startswith("gallery-"):
            continue  # CDK's own handlers
        role = resource["Properties"]["Role"]["Fn::GetAtt"][0]
        policies[service.removeprefix("gallery-")] = [
            _resolve(doc, region, replacements) for doc in by_role.get(role, [])
        ]
    return policies


def cdn_policy(bucket: str) -> dict:
    """What the storage stack's bucket policy grants CloudFront's origin access control: it
    reads every object (signed URLs, checked by CloudFront, decide who gets which)."""
    return {
        "Version": "2012-10-17",
        "Statement": [
            {"Effect": "Allow", "Action": "s3:GetObject", "Resource": f"arn:aws:s3:::{bucket}/*"}
        ],
    }


def enforce(moto_endpoint: str, region: str, bucket: str,
            policies: dict[str, list[dict]]) -> dict:  # fmt: skip
    """Creates an administrator and one user per function bound to its policies, registers
    their keys, then turns moto's IAM enforcement on; returns {name: Identity}."""
    import boto3

    iam = boto3.client(
        "iam",
        endpoint_url=moto_endpoint,
        region_name=region,
        aws_access_key_id="setup",
        aws_secret_access_key="setup",  # noqa: S106 - moto before enforcement
    )
    admin_policy = {
        "Version": "2012-10-17",
        "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}],
    }
    made = {}
    for name, documents in {identities.ADMIN: [admin_policy], CDN: [cdn_policy(bucket)],
                            **policies}.items():  # fmt: skip
        user = f"gallery-{name}"
        iam.create_user(UserName=user)
        for n, document in enumerate(documents):
            arn = iam.create_policy(PolicyName=f"{user}-{n}", PolicyDocument=json.dumps(document))[
                "Policy"
            ]["Arn"]
            iam.attach_user_policy(UserName=user, PolicyArn=arn)
        key = iam.create_access_key(UserName=user)["AccessKey"]
        made[name] = Identity(
            name, key["AccessKeyId"], key["SecretAccessKey"],
            [] if name == identities.ADMIN else documents,
        )  # fmt: skip
        identities.register(made[name])
    identities.install()
    httpx.post(f"{moto_endpoint}/moto-api/reset-auth", content=b"0").raise_for_status()
    return made


def relax(moto_endpoint: str) -> None:
    """Turns enforcement off again (the server is in this process; moto's switch is global)."""
    httpx.post(f"{moto_endpoint}/moto-api/reset-auth", content=b"inf").raise_for_status()


def local_admin(key_id: str = "local", secret: str | None = None) -> Identity:
    """The one identity of a stack without IAM enforcement (make dev)."""
    return Identity(identities.ADMIN, key_id, secret or "local")


def synthesized_policies(bucket: str, region: str, env: str = "dev") -> dict[str, list[dict]]:
    """Each function's policies as CDK synthesizes them for ``env``, for the local bucket."""
    from stacks import config as configuration

    config = configuration.load(json.loads((ROOT / "cdk.json").read_text())["context"], env)
    from devstack.stack import SITE_BUCKET

    account = config.account or ACCOUNT
    synthesized_bucket = f"{config.stack_prefix}-images-{account}"
    site = {f"{config.stack_prefix}-site-{account}": SITE_BUCKET}
    return function_policies(
        synthesized_api_template(env), region, synthesized_bucket, bucket, renamed=site
    )
