"""A ZIP export's memory does not grow with the archive: 500 originals (200 MB) are
streamed from S3 into a multipart upload by a process of its own (the local S3 keeps its
objects in this one), whose peak RSS and Python allocations are reported and bounded far
below the archive; the archive lists what was asked, in order. The process signs as the
exporter, with its synthesized IAM policy."""

import io
import json
import os
import subprocess
import sys
import uuid
import zipfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

from gallery.config import get_settings
from gallery.storage import s3
from tests.support import drain_ingest

IMAGES, SIZE = 500, 400_000
ROOT = Path(__file__).resolve().parents[2]

# The exporter's streaming, alone in a process: entries in on stdin, figures out on stdout.
EXPORT = r"""
import json, re, sys, tracemalloc, uuid
from datetime import datetime
from gallery.services.exports import Entry, write_archive
from gallery.storage.multipart import MultipartWriter

job = json.load(sys.stdin)
entries = [Entry(e["path"], {**e["row"], "image_id": uuid.UUID(e["row"]["image_id"]),
                             "created_at": datetime.fromisoformat(e["row"]["created_at"])})
           for e in job["entries"]]
writer = MultipartWriter(job["key"], content_type="application/zip", part_size=8 << 20)
tracemalloc.start()
write_archive(writer, entries, include_metadata=True, report=lambda done, total: None)
writer.close()
peak = tracemalloc.get_traced_memory()[1]
# the process's own high-water mark (ru_maxrss would carry the forking parent's over exec)
status = open("/proc/self/status").read()
max_rss = int(re.search(r"VmHWM:\s+(\d+) kB", status).group(1)) * 1024
print(json.dumps({"size": writer.size, "parts": writer.part_count, "traced_peak": peak,
                  "max_rss": max_rss}))
"""


def test_500_originals_stream_into_the_archive_with_bounded_memory(stack):
    owner = uuid.uuid4()
    bucket = get_settings().bucket_name
    entries = []
    start = datetime(2026, 5, 1, tzinfo=UTC)
    for n in range(IMAGES):
        image_id = uuid.uuid4()
        key = f"users/{owner}/images/{image_id}.png"
        s3.client().put_object(Bucket=bucket, Key=key, Body=os.urandom(SIZE))
        row = {"image_id": str(image_id), "s3_key": key, "file_size_bytes": SIZE,
               "mime_type": "image/png", "created_at": (start + timedelta(minutes=n)).isoformat(),
               "prompt": f"image {n}", "negative_prompt": None, "model": None, "seed": n,
               "width": 64, "height": 64, "tags": [], "generator": None}  # fmt: skip
        entries.append({"path": f"part {n // 100}/image-{n:03}.png", "row": row})
    key = f"users/{owner}/exports/{uuid.uuid4()}.zip"
    env = {**os.environ, **stack.environment(), **stack.aws_credentials("exporter"),
           "PYTHONPATH": str(ROOT / "layers" / "core" / "python")}  # fmt: skip
    job = json.dumps({"key": key, "entries": entries})
    run = subprocess.run([sys.executable, "-c", EXPORT], input=job, capture_output=True,
                         text=True, env=env, timeout=600)  # fmt: skip
    assert run.returncode == 0, run.stderr
    figures = json.loads(run.stdout.splitlines()[-1])
    total = IMAGES * SIZE
    print(f"\narchive {figures['size'] / 1e6:.1f} MB in {figures['parts']} parts; peak RSS "
          f"{figures['max_rss'] / 1e6:.1f} MB, Python's peak allocation "
          f"{figures['traced_peak'] / 1e6:.1f} MB")  # fmt: skip
    assert figures["size"] > total and figures["parts"] >= total // (8 << 20)
    assert figures["traced_peak"] < 40e6  # a part (8 MiB) and a chunk, not the 200 MB
    assert figures["max_rss"] < 150e6  # the interpreter, boto3 and that
    archive = zipfile.ZipFile(
        io.BytesIO(s3.client().get_object(Bucket=bucket, Key=key)["Body"].read())
    )
    assert archive.testzip() is None
    assert archive.namelist()[:-2] == [entry["path"] for entry in entries]
    assert archive.namelist()[-2:] == ["metadata.json", "metadata.csv"]
    assert all(info.file_size == SIZE for info in archive.infolist()[:-2])
    # the originals' S3 events, which later tests would wait behind (rowless: refused)
    drain_ingest(stack, polls=IMAGES)
