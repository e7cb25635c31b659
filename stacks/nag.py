"""cdk-nag (AWS Solutions) findings we accept, each with its reason (CDK's own
``Validations.of(...).acknowledge``). Everything else cdk-nag reports fails the synth."""

from aws_cdk import Acknowledgment, Stack, Validations
from constructs import IConstruct

from stacks.config import EnvironmentConfig

LAMBDA_POLICIES = (
    "Lambda's own service policies: its log group, and the ENIs of a function in a VPC"
)
MANAGED = "IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/{}]"
EVERY_STACK = {
    MANAGED.format("AWSLambdaBasicExecutionRole"): LAMBDA_POLICIES,
    MANAGED.format("AWSLambdaVPCAccessExecutionRole"): LAMBDA_POLICIES,
    "IAM5[Resource::*]": "X-Ray's PutTraceSegments/PutTelemetryRecords and the account-wide "
    "APIs of CDK's own handlers (bucket notifications, custom resources) take no resource",
    "L1": "python3.12: the dependency layers are built for it (pip --python-version 3.12); move "
    "together with the layers after testing",
    "CFR1": "no geographic restriction: the gallery serves users worldwide",
    "CFR2": "no AWS WAF on the distributions yet: they serve the static dashboard and signed "
    "image URLs; the API, not behind CloudFront, is bounded by its stage throttling "
    "(api_throttle) and share passwords by their attempt limits (to revisit with abuse figures)",
    "COG2": "MFA is optional (TOTP) rather than required: required MFA would turn away the casual "
    "users of an image generation service",
    "SMG4": "the deploy trigger sets every login's password from its secret; rotating means a "
    "new secret version and a deploy (README). A rotation function is future work. The share "
    "link key is not rotated: a new one would only stop older links from being copied again",
    "EC23": "the security groups admit only the functions' security group (cdk-nag cannot "
    "resolve the referenced group)",
}
CLOUDFORMATION = {
    "F3002": "CDK puts Tags on AWS::RDS::DBProxyTargetGroup, which the validator's schema lacks",
}


def reasons(config: EnvironmentConfig) -> dict[str, str]:
    """The AWS Solutions rules acknowledged in every stack of this environment."""
    found = dict(EVERY_STACK)
    if not config.retain_data:
        found["RDS10"] = "no deletion protection outside prod: these databases are disposable"
    if config.search.instance_count < 2:
        found["OS7"] = "one search node in this environment: zone awareness needs two"
    found["OS3"] = "the domain lives in isolated subnets; access is by IAM (signed requests)"
    if not config.search.master_nodes:
        found["OS4"] = "no dedicated master nodes in this disposable environment (search.master_"
        "nodes = 0): a node loss can stall the cluster; prod runs three"
    return found


def acknowledge(stack: Stack, config: EnvironmentConfig) -> None:
    for rule, why in reasons(config).items():
        Validations.of(stack).acknowledge(
            Acknowledgment(id=f"AwsSolutions::AwsSolutions-{rule}", reason=why)
        )
    for rule, why in CLOUDFORMATION.items():
        Validations.of(stack).acknowledge(
            Acknowledgment(id=f"CloudFormation-Validate::{rule}", reason=why)
        )


def render(stack: Stack, value: str) -> str:
    """A string as cdk-nag prints it in a finding: intrinsics as <LogicalId.Attr>, <AWS::…>."""

    def text(part) -> str:
        if isinstance(part, str):
            return part
        if "Ref" in part:
            return f"<{part['Ref']}>"
        if "Fn::GetAtt" in part:
            return f"<{part['Fn::GetAtt'][0]}.{part['Fn::GetAtt'][1]}>"
        if "Fn::Join" in part:
            separator, parts = part["Fn::Join"]
            return separator.join(text(p) for p in parts)
        raise ValueError(f"cannot render {part}")

    return text(stack.resolve(value))


def acknowledge_wildcards(
    construct: IConstruct, actions: list[str], resources: list[str], reason: str
) -> None:
    """Acknowledges the IAM5 findings of one policy statement, one by one (cdk-nag 3 has no
    rule-wide acknowledgement), with the reason the wildcard is needed."""
    stack = Stack.of(construct)
    findings = [f"Action::{a}" for a in actions if "*" in a]
    findings += [f"Resource::{render(stack, r)}" for r in resources if "*" in render(stack, r)]
    for finding in findings:
        Validations.of(construct).acknowledge(Acknowledgment(
            id=f"AwsSolutions::AwsSolutions-IAM5[{finding}]", reason=reason
        ))  # fmt: skip


def acknowledge_public_route(route: IConstruct) -> None:
    Validations.of(route).acknowledge(Acknowledgment(
        id="AwsSolutions::AwsSolutions-APIG4",
        reason="a route for visitors without an account (share links, public images, the API "
        "document): the link's token and access grant authorise it in the function",
    ))  # fmt: skip


def acknowledge_default_certificate(distribution: IConstruct) -> None:
    Validations.of(distribution).acknowledge(Acknowledgment(
        id="AwsSolutions::AwsSolutions-CFR4",
        reason="no custom domain in this environment: CloudFront serves *.cloudfront.net with "
        "its default certificate, which accepts TLSv1; with a domain and its certificate "
        "TLS_V1_2_2021 applies (prod)",
    ))  # fmt: skip


def acknowledge_provider_framework(provider: IConstruct) -> None:
    """CDK's custom resource Provider: its functions invoke each other's versions (ARN:*),
    and its waiter state machine is one wait loop around them."""
    from aws_cdk import aws_lambda as lambda_

    stack = Stack.of(provider)
    functions = [c for c in stack.node.find_all() if isinstance(c, lambda_.Function)]
    acknowledge_wildcards(
        provider, [], [f"{f.function_arn}:*" for f in functions],
        "CDK's Provider framework invokes its handlers' versions (function ARN:*), nothing else",
    )  # fmt: skip
    Validations.of(provider).acknowledge(Acknowledgment(
        id="AwsSolutions::AwsSolutions-SF2",
        reason="the Provider's waiter polls one handler each minute: its logs (level ALL) show "
        "every step; X-Ray would add nothing",
    ))  # fmt: skip
