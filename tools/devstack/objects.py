"""S3 and SQS on loopback from moto's server. moto keeps objects in memory only, so the
local stack saves the bucket to disk on shutdown and restores it on start.

The bucket is versioned, as in AWS (stacks/storage.py), and its ObjectCreated events carry
what S3's do and moto's lack: the ``versionId`` of the version written and a ``sequencer``
that orders the events of one key. Ingest relies on both (a reservation is used by exactly
one version; a reused form's version is removed).
"""

import itertools
import json
import logging
import threading
from pathlib import Path

import boto3
from moto.s3 import notifications
from moto.server import ThreadedMotoServer

_moto_event = notifications._get_s3_event
_sequencers = itertools.count(1)
_sequencer_lock = threading.Lock()


def _s3_event(event_name, bucket, key, notification_id):
    """moto's event, completed as S3 writes it."""
    event = _moto_event(event_name, bucket, key, notification_id)
    with _sequencer_lock:
        sequencer = f"{next(_sequencers):016X}"  # hex, growing: as S3's for one key
    obj = event["Records"][0]["s3"]["object"]
    obj["sequencer"] = sequencer
    if getattr(key, "version_id", None) and key.version_id != "null":
        obj["versionId"] = key.version_id
    return event


notifications._get_s3_event = _s3_event

CORS = {
    "CORSRules": [
        {
            "AllowedOrigins": ["*"],
            "AllowedMethods": ["GET", "HEAD", "POST"],
            "AllowedHeaders": ["*"],
            "MaxAgeSeconds": 3600,
        }
    ]
}


class LocalObjects:
    def __init__(self, port: int, bucket: str, region: str):
        self.port = port
        self.bucket = bucket
        self.region = region
        self.server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
        self.running = False

    @property
    def endpoint(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def client(self, service: str):
        return boto3.client(service, endpoint_url=self.endpoint, region_name=self.region)

    def start(self, restore_from: Path | None = None) -> None:
        """Starts the server and the bucket; a saved bucket is restored before S3 events are
        wired to the queue, so restoring does not re-ingest every image."""
        logging.getLogger("werkzeug").setLevel(logging.WARNING)  # one line per request
        self.server.start()
        self.running = True
        s3 = self.client("s3")
        s3.create_bucket(
            Bucket=self.bucket,
            CreateBucketConfiguration={"LocationConstraint": self.region},
        )
        s3.put_bucket_cors(Bucket=self.bucket, CORSConfiguration=CORS)
        s3.put_bucket_versioning(Bucket=self.bucket, VersioningConfiguration={"Status": "Enabled"})
        if restore_from is not None:
            self.restore(restore_from)
        self._wire_ingest_queue(s3)

    def _wire_ingest_queue(self, s3) -> None:
        """S3 ObjectCreated under users/ -> SQS (with a dead-letter queue), as in AWS."""
        sqs = self.client("sqs")
        dlq_url = sqs.create_queue(QueueName=f"{self.bucket}-ingest-dlq")["QueueUrl"]
        dlq_arn = sqs.get_queue_attributes(QueueUrl=dlq_url, AttributeNames=["QueueArn"])[
            "Attributes"
        ]["QueueArn"]
        redrive = json.dumps({"deadLetterTargetArn": dlq_arn, "maxReceiveCount": "3"})
        self.queue_url = sqs.create_queue(
            QueueName=f"{self.bucket}-ingest",
            Attributes={"RedrivePolicy": redrive, "VisibilityTimeout": "60"},
        )["QueueUrl"]
        self.queue_arn = sqs.get_queue_attributes(
            QueueUrl=self.queue_url, AttributeNames=["QueueArn"]
        )["Attributes"]["QueueArn"]
        s3.put_bucket_notification_configuration(
            Bucket=self.bucket,
            NotificationConfiguration={
                "QueueConfigurations": [
                    {
                        "QueueArn": self.queue_arn,
                        "Events": ["s3:ObjectCreated:*"],
                        "Filter": {"Key": {"FilterRules": [{"Name": "prefix", "Value": "users/"}]}},
                    }
                ]
            },
        )

    def stop(self) -> None:
        if self.running:
            self.server.stop()
            self.running = False

    def save(self, folder: Path) -> int:
        """Writes every object of the bucket under ``folder``; returns how many."""
        s3 = self.client("s3")
        count = 0
        for page in s3.get_paginator("list_objects_v2").paginate(Bucket=self.bucket):
            for item in page.get("Contents", []):
                answer = s3.get_object(Bucket=self.bucket, Key=item["Key"])
                target = folder / item["Key"]
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(answer["Body"].read())
                meta = target.with_name(target.name + ".meta")
                meta.write_text(f"{answer['ContentType']}\n{answer.get('CacheControl', '')}\n")
                count += 1
        return count

    def restore(self, folder: Path) -> int:
        if not folder.exists():
            return 0
        s3 = self.client("s3")
        count = 0
        for path in folder.rglob("*"):
            if not path.is_file() or path.name.endswith(".meta"):
                continue
            content_type, cache_control = (path.with_name(path.name + ".meta").read_text()
                                           .split("\n")[:2])  # fmt: skip
            extra = {"CacheControl": cache_control} if cache_control else {}
            key = path.relative_to(folder).as_posix()
            s3.put_object(
                Bucket=self.bucket,
                Key=key,
                Body=path.read_bytes(),
                ContentType=content_type,
                **extra,
            )
            count += 1
        return count
