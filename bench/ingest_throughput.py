"""Benchmark: images per second through the local S3 -> SQS -> ingest path, 2 workers.

A real local stack (PostgreSQL, moto's S3 and SQS over HTTP). The images are reserved and
POSTed to S3 first (not timed); then two worker processes, each standing in for a Lambda
container, long-poll the queue and run the ingest handler until every image is ready.
Sources: the 1024² PNG and JPEG of bench/thumbnails.py, alternating.

    .venv/bin/python bench/ingest_throughput.py [--images 80 --workers 2]
"""

import argparse
import multiprocessing
import os
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "functions"))
sys.path.insert(0, str(Path(__file__).parent))


def worker(environment: dict, queue_url: str, queue_arn: str, stop) -> None:
    os.environ.update(environment)
    import boto3

    from devstack.gateway import LambdaContext
    from devstack.ingest_poller import IngestPoller
    from ingest.handler import lambda_handler

    sqs = boto3.client("sqs", endpoint_url=environment["GALLERY_AWS_ENDPOINT_URL"])

    def invoke(_function, event):
        return lambda_handler(event, LambdaContext("ingest", "bench"))

    poller = IngestPoller(sqs, queue_url, queue_arn, invoke)
    while not stop.is_set():
        poller.poll_once(wait_seconds=1)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--images", type=int, default=80)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()

    import httpx
    from thumbnails import sources

    from devstack.stack import LocalStack
    from gallery.auth import Caller
    from gallery.models.uploads import UploadRequest
    from gallery.services import uploads
    from gallery.services.users import register

    data_dir = Path(tempfile.mkdtemp(prefix="gallery-bench-"))
    data_dir.chmod(0o755)
    payloads = [data for name, data in sources().items() if name.startswith("1024")]
    with LocalStack(data_dir, persist_objects=False, run_ingest=False) as stack:
        caller = Caller(user_id=uuid.uuid4(), email="bench@example.com")
        register(caller, "enterprise")
        ids = []
        for n in range(args.images):
            data = payloads[n % len(payloads)]
            kind = "image/png" if data[:4] == b"\x89PNG" else "image/jpeg"
            ticket = uploads.create_upload(
                caller, UploadRequest(content_type=kind, size_bytes=len(data), prompt=f"n{n}")
            )
            httpx.post(ticket.upload.url, data=ticket.upload.fields, files={"file": ("f", data)})
            ids.append(ticket.image_id)
        # Fresh interpreters, as Lambda containers are (a fork would share this process's
        # database and HTTP connections).
        spawn = multiprocessing.get_context("spawn")
        stop = spawn.Event()
        env = stack.environment()
        started = time.perf_counter()
        workers = [
            spawn.Process(
                target=worker, args=(env, stack.objects.queue_url, stack.objects.queue_arn, stop)
            )
            for _ in range(args.workers)
        ]
        for process in workers:
            process.start()
        pending = set(ids)
        while pending:
            time.sleep(0.05)
            pending = {i for i in pending if uploads.upload_status(caller, i).status == "pending"}
        elapsed = time.perf_counter() - started
        stop.set()
        for process in workers:
            process.join()
        statuses = {uploads.upload_status(caller, i).status for i in ids}
    rate = args.images / elapsed
    print(f"{args.images} images (1024² PNG and JPEG, alternating), {args.workers} workers:")
    print(f"  {elapsed:.1f} s, {rate:.1f} images/s; statuses {statuses}")


if __name__ == "__main__":
    main()
