"""The capacity and cost model (tools/capacity.py): figures worked out by hand, the shard
rule's boundaries, growth with the workload, what each environment changes, and the CLI."""

import json
import math
import subprocess
import sys
from pathlib import Path

import pytest

from tools import capacity
from tools.capacity import GIB, Workload, plan, primary_shards, search_nodes, shards_per_node

ROOT = Path(__file__).resolve().parents[2]

# 8,640 users x 10 views a day = exactly 1 view/s; 1 upload a day each = 0.1 upload/s.
SMALL = Workload(users=8_640, images_per_user=100, uploads_per_day=1, views_per_day=10)
TEN_MILLION = Workload(users=10_000_000, images_per_user=1_000, uploads_per_day=5,
                       views_per_day=50)  # fmt: skip


def line(p, service, starts_with=""):
    found = [x for x in p.bill if x.service == service and x.item.startswith(starts_with)]
    assert len(found) == 1, f"{service} {starts_with!r}: {[x.item for x in p.bill]}"
    return found[0]


def wall(p, starts_with):
    return next(w for w in p.walls if w.component.startswith(starts_with))


# --- figures by hand --------------------------------------------------------------------


def test_request_rates_follow_the_mix_by_hand():
    rates = plan(SMALL, "dev").rates
    # files: 1 view/s x (1 open + 0.2 listing pages + 0.02 edits) = 1.22/s; search 0.1/s;
    # uploads 0.1/s -> 1.42/s mean, x3 at peak = 4.26/s
    assert rates.api_mean == pytest.approx(1.42)
    assert rates.api_peak == pytest.approx(4.26)
    assert rates.per_function_peak == pytest.approx({"files": 3.66, "search": 0.3, "uploads": 0.3})
    # writes: 0.1 uploads x 3 transactions + 0.02 edits = 0.32/s, x3 = 0.96/s at peak;
    # reads: 1.42 - 0.1 - 0.02 = 1.3/s, x3 = 3.9/s
    assert rates.write_tx_peak == pytest.approx(0.96)
    assert rates.read_tx_peak == pytest.approx(3.9)


def test_storage_uses_the_measured_bytes_per_image_by_hand():
    storage = plan(SMALL, "dev").storage
    # 864,000 images x 1,235,672 B (original) and x 114,283 B (6,948 + 18,330 + 39,160 +
    # 49,845: both thumbnails and both previews)
    assert storage.originals_bytes == 1_067_620_608_000
    assert storage.renditions_bytes == 98_740_512_000
    assert storage.postgres_bytes == 864_000 * (1_197 + 3_300)


def test_aurora_in_dev_sits_at_its_running_floor_by_hand():
    p = plan(SMALL, "dev")
    # reads 3.9 tx/s x 3.3 ms = 0.01287 vCPU, writes 0.96 x 2.0 ms = 0.00192 vCPU, both
    # at 60 % busy: 0.02465 vCPU = 0.0986 ACU; the running floor (min 0) is 0.5 ACU
    assert p.database.acu_needed == pytest.approx(0.0986)
    assert p.database.writer_acu_peak == 0.5
    # 0.5 ACU x 730 h = 365 ACU-h x $0.15 = $54.75
    assert line(p, "Aurora", "writer").usd == pytest.approx(54.75)
    assert p.database.readers == 0


def test_lambda_concurrency_follows_littles_law_by_hand():
    functions = plan(SMALL, "dev").functions
    # files: 3.66 requests/s at peak x 30 ms = 0.1098 executions
    assert functions.concurrency_peak["files"] == pytest.approx(0.1098)
    # ingest at 1,024 MB (0.5789 vCPU): 0.33 s / 0.5789 = 0.5701 s, x 0.1 upload/s
    assert functions.concurrency_mean["ingest"] == pytest.approx(0.05701, rel=1e-3)


def test_cloudfront_bytes_and_price_by_hand():
    p = plan(SMALL, "dev")
    # a view: the AVIF preview 39,160 B + 0.2 pages x 50 thumbnails x 18,330 B + 1 % of an
    # original 12,356.72 B = 234,816.72 B; 1 view/s x 86,400 x 30.4167 days = 2,628,000 views
    views = 86_400 * 730 / 24
    assert p.delivery.cdn_bytes_month == pytest.approx(views * 234_816.72)
    # 574.7 GB, all in the first tier at $0.120
    assert line(p, "CloudFront", "data out").usd == pytest.approx(views * 234_816.72 / GIB * 0.120)


def test_tiered_prices_by_hand():
    tiers = capacity.S3_STANDARD_TIERS
    assert capacity.tiered(10, tiers) == pytest.approx(0.25)
    # 60 TB: 51,200 GB x 0.025 + 10,240 GB x 0.024 = 1,280 + 245.76
    assert capacity.tiered(60 * 1024, tiers) == pytest.approx(1_525.76)
    # 600 TB: 1,280 + 460,800 x 0.024 (11,059.2) + 102,400 x 0.023 (2,355.2)
    assert capacity.tiered(600 * 1024, tiers) == pytest.approx(14_694.4)
    assert capacity.tiered(0, tiers) == 0


# --- the shard rule ---------------------------------------------------------------------


def test_a_shard_holds_at_most_30_gib():
    assert primary_shards(0) == 1
    assert primary_shards(30 * GIB) == 1
    assert primary_shards(30 * GIB + 1) == 2
    assert primary_shards(300 * GIB) == 10
    assert primary_shards(300 * GIB + 1) == 11


@pytest.mark.parametrize("gib", [10, 29, 31, 59, 61, 1_000, 20_000, 123_457])
def test_shards_of_an_index_past_10_gib_stay_within_10_to_50_gib(gib):
    size = gib * GIB / primary_shards(gib * GIB)
    assert 10 * GIB <= size <= 50 * GIB


def test_shards_per_node_follow_the_heap():
    # 25 per GiB of heap; heap = half the RAM, at most 31 GiB
    assert shards_per_node("t3.small.search") == 25  # 2 GiB RAM, 1 GiB heap
    assert shards_per_node("m6g.large.search") == 100  # 8 GiB, 4 GiB heap
    assert shards_per_node("r6g.4xlarge.search") == 775  # 128 GiB, 31 GiB heap
    assert shards_per_node("r6g.12xlarge.search") == 775  # the heap stops at 31 GiB


def test_shards_per_node_never_pass_the_cluster_default(monkeypatch):
    monkeypatch.setattr(capacity, "SEARCH_SHARDS_PER_HEAP_GIB", 50)
    assert shards_per_node("r6g.12xlarge.search") == 1_000


def test_a_node_more_is_needed_one_shard_past_the_heap_rule():
    # r6g.large: 16 GiB RAM -> 8 GiB heap -> 200 shards
    assert search_nodes("r6g.large.search", 200, 0, 0, 1) == 1
    assert search_nodes("r6g.large.search", 201, 0, 0, 1) == 2
    # or one byte past its largest volume (1,024 GiB)
    assert search_nodes("r6g.large.search", 1, 1_024 * GIB, 0, 1) == 1
    assert search_nodes("r6g.large.search", 1, 1_024 * GIB + 1, 0, 1) == 2
    # and never fewer than the environment deploys
    assert search_nodes("r6g.large.search", 1, 0, 0, 2) == 2


def test_ten_billion_documents_are_spread_over_30_gib_shards():
    search = plan(TEN_MILLION, "prod").search
    # 10B x 2,000 B = 18.2 TiB of primaries
    assert search.primary_shards == math.ceil(10_000_000_000 * 2_000 / (30 * GIB))
    assert search.total_shards == 2 * search.primary_shards  # one replica
    assert search.data_nodes <= capacity.SEARCH_MAX_DATA_NODES
    assert search.data_nodes * shards_per_node(search.node_type) >= search.total_shards


# --- growth -----------------------------------------------------------------------------


@pytest.mark.parametrize("env", ["dev", "staging", "prod"])
def test_more_users_cost_more(env):
    totals = [
        plan(Workload(users, 1_000, 5, 50), env).total_usd
        for users in (1_000, 10_000, 100_000, 1_000_000, 10_000_000)
    ]
    assert totals == sorted(totals)
    assert len(set(totals)) == len(totals)


def test_each_input_moves_its_own_lines():
    base = plan(Workload(100_000, 500, 2, 20), "prod")
    more_views = plan(Workload(100_000, 500, 2, 40), "prod")
    more_images = plan(Workload(100_000, 1_000, 2, 20), "prod")
    more_uploads = plan(Workload(100_000, 500, 4, 20), "prod")
    cdn, stored = "data out", "Standard storage"
    assert line(more_views, "CloudFront", cdn).usd > line(base, "CloudFront", cdn).usd
    assert line(more_views, "S3", stored).usd == line(base, "S3", stored).usd
    assert more_images.storage.originals_bytes == 2 * base.storage.originals_bytes
    assert line(more_images, "CloudFront", cdn).usd == line(base, "CloudFront", cdn).usd
    assert more_uploads.functions.gb_seconds_month["ingest"] == pytest.approx(
        2 * base.functions.gb_seconds_month["ingest"]
    )
    assert more_uploads.rates.write_tx_peak > base.rates.write_tx_peak


def test_the_users_a_wall_is_reached_at_do_not_depend_on_the_users_given():
    small = plan(Workload(10_000, 1_000, 5, 50), "prod")
    large = plan(Workload(10_000_000, 1_000, 5, 50), "prod")
    for name in ("API Gateway stage", "Cognito", "Aurora single writer", "CloudFront requests"):
        assert small.users_at(wall(small, name)) == pytest.approx(large.users_at(wall(large, name)))


# --- environments -----------------------------------------------------------------------


def test_dev_is_single_zone_without_proxy_readers_masters_or_replicas():
    dev, prod = plan(SMALL, "dev"), plan(SMALL, "prod")
    services = {x.service for x in dev.bill}
    assert "RDS Proxy" not in services
    assert not [x for x in dev.bill if "masters" in x.item or x.item.startswith("reader")]
    assert dev.search.total_shards == dev.search.primary_shards
    assert line(dev, "VPC").quantity == 2 * 1 * 730  # two endpoints in one zone
    assert line(prod, "VPC").quantity == 2 * 2 * 730
    assert line(prod, "RDS Proxy").quantity == 8 * 730  # the proxy's 8 ACU minimum
    assert line(prod, "OpenSearch", "3 x").quantity == 3 * 730
    assert prod.search.total_shards == 2 * prod.search.primary_shards
    assert prod.database.readers == 1
    assert prod.total_usd > dev.total_usd


def test_only_prod_moves_old_originals_to_infrequent_access():
    # 100 images each, 1 upload a day: 30 of the 100 are younger than 30 days
    dev, prod = plan(SMALL, "dev"), plan(SMALL, "prod")
    assert dev.objects.ia_bytes == 0
    assert prod.objects.ia_bytes == pytest.approx(0.7 * prod.storage.originals_bytes)
    assert line(prod, "S3", "Standard-IA storage").quantity == pytest.approx(
        prod.objects.ia_bytes / GIB
    )


def test_the_proxy_multiplexes_connections_only_where_it_is_deployed():
    dev, prod = plan(TEN_MILLION, "dev"), plan(TEN_MILLION, "prod")
    assert dev.database.server_connections == dev.database.client_connections
    assert prod.database.server_connections < prod.database.client_connections / 5


def test_the_environments_mirror_cdk_json():
    environments = json.loads((ROOT / "cdk.json").read_text())["context"]["environments"]
    for name, env in capacity.ENVIRONMENTS.items():
        config = environments[name]
        database, search = config["database"], config["search"]
        assert (env.db_min_acu, env.db_max_acu) == (database["min_acu"], database["max_acu"])
        assert env.db_readers == database.get("readers", 0)
        assert env.db_proxy == database.get("proxy", True)
        assert env.search_type == search["instance_type"]
        assert env.search_nodes == search["instance_count"]
        assert env.search_masters == search.get("master_nodes", 0)
        assert env.search_master_type == search.get("master_instance_type")
        assert env.endpoint_zones == config.get("endpoint_zones", 2)
        assert env.api_throttle_rps == config.get("api_throttle", {}).get("rate_per_second", 100)
        functions = config.get("functions", {})
        for function, memory in env.memory_mb.items():
            assert memory == functions.get(function, {}).get("memory_mb", 512), (name, function)
        reserved = {
            function: settings["reserved_concurrency"]
            for function, settings in functions.items()
            if "reserved_concurrency" in settings and function in env.memory_mb
        }
        assert env.reserved == reserved, name


# --- the walls at 10M users -------------------------------------------------------------


def test_at_ten_million_users_one_writer_does_not_carry_reads_and_writes():
    p = plan(TEN_MILLION, "prod")
    assert p.database.shards > 1
    first_engine = p.first_wall(("engine",))
    assert first_engine.component.startswith("Aurora single writer")
    assert 1_000_000 < p.users_at(first_engine) < 10_000_000
    assert p.first_wall().kind == "setting"  # a number in cdk.json gives way first


def test_reads_on_readers_leave_the_writer_its_writes():
    today = plan(TEN_MILLION, "prod")
    readers = plan(TEN_MILLION, "prod", reads_on_readers=True)
    assert readers.database.shards == 1
    assert readers.database.readers >= 2
    assert readers.users_at(wall(readers, "Aurora single writer")) > 3 * today.users_at(
        wall(today, "Aurora single writer")
    )


def test_a_workload_needs_users():
    with pytest.raises(ValueError, match="users"):
        Workload(users=0, images_per_user=1, uploads_per_day=1, views_per_day=1)


# --- the command line -------------------------------------------------------------------


def test_the_cli_prints_the_bill_and_the_first_wall():
    done = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "capacity.py"), "--users", "1000",
         "--images-per-user", "1000", "--uploads-per-day", "5", "--views-per-day", "50",
         "--env", "dev"],
        capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "environment dev" in done.stdout
    assert "Monthly total" in done.stdout
    assert "First wall:" in done.stdout
    assert "RDS Proxy" not in done.stdout


def test_the_cli_refuses_a_workload_without_users(capsys):
    with pytest.raises(SystemExit) as exit_:
        capacity.main(["--users", "0", "--images-per-user", "1", "--uploads-per-day", "1",
                       "--views-per-day", "1"])  # fmt: skip
    assert exit_.value.code == 2
    assert "users must be" in capsys.readouterr().err


def test_serverless_capacity_is_billed_at_the_mean_not_the_peak():
    p = plan(TEN_MILLION, "prod")
    d = p.database
    # the peak hour is 3x the day's mean: the writers average a third of their peak ACU
    assert d.writer_acu_mean == pytest.approx(d.writer_acu_peak / 3)
    assert line(p, "Aurora", "writer").quantity == pytest.approx(
        d.shards * d.writer_acu_peak / 3 * 730
    )
