"""Search: an OpenSearch Service domain in the VPC (HTTPS only, encrypted at rest and between
nodes, zone-aware from two nodes) with the Korean analysis plugin (nori) associated."""

from aws_cdk import RemovalPolicy, Stack
from aws_cdk import aws_ec2 as ec2
from aws_cdk import aws_iam as iam
from aws_cdk import aws_logs as logs
from aws_cdk import aws_opensearchservice as opensearch
from aws_cdk import custom_resources as cr
from constructs import Construct

from stacks.config import EnvironmentConfig
from stacks.network import NetworkStack


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
        self.domain = opensearch.Domain(
            self, "Domain",
            domain_name=config.search_domain_name,
            version=opensearch.EngineVersion.OPENSEARCH_2_19,
            capacity=opensearch.CapacityConfig(
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
                    self, "SlowSearches", retention=logs.RetentionDays.ONE_MONTH
                ),
                slow_index_log_enabled=True,
                slow_index_log_group=logs.LogGroup(
                    self, "SlowIndexing", retention=logs.RetentionDays.ONE_MONTH
                ),
                app_log_enabled=True,
                app_log_group=logs.LogGroup(self, "Errors", retention=logs.RetentionDays.ONE_MONTH),
            ),
            # signed requests of this account's roles only (the functions hold the grants)
            access_policies=[iam.PolicyStatement(
                principals=[iam.AccountRootPrincipal()],
                actions=["es:ESHttp*"],
                resources=[f"arn:aws:es:{self.region}:{self.account}:domain/*"],
            )],
            removal_policy=RemovalPolicy.RETAIN if config.retain_data else RemovalPolicy.DESTROY,
        )  # fmt: skip
        # nori: an OpenSearch Service package, associated once the domain exists
        call = cr.AwsSdkCall(
            service="OpenSearch",
            action="associatePackage",
            parameters={"PackageID": search.nori_package_id, "DomainName": self.domain.domain_name},
            physical_resource_id=cr.PhysicalResourceId.of(f"nori-{search.nori_package_id}"),
        )
        cr.AwsCustomResource(
            self, "Nori",
            on_create=call,
            on_update=call,
            policy=cr.AwsCustomResourcePolicy.from_sdk_calls(
                resources=[self.domain.domain_arn,
                           f"arn:aws:es:{self.region}:{self.account}:package/{search.nori_package_id}"]
            ),
            install_latest_aws_sdk=False,
        )  # fmt: skip
