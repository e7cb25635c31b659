"""What each function is, in one table: the API stack builds every function from it (layers,
logins, grants, schedule, indexer nudges) and the infra and fidelity tests check the
synthesized templates against it. Sizes (memory, timeout, reserved concurrency) differ by
environment: they are in cdk.json."""

from dataclasses import dataclass
from typing import Literal

ObjectKind = Literal["images", "thumbs", "previews", "derived", "exports", "*"]


@dataclass(frozen=True)
class S3Grant:
    """S3 actions on per-user object prefixes (``users/*/{kind}/*``; ``*``: all of
    ``users/*``), or on the bucket itself (no kinds)."""

    actions: tuple[str, ...]
    kinds: tuple[ObjectKind, ...] = ()


@dataclass(frozen=True)
class FunctionFacts:
    # optional dependency layers, besides the core package and "base"
    layers: tuple[Literal["imaging", "recompression", "signing", "search"], ...] = ()
    # database logins (secrets) it reads
    logins: tuple[Literal["app", "worker", "visitor"], ...] = ()
    # answers carry CloudFront-signed URLs: it reads the signing key
    signs_urls: bool = False
    # invokes the indexer after a write (searchable in seconds)
    nudges_indexer: bool = False
    # invokes the exporter when an export is asked for
    starts_exports: bool = False
    # runs every this many minutes (EventBridge)
    every_minutes: int | None = None
    s3: tuple[S3Grant, ...] = ()
    search: Literal["read", "write"] | None = None
    # reads the dashboard's index.html from the site bucket (share pages for chat apps)
    reads_dashboard: bool = False
    # makes share links' tokens (an HMAC of the link's id): it reads the link key
    derives_link_tokens: bool = False


# Without s3:ListBucket, S3 answers a read of a missing key with 403, not 404: a function
# that reads objects which may be gone (an upload deleted before its ingest, a purged image,
# a copy without metadata not made yet) must tell the two apart. Key names only.
LIST = S3Grant(("s3:ListBucket",))

FACTS: dict[str, FunctionFacts] = {
    "files": FunctionFacts(
        layers=("signing",), logins=("app",), signs_urls=True, nudges_indexer=True,
        starts_exports=True,
        s3=(
            # an original's download URL, and an export's, are presigned by this role
            # (CloudFront cannot name the file); purges, and "delete everything I own"
            S3Grant(("s3:GetObject",), ("images", "exports")),
            S3Grant(("s3:DeleteObject",), ("*",)),
            LIST,
        ),
    ),
    # signs the presigned POST of an upload
    "uploads": FunctionFacts(logins=("app",), s3=(S3Grant(("s3:PutObject",), ("images",)),)),
    "search": FunctionFacts(
        layers=("signing", "search"), logins=("app",), signs_urls=True, search="read"
    ),
    # a smart folder's link shows what its owner's saved search finds: it reads the index
    "shares": FunctionFacts(
        layers=("imaging", "search"), logins=("app", "visitor"), reads_dashboard=True,
        search="read", starts_exports=True, derives_link_tokens=True,
        s3=(
            # visitors' URLs are presigned by this role: originals, pixels-only renditions,
            # the copies without metadata it makes, and a folder link's ZIP
            S3Grant(("s3:GetObject",), ("images", "thumbs", "previews", "derived", "exports")),
            S3Grant(("s3:PutObject", "s3:PutObjectTagging"), ("derived",)),
            LIST,
        ),
    ),
    "workspaces": FunctionFacts(
        layers=("signing",), logins=("app",), signs_urls=True, nudges_indexer=True,
        # members' download URLs of originals are presigned by this role
        s3=(S3Grant(("s3:GetObject",), ("images",)), LIST),
    ),
    "docs": FunctionFacts(),
    "ingest": FunctionFacts(
        layers=("imaging",), logins=("app",), nudges_indexer=True,
        s3=(
            # reads the upload (the version its event names), writes its thumbnails and
            # previews; a refused upload loses all three, and an upload that came after its
            # reservation was used (a reused form) loses exactly the version it made
            S3Grant(
                ("s3:GetObject", "s3:GetObjectVersion",
                 "s3:DeleteObject", "s3:DeleteObjectVersion"),
                ("images",),
            ),
            S3Grant(("s3:PutObject", "s3:DeleteObject"), ("thumbs", "previews")),
            LIST,
        ),
    ),
    "maintenance": FunctionFacts(
        logins=("app", "worker"), every_minutes=60,
        # an expired export goes as the very version written (the bucket is versioned)
        s3=(S3Grant(("s3:DeleteObject",), ("*",)),
            S3Grant(("s3:DeleteObjectVersion",), ("exports",)), LIST),
    ),
    # ZIP exports: reads the originals, writes the archive by multipart upload (tagged for
    # its lifecycle rule); a smart folder's images come from the search backend
    "exporter": FunctionFacts(
        layers=("search",), logins=("app",), search="read",
        s3=(
            S3Grant(("s3:GetObject",), ("images",)),
            S3Grant(("s3:PutObject", "s3:PutObjectTagging", "s3:AbortMultipartUpload"),
                    ("exports",)),
            LIST,
        ),
    ),
    "indexer": FunctionFacts(
        layers=("search",), logins=("worker",), every_minutes=1, search="write"
    ),
    # the smaller original, written over the one read (conditional PutObject)
    "recompress": FunctionFacts(
        layers=("imaging", "recompression"), logins=("app", "worker"), every_minutes=15,
        s3=(S3Grant(("s3:GetObject", "s3:PutObject"), ("images",)), LIST),
    ),
    # migrations, logins and the search index, on every deploy (and the owner's secret)
    "deploy": FunctionFacts(
        layers=("search",), logins=("app", "worker", "visitor"), search="write"
    ),
}  # fmt: skip
