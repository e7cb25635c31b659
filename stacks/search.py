"""Search: an OpenSearch Service domain in the VPC (HTTPS only, encrypted at rest and between
nodes, zone-aware from two nodes) with the Korean analysis plugin (nori) associated."""

from aws_cdk import CustomResource, Duration, RemovalPolicy, Stack
from aws_cdk import aws_ec2 as ec2
from aws_cdk import aws_iam as iam
from aws_cdk import aws_lambda as lambda_
from aws_cdk import aws_logs as logs
from aws_cdk import aws_opensearchservice as opensearch
from aws_cdk import aws_stepfunctions as sfn
from aws_cdk import custom_resources as cr
from constructs import Construct

from stacks.config import EnvironmentConfig, retention
from stacks.layers import ROOT
from stacks.nag import acknowledge_provider_framework
from stacks.network import NetworkStack

ENGINE = opensearch.EngineVersion.OPENSEARCH_2_19


class SearchStack(Stack):
    def __init__(
        self, scope: Construct, id: str, *, config: EnvironmentConfig, network: NetworkStack,
        **kwargs,
    ):  # fmt: skip
        super().__init__(scope, id, **kwargs)
        search = config.search
        self.search_sg = ec2.SecurityGroup(
            self, "Search", vpc=network.vpc, description="OpenSearch domain",
            allow_all_outbound=False,
        )  # fmt: skip
        self.search_sg.add_ingress_rule(network.functions_sg, ec2.Port.tcp(443), "functions")
        zones = min(search.instance_count, config.availability_zones)
        subnets = network.vpc.select_subnets(subnet_type=ec2.SubnetType.PRIVATE_ISOLATED)
        # A domain in a VPC needs OpenSearch's service-linked role, one per account: create
        # it, and take "has been taken" (another environment made it) as done.
        service_role = cr.AwsCustomResource(
            self, "ServiceLinkedRole",
            on_create=cr.AwsSdkCall(
                service="IAM", action="createServiceLinkedRole",
                parameters={"AWSServiceName": "opensearchservice.amazonaws.com"},
                physical_resource_id=cr.PhysicalResourceId.of(
                    "AWSServiceRoleForAmazonOpenSearchService"
                ),
                ignore_error_codes_matching="InvalidInput",
            ),
            policy=cr.AwsCustomResourcePolicy.from_statements([iam.PolicyStatement(
                actions=["iam:CreateServiceLinkedRole"],
                resources=[f"arn:aws:iam::{self.account}:role/aws-service-role/"
                           "opensearchservice.amazonaws.com/"
                           "AWSServiceRoleForAmazonOpenSearchService"],
                conditions={"StringEquals": {"iam:AWSServiceName":
                                             "opensearchservice.amazonaws.com"}},
            )]),
            install_latest_aws_sdk=False,
        )  # fmt: skip
        masters = {}
        if search.master_nodes:
            masters = {"master_nodes": search.master_nodes,
                       "master_node_instance_type": search.master_instance_type}  # fmt: skip
        self.domain = opensearch.Domain(
            self, "Domain",
            domain_name=config.search_domain_name,
            version=ENGINE,
            capacity=opensearch.CapacityConfig(
                **masters,
                data_nodes=search.instance_count,
                data_node_instance_type=search.instance_type,
                multi_az_with_standby_enabled=False,
            ),
            ebs=opensearch.EbsOptions(
                volume_size=search.volume_gb, volume_type=ec2.EbsDeviceVolumeType.GP3
            ),
            zone_awareness=opensearch.ZoneAwarenessConfig(
                enabled=zones >= 2, availability_zone_count=max(zones, 2)
            ),
            vpc=network.vpc,
            vpc_subnets=[ec2.SubnetSelection(subnets=subnets.subnets[:zones])],
            security_groups=[self.search_sg],
            encryption_at_rest=opensearch.EncryptionAtRestOptions(enabled=True),
            node_to_node_encryption=True,
            enforce_https=True,
            tls_security_policy=opensearch.TLSSecurityPolicy.TLS_1_2,
            logging=opensearch.LoggingOptions(
                slow_search_log_enabled=True,
                slow_search_log_group=logs.LogGroup(
                    self, "SlowSearches", retention=retention(config)
                ),
                slow_index_log_enabled=True,
                slow_index_log_group=logs.LogGroup(
                    self, "SlowIndexing", retention=retention(config)
                ),
                app_log_enabled=True,
                app_log_group=logs.LogGroup(self, "Errors", retention=retention(config)),
            ),
            # signed requests of this account's roles only (the functions hold the grants)
            access_policies=[iam.PolicyStatement(
                principals=[iam.AccountRootPrincipal()],
                actions=["es:ESHttp*"],
                resources=[f"arn:aws:es:{self.region}:{self.account}:domain/*"],
            )],
            removal_policy=RemovalPolicy.RETAIN if config.retain_data else RemovalPolicy.DESTROY,
        )  # fmt: skip
        self.domain.node.add_dependency(service_role)

        # nori: an AWS package associated once the domain exists; associating is a blue/green
        # deployment of the domain, so the resource is done only once it is ACTIVE
        def handler(name: str, entry: str) -> lambda_.Function:
            return lambda_.Function(
                self, name,
                runtime=lambda_.Runtime.PYTHON_3_12, architecture=lambda_.Architecture.ARM_64,
                code=lambda_.Code.from_asset(str(ROOT / "stacks" / "handlers")),
                handler=f"nori_package.{entry}", timeout=Duration.minutes(1),
                log_group=logs.LogGroup(self, f"{name}Logs", retention=retention(config)),
            )  # fmt: skip

        associate, wait = handler("NoriAssociate", "on_event"), handler("NoriWait", "is_complete")
        associate.add_to_role_policy(iam.PolicyStatement(
            actions=["es:DescribePackages"], resources=["*"],  # takes no resource
        ))  # fmt: skip
        for function in (associate, wait):
            function.add_to_role_policy(iam.PolicyStatement(
                actions=["es:AssociatePackage", "es:ListPackagesForDomain"],
                resources=[self.domain.domain_arn],
            ))  # fmt: skip
        provider = cr.Provider(
            self, "NoriProvider",
            on_event_handler=associate, is_complete_handler=wait,
            query_interval=Duration.minutes(1), total_timeout=Duration.hours(2),
            log_group=logs.LogGroup(self, "NoriProviderLogs", retention=retention(config)),
            disable_waiter_state_machine_logging=False,
            waiter_state_machine_log_options=cr.LogOptions(
                destination=logs.LogGroup(self, "NoriWaiterLogs", retention=retention(config)),
                level=sfn.LogLevel.ALL,
            ),
        )  # fmt: skip
        acknowledge_provider_framework(provider)
        properties = {"DomainName": self.domain.domain_name,
                      "EngineVersion": ENGINE.version}  # fmt: skip
        if search.nori_package_id:
            properties["PackageId"] = search.nori_package_id
        CustomResource(
            self, "Nori", service_token=provider.service_token,
            resource_type="Custom::NoriPackage", properties=properties,
        )  # fmt: skip
