"""Capacity and cost model: users, images per user, uploads and views per day in; storage,
request rates, instance counts, the first limits hit and a monthly bill per environment out.

    python tools/capacity.py --users 10000000 --images-per-user 1000 \\
        --uploads-per-day 5 --views-per-day 50 --env prod

Importable (``from tools.capacity import Workload, plan``). docs/scale.md explains the
figures. Every constant is named with where it comes from: *measured* ones cite
bench/README.md (or the measurement made for this model), *assumed* ones are guesses a
benchmark should replace, *limits* are AWS quotas and *prices* are Seoul (ap-northeast-2)
list prices as last known, assumed on 2026-12-04: check each against the AWS Pricing
Calculator before a budget leans on it. Nothing here calls AWS.

Uploads and views are per user per day: 10M users x 5 uploads is 50M uploads a day.
"""

from __future__ import annotations

import argparse
import math
import sys
from collections.abc import Sequence
from dataclasses import dataclass

GIB = 2**30  # AWS bills storage and transfer per GB of 2^30 bytes
HOURS_PER_MONTH = 730  # AWS pricing's month
DAYS_PER_MONTH = HOURS_PER_MONTH / 24
SECONDS_PER_DAY = 86_400

# --- Measured (bench/README.md unless marked) -------------------------------------------
# Mean original of the six 1024² generated-image stand-ins as ComfyUI writes them
# (bench/README.md, "thumbnails --part media", 2026-12-03); 2048² averages 4.53 MB.
ORIGINAL_BYTES = 1_235_672
# Mean renditions of the same six sources through gallery.imaging (thumbnails() and
# preview(), measured for this model on 2026-12-04; the preview sizes match the README's
# table): 256 px WebP, 512 px WebP, 1536 px AVIF and WebP previews.
THUMB_256_BYTES = 6_948
THUMB_512_BYTES = 18_330
PREVIEW_AVIF_BYTES = 39_160
PREVIEW_WEBP_BYTES = 49_845
RENDITION_BYTES = THUMB_256_BYTES + THUMB_512_BYTES + PREVIEW_AVIF_BYTES + PREVIEW_WEBP_BYTES
OBJECTS_PER_IMAGE = 5  # the original, two thumbnails, two previews (services/ingest.py)
# CPU of one listing page's SQL (page 1.8 ms + count 1.5 ms), list_images first run
# (bench/README.md, 2026-11-26): one read transaction of the API costs this much of a vCPU.
READ_TX_VCPU_MS = 3.3
# Ingest of one 1024² image, per worker: 2 workers did 6.0 images/s on 2 cores with
# previews and placeholders (bench/README.md, ingest_throughput, 2026-11-26).
INGEST_VCPU_SECONDS = 0.33
# OpenSearch indexing: 4,869 docs/s on a 2-core machine shared with the node (search_bench,
# 2026-11-26): the indexer's own share, per vCPU, taken as half of it.
INDEXER_DOCS_PER_VCPU_SECOND = 2_400
# OpenSearch query: p50 of all 50 queries, 100k documents, one node (search_bench,
# 2026-11-26): the data node's vCPU time per query.
SEARCH_QUERY_VCPU_MS = 10.2
# PostgreSQL bytes per image of the listing bench's database, table + indexes, rows without
# generation data (du of .local/bench/postgres/pgdata/base, 1.22 GB for 1.02M images,
# measured for this model on 2026-12-04): a floor, see POSTGRES_BYTES_PER_IMAGE.
POSTGRES_FLOOR_BYTES_PER_IMAGE = 1_197

# --- Assumed (a benchmark should replace each) ------------------------------------------
PEAK_FACTOR = 3.0  # peak hour over the day's mean: one time zone, an evening peak
TARGET_CPU = 0.6  # a database or search node is sized to run at most 60 % busy at peak
# generation data (image_generation_sources, loras, params; ComfyUI workflows are 2-90 kB
# of JSON, TOASTed) plus tags and stars on top of the measured floor
POSTGRES_BYTES_PER_IMAGE = POSTGRES_FLOOR_BYTES_PER_IMAGE + 3_300
SEARCH_DOC_BYTES = 2_000  # OpenSearch primary bytes per document (nori + offsets + keywords)
WRITE_TX_VCPU_MS = 2.0  # an insert/update with its triggers and 14 image indexes
WRITE_TX_PER_UPLOAD = 3  # reserve (POST /uploads), ingest, the indexer's outbox drain
LISTING_PAGES_PER_VIEW = 0.2  # a page of 50 thumbnails for every 5 images opened
SEARCHES_PER_VIEW = 0.1
EDITS_PER_VIEW = 0.02  # favourite, tag, move: a write transaction each
DOWNLOADS_PER_VIEW = 0.01  # the original itself (downloads, exports)
SEARCH_UPDATES_PER_UPLOAD = 1.2  # a search document per upload, plus later edits
THUMBNAILS_PER_PAGE = 50  # the dashboard's page, 512 px thumbnails (the grid at DPR >= 2)
CDN_HIT_RATIO = 0.5  # private images: each seen by few people, so half the fetches miss
API_MEAN_BILLED_MS = 30  # handler p50 6-10 ms in-process (list_images) + network in AWS
API_RESPONSE_BYTES = 8_000  # mean gzipped JSON answer (a listing page is the largest)
LOG_BYTES_PER_INVOCATION = 1_500  # Powertools' structured line + START/END/REPORT
TOKEN_REFRESHES_PER_USER_DAY = 3  # Cognito sign-ins + refreshes (1 h access tokens)
LOGINS_PER_CONTAINER = 1.2  # database logins a warm container holds (app; some: worker)
TX_MEAN_MS = 5.0  # a transaction's wall time inside the database (RDS Proxy holds a
#                   server connection only that long: no pinning, see gallery/db.py)
IA_AFTER_DAYS = 30  # the lifecycle rule docs/scale.md proposes for originals (not in stacks/)
AURORA_IO_PER_TX = 2.0  # storage I/Os per transaction (most pages are in the buffer cache)
VCPU_PER_ACU = 0.25  # 1 ACU = 2 GiB; r6g has 8 GiB per vCPU
LAMBDA_MB_PER_VCPU = 1_769  # Lambda gives one full vCPU at 1,769 MB (AWS documentation)
ACTIVE_FLOOR_ACU = 0.5  # Serverless v2 with min 0 pauses only when idle; running floor

# --- AWS limits (defaults; "soft" ones can be raised by request) ------------------------
LAMBDA_ACCOUNT_CONCURRENCY = 1_000  # per region, soft
API_ACCOUNT_RPS = 10_000  # API Gateway, per account and region, soft
COGNITO_AUTH_RPS = 120  # UserAuthentication category (sign-in, refresh), soft
WRITER_MAX_ACU = 256  # Aurora Serverless v2's largest instance
AURORA_MAX_READERS = 15
AURORA_MAX_STORAGE_BYTES = 128 * 2**40  # 128 TiB per cluster volume
MAX_CONNECTIONS_CAP = 5_000  # Aurora PostgreSQL: LEAST(memory / 9,531,392, 5000)
MAX_CONNECTIONS_BYTES_EACH = 9_531_392
S3_PUT_PER_PREFIX = 3_500  # PUT/COPY/POST/DELETE per second per partitioned prefix
S3_GET_PER_PREFIX = 5_500  # GET/HEAD per second per partitioned prefix
CLOUDFRONT_RPS = 250_000  # per distribution, soft
CLOUDFRONT_GBPS = 150  # per distribution, soft
SEARCH_SHARD_TARGET_BYTES = 30 * GIB  # the rule: 10-50 GB per shard, aim at the middle
SEARCH_SHARD_MIN_BYTES = 10 * GIB
SEARCH_SHARD_MAX_BYTES = 50 * GIB
SEARCH_SHARDS_PER_HEAP_GIB = 25  # OpenSearch Service guidance: <= 25 shards per GiB of heap
SEARCH_MAX_SHARDS_PER_NODE = 1_000  # cluster.max_shards_per_node default
SEARCH_HEAP_MAX_GIB = 31  # heap is half the RAM, at most ~31 GiB (compressed pointers)
SEARCH_STORAGE_OVERHEAD = 1.45  # AWS sizing guidance: source x (1 + replicas) x 1.45
SEARCH_MAX_DATA_NODES = 80  # per domain, default quota (raisable)

# --- Prices, USD, Seoul (ap-northeast-2), assumed 2026-12-04: check before use ----------
LAMBDA_GB_SECOND = 0.0000133334  # Arm (stacks/api.py deploys ARM_64)
LAMBDA_PER_REQUEST = 0.20 / 1e6
API_HTTP_PER_REQUEST = 1.23 / 1e6  # HTTP API, first 300M a month
COGNITO_PLUS_PER_MAU = 0.020  # stacks/api.py uses FeaturePlan.PLUS
AURORA_ACU_HOUR = 0.15  # Aurora Serverless v2, Standard storage configuration
AURORA_STORAGE_GB_MONTH = 0.11
AURORA_PER_MILLION_IO = 0.22
RDS_PROXY_ACU_HOUR = 0.015  # at least 8 ACU: stacks/config.py's "~$90/month"
RDS_PROXY_MIN_ACU = 8
S3_STANDARD_TIERS = ((50 * 1024, 0.025), (500 * 1024, 0.024), (None, 0.023))  # per GB-month
S3_IA_GB_MONTH = 0.0138
S3_PUT_PER_1000 = 0.0045
S3_GET_PER_1000 = 0.00035
S3_IA_GET_PER_1000 = 0.001
S3_IA_RETRIEVAL_GB = 0.01
S3_TRANSITION_PER_1000 = 0.01
SQS_PER_MILLION = 0.40
# CloudFront, South Korea, per GB by monthly volume: 10 TB, 40 TB, 100 TB, 350 TB, 524 TB,
# 4 PB, the rest
CLOUDFRONT_TIERS = (
    (10 * 1024, 0.120), (50 * 1024, 0.100), (150 * 1024, 0.080), (500 * 1024, 0.070),
    (1024 * 1024, 0.060), (5 * 1024 * 1024, 0.050), (None, 0.040),
)  # fmt: skip
CLOUDFRONT_HTTPS_PER_10000 = 0.012
REGION_EGRESS_GB = 0.126  # API Gateway answers to the internet, first 10 TB
LOGS_INGEST_GB = 0.76  # CloudWatch Logs
ENDPOINT_HOUR = 0.013  # one interface endpoint in one zone
INTERFACE_ENDPOINTS = 2  # Secrets Manager and Lambda (stacks/network.py)

# OpenSearch instance types: (RAM GiB, vCPU, largest EBS volume GiB, USD per hour).
SEARCH_TYPES = {
    "t3.small.search": (2, 2, 100, 0.046),
    "t3.medium.search": (4, 2, 200, 0.092),
    "m6g.large.search": (8, 2, 512, 0.162),
    "r6g.large.search": (16, 2, 1_024, 0.211),
    "r6g.xlarge.search": (32, 4, 1_536, 0.422),
    "r6g.2xlarge.search": (64, 8, 3_072, 0.844),
    "r6g.4xlarge.search": (128, 16, 6_144, 1.688),
    "r6g.12xlarge.search": (384, 48, 12_288, 5.064),
}
SEARCH_GP3_GB_MONTH = 0.14
# Dedicated masters by data nodes (AWS guidance, shifted to the catalogue above).
MASTER_TYPES = ((10, "m6g.large.search"), (30, "r6g.large.search"),
                (75, "r6g.xlarge.search"), (None, "r6g.2xlarge.search"))  # fmt: skip
# Aurora's provisioned classes by vCPU, for reading ACUs as an instance (r6g).
AURORA_CLASSES = ((2, "db.r6g.large"), (4, "db.r6g.xlarge"), (8, "db.r6g.2xlarge"),
                  (16, "db.r6g.4xlarge"), (32, "db.r6g.8xlarge"), (48, "db.r6g.12xlarge"),
                  (64, "db.r6g.16xlarge"))  # fmt: skip


@dataclass(frozen=True)
class Workload:
    users: int
    images_per_user: float
    uploads_per_day: float  # per user
    views_per_day: float  # per user: images opened in the viewer

    def __post_init__(self) -> None:
        if self.users < 1 or min(self.images_per_user, self.uploads_per_day) < 0:
            raise ValueError("users must be >= 1, images and uploads >= 0")
        if self.views_per_day < 0:
            raise ValueError("views per day must be >= 0")


@dataclass(frozen=True)
class Environment:
    """What an environment deploys (mirrors cdk.json; tests/unit/test_capacity.py checks)."""

    name: str
    availability_zones: int
    endpoint_zones: int
    db_min_acu: float
    db_max_acu: float
    db_readers: int
    db_proxy: bool
    search_type: str
    search_nodes: int
    search_masters: int
    search_master_type: str | None
    search_replicas: int  # one node: 0, else 1 (a copy in the other zone)
    api_throttle_rps: float
    memory_mb: dict[str, int]
    reserved: dict[str, int]
    originals_ia: bool  # originals move to Standard-IA after IA_AFTER_DAYS


ENVIRONMENTS = {
    "dev": Environment(
        name="dev", availability_zones=2, endpoint_zones=1,
        db_min_acu=0, db_max_acu=2, db_readers=0, db_proxy=False,
        search_type="t3.small.search", search_nodes=1, search_masters=0,
        search_master_type=None, search_replicas=0, api_throttle_rps=100,
        memory_mb={"files": 512, "search": 512, "uploads": 512, "ingest": 1024, "indexer": 512},
        reserved={"indexer": 1}, originals_ia=False,
    ),
    "staging": Environment(
        name="staging", availability_zones=2, endpoint_zones=2,
        db_min_acu=0.5, db_max_acu=4, db_readers=0, db_proxy=True,
        search_type="t3.medium.search", search_nodes=2, search_masters=0,
        search_master_type=None, search_replicas=1, api_throttle_rps=100,
        memory_mb={"files": 512, "search": 512, "uploads": 512, "ingest": 1536, "indexer": 512},
        reserved={"indexer": 2}, originals_ia=False,
    ),
    "prod": Environment(
        name="prod", availability_zones=2, endpoint_zones=2,
        db_min_acu=1, db_max_acu=16, db_readers=1, db_proxy=True,
        search_type="m6g.large.search", search_nodes=2, search_masters=3,
        search_master_type="m6g.large.search", search_replicas=1, api_throttle_rps=1000,
        memory_mb={"files": 1024, "search": 1024, "uploads": 512, "ingest": 2048, "indexer": 512},
        reserved={"files": 200, "ingest": 50, "indexer": 2}, originals_ia=True,
    ),
}  # fmt: skip


@dataclass(frozen=True)
class Rates:
    """Requests per second: mean over the day and at the peak hour."""

    api_mean: float
    api_peak: float
    per_function_peak: dict[str, float]  # API function -> requests/s at peak
    uploads_mean: float
    uploads_peak: float
    read_tx_peak: float
    write_tx_peak: float
    search_docs_mean: float
    token_refresh_peak: float


@dataclass(frozen=True)
class Storage:
    originals_bytes: float
    renditions_bytes: float
    postgres_bytes: float
    search_primary_bytes: float


@dataclass(frozen=True)
class Functions:
    invocations_month: float
    gb_seconds_month: dict[str, float]  # function -> GB-s a month
    concurrency_peak: dict[str, float]  # function -> concurrent executions at peak
    concurrency_mean: dict[str, float]

    @property
    def total_peak(self) -> float:
        return sum(self.concurrency_peak.values())


@dataclass(frozen=True)
class Database:
    vcpu_needed: float  # at peak, at TARGET_CPU, writer work (and reads unless on readers)
    acu_needed: float  # the same in ACU, all writers together, before any floor
    read_acu_needed: float  # reads sent to readers, all together (0 when on the writer)
    shards: int  # writers: 1 unless one writer cannot carry it
    writer_acu_peak: float  # per writer
    writer_acu_mean: float
    readers: int  # per writer
    reader_acu_mean: float
    instance_class: str  # the provisioned class one writer would need at peak
    storage_bytes: float
    io_month: float
    client_connections: float  # what the functions hold open
    server_connections: float  # what the database sees (the proxy multiplexes)
    max_connections: int  # per writer, at the environment's max ACU


@dataclass(frozen=True)
class Search:
    primary_shards: int
    total_shards: int
    shard_bytes: float
    node_type: str
    data_nodes: int
    nodes_needed: float  # the same before rounding up and before the environment's floor
    domains: int
    masters: int
    master_type: str | None
    volume_gib_per_node: float


@dataclass(frozen=True)
class Objects:
    standard_bytes: float
    ia_bytes: float
    puts_month: float
    gets_month: float
    ia_gets_month: float
    put_peak: float
    get_peak: float


@dataclass(frozen=True)
class Delivery:
    cdn_bytes_month: float
    cdn_requests_month: float
    cdn_rps_peak: float
    cdn_gbps_peak: float
    api_egress_bytes_month: float


@dataclass(frozen=True)
class Line:
    service: str
    item: str
    quantity: float
    unit: str
    usd: float


@dataclass(frozen=True)
class Wall:
    """A limit and what the workload needs of it; kind: setting (a number in cdk.json),
    quota (an AWS default, raised by request), engine (needs another design) or auto (the
    service scales past it by itself, slowly: S3 splits a busy prefix, answering 503 SlowDown
    meanwhile)."""

    component: str
    kind: str
    limit: float
    needed: float
    unit: str

    @property
    def ratio(self) -> float:
        return self.needed / self.limit if self.limit else math.inf


@dataclass(frozen=True)
class Plan:
    workload: Workload
    env: Environment
    rates: Rates
    storage: Storage
    functions: Functions
    database: Database
    search: Search
    objects: Objects
    delivery: Delivery
    bill: list[Line]
    walls: list[Wall]

    @property
    def total_usd(self) -> float:
        return sum(line.usd for line in self.bill)

    def users_at(self, wall: Wall) -> float:
        """Users at which the wall is reached: every need here grows in proportion to users."""
        return self.workload.users / wall.ratio if wall.ratio else math.inf

    def first_wall(self, kinds: Sequence[str] = ("setting", "quota", "engine")) -> Wall:
        return min((w for w in self.walls if w.kind in kinds), key=self.users_at)


def tiered(amount: float, tiers: Sequence[tuple[float | None, float]]) -> float:
    """Price of ``amount`` units under cumulative tiers ((upper bound or None, unit price))."""
    total, below = 0.0, 0.0
    for upper, price in tiers:
        top = amount if upper is None else min(amount, upper)
        if top > below:
            total += (top - below) * price
        if upper is None or amount <= upper:
            break
        below = upper
    return total


def primary_shards(index_bytes: float) -> int:
    """The shard rule: primaries = ceil(primary bytes / 30 GiB), at least one, so that
    every shard of an index past 10 GiB holds 15-30 GiB (inside the 10-50 GB band)."""
    return max(1, math.ceil(index_bytes / SEARCH_SHARD_TARGET_BYTES))


def heap_gib(node_type: str) -> float:
    return min(SEARCH_TYPES[node_type][0] / 2, SEARCH_HEAP_MAX_GIB)


def shards_per_node(node_type: str) -> int:
    """Shards a node may hold: 25 per GiB of heap, at most 1,000."""
    return min(int(heap_gib(node_type) * SEARCH_SHARDS_PER_HEAP_GIB), SEARCH_MAX_SHARDS_PER_NODE)


def search_load(
    node_type: str, total_shards: int, storage_bytes: float, query_vcpu: float
) -> float:
    """Data nodes of one type the load needs, unrounded: heap for the shards, disk for the
    data, CPU for the queries, whichever needs most."""
    _, vcpu, volume_gib, _ = SEARCH_TYPES[node_type]
    return max(
        total_shards / shards_per_node(node_type),
        storage_bytes / (volume_gib * GIB),
        query_vcpu / (vcpu * TARGET_CPU),
    )


def search_nodes(
    node_type: str, total_shards: int, storage_bytes: float, query_vcpu: float, floor: int
) -> int:
    """Whole data nodes: the load rounded up, never fewer than the environment deploys."""
    return max(floor, math.ceil(search_load(node_type, total_shards, storage_bytes, query_vcpu)))


def _rates(w: Workload) -> Rates:
    per_day = w.users / SECONDS_PER_DAY
    views = w.views_per_day * per_day
    uploads_mean = w.uploads_per_day * per_day
    files = views * (1 + LISTING_PAGES_PER_VIEW + EDITS_PER_VIEW)
    search = views * SEARCHES_PER_VIEW
    per_function = {"files": files, "search": search, "uploads": uploads_mean}
    api_mean = sum(per_function.values())
    edits = views * EDITS_PER_VIEW
    return Rates(
        api_mean=api_mean,
        api_peak=api_mean * PEAK_FACTOR,
        per_function_peak={k: v * PEAK_FACTOR for k, v in per_function.items()},
        uploads_mean=uploads_mean,
        uploads_peak=uploads_mean * PEAK_FACTOR,
        read_tx_peak=(api_mean - uploads_mean - edits) * PEAK_FACTOR,
        write_tx_peak=(uploads_mean * WRITE_TX_PER_UPLOAD + edits) * PEAK_FACTOR,
        search_docs_mean=uploads_mean * SEARCH_UPDATES_PER_UPLOAD,
        token_refresh_peak=w.users * TOKEN_REFRESHES_PER_USER_DAY / SECONDS_PER_DAY * PEAK_FACTOR,
    )


def _storage(w: Workload) -> Storage:
    images = w.users * w.images_per_user
    return Storage(
        originals_bytes=images * ORIGINAL_BYTES,
        renditions_bytes=images * RENDITION_BYTES,
        postgres_bytes=images * POSTGRES_BYTES_PER_IMAGE,
        search_primary_bytes=images * SEARCH_DOC_BYTES,
    )


def _vcpus(memory_mb: int) -> float:
    return memory_mb / LAMBDA_MB_PER_VCPU


def _functions(rates: Rates, env: Environment) -> Functions:
    month = SECONDS_PER_DAY * DAYS_PER_MONTH
    memory = env.memory_mb
    seconds = {name: API_MEAN_BILLED_MS / 1000 for name in rates.per_function_peak}
    # ingest is CPU-bound: below one vCPU it runs proportionally slower
    seconds["ingest"] = INGEST_VCPU_SECONDS / min(1.0, _vcpus(memory["ingest"]))
    seconds["indexer"] = 1 / (INDEXER_DOCS_PER_VCPU_SECOND * min(1.0, _vcpus(memory["indexer"])))
    mean = {name: rate / PEAK_FACTOR for name, rate in rates.per_function_peak.items()}
    mean["ingest"] = rates.uploads_mean
    mean["indexer"] = rates.search_docs_mean
    gb_seconds = {name: mean[name] * month * seconds[name] * memory[name] / 1024 for name in mean}
    concurrency_mean = {name: mean[name] * seconds[name] for name in mean}
    concurrency_peak = {name: c * PEAK_FACTOR for name, c in concurrency_mean.items()}
    # ingest reads batches of 10 messages; the indexer runs once a minute and when nudged
    invocations = (rates.api_mean + rates.uploads_mean / 10) * month + HOURS_PER_MONTH * 60
    return Functions(invocations, gb_seconds, concurrency_peak, concurrency_mean)


def _instance_class(vcpu: float) -> str:
    for size, name in AURORA_CLASSES:
        if vcpu <= size:
            return name
    return f"more than {AURORA_CLASSES[-1][1]}"


def _database(
    rates: Rates, storage: Storage, functions: Functions, env: Environment, reads_on_readers: bool
) -> Database:
    read_vcpu = rates.read_tx_peak * READ_TX_VCPU_MS / 1000 / TARGET_CPU
    write_vcpu = rates.write_tx_peak * WRITE_TX_VCPU_MS / 1000 / TARGET_CPU
    writer_vcpu = write_vcpu + (0 if reads_on_readers else read_vcpu)
    max_vcpu = WRITER_MAX_ACU * VCPU_PER_ACU
    shards = max(
        1,
        math.ceil(writer_vcpu / max_vcpu),
        math.ceil(storage.postgres_bytes / AURORA_MAX_STORAGE_BYTES),
    )
    floor = env.db_min_acu or ACTIVE_FLOOR_ACU
    writer_peak = max(floor, writer_vcpu / shards / VCPU_PER_ACU)
    writer_mean = max(floor, writer_peak / PEAK_FACTOR)
    readers, reader_mean = env.db_readers, writer_mean  # scale_with_writer (stacks/data.py)
    if reads_on_readers:
        read_acu = read_vcpu / shards / VCPU_PER_ACU
        readers = max(env.db_readers, math.ceil(read_acu / WRITER_MAX_ACU))
        reader_mean = max(floor, read_acu / max(readers, 1) / PEAK_FACTOR)
    clients = functions.total_peak * LOGINS_PER_CONTAINER
    active = (rates.read_tx_peak + rates.write_tx_peak) * TX_MEAN_MS / 1000
    tx_month = (rates.read_tx_peak + rates.write_tx_peak) / PEAK_FACTOR * 86_400 * DAYS_PER_MONTH
    max_acu = min(env.db_max_acu, WRITER_MAX_ACU)
    max_connections = min(int(max_acu * 2 * GIB / MAX_CONNECTIONS_BYTES_EACH), MAX_CONNECTIONS_CAP)
    return Database(
        vcpu_needed=writer_vcpu,
        acu_needed=writer_vcpu / VCPU_PER_ACU,
        read_acu_needed=read_vcpu / VCPU_PER_ACU if reads_on_readers else 0.0,
        shards=shards,
        writer_acu_peak=writer_peak,
        writer_acu_mean=writer_mean,
        readers=readers,
        reader_acu_mean=reader_mean,
        instance_class=_instance_class(writer_peak * VCPU_PER_ACU),
        storage_bytes=storage.postgres_bytes,
        io_month=tx_month * AURORA_IO_PER_TX,
        client_connections=clients,
        server_connections=active if env.db_proxy else clients,
        max_connections=max_connections,
    )


def _search(rates: Rates, storage: Storage, env: Environment) -> Search:
    primaries = primary_shards(storage.search_primary_bytes)
    copies = 1 + env.search_replicas
    total = primaries * copies
    stored = storage.search_primary_bytes * copies * SEARCH_STORAGE_OVERHEAD
    query_vcpu = rates.per_function_peak["search"] * SEARCH_QUERY_VCPU_MS / 1000
    if env.search_masters == 0:
        # small environments keep their one type, however loaded (the walls say so)
        nodes = search_nodes(env.search_type, total, stored, query_vcpu, env.search_nodes)
        load = search_load(env.search_type, total, stored, query_vcpu)
        return Search(primaries, total, storage.search_primary_bytes / primaries,
                      env.search_type, nodes, load, 1, 0, None,
                      stored / nodes / GIB)  # fmt: skip
    names = list(SEARCH_TYPES)
    candidates = names[names.index(env.search_type) :]

    def monthly(node_type: str) -> float:
        nodes = search_nodes(node_type, total, stored, query_vcpu, env.search_nodes)
        return nodes * SEARCH_TYPES[node_type][3]

    fits = [t for t in candidates
            if search_nodes(t, total, stored, query_vcpu, 1) <= SEARCH_MAX_DATA_NODES]  # fmt: skip
    node_type = min(fits, key=monthly) if fits else candidates[-1]
    nodes = search_nodes(node_type, total, stored, query_vcpu, env.search_nodes)
    domains = math.ceil(nodes / SEARCH_MAX_DATA_NODES)
    per_domain = math.ceil(nodes / domains)
    master_type = next(t for limit, t in MASTER_TYPES if limit is None or per_domain <= limit)
    if env.search_master_type and names.index(master_type) < names.index(env.search_master_type):
        master_type = env.search_master_type
    return Search(
        primary_shards=primaries,
        total_shards=total,
        shard_bytes=storage.search_primary_bytes / primaries,
        node_type=node_type,
        data_nodes=nodes,
        nodes_needed=search_load(node_type, total, stored, query_vcpu),
        domains=domains,
        masters=env.search_masters * domains,
        master_type=master_type,
        volume_gib_per_node=stored / nodes / GIB,
    )


def _objects(w: Workload, rates: Rates, storage: Storage, env: Environment) -> Objects:
    month = SECONDS_PER_DAY * DAYS_PER_MONTH
    young = min(1.0, w.uploads_per_day * IA_AFTER_DAYS / w.images_per_user) if (
        w.images_per_user) else 1.0  # fmt: skip
    ia = storage.originals_bytes * (1 - young) if env.originals_ia else 0.0
    views = rates.per_function_peak["files"] / PEAK_FACTOR / (
        1 + LISTING_PAGES_PER_VIEW + EDITS_PER_VIEW)  # fmt: skip
    fetches = views * (1 + LISTING_PAGES_PER_VIEW * THUMBNAILS_PER_PAGE)  # CDN -> S3 misses
    downloads = views * DOWNLOADS_PER_VIEW
    ia_share = ia / storage.originals_bytes if storage.originals_bytes else 0.0
    gets = fetches * (1 - CDN_HIT_RATIO) + rates.uploads_mean  # + ingest reading originals
    return Objects(
        standard_bytes=storage.originals_bytes + storage.renditions_bytes - ia,
        ia_bytes=ia,
        puts_month=rates.uploads_mean * OBJECTS_PER_IMAGE * month,
        gets_month=(gets + downloads * (1 - ia_share)) * month,
        ia_gets_month=downloads * ia_share * month,
        put_peak=rates.uploads_peak * OBJECTS_PER_IMAGE,
        get_peak=(gets + downloads) * PEAK_FACTOR,
    )


def _delivery(w: Workload, rates: Rates) -> Delivery:
    month = SECONDS_PER_DAY * DAYS_PER_MONTH
    views = w.users * w.views_per_day / SECONDS_PER_DAY
    thumbnails = LISTING_PAGES_PER_VIEW * THUMBNAILS_PER_PAGE
    per_view = PREVIEW_AVIF_BYTES + thumbnails * THUMB_512_BYTES + DOWNLOADS_PER_VIEW * (
        ORIGINAL_BYTES)  # fmt: skip
    requests = views * (1 + thumbnails + DOWNLOADS_PER_VIEW)
    return Delivery(
        cdn_bytes_month=views * per_view * month,
        cdn_requests_month=requests * month,
        cdn_rps_peak=requests * PEAK_FACTOR,
        cdn_gbps_peak=views * per_view * PEAK_FACTOR * 8 / 1e9,
        api_egress_bytes_month=rates.api_mean * API_RESPONSE_BYTES * month,
    )


def _bill(plan_parts: dict, w: Workload, env: Environment) -> list[Line]:
    r: Rates = plan_parts["rates"]
    f: Functions = plan_parts["functions"]
    d: Database = plan_parts["database"]
    s: Search = plan_parts["search"]
    o: Objects = plan_parts["objects"]
    c: Delivery = plan_parts["delivery"]
    month = SECONDS_PER_DAY * DAYS_PER_MONTH
    api_requests = r.api_mean * month
    gb_s = sum(f.gb_seconds_month.values())
    writer_hours = d.shards * d.writer_acu_mean * HOURS_PER_MONTH
    reader_hours = d.shards * d.readers * d.reader_acu_mean * HOURS_PER_MONTH
    cluster_acu = d.writer_acu_mean + d.readers * d.reader_acu_mean
    proxy_hours = d.shards * max(RDS_PROXY_MIN_ACU, cluster_acu) * HOURS_PER_MONTH
    search_hours = s.data_nodes * HOURS_PER_MONTH
    volume_gb = s.data_nodes * max(10.0, s.volume_gib_per_node)
    ia_gb = o.ia_bytes / GIB
    new_ia_objects = r.uploads_mean * month if env.originals_ia else 0.0
    sqs_requests = r.uploads_mean * (1 + 2 / 10) * month  # S3's send; receive + delete per 10
    logs_gb = f.invocations_month * LOG_BYTES_PER_INVOCATION / GIB
    lines = [
        Line("API Gateway", "HTTP API requests", api_requests, "requests",
             api_requests * API_HTTP_PER_REQUEST),
        Line("Lambda", "requests", f.invocations_month, "invocations",
             f.invocations_month * LAMBDA_PER_REQUEST),
        Line("Lambda", "compute (Arm)", gb_s, "GB-s", gb_s * LAMBDA_GB_SECOND),
        Line("Cognito", "monthly active users (Plus)", w.users, "MAU",
             w.users * COGNITO_PLUS_PER_MAU),
        Line("Aurora", f"writer ACU-hours x {d.shards} writer(s)", writer_hours, "ACU-h",
             writer_hours * AURORA_ACU_HOUR),
        Line("Aurora", f"reader ACU-hours ({d.readers} per writer)", reader_hours, "ACU-h",
             reader_hours * AURORA_ACU_HOUR),
        Line("Aurora", "storage", d.storage_bytes / GIB, "GB-month",
             d.storage_bytes / GIB * AURORA_STORAGE_GB_MONTH),
        Line("Aurora", "I/O", d.io_month, "I/Os", d.io_month / 1e6 * AURORA_PER_MILLION_IO),
        Line("OpenSearch", f"{s.data_nodes} x {s.node_type}", search_hours, "node-hours",
             search_hours * SEARCH_TYPES[s.node_type][3]),
        Line("OpenSearch", "gp3 volumes", volume_gb, "GB-month", volume_gb * SEARCH_GP3_GB_MONTH),
        Line("S3", "Standard storage", o.standard_bytes / GIB, "GB-month",
             tiered(o.standard_bytes / GIB, S3_STANDARD_TIERS)),
        Line("S3", "PUT/POST requests", o.puts_month, "requests",
             o.puts_month / 1000 * S3_PUT_PER_1000),
        Line("S3", "GET requests", o.gets_month, "requests", o.gets_month / 1000 * S3_GET_PER_1000),
        Line("SQS", "requests", sqs_requests, "requests", sqs_requests / 1e6 * SQS_PER_MILLION),
        Line("CloudFront", "data out (South Korea)", c.cdn_bytes_month / GIB, "GB",
             tiered(c.cdn_bytes_month / GIB, CLOUDFRONT_TIERS)),
        Line("CloudFront", "HTTPS requests", c.cdn_requests_month, "requests",
             c.cdn_requests_month / 10_000 * CLOUDFRONT_HTTPS_PER_10000),
        Line("Data transfer", "API answers to the internet", c.api_egress_bytes_month / GIB, "GB",
             c.api_egress_bytes_month / GIB * REGION_EGRESS_GB),
        Line("CloudWatch", "log ingestion", logs_gb, "GB", logs_gb * LOGS_INGEST_GB),
        Line("VPC", f"{INTERFACE_ENDPOINTS} interface endpoints x {env.endpoint_zones} zone(s)",
             INTERFACE_ENDPOINTS * env.endpoint_zones * HOURS_PER_MONTH, "endpoint-hours",
             INTERFACE_ENDPOINTS * env.endpoint_zones * HOURS_PER_MONTH * ENDPOINT_HOUR),
    ]  # fmt: skip
    if env.db_proxy:
        lines.append(Line("RDS Proxy", "ACU-hours of the cluster (min 8)", proxy_hours, "ACU-h",
                          proxy_hours * RDS_PROXY_ACU_HOUR))  # fmt: skip
    if s.masters:
        master_hours = s.masters * HOURS_PER_MONTH
        lines.append(Line("OpenSearch", f"{s.masters} x {s.master_type} (masters)", master_hours,
                          "node-hours", master_hours * SEARCH_TYPES[s.master_type][3]))  # fmt: skip
    if env.originals_ia:
        retrieval = o.ia_gets_month * ORIGINAL_BYTES / GIB
        lines += [
            Line("S3", f"Standard-IA storage (originals after {IA_AFTER_DAYS} days)", ia_gb,
                 "GB-month", ia_gb * S3_IA_GB_MONTH),
            Line("S3", "Standard-IA GETs and retrieval", o.ia_gets_month, "requests",
                 o.ia_gets_month / 1000 * S3_IA_GET_PER_1000 + retrieval * S3_IA_RETRIEVAL_GB),
            Line("S3", "lifecycle transitions to IA", new_ia_objects, "requests",
                 new_ia_objects / 1000 * S3_TRANSITION_PER_1000),
        ]  # fmt: skip
    return [line for line in lines if line.quantity > 0]


def _walls(parts: dict, env: Environment) -> list[Wall]:
    r: Rates = parts["rates"]
    f: Functions = parts["functions"]
    d: Database = parts["database"]
    s: Search = parts["search"]
    o: Objects = parts["objects"]
    c: Delivery = parts["delivery"]
    walls = [
        Wall("API Gateway stage throttle (cdk.json api_throttle)", "setting",
             env.api_throttle_rps, r.api_peak, "requests/s"),
        Wall("API Gateway account throttle", "quota", API_ACCOUNT_RPS, r.api_peak, "requests/s"),
        Wall("Cognito sign-in/refresh rate", "quota", COGNITO_AUTH_RPS, r.token_refresh_peak,
             "requests/s"),
        Wall("Lambda account concurrency", "quota", LAMBDA_ACCOUNT_CONCURRENCY, f.total_peak,
             "executions"),
        Wall("Aurora max_acu (cdk.json)", "setting", env.db_max_acu, d.acu_needed, "ACU"),
        Wall("Aurora single writer (256 ACU)", "engine", WRITER_MAX_ACU, d.acu_needed, "ACU"),
        Wall("Aurora cluster volume (128 TiB)", "engine", AURORA_MAX_STORAGE_BYTES / 2**40,
             d.storage_bytes / 2**40, "TiB"),
        Wall("Database connections (max_connections at max_acu)", "setting", d.max_connections,
             d.server_connections, "connections"),
        Wall("OpenSearch data nodes per domain", "quota", SEARCH_MAX_DATA_NODES,
             s.nodes_needed, "nodes"),
        Wall("S3 PUTs under one prefix (before S3 splits users/)", "auto", S3_PUT_PER_PREFIX,
             o.put_peak, "requests/s"),
        Wall("S3 GETs under one prefix (before S3 splits users/)", "auto", S3_GET_PER_PREFIX,
             o.get_peak, "requests/s"),
        Wall("CloudFront requests per distribution", "quota", CLOUDFRONT_RPS, c.cdn_rps_peak,
             "requests/s"),
        Wall("CloudFront bandwidth per distribution", "quota", CLOUDFRONT_GBPS, c.cdn_gbps_peak,
             "Gbit/s"),
    ]  # fmt: skip
    if d.read_acu_needed:
        limit = AURORA_MAX_READERS * WRITER_MAX_ACU
        walls.append(Wall("Aurora readers (15 x 256 ACU)", "engine", limit, d.read_acu_needed,
                          "ACU"))  # fmt: skip
    if env.search_masters == 0:
        node_storage = SEARCH_TYPES[env.search_type][2]
        walls.append(Wall(f"OpenSearch {env.search_nodes} x {env.search_type} disk", "setting",
                          node_storage * env.search_nodes, s.volume_gib_per_node * s.data_nodes,
                          "GiB"))  # fmt: skip
    for name, reserved in env.reserved.items():
        # the queues (SQS, the outbox) absorb a peak: those walls are the daily mean's
        needed = f.concurrency_mean[name] if name in ("ingest", "indexer") else (
            f.concurrency_peak[name])  # fmt: skip
        walls.append(Wall(f"{name} reserved concurrency (cdk.json)", "setting", reserved,
                          needed, "executions"))  # fmt: skip
    return walls


def plan(workload: Workload, env: str = "prod", *, reads_on_readers: bool = False) -> Plan:
    """The whole model for one workload in one environment. ``reads_on_readers``: send the
    API's read transactions to Aurora readers (today every transaction goes to the writer
    through the proxy's default endpoint)."""
    environment = ENVIRONMENTS[env]
    rates = _rates(workload)
    storage = _storage(workload)
    functions = _functions(rates, environment)
    parts = {
        "rates": rates,
        "storage": storage,
        "functions": functions,
        "database": _database(rates, storage, functions, environment, reads_on_readers),
        "search": _search(rates, storage, environment),
        "objects": _objects(workload, rates, storage, environment),
        "delivery": _delivery(workload, rates),
    }
    bill = _bill(parts, workload, environment)
    walls = _walls(parts, environment)
    return Plan(workload=workload, env=environment, bill=bill, walls=walls, **parts)


def _si(value: float) -> str:
    for limit, suffix in ((1e15, "P"), (1e12, "T"), (1e9, "G"), (1e6, "M"), (1e3, "k")):
        if abs(value) >= limit:
            return f"{value / limit:,.2f}{suffix}"
    return f"{value:,.2f}"


def _bytes(value: float) -> str:
    for power, suffix in ((5, "PiB"), (4, "TiB"), (3, "GiB"), (2, "MiB")):
        if value >= 1024**power:
            return f"{value / 1024**power:,.1f} {suffix}"
    return f"{value:,.0f} B"


def render(p: Plan) -> str:
    """The plan as the CLI prints it."""
    w, r, s, f, d, q, o, c = (p.workload, p.rates, p.storage, p.functions, p.database,
                              p.search, p.objects, p.delivery)  # fmt: skip
    out = [
        f"Workload: {w.users:,} users x {w.images_per_user:,g} images, "
        f"{w.uploads_per_day:g} uploads and {w.views_per_day:g} views per user a day "
        f"-> {w.users * w.images_per_user:,.0f} images; environment {p.env.name}",
        "",
        "Sizing",
        f"  storage      originals {_bytes(s.originals_bytes)}, renditions "
        f"{_bytes(s.renditions_bytes)}, PostgreSQL {_bytes(s.postgres_bytes)}, "
        f"search index {_bytes(s.search_primary_bytes)} (primaries)",
        f"  requests     API {_si(r.api_mean)}/s mean, {_si(r.api_peak)}/s peak (x{PEAK_FACTOR:g});"
        f" uploads {_si(r.uploads_mean)}/s mean, {_si(r.uploads_peak)}/s peak",
        f"  lambda       {_si(f.invocations_month)} invocations/month, "
        f"{_si(sum(f.gb_seconds_month.values()))} GB-s; peak concurrency "
        + ", ".join(f"{k} {v:,.0f}" for k, v in f.concurrency_peak.items()),
        f"  aurora       {d.shards} writer(s) x {d.writer_acu_peak:,.1f} ACU peak "
        f"({d.writer_acu_mean:,.1f} mean, ~{d.instance_class}) + {d.readers} reader(s) each; "
        f"{_si(r.write_tx_peak)} write + {_si(r.read_tx_peak)} read tx/s at peak",
        f"  connections  {d.client_connections:,.0f} from functions -> "
        f"{d.server_connections:,.0f} on the database "
        f"({'through RDS Proxy' if p.env.db_proxy else 'direct'}; max_connections "
        f"{d.max_connections:,})",
        f"  opensearch   {q.domains} domain(s), {q.data_nodes} x {q.node_type}"
        f" + {q.masters} masters; {q.primary_shards:,} primary / {q.total_shards:,} shards of "
        f"{_bytes(q.shard_bytes)}; {q.volume_gib_per_node:,.0f} GiB per node",
        f"  s3           {_bytes(o.standard_bytes)} Standard + {_bytes(o.ia_bytes)} IA; "
        f"peak {_si(o.put_peak)} PUT/s, {_si(o.get_peak)} GET/s",
        f"  cloudfront   {_bytes(c.cdn_bytes_month)}/month out, peak {_si(c.cdn_rps_peak)} req/s, "
        f"{c.cdn_gbps_peak:,.2f} Gbit/s",
        "",
        "Monthly bill (USD, Seoul list prices assumed 2026-12-04: check them)",
        f"  {'service':<14}{'item':<48}{'quantity':>14}  {'unit':<14}{'USD':>14}",
    ]
    for line in sorted(p.bill, key=lambda line: -line.usd):
        out.append(f"  {line.service:<14}{line.item:<48}{_si(line.quantity):>14}  "
                   f"{line.unit:<14}{line.usd:>14,.2f}")  # fmt: skip
    out += [f"  {'Monthly total':<90}{p.total_usd:>14,.2f}", "", "Limits (first reached first)"]
    out.append(f"  {'limit':<56}{'kind':<9}{'needed':>12}{'of':>12}  {'reached at users':>16}")
    for wall in sorted(p.walls, key=p.users_at):
        out.append(f"  {wall.component:<56}{wall.kind:<9}{_si(wall.needed):>12}"
                   f"{_si(wall.limit):>12}  {_si(p.users_at(wall)):>16}")  # fmt: skip
    first, engine = p.first_wall(), p.first_wall(("engine",))
    out += [
        "",
        f"First wall: {first.component} at {p.users_at(first):,.0f} users "
        f"({first.needed:,.1f} of {first.limit:,.1f} {first.unit} here)",
        f"First engine wall: {engine.component} at {p.users_at(engine):,.0f} users",
    ]
    return "\n".join(out)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--users", type=int, required=True)
    parser.add_argument("--images-per-user", type=float, required=True)
    parser.add_argument("--uploads-per-day", type=float, required=True, help="per user")
    parser.add_argument("--views-per-day", type=float, required=True, help="per user")
    parser.add_argument("--env", choices=sorted(ENVIRONMENTS), default="prod")
    parser.add_argument(
        "--reads-on-readers", action="store_true",
        help="send read transactions to Aurora readers (not done today)",
    )  # fmt: skip
    args = parser.parse_args(argv)
    try:
        workload = Workload(args.users, args.images_per_user, args.uploads_per_day,
                            args.views_per_day)  # fmt: skip
    except ValueError as error:
        parser.error(str(error))
    print(render(plan(workload, args.env, reads_on_readers=args.reads_on_readers)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
