"""All the stacks of one environment, wired together, with cdk-nag's AWS Solutions checks."""

import aws_cdk as cdk
from aws_cdk import aws_lambda as lambda_
from aws_cdk import aws_logs as logs
from cdk_nag import AwsSolutionsChecks

from stacks import config as configuration
from stacks.api import ApiStack
from stacks.data import DataStack
from stacks.nag import acknowledge
from stacks.network import NetworkStack
from stacks.observability import ObservabilityStack
from stacks.search import SearchStack
from stacks.site import DIST, SiteStack
from stacks.storage import StorageStack
from stacks.web import WebStack


def build(app: cdk.App, env_name: str) -> dict[str, cdk.Stack]:
    environments = app.node.try_get_context("environments") or {}
    config = configuration.load({"environments": environments}, env_name)
    env = cdk.Environment(account=config.account, region=config.region)
    prefix = config.stack_prefix
    network = NetworkStack(app, f"{prefix}-network", config=config, env=env)
    # the dashboard's distribution first: storage and api name its origin
    web = WebStack(app, f"{prefix}-web", config=config, env=env)
    storage = StorageStack(app, f"{prefix}-storage", config=config, web=web, env=env)
    data = DataStack(app, f"{prefix}-data", config=config, network=network, env=env)
    search = SearchStack(app, f"{prefix}-search", config=config, network=network, env=env)
    api = ApiStack(
        app, f"{prefix}-api", config=config, network=network, storage=storage, data=data,
        search=search, web=web, env=env,
    )  # fmt: skip
    site = None
    if (DIST / "index.html").exists():  # `make web` builds it (make synth does)
        site = SiteStack(app, f"{prefix}-site", config=config, web=web, api=api, env=env)
    observability = ObservabilityStack(
        app, f"{prefix}-observability", config=config, storage=storage, data=data,
        search=search, api=api, env=env,
    )  # fmt: skip
    stacks = {"network": network, "web": web, "storage": storage, "data": data,
              "search": search, "api": api, "site": site,
              "observability": observability}  # fmt: skip
    stacks = {kind: stack for kind, stack in stacks.items() if stack is not None}
    for stack in stacks.values():
        retain_function_logs(stack, config)
        cdk.Tags.of(stack).add("project", "pingvas-gallery")
        cdk.Tags.of(stack).add("environment", config.name)
        acknowledge(stack, config)
    cdk.Validations.of(app).add_plugins(AwsSolutionsChecks(app))
    return stacks


def retain_function_logs(stack: cdk.Stack, config: configuration.EnvironmentConfig) -> None:
    """Gives every Lambda function that CDK creates for itself (custom resources, bucket
    notifications, triggers, the site copier) a log group with the environment's retention:
    otherwise Lambda creates one on first run that keeps logs forever."""
    functions = [c for c in stack.node.find_all() if isinstance(c, cdk.CfnResource)
                 and c.cfn_resource_type == "AWS::Lambda::Function"]  # fmt: skip
    for function in functions:
        if isinstance(function, lambda_.CfnFunction) and function.logging_config is not None:
            continue  # ours: the stacks give each its log group
        group = logs.LogGroup(
            function.node.scope,
            f"{function.node.id}Logs",
            retention=configuration.retention(config),
        )
        function.add_property_override("LoggingConfig.LogGroup", group.log_group_name)
