"""Lambda SnapStart per function (cdk.json ``functions.<name>.snap_start``, off by default):
with it on, the function publishes a version with SnapStart and everything that invokes it
(its API routes, its queue, its schedule, the functions that start it) goes through the
alias of that version, as SnapStart serves no ``$LATEST``."""

import json
import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
ON = ("files", "ingest", "indexer")  # an API function, the queue's, a scheduled and nudged one


@pytest.fixture(scope="module")
def templates(tmp_path_factory) -> dict[str, dict]:
    """The dev API stack's template with SnapStart off (as configured) and on for ON."""
    os.environ.setdefault("JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION", "20")
    import aws_cdk as cdk
    from aws_cdk.assertions import Template

    from stacks.app import build

    context = json.loads((ROOT / "cdk.json").read_text())["context"]
    out = {}
    for case in ("off", "on"):
        environments = json.loads(json.dumps(context["environments"]))
        if case == "on":
            functions = environments["dev"].setdefault("functions", {})
            for name in ON:
                functions[name] = {**functions.get(name, {}), "snap_start": True}
        app = cdk.App(context={**context, "environments": environments, "env": "dev"},
                      outdir=str(tmp_path_factory.mktemp(f"cdk-snap-{case}")))  # fmt: skip
        api = build(app, "dev")["api"]
        app.synth()  # cdk-nag included
        out[case] = Template.from_stack(api).to_json()
    return out


def of_type(template: dict, kind: str) -> dict[str, dict]:
    return {k: v for k, v in template["Resources"].items() if v["Type"] == kind}


def function_id(template: dict, name: str) -> str:
    (found,) = [k for k, v in of_type(template, "AWS::Lambda::Function").items()
                if v["Properties"]["Handler"] == f"{name}.handler.lambda_handler"]  # fmt: skip
    return found


def alias_id(template: dict, name: str) -> str:
    function = function_id(template, name)
    (found,) = [k for k, v in of_type(template, "AWS::Lambda::Alias").items()
                if v["Properties"]["FunctionName"] == {"Ref": function}]  # fmt: skip
    return found


def test_snap_start_is_off_unless_configured(templates):
    off = templates["off"]
    for resource in of_type(off, "AWS::Lambda::Function").values():
        assert "SnapStart" not in resource["Properties"]
    assert not of_type(off, "AWS::Lambda::Alias")
    # the deploy trigger's own version is the only one
    versions = [
        v["Properties"]["FunctionName"] for v in of_type(off, "AWS::Lambda::Version").values()
    ]
    assert versions == [{"Ref": function_id(off, "deploy")}]


def test_a_function_with_snap_start_publishes_a_version_behind_an_alias(templates):
    on = templates["on"]
    functions = of_type(on, "AWS::Lambda::Function")
    for name in ON:
        properties = functions[function_id(on, name)]["Properties"]
        assert properties["SnapStart"] == {"ApplyOn": "PublishedVersions"}
        alias = on["Resources"][alias_id(on, name)]["Properties"]
        assert alias["Name"] == "live"
        version = on["Resources"][alias["FunctionVersion"]["Fn::GetAtt"][0]]
        assert version["Type"] == "AWS::Lambda::Version"
        assert version["Properties"]["FunctionName"] == {"Ref": function_id(on, name)}
    others = {function_id(on, name) for name in ("uploads", "search", "docs", "deploy")}
    for logical_id in others:
        assert "SnapStart" not in functions[logical_id]["Properties"]
    assert len(of_type(on, "AWS::Lambda::Alias")) == len(ON)


def test_routes_queue_schedules_and_callers_invoke_the_alias(templates):
    on = templates["on"]
    files, ingest, indexer = (alias_id(on, name) for name in ON)
    # the files routes' integration, and API Gateway's right to invoke the alias
    uris = [i["Properties"]["IntegrationUri"]
            for i in of_type(on, "AWS::ApiGatewayV2::Integration").values()]  # fmt: skip
    assert {"Ref": files} in uris
    assert {"Fn::GetAtt": [function_id(on, "files"), "Arn"]} not in uris
    # without SnapStart: the function itself, as before
    assert {"Fn::GetAtt": [function_id(on, "uploads"), "Arn"]} in uris
    permissions = [p["Properties"] for p in of_type(on, "AWS::Lambda::Permission").values()]
    assert any(p["FunctionName"] == {"Ref": files}
               and p["Principal"] == "apigateway.amazonaws.com" for p in permissions)  # fmt: skip
    # the ingest queue's event source
    (mapping,) = of_type(on, "AWS::Lambda::EventSourceMapping").values()
    source = json.dumps(mapping["Properties"]["FunctionName"])  # the alias's qualified name
    assert ingest in source or (function_id(on, "ingest") in source and '":live"' in source)
    # the indexer's schedule, and the functions that nudge it (name and right)
    rules = [r["Properties"] for r in of_type(on, "AWS::Events::Rule").values()]
    targets = [t["Arn"] for r in rules for t in r.get("Targets", [])]
    assert {"Ref": indexer} in targets
    files_env = of_type(on, "AWS::Lambda::Function")[function_id(on, "files")]["Properties"]
    name = files_env["Environment"]["Variables"]["GALLERY_INDEXER_FUNCTION_NAME"]
    assert ":live" in json.dumps(name)
    policies = json.dumps(of_type(on, "AWS::IAM::Policy"))
    assert json.dumps({"Ref": indexer}) in policies


def test_the_deploy_trigger_refuses_snap_start():
    from stacks.config import load

    context = json.loads((ROOT / "cdk.json").read_text())["context"]
    dev = json.loads(json.dumps(context["environments"]["dev"]))
    dev["functions"]["deploy"] = {**dev["functions"]["deploy"], "snap_start": True}
    with pytest.raises(ValueError, match="deploy"):
        load({"environments": {"dev": dev}}, "dev")
