"""The load test's clients (run by bench/load_test.py, which starts the stack and seeds it):
each simulated user signs in as one of the seeded accounts and does what a dashboard user
does, in these proportions: list the first page, scroll to the next, open an image, search,
tag, favourite, open a share link (signed out), upload. The operations are named as the
report names them; every answer but the one expected is a failure."""

import io
import itertools
import json
import os
import random
import struct
import zlib
from pathlib import Path

from locust import HttpUser, between, task

# [{token, image_ids, share_token}], written by bench/load_test.py
ACCOUNTS = json.loads(Path(os.environ["LOAD_ACCOUNTS"]).read_text())
WORDS = ["고양이", "portrait", "풍경", "city", "가을", "space", "꽃", "neon"]
_next_account = itertools.count()


def tiny_png(rng: random.Random) -> bytes:
    """A 16×16 PNG of random pixels: a new file each time (the same bytes twice would be a
    duplicate, answered as such)."""
    raw = b"".join(b"\x00" + rng.randbytes(16 * 3) for _ in range(16))

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", 16, 16, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw))
            + chunk(b"IEND", b""))  # fmt: skip


class DashboardUser(HttpUser):
    wait_time = between(0.2, 1.0)  # a person's pause between actions, short

    def on_start(self):
        account = ACCOUNTS[next(_next_account) % len(ACCOUNTS)]
        self.headers = {"Authorization": f"Bearer {account['token']}"}
        self.image_ids = account["image_ids"]
        self.share_token = account["share_token"]
        self.cursor = None
        self.rng = random.Random()

    def _get(self, path: str, name: str, **params):
        with self.client.get(path, params=params, headers=self.headers, name=name,
                             catch_response=True) as answer:  # fmt: skip
            if answer.status_code != 200:
                answer.failure(f"{answer.status_code}: {answer.text[:200]}")
                return None
            return answer.json()

    def _patch(self, image_id: str, change: dict, name: str) -> None:
        with self.client.patch(f"/api/v1/files/images/{image_id}", json=change,
                               headers=self.headers, name=name,
                               catch_response=True) as answer:  # fmt: skip
            if answer.status_code != 200:
                answer.failure(f"{answer.status_code}: {answer.text[:200]}")

    @task(10)
    def list_first_page(self):
        page = self._get("/api/v1/files/images", "list: first page", page_size=60)
        self.cursor = page and page["next_cursor"]

    @task(5)
    def scroll(self):
        if self.cursor is None:
            return self.list_first_page()
        page = self._get("/api/v1/files/images", "list: next page", page_size=60,
                         cursor=self.cursor)  # fmt: skip
        self.cursor = page and page["next_cursor"]

    @task(6)
    def open_image(self):
        image_id = self.rng.choice(self.image_ids)
        self._get(f"/api/v1/files/images/{image_id}", "open an image")

    @task(4)
    def search(self):
        self._get("/api/v1/search/images", "search", q=self.rng.choice(WORDS), page_size=60)

    @task(2)
    def tag(self):
        tags = self.rng.sample(["load", "테스트", "favourite-set", "draft", "최종"], 2)
        self._patch(self.rng.choice(self.image_ids), {"tags": tags}, "tag")

    @task(2)
    def favourite(self):
        change = {"is_favorite": self.rng.random() < 0.5}
        self._patch(self.rng.choice(self.image_ids), change, "favourite")

    @task(2)
    def open_share_link(self):
        with self.client.get(f"/api/v1/shares/{self.share_token}", name="open a share link",
                             catch_response=True) as answer:  # fmt: skip
            if answer.status_code != 200:
                answer.failure(f"{answer.status_code}: {answer.text[:200]}")

    @task(1)
    def upload(self):
        data = tiny_png(self.rng)
        request = {
            "content_type": "image/png",
            "size_bytes": len(data),
            "prompt": f"load test {self.rng.choice(WORDS)}",
            "model": "sdxl-base-1.0",
        }
        with self.client.post("/api/v1/uploads", json=request, headers=self.headers,
                              name="upload: reserve", catch_response=True) as answer:  # fmt: skip
            if answer.status_code not in (200, 201):
                answer.failure(f"{answer.status_code}: {answer.text[:200]}")
                return
            ticket = answer.json()["upload"]
        # the presigned POST goes to S3 (here the S3 gate), not through the API
        with self.client.post(ticket["url"], data=ticket["fields"], name="upload: to S3",
                              files={"file": ("load.png", io.BytesIO(data), "image/png")},
                              catch_response=True) as answer:  # fmt: skip
            if answer.status_code not in (200, 201, 204):
                answer.failure(f"{answer.status_code}: {answer.text[:200]}")
