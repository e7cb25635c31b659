"""Benchmark: a ZIP export of 1 GiB of originals, ours (streamed from S3 into a multipart
upload, gallery.services.exports.write_archive) against the reference way (each original
read whole, the archive built in memory, then one PutObject), side by side in one run.
Each export runs in a process of its own (the local S3, moto, keeps its objects in this
one), whose throughput and peak RSS (VmHWM) are reported.

    .venv/bin/python bench/export_zip.py [--images 256 --mib 4 --rounds 3]
"""

import argparse
import io
import json
import os
import re
import socket
import statistics
import subprocess
import sys
import time
import uuid
import zipfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "layers" / "core" / "python"), str(ROOT / "tools")]
BUCKET, REGION = "bench-exports", "ap-northeast-2"


def peak_rss() -> int:
    """This process's high-water mark (ru_maxrss would carry the parent's over exec)."""
    status = Path("/proc/self/status").read_text()
    return int(re.search(r"VmHWM:\s+(\d+) kB", status).group(1)) * 1024


def child(way: str, job: dict) -> dict:
    from gallery.services.exports import Entry, write_archive
    from gallery.storage import s3
    from gallery.storage.multipart import MultipartWriter

    entries = [Entry(e["path"], {**e["row"], "image_id": uuid.UUID(e["row"]["image_id"]),
                                 "created_at": datetime.fromisoformat(e["row"]["created_at"])})
               for e in job["entries"]]  # fmt: skip
    key = f"exports/{uuid.uuid4()}.zip"
    started = time.perf_counter()
    if way == "ours":
        writer = MultipartWriter(key, content_type="application/zip")
        write_archive(writer, entries, include_metadata=True, report=lambda done, total: None)
        writer.close()
        size = writer.size
    else:  # the reference: every original whole, the archive whole, one PutObject
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as archive:
            for entry in entries:
                body = s3.client().get_object(Bucket=BUCKET, Key=entry.row["s3_key"])["Body"]
                archive.writestr(entry.path, body.read(), zipfile.ZIP_STORED)
        size = buffer.tell()
        s3.client().put_object(Bucket=BUCKET, Key=key, Body=buffer.getvalue())
    return {"seconds": time.perf_counter() - started, "size": size, "peak_rss": peak_rss()}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--images", type=int, default=256)
    parser.add_argument("--mib", type=float, default=4.0, help="size of each original")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--child", choices=["ours", "reference"])
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(args.child, json.load(sys.stdin))))
        return

    from devstack.objects import LocalObjects

    os.environ.update({"AWS_ACCESS_KEY_ID": "bench", "AWS_SECRET_ACCESS_KEY": "bench"})
    objects = LocalObjects(free_port(), BUCKET, REGION)
    objects.server.start()
    try:
        s3 = objects.client("s3")
        s3.create_bucket(Bucket=BUCKET, CreateBucketConfiguration={"LocationConstraint": REGION})
        size = int(args.mib * 2**20)
        start = datetime(2026, 5, 1, tzinfo=UTC)
        entries = []
        for n in range(args.images):
            image_id, key = uuid.uuid4(), f"images/{n}.png"
            s3.put_object(Bucket=BUCKET, Key=key, Body=os.urandom(size))  # as incompressible
            row = {"image_id": str(image_id), "s3_key": key, "file_size_bytes": size,
                   "mime_type": "image/png", "prompt": f"a lighthouse {n}", "seed": n,
                   "created_at": (start + timedelta(minutes=n)).isoformat(),
                   "negative_prompt": None, "model": None, "width": 1024, "height": 1024,
                   "tags": [], "generator": None}  # fmt: skip
            entries.append({"path": f"part {n % 8}/image-{n:04}.png", "row": row})
        job = json.dumps({"entries": entries})
        env = {**os.environ, "GALLERY_AWS_ENDPOINT_URL": objects.endpoint,
               "GALLERY_BUCKET_NAME": BUCKET, "GALLERY_AWS_REGION": REGION,
               "POWERTOOLS_TRACE_DISABLED": "true"}  # fmt: skip
        total_mb = args.images * size / 1e6
        print(f"{args.images} originals of {args.mib} MiB ({total_mb:,.0f} MB), "
              f"{args.rounds} rounds, alternating", flush=True)  # fmt: skip
        results: dict[str, list[dict]] = {"ours": [], "reference": []}
        for _ in range(args.rounds):
            for way in results:
                command = [sys.executable, __file__, "--child", way]
                run = subprocess.run(command, input=job, capture_output=True, text=True,
                                     env=env, check=True)  # fmt: skip
                results[way].append(json.loads(run.stdout.splitlines()[-1]))
        for way, runs in results.items():
            speed = statistics.median(total_mb / r["seconds"] for r in runs)
            rss = max(r["peak_rss"] for r in runs) / 1e6
            print(f"{way:10s} median {speed:6.1f} MB/s   peak RSS {rss:7.1f} MB   "
                  f"archive {runs[0]['size'] / 1e6:,.0f} MB", flush=True)  # fmt: skip
    finally:
        objects.server.stop()


if __name__ == "__main__":
    main()
