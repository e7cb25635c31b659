"""What the two CloudFront stacks (the dashboard's and the images') build alike."""

from aws_cdk import Duration, RemovalPolicy
from aws_cdk import aws_certificatemanager as acm
from aws_cdk import aws_s3 as s3
from constructs import Construct

from stacks.config import EnvironmentConfig


def access_log_bucket(scope: Construct, config: EnvironmentConfig) -> s3.Bucket:
    """The stack's private bucket for S3 and CloudFront access logs, kept 90 days."""
    return s3.Bucket(
        scope, "AccessLogs",
        block_public_access=s3.BlockPublicAccess.BLOCK_ALL,
        encryption=s3.BucketEncryption.S3_MANAGED,
        enforce_ssl=True,
        object_ownership=s3.ObjectOwnership.OBJECT_WRITER,  # CloudFront's logs need ACLs
        lifecycle_rules=[s3.LifecycleRule(expiration=Duration.days(90))],
        removal_policy=RemovalPolicy.RETAIN if config.retain_data else RemovalPolicy.DESTROY,
        auto_delete_objects=not config.retain_data,
    )  # fmt: skip


def custom_domain(scope: Construct, domain: str | None, certificate_arn: str | None) -> dict:
    """A distribution's ``domain_names`` and ``certificate`` (ACM, us-east-1), or nothing:
    the distribution then answers on its *.cloudfront.net name only."""
    if not domain:
        return {}
    return {
        "domain_names": [domain],
        "certificate": acm.Certificate.from_certificate_arn(scope, "Certificate", certificate_arn),
    }
