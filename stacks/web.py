"""Web: the dashboard's private bucket behind CloudFront (origin access control), single-page
app routing, and strict response headers. Created before the other stacks that name the
dashboard's origin (bucket CORS, Cognito callbacks, API CORS, share links); the built app is
deployed into it by the site stack, after the API it points at."""

from aws_cdk import Duration, RemovalPolicy, Stack
from aws_cdk import aws_cloudfront as cloudfront
from aws_cdk import aws_cloudfront_origins as origins
from aws_cdk import aws_s3 as s3
from constructs import Construct

from stacks.config import EnvironmentConfig
from stacks.delivery import access_log_bucket, custom_domain
from stacks.nag import acknowledge_default_certificate


class WebStack(Stack):
    def __init__(self, scope: Construct, id: str, *, config: EnvironmentConfig, **kwargs):
        super().__init__(scope, id, **kwargs)
        # its own: the storage stack's log bucket comes after this stack
        self.access_logs = access_log_bucket(self, config)
        self.bucket = s3.Bucket(
            self, "Site",
            bucket_name=config.site_bucket_name,
            block_public_access=s3.BlockPublicAccess.BLOCK_ALL,
            encryption=s3.BucketEncryption.S3_MANAGED,
            enforce_ssl=True,
            server_access_logs_bucket=self.access_logs,
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
        domain = custom_domain(self, config.web_domain, config.web_certificate_arn)
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
                compress=True,  # gzip/brotli at the edge (CDK's default, stated)
            ),
            # share links: the app with the link's card tags for chat apps, from the API
            additional_behaviors=share_pages(config, headers),
            # the app routes on the client: unknown paths get the app
            error_responses=[
                cloudfront.ErrorResponse(http_status=code, response_http_status=200,
                                         response_page_path="/index.html")
                for code in (403, 404)
            ],
            minimum_protocol_version=cloudfront.SecurityPolicyProtocol.TLS_V1_2_2021,
            enable_logging=True, log_bucket=self.access_logs, log_file_prefix="web-cdn/",
            price_class=cloudfront.PriceClass.PRICE_CLASS_200,
        )  # fmt: skip
        if not config.web_domain:
            acknowledge_default_certificate(self.distribution)
        # where the dashboard is served: what Cognito, CORS and share links name
        self.origin = (
            f"https://{config.web_domain}"
            if config.web_domain
            else f"https://{self.distribution.distribution_domain_name}"
        )
        self.origins = [self.origin, *(o for o in config.allowed_origins if o != self.origin)]


def share_pages(
    config: EnvironmentConfig, headers: cloudfront.IResponseHeadersPolicy
) -> dict[str, cloudfront.BehaviorOptions]:
    """/s/* from the API (the shares function renders the dashboard's index.html with the
    link's Open Graph tags), never cached: a link revoked or used up must stop showing its
    card at once. Only where the API has its own domain: the distribution is made before
    the API (which names the dashboard's origin), so it can name the API only by a domain
    known when synthesizing; elsewhere /s/* stays the plain app (no card, still working)."""
    if not config.api_domain:
        return {}
    return {
        "/s/*": cloudfront.BehaviorOptions(
            origin=origins.HttpOrigin(config.api_domain),
            viewer_protocol_policy=cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
            allowed_methods=cloudfront.AllowedMethods.ALLOW_GET_HEAD,
            cache_policy=cloudfront.CachePolicy.CACHING_DISABLED,
            # the fetcher's User-Agent and Accept-Language decide the answer; API Gateway
            # needs its own Host
            origin_request_policy=cloudfront.OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
            response_headers_policy=headers,
            compress=True,
        )
    }
