"""Web: the dashboard's static files in a private bucket behind CloudFront (origin access
control), single-page-app routing, and strict response headers."""

from aws_cdk import Aws, Duration, RemovalPolicy, Stack
from aws_cdk import aws_certificatemanager as acm
from aws_cdk import aws_cloudfront as cloudfront
from aws_cdk import aws_cloudfront_origins as origins
from aws_cdk import aws_s3 as s3
from aws_cdk import aws_s3_deployment as deployment
from constructs import Construct

from stacks.api import ApiStack
from stacks.config import EnvironmentConfig
from stacks.layers import ROOT
from stacks.nag import acknowledge_default_certificate, acknowledge_wildcards
from stacks.storage import StorageStack

DIST = ROOT / "web" / "dist"


class WebStack(Stack):
    def __init__(
        self, scope: Construct, id: str, *, config: EnvironmentConfig, storage: StorageStack,
        api: ApiStack, **kwargs,
    ):  # fmt: skip
        super().__init__(scope, id, **kwargs)
        self.bucket = s3.Bucket(
            self, "Site",
            block_public_access=s3.BlockPublicAccess.BLOCK_ALL,
            encryption=s3.BucketEncryption.S3_MANAGED,
            enforce_ssl=True,
            server_access_logs_bucket=storage.access_logs,
            server_access_logs_prefix="web-s3/",
            removal_policy=RemovalPolicy.DESTROY, auto_delete_objects=True,  # rebuilt each deploy
        )  # fmt: skip
        headers = cloudfront.ResponseHeadersPolicy(
            self, "Headers",
            security_headers_behavior=cloudfront.ResponseSecurityHeadersBehavior(
                strict_transport_security=cloudfront.ResponseHeadersStrictTransportSecurity(
                    access_control_max_age=Duration.days(365), include_subdomains=True,
                    override=True,
                ),
                content_type_options=cloudfront.ResponseHeadersContentTypeOptions(override=True),
                frame_options=cloudfront.ResponseHeadersFrameOptions(
                    frame_option=cloudfront.HeadersFrameOption.DENY, override=True
                ),
                # share links carry their token in the path: never in a Referer
                referrer_policy=cloudfront.ResponseHeadersReferrerPolicy(
                    referrer_policy=cloudfront.HeadersReferrerPolicy.NO_REFERRER, override=True
                ),
            ),
        )  # fmt: skip
        domain = {}
        if config.web_domain:
            domain = {
                "domain_names": [config.web_domain],
                "certificate": acm.Certificate.from_certificate_arn(
                    self, "Certificate", config.web_certificate_arn
                ),
            }
        self.distribution = cloudfront.Distribution(
            self, "Cdn",
            **domain,
            comment=f"{config.stack_prefix} dashboard",
            default_root_object="index.html",
            default_behavior=cloudfront.BehaviorOptions(
                origin=origins.S3BucketOrigin.with_origin_access_control(self.bucket),
                viewer_protocol_policy=cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
                response_headers_policy=headers,
                cache_policy=cloudfront.CachePolicy.CACHING_OPTIMIZED,
            ),
            # the app routes on the client: unknown paths get the app
            error_responses=[
                cloudfront.ErrorResponse(http_status=code, response_http_status=200,
                                         response_page_path="/index.html")
                for code in (403, 404)
            ],
            minimum_protocol_version=cloudfront.SecurityPolicyProtocol.TLS_V1_2_2021,
            enable_logging=True, log_bucket=storage.access_logs, log_file_prefix="web-cdn/",
            price_class=cloudfront.PriceClass.PRICE_CLASS_200,
        )  # fmt: skip
        if not config.web_domain:
            acknowledge_default_certificate(self.distribution)

        if (DIST / "index.html").exists():  # `make web` builds it (make synth does)
            self._deploy_site(config, api)

    def _deploy_site(self, config: EnvironmentConfig, api: ApiStack) -> None:
        """The built dashboard and its config.json (how to sign in, where the API is)."""
        api_base = (
            f"https://{config.api_domain}" if config.api_domain else api.http_api.api_endpoint
        )
        app_config = {
            "mode": "cognito", "apiBase": api_base,
            "authority": api.issuer, "clientId": api.web_client.user_pool_client_id,
        }  # fmt: skip
        self.site = deployment.BucketDeployment(
            self, "Deploy",
            sources=[deployment.Source.asset(str(DIST)),
                     deployment.Source.json_data("config.json", app_config)],
            destination_bucket=self.bucket,
            distribution=self.distribution,  # invalidated on every deploy
            distribution_paths=["/index.html", "/config.json"],
            memory_limit=512,
        )  # fmt: skip
        # CDK's own copier: it reads the assets bucket and replaces the site's objects
        acknowledge_wildcards(
            self,
            ["s3:GetObject*", "s3:GetBucket*", "s3:List*", "s3:DeleteObject*", "s3:Abort*"],
            [f"{self.bucket.bucket_arn}/*",
             f"arn:{Aws.PARTITION}:s3:::cdk-hnb659fds-assets-{Aws.ACCOUNT_ID}-{config.region}/*"],
            "CDK's BucketDeployment copies the built dashboard from the CDK assets bucket into "
            "the site bucket: object wildcards on those two buckets only",
        )  # fmt: skip
