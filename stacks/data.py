"""Data: Aurora PostgreSQL Serverless v2 behind RDS Proxy, in isolated subnets. The owner's
credentials and one secret per application login (app, worker, visitor) in Secrets
Manager; the deploy function creates the logins with these passwords."""

import json

from aws_cdk import Duration, RemovalPolicy, Stack
from aws_cdk import aws_ec2 as ec2
from aws_cdk import aws_logs as logs
from aws_cdk import aws_rds as rds
from aws_cdk import aws_secretsmanager as secretsmanager
from constructs import Construct

from stacks.config import EnvironmentConfig, retention
from stacks.network import NetworkStack

LOGINS = {"app": "gallery_api", "worker": "gallery_jobs", "visitor": "gallery_visitors"}


class DataStack(Stack):
    def __init__(
        self, scope: Construct, id: str, *, config: EnvironmentConfig, network: NetworkStack,
        **kwargs,
    ):  # fmt: skip
        super().__init__(scope, id, **kwargs)
        removal = RemovalPolicy.SNAPSHOT if config.retain_data else RemovalPolicy.DESTROY
        removal_logs = RemovalPolicy.RETAIN if config.retain_data else RemovalPolicy.DESTROY
        self.database_sg = ec2.SecurityGroup(
            self, "Database", vpc=network.vpc, description="Aurora and RDS Proxy",
            allow_all_outbound=False,
        )  # fmt: skip
        self.database_sg.add_ingress_rule(network.functions_sg, ec2.Port.tcp(5432), "functions")
        self.database_sg.add_ingress_rule(self.database_sg, ec2.Port.tcp(5432), "the proxy")
        self.owner_secret = rds.DatabaseSecret(self, "OwnerSecret", username="gallery_owner")
        readers = [
            rds.ClusterInstance.serverless_v2(f"reader{i}", scale_with_writer=True)
            for i in range(config.database.readers)
        ]
        # RDS exports into /aws/rds/cluster/<id>/postgresql: made here first, with retention
        # (a named cluster; CDK's cloudwatch_logs_retention would add a Lambda of its own)
        identifier = f"{config.stack_prefix}-database"
        postgres_logs = logs.LogGroup(
            self, "PostgresLogs", log_group_name=f"/aws/rds/cluster/{identifier}/postgresql",
            retention=retention(config), removal_policy=removal_logs,
        )  # fmt: skip
        self.cluster = rds.DatabaseCluster(
            self, "Cluster",
            cluster_identifier=identifier,
            engine=rds.DatabaseClusterEngine.aurora_postgres(
                version=rds.AuroraPostgresEngineVersion.VER_17_9
            ),
            writer=rds.ClusterInstance.serverless_v2("writer"),
            readers=readers,
            serverless_v2_min_capacity=config.database.min_acu,
            serverless_v2_max_capacity=config.database.max_acu,
            credentials=rds.Credentials.from_secret(self.owner_secret),
            default_database_name="gallery",
            vpc=network.vpc, vpc_subnets=network.isolated, security_groups=[self.database_sg],
            storage_encrypted=True,
            iam_authentication=True,
            deletion_protection=config.retain_data,
            backup=rds.BackupProps(retention=Duration.days(config.database.backup_days)),
            cloudwatch_logs_exports=["postgresql"],
            removal_policy=removal,
        )  # fmt: skip
        self.cluster.node.add_dependency(postgres_logs)
        self.login_secrets = {
            role: secretsmanager.Secret(
                self,
                f"{role.capitalize()}Login",
                description=f"the {role} login of the gallery database",
                generate_secret_string=secretsmanager.SecretStringGenerator(
                    secret_string_template=json.dumps({"username": user}),
                    generate_string_key="password",
                    exclude_punctuation=True,
                    password_length=40,
                ),
            )
            for role, user in LOGINS.items()
        }
        self.endpoint = self.cluster.cluster_endpoint.hostname
        if config.database.proxy:
            proxy = self.cluster.add_proxy(
                "Proxy",
                # DBProxyName is unique per account and region: one per environment
                db_proxy_name=f"{config.stack_prefix}-proxy",
                secrets=[self.owner_secret, *self.login_secrets.values()],
                vpc=network.vpc, vpc_subnets=network.isolated,
                security_groups=[self.database_sg],
                require_tls=True,
                # transaction-scoped settings only (set_config(..., true)): nothing pins
                idle_client_timeout=Duration.minutes(30),
            )  # fmt: skip
            self.endpoint = proxy.endpoint
