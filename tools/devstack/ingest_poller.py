"""Local stand-in for Lambda's SQS event source: long-polls the ingest queue, hands batches
to the ingest handler as SQS events, deletes what succeeded and leaves failures for
redelivery (the queue's redrive policy parks them in the dead-letter queue)."""

import hashlib
import logging
import threading
import time


class IngestPoller:
    def __init__(self, sqs, queue_url: str, queue_arn: str, invoke):
        self.sqs = sqs
        self.queue_url = queue_url
        self.queue_arn = queue_arn
        self.invoke = invoke  # (function, event) -> result, one invocation at a time
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="ingest-poller", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=10)

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                self.poll_once(wait_seconds=1)
            except Exception:  # keep polling, as the Lambda service does
                logging.getLogger(__name__).exception("polling the ingest queue failed")
                time.sleep(1)

    def poll_once(self, wait_seconds: int = 0) -> int:
        answer = self.sqs.receive_message(
            QueueUrl=self.queue_url, MaxNumberOfMessages=10, WaitTimeSeconds=wait_seconds,
            AttributeNames=["All"], VisibilityTimeout=30,
        )  # fmt: skip
        messages = answer.get("Messages", [])
        if not messages:
            return 0
        event = {"Records": [self._record(m) for m in messages]}
        try:
            result = self.invoke("ingest", event)
        except Exception:
            # A function error: Lambda leaves the whole batch to be redelivered.
            logging.getLogger(__name__).exception("ingest failed for a whole batch")
            return len(messages)
        failed = {f["itemIdentifier"] for f in (result or {}).get("batchItemFailures", [])}
        done = [m for m in messages if m["MessageId"] not in failed]
        if done:
            self.sqs.delete_message_batch(
                QueueUrl=self.queue_url,
                Entries=[{"Id": str(n), "ReceiptHandle": m["ReceiptHandle"]}
                         for n, m in enumerate(done)],
            )  # fmt: skip
        return len(messages)

    def _record(self, message: dict) -> dict:
        return {
            "messageId": message["MessageId"],
            "receiptHandle": message["ReceiptHandle"],
            "body": message["Body"],
            "attributes": message.get("Attributes", {}),
            "messageAttributes": {},
            "md5OfBody": hashlib.md5(message["Body"].encode()).hexdigest(),  # noqa: S324
            "eventSource": "aws:sqs",
            "eventSourceARN": self.queue_arn,
            "awsRegion": self.queue_arn.split(":")[3],
        }
