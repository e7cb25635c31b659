"""API: Cognito for sign-in, the HTTP API with its JWT authorizer, and one Lambda per resource
built from the shared route table; the event-driven functions (ingest on the queue, the
indexer and the maintenance on schedules, the deploy trigger) beside them."""

import json

from aws_cdk import Aws, Duration, RemovalPolicy, Stack, triggers
from aws_cdk import aws_apigatewayv2 as apigw
from aws_cdk import aws_apigatewayv2_authorizers as authorizers
from aws_cdk import aws_apigatewayv2_integrations as integrations
from aws_cdk import aws_certificatemanager as acm
from aws_cdk import aws_cognito as cognito
from aws_cdk import aws_events as events
from aws_cdk import aws_events_targets as targets
from aws_cdk import aws_iam as iam
from aws_cdk import aws_lambda as lambda_
from aws_cdk import aws_lambda_event_sources as sources
from aws_cdk import aws_logs as logs
from aws_cdk import aws_secretsmanager as secretsmanager
from constructs import Construct

from gallery.routes import EVENT_FUNCTIONS, FUNCTIONS, ROUTES
from stacks.config import EnvironmentConfig, retention
from stacks.data import DataStack
from stacks.functions import FACTS
from stacks.layers import ROOT, dependency_layers
from stacks.nag import acknowledge_public_route, acknowledge_wildcards
from stacks.network import NetworkStack
from stacks.search import SearchStack
from stacks.storage import StorageStack
from stacks.web import WebStack

RUNTIME = lambda_.Runtime.PYTHON_3_12


class ApiStack(Stack):
    def __init__(
        self, scope: Construct, id: str, *, config: EnvironmentConfig, network: NetworkStack,
        storage: StorageStack, data: DataStack, search: SearchStack, web: WebStack, **kwargs,
    ):  # fmt: skip
        super().__init__(scope, id, **kwargs)
        self.config = config
        self.user_pool = cognito.UserPool(
            self, "Users",
            self_sign_up_enabled=True,
            sign_in_aliases=cognito.SignInAliases(email=True),
            auto_verify=cognito.AutoVerifiedAttrs(email=True),
            password_policy=cognito.PasswordPolicy(
                min_length=12, require_digits=True, require_lowercase=True,
                require_uppercase=True, require_symbols=True,
            ),
            mfa=cognito.Mfa.OPTIONAL,
            mfa_second_factor=cognito.MfaSecondFactor(sms=False, otp=True),
            feature_plan=cognito.FeaturePlan.PLUS,
            standard_threat_protection_mode=cognito.StandardThreatProtectionMode.FULL_FUNCTION,
            account_recovery=cognito.AccountRecovery.EMAIL_ONLY,
            email=self._email(config),
        )  # fmt: skip
        # the dashboard where it is served (its domain, or its CloudFront domain) and extras
        callbacks = [f"{origin}/auth/callback" for origin in web.origins]
        self.web_client = self.user_pool.add_client(
            "Web",
            o_auth=cognito.OAuthSettings(
                flows=cognito.OAuthFlows(authorization_code_grant=True),
                scopes=[cognito.OAuthScope.OPENID, cognito.OAuthScope.EMAIL],
                callback_urls=callbacks, logout_urls=list(web.origins),
            ),
            prevent_user_existence_errors=True,
        )  # fmt: skip
        # the hosted UI the dashboard signs in with (the prefix must be free in the region)
        self.user_pool.add_domain(
            "HostedUi",
            cognito_domain=cognito.CognitoDomainOptions(
                domain_prefix=f"{config.stack_prefix}-gallery"
            ),
        )
        self.issuer = (
            f"https://cognito-idp.{self.region}.amazonaws.com/{self.user_pool.user_pool_id}"
        )
        # the dashboard sends the ID token (it carries the e-mail; access tokens do not)
        self.authorizer = authorizers.HttpJwtAuthorizer(
            "Jwt", self.issuer, jwt_audience=[self.web_client.user_pool_client_id]
        )

        core = lambda_.LayerVersion(
            self, "Core",
            code=lambda_.Code.from_asset(str(ROOT / "layers" / "core"),
                                         exclude=["**/__pycache__", "**/*.pyc"]),
            compatible_runtimes=[RUNTIME], compatible_architectures=[lambda_.Architecture.ARM_64],
            description="the gallery core package",
        )  # fmt: skip
        self.layers = {
            name: lambda_.LayerVersion(
                self,
                f"Dependencies{name.capitalize()}",
                code=lambda_.Code.from_asset(str(folder)),
                compatible_runtimes=[RUNTIME],
                compatible_architectures=[lambda_.Architecture.ARM_64],
                description=f"third-party packages: {name}",
            )
            for name, folder in dependency_layers("arm64").items()
        }
        cdn_key = secretsmanager.Secret.from_secret_name_v2(
            self, "CdnKey", config.cdn_private_key_secret_name
        )
        # share links' tokens are HMACs under it (README: share links); made here, random
        link_key = secretsmanager.Secret(
            self, "ShareLinkKey",
            description="the key share links' tokens are derived from (HMAC of the link's id)",
            generate_secret_string=secretsmanager.SecretStringGenerator(
                exclude_punctuation=True, password_length=64
            ),
            removal_policy=RemovalPolicy.RETAIN if config.retain_data else RemovalPolicy.DESTROY,
        )  # fmt: skip
        environment = {
            "GALLERY_ENVIRONMENT": config.name,
            "GALLERY_BUCKET_NAME": storage.bucket.bucket_name,
            "GALLERY_AWS_REGION": self.region,
            "GALLERY_CDN_BASE_URL": storage.cdn_base_url,
            "GALLERY_CDN_KEY_PAIR_ID": storage.public_key.public_key_id,
            "GALLERY_CDN_PRIVATE_KEY_SECRET_ARN": cdn_key.secret_arn,
            "GALLERY_DATABASE_HOST": data.endpoint,
            "GALLERY_SEARCH_BACKEND": "opensearch",
            "GALLERY_SEARCH_URL": f"https://{search.domain.domain_endpoint}",
            "GALLERY_SEARCH_SIGV4": "true",
            "GALLERY_SEARCH_REPLICAS": "1" if config.search.instance_count > 1 else "0",
            "GALLERY_SEARCH_SHARDS": str(config.search.shards),
            "GALLERY_PLANS": config.plans_setting(),
            "GALLERY_MAX_IMAGE_PIXELS": str(config.max_image_pixels),
            "GALLERY_WEB_BASE_URL": web.origin,  # share links open the dashboard
            "POWERTOOLS_METRICS_NAMESPACE": "PingvasGallery",
            "POWERTOOLS_LOG_LEVEL": "INFO",
        }
        self.functions: dict[str, lambda_.Function] = {}
        self.entry_points: dict[str, lambda_.IFunction] = {}
        for name in (*FUNCTIONS, *EVENT_FUNCTIONS):
            settings, facts = config.function(name), FACTS[name]
            self.functions[name] = function = lambda_.Function(
                self, f"{name.capitalize()}Function",
                runtime=RUNTIME,
                architecture=lambda_.Architecture.ARM_64,
                # every function ships the functions/ folder (the docs function imports the
                # other routers) and runs its own handler, as the local gateway does
                code=lambda_.Code.from_asset(str(ROOT / "functions"),
                                             exclude=["**/__pycache__", "**/*.pyc"]),
                handler=f"{name}.handler.lambda_handler",
                layers=[core, self.layers["base"],
                        *(self.layers[layer] for layer in facts.layers)],
                memory_size=settings.memory_mb,
                timeout=Duration.seconds(settings.timeout_seconds),
                reserved_concurrent_executions=settings.reserved_concurrency,
                vpc=network.vpc, vpc_subnets=network.isolated,
                security_groups=[network.functions_sg],
                environment={**environment, "POWERTOOLS_SERVICE_NAME": f"gallery-{name}"},
                tracing=lambda_.Tracing.ACTIVE,
                log_group=logs.LogGroup(
                    self, f"{name.capitalize()}Logs", retention=retention(config)
                ),
                snap_start=lambda_.SnapStartConf.ON_PUBLISHED_VERSIONS
                if settings.snap_start else None,
            )  # fmt: skip
            # what routes, queues, schedules and callers invoke: with SnapStart, the alias of
            # the version published with each deploy (SnapStart serves no $LATEST)
            self.entry_points[name] = function
            if settings.snap_start:
                self.entry_points[name] = lambda_.Alias(
                    self, f"{name.capitalize()}Live", alias_name="live",
                    version=function.current_version,
                )  # fmt: skip
            for login in facts.logins:
                secret = data.login_secrets[login]
                secret.grant_read(function)
                key = {"app": "", "worker": "WORKER_", "visitor": "VISITOR_"}[login]
                function.add_environment(f"GALLERY_{key}DATABASE_SECRET_ARN", secret.secret_arn)
            if facts.signs_urls:
                cdn_key.grant_read(function)
            if facts.derives_link_tokens:
                link_key.grant_read(function)
                function.add_environment("GALLERY_SHARE_LINK_KEY_SECRET_ARN", link_key.secret_arn)

        self._grant_storage()
        self._grant_dashboard()
        self._grant_search()
        indexer = self.entry_points["indexer"]  # an alias's name and ARN carry its qualifier
        for name in (name for name, facts in FACTS.items() if facts.nudges_indexer):
            self._allow(name, ["lambda:InvokeFunction"], [indexer.function_arn], "")
            self.functions[name].add_environment(
                "GALLERY_INDEXER_FUNCTION_NAME", indexer.function_name
            )
        exporter = self.entry_points["exporter"]
        for name in (name for name, facts in FACTS.items() if facts.starts_exports):
            self._allow(name, ["lambda:InvokeFunction"], [exporter.function_arn], "")
            self.functions[name].add_environment(
                "GALLERY_EXPORTER_FUNCTION_NAME", exporter.function_name
            )
        # The event source never runs more batches than the function may: throttled batches
        # would go back to the queue, spend a receive each and reach the dead letters.
        ingest_concurrency = config.function("ingest").reserved_concurrency
        self.entry_points["ingest"].add_event_source(sources.SqsEventSource(
            storage.queue, batch_size=10, max_batching_window=Duration.seconds(1),
            report_batch_item_failures=True,
            max_concurrency=ingest_concurrency,
        ))  # fmt: skip
        for name, facts in FACTS.items():
            if facts.every_minutes:
                events.Rule(
                    self, f"{name.capitalize()}Schedule",
                    schedule=events.Schedule.rate(Duration.minutes(facts.every_minutes)),
                    targets=[targets.LambdaFunction(self.entry_points[name])],
                )  # fmt: skip
        deploy = self.functions["deploy"]
        data.owner_secret.grant_read(deploy)
        deploy.add_environment("GALLERY_MIGRATE_DATABASE_SECRET_ARN", data.owner_secret.secret_arn)
        # Runs on every deploy whose functions or layers changed (migrations live in the core
        # layer), before CloudFormation reports the stack done.
        self.prepare = triggers.Trigger(
            self, "Prepare", handler=deploy, timeout=Duration.minutes(10),
            invocation_type=triggers.InvocationType.REQUEST_RESPONSE,
        )  # fmt: skip

        mapping = {}
        if config.api_domain:
            certificate = acm.Certificate.from_certificate_arn(
                self, "Certificate", config.api_certificate_arn
            )
            domain = apigw.DomainName(
                self, "Domain", domain_name=config.api_domain, certificate=certificate
            )
            mapping = {"default_domain_mapping": apigw.DomainMappingOptions(domain_name=domain)}
        self.http_api = apigw.HttpApi(
            self, "Api",
            **mapping,
            description=f"{config.stack_prefix} gallery API",
            cors_preflight=apigw.CorsPreflightOptions(
                allow_origins=web.origins,
                allow_methods=[apigw.CorsHttpMethod.ANY],
                allow_headers=["authorization", "content-type", "x-share-grant"],
                max_age=Duration.hours(1),
            ),
        )  # fmt: skip
        integrations_by_function = {
            name: integrations.HttpLambdaIntegration(f"{name.capitalize()}Integration",
                                                      self.entry_points[name])
            for name in FUNCTIONS
        }  # fmt: skip
        for route in ROUTES:
            (added,) = self.http_api.add_routes(
                path=route.path,
                methods=[apigw.HttpMethod[route.method]],
                integration=integrations_by_function[route.function],
                authorizer=self.authorizer if route.auth else apigw.HttpNoneAuthorizer(),
            )
            if not route.auth:
                acknowledge_public_route(added)
        access_logs = logs.LogGroup(self, "AccessLogs", retention=retention(config))
        stage = self.http_api.default_stage.node.default_child
        # every route's limit (API Gateway answers 429 beyond it), before Lambda or the database
        stage.default_route_settings = apigw.CfnStage.RouteSettingsProperty(
            throttling_rate_limit=config.api_throttle.rate_per_second,
            throttling_burst_limit=config.api_throttle.burst,
        )
        stage.access_log_settings = apigw.CfnStage.AccessLogSettingsProperty(
            destination_arn=access_logs.log_group_arn,
            format=json.dumps({
                "requestId": "$context.requestId", "ip": "$context.identity.sourceIp",
                "method": "$context.httpMethod", "route": "$context.routeKey",
                "status": "$context.status", "latency": "$context.responseLatency",
                "integrationError": "$context.integrationErrorMessage",
            }),
        )  # fmt: skip

    def _email(self, config: EnvironmentConfig) -> cognito.UserPoolEmail | None:
        """Sign-up and recovery mails through SES where configured (prod must); elsewhere
        Cognito's own sender, which stops at 50 mails a day: enough for test users."""
        if not config.ses_from_email:
            return None
        return cognito.UserPoolEmail.with_ses(
            from_email=config.ses_from_email, from_name="Pingvas Gallery",
            ses_verified_domain=config.ses_verified_domain,
        )  # fmt: skip

    def _allow(self, function: str, actions: list[str], resources: list[str], why: str) -> None:
        """One least-privilege statement on a function's role; its wildcards (per-user
        prefixes, the domain's indices) acknowledged for cdk-nag with ``why``."""
        self.functions[function].add_to_role_policy(
            iam.PolicyStatement(actions=actions, resources=resources)
        )
        acknowledge_wildcards(self.functions[function], actions, resources, why)

    def _grant_storage(self) -> None:
        bucket = f"arn:{Aws.PARTITION}:s3:::{self.config.images_bucket_name}"
        why = "one role serves every user: objects are addressed by per-user prefixes"
        for name, facts in FACTS.items():
            for grant in facts.s3:
                objects = [f"{bucket}/users/*" if kind == "*" else f"{bucket}/users/*/{kind}/*"
                           for kind in grant.kinds]  # fmt: skip
                self._allow(name, list(grant.actions), objects or [bucket], why)

    def _grant_dashboard(self) -> None:
        """Share pages are the dashboard's index.html with a link's card tags: that one
        object of the site bucket, named by configuration (the web stack comes first), and
        its key names, so that an index.html not deployed yet is missing (404), not refused
        (403)."""
        bucket = f"arn:{Aws.PARTITION}:s3:::{self.config.site_bucket_name}"
        for name, facts in FACTS.items():
            if facts.reads_dashboard:
                self.functions[name].add_to_role_policy(
                    iam.PolicyStatement(
                        actions=["s3:GetObject"], resources=[f"{bucket}/index.html"]
                    )
                )
                self.functions[name].add_to_role_policy(
                    iam.PolicyStatement(actions=["s3:ListBucket"], resources=[bucket])
                )
                self.functions[name].add_environment(
                    "GALLERY_SITE_BUCKET_NAME", self.config.site_bucket_name
                )

    def _grant_search(self) -> None:
        domain = (f"arn:{Aws.PARTITION}:es:{Aws.REGION}:{Aws.ACCOUNT_ID}:domain/"
                  f"{self.config.search_domain_name}/*")  # fmt: skip
        why = "the domain's indices (the alias and its versioned indices)"
        read = ["es:ESHttpGet", "es:ESHttpHead", "es:ESHttpPost"]
        actions = {"read": read, "write": [*read, "es:ESHttpPut", "es:ESHttpDelete"]}
        for name, facts in FACTS.items():
            if facts.search:
                self._allow(name, actions[facts.search], [domain], why)
