"""Storage: the images bucket (private, encrypted, versioned), its ObjectCreated events to the
ingest queue (with a dead-letter queue), and CloudFront in front with origin access control
and a key group for signed URLs."""

import hashlib

from aws_cdk import Duration, RemovalPolicy, Stack
from aws_cdk import aws_cloudfront as cloudfront
from aws_cdk import aws_cloudfront_origins as origins
from aws_cdk import aws_s3 as s3
from aws_cdk import aws_s3_notifications as notifications
from aws_cdk import aws_sqs as sqs
from constructs import Construct

from stacks.config import EnvironmentConfig
from stacks.delivery import access_log_bucket, custom_domain
from stacks.nag import acknowledge_default_certificate
from stacks.web import WebStack

# The ingest event source's max_batching_window (stacks/api.py)
INGEST_BATCHING_WINDOW_SECONDS = 1


class StorageStack(Stack):
    def __init__(
        self, scope: Construct, id: str, *, config: EnvironmentConfig, web: WebStack, **kwargs
    ):
        super().__init__(scope, id, **kwargs)
        removal = RemovalPolicy.RETAIN if config.retain_data else RemovalPolicy.DESTROY
        self.access_logs = access_log_bucket(self, config)
        self.bucket = s3.Bucket(
            self, "Images",
            bucket_name=config.images_bucket_name,
            block_public_access=s3.BlockPublicAccess.BLOCK_ALL,
            encryption=s3.BucketEncryption.S3_MANAGED,
            enforce_ssl=True,
            versioned=True,
            server_access_logs_bucket=self.access_logs,
            server_access_logs_prefix="s3/",
            cors=[s3.CorsRule(
                # the browser POSTs uploads straight to the bucket (presigned POST)
                allowed_methods=[s3.HttpMethods.POST, s3.HttpMethods.GET],
                allowed_origins=web.origins,
                allowed_headers=["*"],
                max_age=3600,
            )],
            lifecycle_rules=[
                s3.LifecycleRule(
                    id="old-versions",
                    noncurrent_version_expiration=Duration.days(config.noncurrent_version_days),
                    abort_incomplete_multipart_upload_after=Duration.days(1),
                ),
                # the copies made for share links are remade on demand; the maintenance
                # deletes them at 30 days (and gives the bytes back), this is the backstop
                s3.LifecycleRule(
                    id="clean-copies", tag_filters={"kind": "clean-copy"},
                    expiration=Duration.days(31),
                ),
                # ZIP exports are kept 24 h: the maintenance deletes them then (that very
                # version), this is the backstop (S3 expires a day after, at midnight UTC)
                s3.LifecycleRule(
                    id="exports", tag_filters={"kind": "export"},
                    expiration=Duration.days(1),
                    noncurrent_version_expiration=Duration.days(1),
                ),
            ],
            removal_policy=removal, auto_delete_objects=not config.retain_data,
        )  # fmt: skip
        self.dead_letters = sqs.Queue(
            self, "IngestDeadLetters",
            retention_period=Duration.days(14),
            encryption=sqs.QueueEncryption.SQS_MANAGED,
            enforce_ssl=True,
        )  # fmt: skip
        self.queue = sqs.Queue(
            self, "Ingest",
            # AWS: at least 6 x the function's timeout plus the batching window, or a batch
            # still being retried becomes visible again
            visibility_timeout=Duration.seconds(
                6 * config.function("ingest").timeout_seconds + INGEST_BATCHING_WINDOW_SECONDS
            ),
            encryption=sqs.QueueEncryption.SQS_MANAGED,
            enforce_ssl=True,
            dead_letter_queue=sqs.DeadLetterQueue(queue=self.dead_letters, max_receive_count=5),
        )  # fmt: skip
        self.bucket.add_event_notification(
            s3.EventType.OBJECT_CREATED, notifications.SqsDestination(self.queue),
            s3.NotificationKeyFilter(prefix="users/"),
        )  # fmt: skip

        # a new key is a new resource: CloudFormation cannot replace a public key in place
        key_digest = hashlib.sha256(config.cdn_public_key_pem.encode()).hexdigest()[:8]
        public_key = cloudfront.PublicKey(
            self, f"SigningKey{key_digest}", encoded_key=config.cdn_public_key_pem,
            comment="verifies the signed URLs of private images",
        )  # fmt: skip
        self.key_group = cloudfront.KeyGroup(self, "Signers", items=[public_key])
        self.public_key = public_key
        origin = origins.S3BucketOrigin.with_origin_access_control(self.bucket)
        # CloudFront checks the signature (Policy/Signature/Key-Pair-Id) itself and keeps it
        # out of the cache key: one cached copy per object, whoever's signature fetched it.
        originals_cache = cloudfront.CachePolicy(
            self, "Originals",
            default_ttl=Duration.hours(1), max_ttl=Duration.days(1), min_ttl=Duration.seconds(0),
            query_string_behavior=cloudfront.CacheQueryStringBehavior.none(),
        )  # fmt: skip
        thumbnails_cache = cloudfront.CachePolicy(
            self, "Thumbnails",
            # a thumbnail never changes under its key: cache it long at the edge
            default_ttl=Duration.days(30), max_ttl=Duration.days(365),
            min_ttl=Duration.days(1),
            query_string_behavior=cloudfront.CacheQueryStringBehavior.none(),
        )  # fmt: skip

        def behaviour(cache: cloudfront.ICachePolicy) -> cloudfront.BehaviorOptions:
            return cloudfront.BehaviorOptions(
                origin=origin,
                viewer_protocol_policy=cloudfront.ViewerProtocolPolicy.HTTPS_ONLY,
                trusted_key_groups=[self.key_group],
                cache_policy=cache,
                allowed_methods=cloudfront.AllowedMethods.ALLOW_GET_HEAD,
            )

        domain = custom_domain(self, config.cdn_domain, config.cdn_certificate_arn)
        self.distribution = cloudfront.Distribution(
            self, "Cdn",
            **domain,
            comment=f"{config.stack_prefix} images",
            default_behavior=behaviour(originals_cache),
            additional_behaviors={"users/*/thumbs/*": behaviour(thumbnails_cache)},
            minimum_protocol_version=cloudfront.SecurityPolicyProtocol.TLS_V1_2_2021,
            enable_logging=True, log_bucket=self.access_logs, log_file_prefix="cdn/",
            price_class=cloudfront.PriceClass.PRICE_CLASS_200,
        )  # fmt: skip
        if not config.cdn_domain:
            acknowledge_default_certificate(self.distribution)
        self.cdn_base_url = (
            f"https://{config.cdn_domain}"
            if config.cdn_domain
            else f"https://{self.distribution.distribution_domain_name}"
        )
