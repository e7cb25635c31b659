"""Network: a VPC with isolated subnets only (no NAT, no internet route) and the endpoints the
functions need to reach AWS services from inside it."""

from aws_cdk import Stack
from aws_cdk import aws_ec2 as ec2
from aws_cdk import aws_logs as logs
from constructs import Construct

from stacks.config import EnvironmentConfig, retention


class NetworkStack(Stack):
    def __init__(self, scope: Construct, id: str, *, config: EnvironmentConfig, **kwargs):
        super().__init__(scope, id, **kwargs)
        self.vpc = ec2.Vpc(
            self, "Vpc",
            max_azs=config.availability_zones,
            nat_gateways=0,
            subnet_configuration=[ec2.SubnetConfiguration(
                name="isolated", subnet_type=ec2.SubnetType.PRIVATE_ISOLATED, cidr_mask=22,
            )],
        )  # fmt: skip
        self.vpc.add_flow_log(
            "FlowLog",
            destination=ec2.FlowLogDestination.to_cloud_watch_logs(
                logs.LogGroup(self, "FlowLogs", retention=retention(config))
            ),
            traffic_type=ec2.FlowLogTrafficType.REJECT,
        )
        self.isolated = ec2.SubnetSelection(subnet_type=ec2.SubnetType.PRIVATE_ISOLATED)
        self.functions_sg = ec2.SecurityGroup(
            self, "Functions", vpc=self.vpc, description="Lambda functions",
            allow_all_outbound=True,
        )  # fmt: skip
        endpoints_sg = ec2.SecurityGroup(
            self, "Endpoints", vpc=self.vpc, description="VPC interface endpoints",
            allow_all_outbound=False,
        )  # fmt: skip
        endpoints_sg.add_ingress_rule(self.functions_sg, ec2.Port.tcp(443), "functions")
        # S3 (originals, thumbnails) through a free gateway endpoint; Secrets Manager (the
        # database logins, the CDN key) and Lambda (the indexer nudge) through interface
        # endpoints, in as many zones as the environment pays for. (Lambda's service polls
        # the ingest queue: the functions never call SQS.)
        self.vpc.add_gateway_endpoint("S3", service=ec2.GatewayVpcEndpointAwsService.S3)
        endpoint_subnets = ec2.SubnetSelection(
            subnet_type=ec2.SubnetType.PRIVATE_ISOLATED,
            availability_zones=self.vpc.availability_zones[: config.endpoint_zones],
        )
        for name, service in (
            ("SecretsManager", ec2.InterfaceVpcEndpointAwsService.SECRETS_MANAGER),
            ("Lambda", ec2.InterfaceVpcEndpointAwsService.LAMBDA_),
        ):
            self.vpc.add_interface_endpoint(
                name, service=service, subnets=endpoint_subnets, security_groups=[endpoints_sg],
                private_dns_enabled=True,
            )  # fmt: skip
