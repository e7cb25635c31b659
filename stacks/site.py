"""Site: the built dashboard and its config.json (how to sign in, where the API is), deployed
into the web stack's bucket. Its own stack because it names the API, which names the
dashboard's origin: web (distribution) -> api -> site, with no cycle. Only when the dashboard
is built (``make web``; make synth does)."""

from pathlib import Path

from aws_cdk import Aws, Stack
from aws_cdk import aws_s3 as s3
from aws_cdk import aws_s3_deployment as deployment
from constructs import Construct

from stacks.api import ApiStack
from stacks.config import EnvironmentConfig
from stacks.layers import ROOT
from stacks.nag import acknowledge_wildcards
from stacks.web import WebStack

DIST = ROOT / "web" / "dist"
# never published: a source map hands out the dashboard's source (the build makes none; a
# stale dist/ from an older build might still hold some)
SOURCE_MAPS = ["*.map"]


def dashboard_source(dist: Path = DIST) -> deployment.ISource:
    """The built dashboard as BucketDeployment uploads it: dist/ without source maps."""
    return deployment.Source.asset(str(dist), exclude=SOURCE_MAPS)


class SiteStack(Stack):
    def __init__(
        self, scope: Construct, id: str, *, config: EnvironmentConfig, web: WebStack,
        api: ApiStack, **kwargs,
    ):  # fmt: skip
        super().__init__(scope, id, **kwargs)
        api_base = (
            f"https://{config.api_domain}" if config.api_domain else api.http_api.api_endpoint
        )
        app_config = {
            "mode": "cognito", "apiBase": api_base,
            "authority": api.issuer, "clientId": api.web_client.user_pool_client_id,
        }  # fmt: skip
        # by name (config), so the copier's policy reads the same here and in cdk-nag
        bucket = s3.Bucket.from_bucket_name(self, "SiteBucket", config.site_bucket_name)
        self.site = deployment.BucketDeployment(
            self, "Deploy",
            sources=[dashboard_source(),
                     deployment.Source.json_data("config.json", app_config)],
            destination_bucket=bucket,
            distribution=web.distribution,  # invalidated on every deploy
            distribution_paths=["/index.html", "/config.json"],
            memory_limit=512,
        )  # fmt: skip
        # CDK's own copier: it reads the assets bucket and replaces the site's objects
        acknowledge_wildcards(
            self,
            ["s3:GetObject*", "s3:GetBucket*", "s3:List*", "s3:DeleteObject*", "s3:Abort*"],
            [f"{bucket.bucket_arn}/*",
             f"arn:{Aws.PARTITION}:s3:::cdk-hnb659fds-assets-{Aws.ACCOUNT_ID}-{config.region}/*"],
            "CDK's BucketDeployment copies the built dashboard from the CDK assets bucket into "
            "the site bucket: object wildcards on those two buckets only",
        )  # fmt: skip
