"""Per-environment settings, read from cdk.json's context (``-c env=dev|staging|prod``) and
validated once: nothing environment-specific is written in a stack."""

import json
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class SearchConfig(Strict):
    instance_type: str  # e.g. t3.small.search
    instance_count: int = Field(ge=1)
    volume_gb: int = Field(ge=10)
    # Primary shards of the images index, documents routed by owner (a user's search asks one
    # shard). The sizing rule (docs/scale.md): each primary 10-50 GB, so primaries = the
    # index's expected size / ~30 GB, and at least one per data node so every node takes a
    # share of the writes; fixed when the index is made (more needs `gallery reindex`).
    shards: int = Field(default=1, ge=1)
    # Dedicated master nodes (0, 3 or 5): production keeps its quorum when a node fails
    master_nodes: Literal[0, 3, 5] = 0
    master_instance_type: str | None = None
    # The Korean analysis plugin (analysis-nori), an AWS-owned package whose id differs by
    # region and engine version: unset, the deploy looks it up by name and engine version.
    nori_package_id: str | None = Field(default=None, pattern=r"^G[0-9]+$")

    @model_validator(mode="after")
    def _real_package_and_masters(self) -> "SearchConfig":
        if self.nori_package_id and not self.nori_package_id.strip("G0"):
            raise ValueError(
                f"search.nori_package_id {self.nori_package_id} is a placeholder: leave it out "
                "(the deploy looks analysis-nori up) or put the id describe-packages lists"
            )
        if self.master_nodes and not self.master_instance_type:
            raise ValueError("search.master_nodes needs search.master_instance_type")
        if self.shards < self.instance_count:
            raise ValueError(f"search.shards {self.shards} leaves some of the "
                             f"{self.instance_count} data nodes without writes: at least one "
                             "primary per node")  # fmt: skip
        return self


class ApiThrottleConfig(Strict):
    # the HTTP API stage's limits for every route (API Gateway's token bucket)
    rate_per_second: float = Field(default=100, gt=0)
    burst: int = Field(default=200, ge=1)


class DatabaseConfig(Strict):
    min_acu: float = Field(ge=0, le=256)  # 0: Aurora pauses when idle
    max_acu: float = Field(ge=1, le=256)
    readers: int = Field(default=0, ge=0, le=15)
    # RDS Proxy bills at least 8 ACUs around the clock (~$90/month): small environments let
    # their few functions connect to the cluster directly.
    proxy: bool = True
    backup_days: int = Field(default=7, ge=1, le=35)


class FunctionConfig(Strict):
    memory_mb: int = Field(default=512, ge=128, le=10240)
    timeout_seconds: int = Field(default=29, ge=1, le=900)
    # unset: the account's shared pool
    reserved_concurrency: int | None = Field(default=None, ge=0)
    # Lambda SnapStart (python3.12+): the init runs once, when a version is published, and new
    # environments resume from its snapshot instead of importing everything again
    # (bench/README.md, cold_start). SnapStart serves published versions only: the function
    # is then reached through the alias ``live`` by its routes, queue, schedule and callers.
    # Cost (pricing model as of 2026-12-04; see the Lambda pricing page for the region's
    # rates): for Python, a cache charge per GB of the function's memory for as long as each
    # published version with SnapStart stays active (billed per second, with a minimum
    # period), and a restore charge per GB each time an environment resumes from the snapshot.
    # Both add to the usual requests and duration. Off by default.
    snap_start: bool = False


# Peak memory of the functions that decode a whole image, per megapixel of the largest one
# allowed, plus the interpreter's own (bench/decode_memory.py; bench/README.md): ingest's
# one decode feeding thumbnails and previews, and the shares function's copy without
# metadata. Measured at 16 and 64 MP, RGBA the worst: ingest 325 and 853 MiB (149 + 11/MP),
# the copy 92 and 326 MiB; the figures below keep a margin.
DECODE_MIB = {"ingest": (160, 12.0), "shares": (64, 5.0)}  # function -> (base, MiB per MP)


class EnvironmentConfig(Strict):
    name: Literal["dev", "staging", "prod"]
    account: str | None = None  # unset: the CLI's credentials decide
    region: str
    prefix: str = Field(pattern=r"^[a-z][a-z0-9-]{1,20}$")
    # Origins the API and the bucket accept besides the dashboard's own (web_domain, or its
    # CloudFront domain when there is none), e.g. a local dev server.
    allowed_origins: list[str] = Field(default_factory=list)
    # Custom domains, with certificates issued in ACM beforehand (the web's in us-east-1, as
    # CloudFront requires; the API's in the environment's region).
    web_domain: str | None = None
    web_certificate_arn: str | None = None
    api_domain: str | None = None
    api_certificate_arn: str | None = None
    # The images CDN's domain (certificate in us-east-1): without one, CloudFront serves the
    # images on *.cloudfront.net with its default certificate, which accepts TLSv1.
    cdn_domain: str | None = None
    cdn_certificate_arn: str | None = None
    # Cognito's sign-up mails through SES (its default sender stops at 50 a day): the sender
    # address and, when the verified SES identity is its domain, that domain.
    ses_from_email: str | None = None
    ses_verified_domain: str | None = None
    api_throttle: ApiThrottleConfig = Field(default_factory=ApiThrottleConfig)
    # CloudFront signs private image URLs with this key pair: the public half here (PEM),
    # the private half in Secrets Manager under this name (created before the deploy).
    cdn_public_key_pem: str
    cdn_private_key_secret_name: str
    # plan -> quota bytes, or "unlimited" (not null: CDK drops null context values, and the
    # plan with them)
    plans: dict[str, int | Literal["unlimited"]]
    # Plans whose PNG originals are recompressed losslessly (opt-in).
    recompress_plans: list[str] = Field(default_factory=list)
    search: SearchConfig
    database: DatabaseConfig
    functions: dict[str, FunctionConfig] = Field(default_factory=dict)
    log_retention_days: Literal[7, 14, 30, 60, 90, 180, 365] = 30
    # Days the versioned images bucket keeps a replaced or deleted object's old version (a
    # purge or "delete everything" is final in S3 only after them).
    noncurrent_version_days: int = Field(default=30, ge=1, le=3650)
    alarm_email: str
    availability_zones: int = Field(default=2, ge=2, le=3)
    # Interface endpoints cost per zone: small environments keep them in one.
    endpoint_zones: int = Field(default=2, ge=1, le=3)
    retain_data: bool = True  # prod keeps bucket, database and domain when a stack goes
    # The most pixels an upload may have: bounded by the memory of the functions that
    # decode it whole (DECODE_MIB).
    max_image_pixels: int = Field(default=64_000_000, ge=1_000_000)

    @model_validator(mode="after")
    def _recompress_known_plans(self) -> "EnvironmentConfig":
        unknown = set(self.recompress_plans) - set(self.plans)
        if unknown:
            raise ValueError(f"recompress_plans names unknown plans: {sorted(unknown)}")
        return self

    @model_validator(mode="after")
    def _decoders_have_memory_for_the_largest_image(self) -> "EnvironmentConfig":
        megapixels = self.max_image_pixels / 1_000_000
        for name, (base, per_megapixel) in DECODE_MIB.items():
            needed = round(base + per_megapixel * megapixels)
            if self.function(name).memory_mb < needed:
                raise ValueError(
                    f"functions.{name}.memory_mb must be at least {needed} to decode images of "
                    f"max_image_pixels ({self.max_image_pixels:,}); or lower max_image_pixels"
                )
        return self

    @model_validator(mode="after")
    def _ingest_concurrency_fits_its_event_source(self) -> "EnvironmentConfig":
        reserved = self.function("ingest").reserved_concurrency
        if reserved is not None and reserved < 2:  # SQS sources' MaximumConcurrency: 2 to 1000
            raise ValueError("functions.ingest.reserved_concurrency must be at least 2")
        return self

    @model_validator(mode="after")
    def _snap_start_where_it_is_wired(self) -> "EnvironmentConfig":
        # the deploy trigger runs once per deploy, by the unpublished function
        if self.function("deploy").snap_start:
            raise ValueError("functions.deploy.snap_start: the deploy runs once per deploy")
        return self

    @model_validator(mode="after")
    def _certificates_for_domains(self) -> "EnvironmentConfig":
        for kind in ("web", "api", "cdn"):
            if getattr(self, f"{kind}_domain") and not getattr(self, f"{kind}_certificate_arn"):
                raise ValueError(f"{kind}_domain needs {kind}_certificate_arn")
        return self

    @model_validator(mode="after")
    def _production_mails_through_ses(self) -> "EnvironmentConfig":
        if self.name == "prod" and not self.ses_from_email:
            raise ValueError("prod needs ses_from_email: Cognito's own sender sends 50 a day")
        return self

    def plans_setting(self) -> str:
        """The plans as the functions read them (``GALLERY_PLANS``)."""
        return json.dumps({
            name: {"quota_bytes": None if quota == "unlimited" else quota,
                   "recompress_originals": name in self.recompress_plans}
            for name, quota in self.plans.items()
        })  # fmt: skip

    def function(self, name: str) -> FunctionConfig:
        return self.functions.get(name, FunctionConfig())

    @property
    def stack_prefix(self) -> str:
        return f"{self.prefix}-{self.name}"

    # Names, not references, for what other stacks' IAM policies name: a policy then reads
    # the same in the template and in cdk-nag's findings.
    @property
    def images_bucket_name(self) -> str:
        from aws_cdk import Aws

        return f"{self.stack_prefix}-images-{self.account or Aws.ACCOUNT_ID}"

    @property
    def site_bucket_name(self) -> str:
        from aws_cdk import Aws

        return f"{self.stack_prefix}-site-{self.account or Aws.ACCOUNT_ID}"

    @property
    def search_domain_name(self) -> str:
        return f"{self.stack_prefix}-search"


def load(context: dict, name: str) -> EnvironmentConfig:
    environments = context.get("environments", {})
    if name not in environments:
        raise ValueError(f"unknown environment {name!r}: choose one of {sorted(environments)}")
    return EnvironmentConfig(name=name, **environments[name])


def retention(config: EnvironmentConfig):
    """The environment's log retention as CloudWatch names it."""
    from aws_cdk import aws_logs as logs

    return {
        7: logs.RetentionDays.ONE_WEEK, 14: logs.RetentionDays.TWO_WEEKS,
        30: logs.RetentionDays.ONE_MONTH, 60: logs.RetentionDays.TWO_MONTHS,
        90: logs.RetentionDays.THREE_MONTHS, 180: logs.RetentionDays.SIX_MONTHS,
        365: logs.RetentionDays.ONE_YEAR,
    }[config.log_retention_days]  # fmt: skip
