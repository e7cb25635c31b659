"""The whole product on one machine: PostgreSQL, S3/SQS and the API gateway, wired by
environment variables exactly as the functions read them in AWS."""

import importlib
import json
import logging
import os
import secrets
import shutil
import socket
import threading
from dataclasses import dataclass, field
from pathlib import Path

from devstack import identities
from devstack.objects import CORS, LocalObjects
from devstack.pooler import LocalPooler
from devstack.postgres import LocalPostgres
from devstack.s3_gate import S3Gate

APP_USER = "gallery_api"
WORKER_USER = "gallery_jobs"
VISITOR_USER = "gallery_visitors"
# The local cluster trusts loopback: the value is not a secret.
APP_PASSWORD = "gallery-local"  # noqa: S105
DATABASE = "gallery"
# login -> the group role it joins (as the deploy trigger creates them in AWS)
LOGINS = {APP_USER: "gallery_app", WORKER_USER: "gallery_worker",
          VISITOR_USER: "gallery_visitor"}  # fmt: skip
BUCKET = "pingvas-gallery-local"
# the dashboard's bucket: the shares function reads index.html from it for share pages
SITE_BUCKET = "pingvas-gallery-local-site"
REGION = "ap-northeast-2"
ROOT_DATA = Path(__file__).resolve().parents[2] / ".local" / "dev"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class LocalStack:
    data_dir: Path
    pg_port: int = field(default_factory=free_port)
    pooler_port: int = field(default_factory=free_port)
    gate_port: int = field(default_factory=free_port)
    s3_port: int = field(default_factory=free_port)
    gateway_port: int = field(default_factory=free_port)
    web_dist: Path | None = None
    persist_objects: bool = True
    # Tests drive the ingest queue and the indexer themselves, to control delivery.
    run_ingest: bool = True
    # Search in OpenSearch at this URL (tools/opensearch-local, or any); else in PostgreSQL.
    search_url: str | None = None
    # the images index's primary shards (documents routed by owner over them)
    search_shards: int = 1
    # Every plan opts in to lossless recompression of PNG originals, and the job runs in the
    # background (with run_ingest), as the scheduled function does in AWS.
    recompress_originals: bool = False
    # {function: its role's IAM policy documents} (devstack.iam.synthesized_policies): each
    # function then calls S3 with keys bound to exactly those, moto enforcing them. None:
    # one unrestricted identity.
    iam_policies: dict[str, list[dict]] | None = None
    # 0: the gateway runs the handlers in this process, one invocation at a time (the tests
    # patch what the handlers read); N: in up to N processes per function, concurrently, as
    # Lambda's execution environments (devstack.containers)
    containers: int = 0

    def __post_init__(self):
        self.data_dir = Path(self.data_dir)
        self.postgres = LocalPostgres(self.data_dir / "postgres", self.pg_port)
        # the functions' logins reach PostgreSQL through a transaction pooler, as through
        # RDS Proxy in AWS; the owner's login (migrations) connects directly
        self.pooler = LocalPooler(
            self.data_dir / "pgbouncer", self.pooler_port, self.pg_port, DATABASE,
            {user: APP_PASSWORD for user in LOGINS},
        )  # fmt: skip
        self.objects = LocalObjects(self.s3_port, BUCKET, REGION)
        # the functions' S3 endpoint: presigned URLs and forms checked as S3 checks them
        self.gate = S3Gate(self.gate_port, self.s3_port, REGION,
                           tuple(CORS["CORSRules"][0]["AllowedOrigins"]))  # fmt: skip
        self.gateway = None
        self.functions = None
        self.ingest = None
        self._stopping = threading.Event()
        self._cdn_keys: dict[str, str] = {}
        self.identities: dict = {}  # name -> devstack.s3_gate.Identity, with iam_policies
        self._background = [
            self._every(0.5, "indexer", "gallery.services.indexer", "drain"),
            # AWS invokes the exporter per export; here a thread runs the queued ones
            self._every(0.5, "exporter", "gallery.services.exports", "run_queued"),
        ]
        if self.recompress_originals:
            self._background.append(
                self._every(2.0, "recompress", "gallery.services.recompression", "run")
            )

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.gateway_port}"

    def _kept_secret(self, name: str) -> str:
        """A random secret made once per data folder: the same after a restart."""
        path = self.data_dir / name
        if not path.exists():
            path.write_text(secrets.token_urlsafe(32))
        return path.read_text().strip()

    def environment(self) -> dict[str, str]:
        plans = {"GALLERY_PLANS": self._plans_recompressing()} if self.recompress_originals else {}
        return {
            "GALLERY_ENVIRONMENT": "local",
            "GALLERY_DATABASE_URL": self.pooler.url(APP_USER),
            "GALLERY_WORKER_DATABASE_URL": self.pooler.url(WORKER_USER),
            "GALLERY_VISITOR_DATABASE_URL": self.pooler.url(VISITOR_USER),
            "GALLERY_MIGRATE_DATABASE_URL": self.postgres.url(database=DATABASE),
            "GALLERY_AWS_ENDPOINT_URL": self.gate.endpoint,
            "GALLERY_AWS_REGION": REGION,
            "GALLERY_BUCKET_NAME": BUCKET,
            "GALLERY_SITE_BUCKET_NAME": SITE_BUCKET,
            "GALLERY_LOCAL_JWT_SECRET": self._kept_secret("jwt-secret"),
            # share links made here can be copied again after a restart
            "GALLERY_SHARE_LINK_KEY": self._kept_secret("share-link-key"),
            # share links open on this stack's own dashboard
            "GALLERY_WEB_BASE_URL": f"http://127.0.0.1:{self.gateway_port}",
            "AWS_ACCESS_KEY_ID": "local",
            "AWS_SECRET_ACCESS_KEY": "local",
            "AWS_DEFAULT_REGION": REGION,
            **plans,
            "GALLERY_SEARCH_BACKEND": "opensearch" if self.search_url else "postgres",
            **({"GALLERY_SEARCH_URL": self.search_url} if self.search_url else {}),
            "GALLERY_SEARCH_SHARDS": str(self.search_shards),
            **self._cdn_keys,
            "POWERTOOLS_SERVICE_NAME": "gallery-local",
            "POWERTOOLS_TRACE_DISABLED": "true",
            "POWERTOOLS_METRICS_DISABLED": "true",
            "POWERTOOLS_LOG_LEVEL": os.environ.get("POWERTOOLS_LOG_LEVEL", "WARNING"),
        }

    def start(self) -> "LocalStack":
        from gallery.config import get_settings
        from gallery.migrate import ensure_login, migrate

        self.data_dir.mkdir(parents=True, exist_ok=True)
        os.environ.update(self.environment())
        get_settings.cache_clear()
        try:
            self.postgres.start()
            owner_url = self.postgres.create_database(DATABASE)
            migrate(owner_url)
            timeout = get_settings().db_statement_timeout_ms
            for user, group in LOGINS.items():
                ensure_login(owner_url, user, APP_PASSWORD, group, statement_timeout_ms=timeout)
            self.pooler.start()
            self.objects.start(self.data_dir / "s3" if self.persist_objects else None)
            self._publish_dashboard()
            self._start_gate()
            from devstack.containers import Containers
            from devstack.gateway import FUNCTIONS_DIR, Gateway, serve
            from devstack.ingest_poller import IngestPoller

            pool = None
            if self.containers:
                pool = Containers(self.aws_credentials, FUNCTIONS_DIR, self.containers)
            self.functions = Gateway(self.web_dist, pool)
            self.gateway = serve("127.0.0.1", self.gateway_port, self.functions)
            self.ingest = IngestPoller(
                self.objects.client("sqs"),
                self.objects.queue_url,
                self.objects.queue_arn,
                self.functions.invoke,
            )
            from gallery.search.backend import get_backend

            if get_backend().ensure_index():  # an index from older code: fill in its new fields
                from gallery.services.indexer import reindex

                reindex()
            if self.run_ingest:
                self.ingest.start()
                for thread in self._background:
                    thread.start()
        except BaseException:
            self.stop()
            raise
        return self

    def stop(self) -> None:
        """Stops everything that started, each step even if an earlier one failed."""
        from gallery import db

        started = self.gateway is not None
        try:
            self._stopping.set()
            if started:
                self.functions.stopping.set()
            for thread in self._background:
                if thread.is_alive():
                    thread.join(timeout=10)
            if self.ingest is not None and self.run_ingest:
                self.ingest.stop()
            if started:
                self.gateway.shutdown()
                self.gateway.server_close()
                self.gateway = None
                if self.functions.containers is not None:
                    self.functions.containers.stop()
            db.close_pool()
            if started and self.persist_objects:
                shutil.rmtree(self.data_dir / "s3", ignore_errors=True)
                self.objects.save(self.data_dir / "s3")
        finally:
            try:
                self.gate.stop()
                if self.iam_policies is not None and self.objects.running:
                    from devstack import iam

                    iam.relax(self.objects.endpoint)
                self.objects.stop()
            finally:
                try:
                    self.pooler.stop()
                finally:
                    self.postgres.stop()

    def _publish_dashboard(self) -> None:
        """The site bucket, as the web stack makes it, and the built dashboard's index.html
        in it, as the site stack deploys it."""
        s3 = self.objects.client("s3")
        s3.create_bucket(Bucket=SITE_BUCKET,
                         CreateBucketConfiguration={"LocationConstraint": REGION})  # fmt: skip
        index = self.web_dist / "index.html" if self.web_dist else None
        if index is None or not index.exists():
            return
        s3.put_object(Bucket=SITE_BUCKET, Key="index.html", Body=index.read_bytes(),
                      ContentType="text/html")  # fmt: skip

    def aws_credentials(self, function: str) -> dict[str, str]:
        """The environment a function's own process signs with (its role's keys, with IAM
        enforced; the stack's one identity otherwise)."""
        identity = self.identities.get(function)
        if identity is None:
            return {}
        return {"AWS_ACCESS_KEY_ID": identity.access_key_id,
                "AWS_SECRET_ACCESS_KEY": identity.secret_access_key}  # fmt: skip

    def _start_gate(self) -> None:
        from devstack import iam
        from gallery.config import get_settings
        from gallery.storage import s3
        from gallery.storage.urls import signer

        if self.iam_policies is None:
            self.gate.add(iam.local_admin(os.environ["AWS_ACCESS_KEY_ID"],
                                          os.environ["AWS_SECRET_ACCESS_KEY"]))  # fmt: skip
        else:
            made = iam.enforce(self.objects.endpoint, REGION, BUCKET, self.iam_policies)
            self.identities = made
            for identity in made.values():
                self.gate.add(identity)
            cdn = made[iam.CDN]
            self._cdn_keys = {
                "GALLERY_LOCAL_CDN_ACCESS_KEY_ID": cdn.access_key_id,
                "GALLERY_LOCAL_CDN_SECRET_ACCESS_KEY": cdn.secret_access_key,
            }
            os.environ.update(self._cdn_keys)
            get_settings.cache_clear()
        # a client made before signs with the keys it was made with
        s3.client.cache_clear()
        s3.cdn_standin_client.cache_clear()
        signer.cache_clear()
        self.gate.start()

    @staticmethod
    def _plans_recompressing() -> str:
        from gallery.config import DEFAULT_PLANS

        return json.dumps({name: {**plan.model_dump(), "recompress_originals": True}
                           for name, plan in DEFAULT_PLANS.items()})  # fmt: skip

    def _every(self, seconds: float, name: str, module: str, job: str) -> threading.Thread:
        """What a scheduled function (and its nudges) does in AWS, in a thread."""

        def forever() -> None:
            run = getattr(importlib.import_module(module), job)
            while not self._stopping.wait(seconds):
                try:
                    with identities.acting_as(name):
                        run()
                except Exception:  # keep going, as the schedule would
                    logging.getLogger(__name__).exception("%s failed", name)

        return threading.Thread(target=forever, name=name, daemon=True)

    def __enter__(self) -> "LocalStack":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()
