"""Observability: alarms (to an e-mail topic) on what needs a person, and one dashboard."""

from aws_cdk import Duration, Stack
from aws_cdk import aws_cloudwatch as cloudwatch
from aws_cdk import aws_cloudwatch_actions as actions
from aws_cdk import aws_iam as iam
from aws_cdk import aws_kms as kms
from aws_cdk import aws_sns as sns
from aws_cdk import aws_sns_subscriptions as subscriptions
from constructs import Construct

from gallery.routes import FUNCTIONS
from stacks.api import ApiStack
from stacks.config import EnvironmentConfig
from stacks.data import DataStack
from stacks.search import SearchStack
from stacks.storage import StorageStack

FIVE_MINUTES = Duration.minutes(5)


class ObservabilityStack(Stack):
    def __init__(
        self, scope: Construct, id: str, *, config: EnvironmentConfig, storage: StorageStack,
        data: DataStack, search: SearchStack, api: ApiStack, **kwargs,
    ):  # fmt: skip
        super().__init__(scope, id, **kwargs)
        # a key of our own: CloudWatch cannot publish with the AWS-managed alias/aws/sns,
        # whose policy cannot name it
        key = kms.Key(self, "AlarmsKey", enable_key_rotation=True,
                      description="encrypts the alarm topic")  # fmt: skip
        key.grant(iam.ServicePrincipal("cloudwatch.amazonaws.com"),
                  "kms:Decrypt", "kms:GenerateDataKey*")  # fmt: skip
        self.topic = sns.Topic(self, "Alarms", enforce_ssl=True, master_key=key)
        self.topic.add_subscription(subscriptions.EmailSubscription(config.alarm_email))
        notify = actions.SnsAction(self.topic)
        self.alarms: list[cloudwatch.Alarm] = []

        def alarm(name: str, metric: cloudwatch.IMetric, threshold: float, description: str,
                  comparison=cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
                  periods: int = 1,
                  missing=cloudwatch.TreatMissingData.NOT_BREACHING) -> None:  # fmt: skip
            created = cloudwatch.Alarm(
                self, name, metric=metric, threshold=threshold, evaluation_periods=periods,
                comparison_operator=comparison, alarm_description=description,
                treat_missing_data=missing,
            )  # fmt: skip
            created.add_alarm_action(notify)
            self.alarms.append(created)

        alarm("IngestDeadLetters",
              storage.dead_letters.metric_approximate_number_of_messages_visible(
                  period=FIVE_MINUTES, statistic="Maximum"),
              1, "uploads that ingest failed five times wait in the dead-letter queue")  # fmt: skip
        for name, function in api.functions.items():
            alarm(f"{name.capitalize()}Errors", function.metric_errors(period=FIVE_MINUTES),
                  5, f"the {name} function failed 5 times in 5 minutes")  # fmt: skip
        # Throttles only where a user waits: the jobs are throttled by design (reserved
        # concurrency 1-2, nudged after every write); their backlog is what matters.
        for name in FUNCTIONS:
            alarm(f"{name.capitalize()}Throttles",
                  api.functions[name].metric_throttles(period=FIVE_MINUTES),
                  5, f"the {name} function was throttled 5 times in 5 minutes (users saw "
                  "errors)")  # fmt: skip
        alarm("SearchOutboxAge",
              cloudwatch.Metric(namespace="PingvasGallery", metric_name="OutboxOldestAgeSeconds",
                                dimensions_map={"service": "gallery-indexer"},
                                period=FIVE_MINUTES, statistic="Maximum"),
              600, "a search change waits for more than 10 minutes (the indexer runs every "
              "minute): search is stale; no data (the indexer not running) counts too",
              periods=2, missing=cloudwatch.TreatMissingData.BREACHING)  # fmt: skip
        alarm("SearchOutboxParked",
              cloudwatch.Metric(namespace="PingvasGallery", metric_name="OutboxParkedRows",
                                dimensions_map={"service": "gallery-indexer"},
                                period=FIVE_MINUTES, statistic="Maximum"),
              1, "images failed indexing too often and wait in search_outbox (parked_at, "
              "last_error): fix the cause and put them back in line (README)")  # fmt: skip
        alarm("Api5xx", api.http_api.metric_server_error(period=FIVE_MINUTES),
              5, "the API answered 5xx 5 times in 5 minutes")  # fmt: skip
        alarm("SearchRed", search.domain.metric_cluster_status_red(period=Duration.minutes(1)),
              1, "the search cluster is red: some data is unassigned")  # fmt: skip
        alarm("SearchYellow", search.domain.metric_cluster_status_yellow(period=FIVE_MINUTES),
              1, "the search cluster is yellow (replicas unassigned)", periods=3)  # fmt: skip
        alarm("SearchWritesBlocked",
              search.domain.metric_cluster_index_writes_blocked(period=FIVE_MINUTES),
              1, "the search cluster blocks writes (disk or memory)")  # fmt: skip
        alarm("DatabaseCpu", data.cluster.metric_cpu_utilization(period=FIVE_MINUTES),
              80, "database CPU above 80 % for 15 minutes", periods=3)  # fmt: skip
        alarm("DatabaseConnections",
              data.cluster.metric_database_connections(period=FIVE_MINUTES),
              500, "more than 500 database connections (RDS Proxy should keep it low)")  # fmt: skip
        alarm("DatabaseCapacity",
              data.cluster.metric("ServerlessDatabaseCapacity", period=FIVE_MINUTES,
                                  statistic="Maximum"),
              config.database.max_acu, "the database is at its capacity ceiling",
              periods=3)  # fmt: skip

        dashboard = cloudwatch.Dashboard(
            self, "Dashboard", dashboard_name=f"{config.stack_prefix}-gallery"
        )
        dashboard.add_widgets(
            cloudwatch.GraphWidget(title="API requests and errors", left=[
                api.http_api.metric_count(period=FIVE_MINUTES),
                api.http_api.metric_client_error(period=FIVE_MINUTES),
                api.http_api.metric_server_error(period=FIVE_MINUTES)]),
            cloudwatch.GraphWidget(title="API latency p95", left=[
                api.http_api.metric_latency(period=FIVE_MINUTES, statistic="p95")]),
            cloudwatch.GraphWidget(title="Ingest queue", left=[
                storage.queue.metric_approximate_number_of_messages_visible(period=FIVE_MINUTES),
                storage.dead_letters.metric_approximate_number_of_messages_visible(
                    period=FIVE_MINUTES)]),
        )  # fmt: skip
        dashboard.add_widgets(
            cloudwatch.GraphWidget(title="Function errors", left=[
                f.metric_errors(period=FIVE_MINUTES) for f in api.functions.values()]),
            cloudwatch.GraphWidget(title="Function p95 duration", left=[
                f.metric_duration(period=FIVE_MINUTES, statistic="p95")
                for f in api.functions.values()]),
            cloudwatch.GraphWidget(title="Database", left=[
                data.cluster.metric_cpu_utilization(period=FIVE_MINUTES),
                data.cluster.metric_database_connections(period=FIVE_MINUTES)]),
        )  # fmt: skip
