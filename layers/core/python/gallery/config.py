"""One typed settings object, read from the environment (prefix ``GALLERY_``) once."""

from functools import lru_cache
from typing import Literal

from pydantic import BaseModel, Field
from pydantic_settings import BaseSettings, SettingsConfigDict

GIB = 1024**3


class Plan(BaseModel):
    """A subscription plan; ``quota_bytes`` None means unlimited. With
    ``recompress_originals`` its users' PNG originals are recompressed losslessly."""

    quota_bytes: int | None = Field(ge=0)
    recompress_originals: bool = False


DEFAULT_PLANS: dict[str, Plan] = {
    "free": Plan(quota_bytes=5 * GIB),
    "pro": Plan(quota_bytes=100 * GIB),
    "team": Plan(quota_bytes=1024 * GIB),
    "enterprise": Plan(quota_bytes=None),
}


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="GALLERY_", extra="ignore")

    environment: Literal["local", "dev", "staging", "prod"] = "local"
    # The application's login: a member of gallery_app, owner of nothing, under RLS.
    database_url: str = "postgresql://gallery_api@127.0.0.1:5432/gallery"
    # Background jobs' login: a member of gallery_worker (acts across users, table by table).
    worker_database_url: str | None = None
    # Visitors of share links and public images: a member of gallery_visitor, which sees only
    # what the request's link unlocks.
    visitor_database_url: str | None = None
    # The owner's login, used only to apply migrations.
    migrate_database_url: str | None = None
    # AWS: the logins live in Secrets Manager ({"username", "password"}); the functions reach
    # the database through RDS Proxy at database_host. A *_database_url, when set, wins.
    database_host: str | None = None
    database_name: str = "gallery"
    database_secret_arn: str | None = None
    worker_database_secret_arn: str | None = None
    visitor_database_secret_arn: str | None = None
    # the owner's secret as RDS generates it (it names the cluster's host itself)
    migrate_database_secret_arn: str | None = None
    db_pool_max_size: int = Field(default=4, ge=1, le=100)
    # Each login's default statement timeout: a role setting the deploy makes (RDS Proxy
    # takes no startup options).
    db_statement_timeout_ms: int = Field(default=5000, ge=100)

    aws_region: str = "ap-northeast-2"
    # Set locally to the moto server; unset in AWS.
    aws_endpoint_url: str | None = None
    bucket_name: str = "pingvas-gallery-images"
    signed_url_ttl_seconds: int = Field(default=3600, ge=60, le=7 * 24 * 3600)
    # URLs signed within one window are identical (and cacheable by browsers).
    signed_url_window_seconds: int = Field(default=900, ge=1, le=3600)
    # CloudFront in front of the bucket (AWS); unset locally, where S3 presigned URLs serve.
    cdn_base_url: str | None = None
    cdn_key_pair_id: str | None = None
    # The signing key: inline PEM (tests, benchmarks) or a Secrets Manager secret (AWS).
    cdn_private_key_pem: str | None = None
    cdn_private_key_secret_arn: str | None = None
    # A share link's token is an HMAC of its id under this key, so its owner can copy the link
    # again while the database keeps only the token's hash: inline (local, tests) or a
    # Secrets Manager secret (AWS).
    share_link_key: str | None = None
    share_link_key_secret_arn: str | None = None

    # Uploads: the largest original accepted, how long a presigned POST lives, how long after
    # that a reservation still holds quota, and the most pixels an image may have.
    upload_max_bytes: int = Field(default=50 * 1024**2, ge=1)
    upload_url_ttl_seconds: int = Field(default=300, ge=60, le=3600)
    reservation_grace_seconds: int = Field(default=900, ge=0)
    max_image_pixels: int = Field(default=64_000_000, ge=1)
    # Reservations a user may hold at once, and how fast they may make them (a token bucket:
    # a burst, refilled per minute); refused reservations' rows are kept this long (their
    # status answers why) before the maintenance deletes them.
    upload_open_reservations_max: int = Field(default=50, ge=1)
    upload_burst: int = Field(default=100, ge=1)
    upload_rate_per_minute: int = Field(default=60, ge=1)
    rejected_upload_retention_hours: int = Field(default=24, ge=1)

    trash_retention_days: int = Field(default=30, ge=1)

    # Lossless recompression of PNG originals (plans opt in): oxipng's effort level, the
    # least saving worth replacing a file for, the largest image taken (memory), and how
    # long one image may take.
    recompress_level: int = Field(default=2, ge=0, le=6)
    recompress_min_saving: float = Field(default=0.10, ge=0.0, lt=1.0)
    recompress_max_pixels: int = Field(default=4096 * 4096, ge=1)
    recompress_timeout_seconds: int = Field(default=60, ge=1)

    # Search: OpenSearch with nori (production), or PostgreSQL (small setups, no Java).
    search_backend: Literal["opensearch", "postgres"] = "opensearch"
    # OpenSearch: the endpoint (SigV4-signed in AWS), and the index's layout.
    search_url: str | None = None
    search_sigv4: bool = False
    search_shards: int = Field(default=1, ge=1)
    search_replicas: int = Field(default=0, ge=0)
    search_index_alias: str = Field(default="images", pattern=r"^[a-z][a-z0-9_-]{0,60}$")
    indexer_max_attempts: int = Field(default=8, ge=1)
    # AWS: the indexer function, invoked asynchronously after writes (unset locally).
    indexer_function_name: str | None = None
    # ZIP exports: the function that writes them (AWS; locally the stack's thread runs the
    # queued ones), how many one owner may have at work at once, and how long a job may take
    # before the maintenance calls it failed (the function's timeout is 15 minutes).
    exporter_function_name: str | None = None
    export_concurrency: int = Field(default=2, ge=1, le=20)
    export_stalled_seconds: int = Field(default=20 * 60, ge=60)

    # Share links: where recipients open them (the dashboard's /s/{token} page), how long a
    # link lives unless asked otherwise, how long an access grant lives.
    web_base_url: str = "http://127.0.0.1:8000"
    # The dashboard's bucket: share pages (/s/{token}) are its index.html with the link's
    # preview tags for chat apps.
    site_bucket_name: str = "pingvas-gallery-site"
    share_default_expiry_hours: int = Field(default=7 * 24, ge=1)
    share_grant_ttl_seconds: int = Field(default=3600, ge=60, le=24 * 3600)
    # Asset URLs handed to visitors: exact-object signatures, short-lived.
    share_asset_url_ttl_seconds: int = Field(default=300, ge=30, le=3600)
    # Wrong share passwords back off exponentially (gallery.services.shares.passwords): failures are
    # remembered for the window; free attempts per link and client address, more per address
    # across links (offices and carrier NATs share one), and a link-wide allowance beyond
    # which only the addresses that failed on the link back off (up to the window). The
    # first delay, doubled by every further failure, up to the maximum.
    share_password_window_seconds: int = Field(default=24 * 3600, ge=60)
    share_password_free_attempts: int = Field(default=5, ge=1)
    share_password_address_free_attempts: int = Field(default=50, ge=1)
    share_password_link_free_attempts: int = Field(default=100, ge=1)
    share_password_backoff_seconds: int = Field(default=1, ge=1)
    share_password_max_backoff_seconds: int = Field(default=900, ge=1)
    # Copies without metadata (made on first need, counted in the owner's usage) are
    # deleted by the maintenance after this many days; a later visit makes one again.
    share_clean_copy_days: int = Field(default=30, ge=1)

    # Workspace invitations one user may send per window (429 with Retry-After beyond).
    invitation_limit: int = Field(default=20, ge=1)
    invitation_window_seconds: int = Field(default=3600, ge=1)

    plans: dict[str, Plan] = Field(default_factory=lambda: dict(DEFAULT_PLANS))
    default_plan: str = "free"

    # Local mode only: S3 presigned URLs stand in for CloudFront's signed URLs, signed with
    # these keys (standing for the distribution's origin access, which reads the bucket);
    # unset, with the function's own.
    local_cdn_access_key_id: str | None = None
    local_cdn_secret_access_key: str | None = None
    # Local mode only: the HS256 secret of the local token issuer.
    local_jwt_secret: str | None = None
    local_jwt_issuer: str = "pingvas-gallery-local"

    def cdn_private_key(self) -> str:
        if self.cdn_private_key_pem:
            return self.cdn_private_key_pem
        if not self.cdn_private_key_secret_arn:
            raise RuntimeError("CloudFront signing needs GALLERY_CDN_PRIVATE_KEY_SECRET_ARN")
        from aws_lambda_powertools.utilities.parameters import get_secret

        return get_secret(self.cdn_private_key_secret_arn, max_age=3600)

    def link_key(self) -> bytes:
        if self.share_link_key:
            return self.share_link_key.encode()
        if not self.share_link_key_secret_arn:
            raise RuntimeError("share links need GALLERY_SHARE_LINK_KEY_SECRET_ARN")
        from aws_lambda_powertools.utilities.parameters import get_secret

        return get_secret(self.share_link_key_secret_arn, max_age=3600).encode()

    def database_url_for(self, role: str) -> str | None:
        """The connection URL of a login: ``app``, ``worker``, ``visitor`` or ``migrate``."""
        url = {
            "app": self.database_url if "database_url" in self.model_fields_set else None,
            "worker": self.worker_database_url,
            "visitor": self.visitor_database_url,
            "migrate": self.migrate_database_url,
        }[role]
        secret_arn = {
            "app": self.database_secret_arn,
            "worker": self.worker_database_secret_arn,
            "visitor": self.visitor_database_secret_arn,
            "migrate": self.migrate_database_secret_arn,
        }[role]
        if url or not secret_arn:
            return url or (self.database_url if role == "app" else None)
        return self._url_from_secret(secret_arn)

    def _url_from_secret(self, secret_arn: str) -> str:
        import json
        from urllib.parse import quote

        from aws_lambda_powertools.utilities.parameters import get_secret

        secret = json.loads(get_secret(secret_arn, max_age=3600))
        host = secret.get("host") or self.database_host
        user, password = quote(secret["username"], safe=""), quote(secret["password"], safe="")
        database = secret.get("dbname") or self.database_name
        port = secret.get("port", 5432)
        return f"postgresql://{user}:{password}@{host}:{port}/{database}?sslmode=require"

    def login(self, role: str) -> tuple[str, str]:
        """A login's user name and password, from its secret (the deploy creates them)."""
        import json

        from aws_lambda_powertools.utilities.parameters import get_secret

        arn = {"app": self.database_secret_arn, "worker": self.worker_database_secret_arn,
               "visitor": self.visitor_database_secret_arn}[role]  # fmt: skip
        secret = json.loads(get_secret(arn, max_age=0))
        return secret["username"], secret["password"]

    def plan(self, name: str) -> Plan:
        return self.plans.get(name) or self.plans[self.default_plan]

    def recompressing_plans(self) -> list[str]:
        return sorted(name for name, plan in self.plans.items() if plan.recompress_originals)


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()
