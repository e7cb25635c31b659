"""Demo data: a user with a few hundred generated images, Korean and English prompts,
folders and tags. The images take the product's own path: a reservation, a presigned POST
to S3, and ingest (which makes the thumbnails)."""

import io
import random
import time
import uuid
from concurrent.futures import ThreadPoolExecutor

import httpx
import psycopg
from PIL import Image, ImageDraw

from gallery import db
from gallery.auth import Caller
from gallery.errors import TooManyRequests
from gallery.models.folders import FolderCreate
from gallery.models.images import BulkFavorite
from gallery.models.uploads import UploadRequest
from gallery.repositories import storage_usage
from gallery.services import folders, images, uploads

SUBJECTS = [
    ("우주복을 입은 고양이", "a cat in a spacesuit", ["고양이", "cat", "space"]),
    ("벚꽃이 핀 서울의 골목길", "a Seoul alley with cherry blossoms", ["서울", "벚꽃", "city"]),
    ("한복을 입은 소녀의 초상화", "portrait of a girl in hanbok", ["인물", "portrait", "hanbok"]),
    (
        "네온사인이 빛나는 사이버펑크 도시",
        "a cyberpunk city with neon signs",
        ["cyberpunk", "도시"],
    ),
    ("안개 낀 설악산의 새벽", "dawn over misty Seoraksan", ["풍경", "landscape", "산"]),
    ("바닷가의 등대와 노을", "a lighthouse at sunset by the sea", ["풍경", "바다", "sunset"]),
    ("수채화 스타일의 여우", "a watercolor fox", ["동물", "fox", "watercolor"]),
    (
        "미래형 전기 자동차 콘셉트 아트",
        "concept art of a futuristic electric car",
        ["concept", "car"],
    ),
    (
        "고양이가 우주복을 입고 달 위를 걷는다",
        "a cat walking on the moon",
        ["고양이", "space", "달"],
    ),
    ("판타지 성과 용", "a fantasy castle with a dragon", ["fantasy", "dragon", "성"]),
]
STYLES = ["highly detailed", "8k", "cinematic lighting", "유화 스타일", "애니메이션 스타일",
          "photorealistic", "soft pastel colors", "극사실주의"]  # fmt: skip
NEGATIVES = [None, "blurry, low quality", "저화질, 흐릿함, watermark", "extra fingers, deformed"]
MODELS = ["sdxl-base-1.0", "flux-dev", "pingvas-v3", "sd-1.5"]
SIZES = [(512, 512), (768, 512), (512, 768), (1024, 1024), (832, 1216)]
FOLDERS = [
    FolderCreate(name="인물 Portraits", color="#E91E63", icon="user"),
    FolderCreate(name="풍경 Landscapes", color="#4CAF50", icon="mountain"),
    FolderCreate(name="Sci-fi 공상과학", color="#3F51B5", icon="rocket"),
    FolderCreate(name="Favourites 즐겨찾기", color="#FFC107", icon="star"),
]
# Spread the demo over the last months, so date filters have something to show.
BACKDATE = """
update images set created_at = now() - (n.row * interval '37 minutes')
  from (select image_id, row_number() over (order by created_at desc) as row
          from images where user_id = %s) n
 where images.image_id = n.image_id
"""


def _picture(rng: random.Random, width: int, height: int) -> bytes:
    """A gradient with a few shapes: cheap to make, compresses like a real picture."""
    top = tuple(rng.randrange(256) for _ in range(3))
    bottom = tuple(rng.randrange(256) for _ in range(3))
    gradient = Image.linear_gradient("L").resize((width, height))
    image = Image.composite(Image.new("RGB", (width, height), top),
                            Image.new("RGB", (width, height), bottom), gradient)  # fmt: skip
    draw = ImageDraw.Draw(image)
    for _ in range(rng.randint(2, 6)):
        x, y = rng.randrange(width), rng.randrange(height)
        r = rng.randint(width // 20, width // 4)
        colour = tuple(rng.randrange(256) for _ in range(3))
        draw.ellipse((x - r, y - r, x + r, y + r), fill=colour)
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def seed_demo(user_id: uuid.UUID, owner_url: str, count: int = 100, seed: int = 6) -> int:
    """Uploads ``count`` images for ``user_id`` unless they already have some; waits until
    ingest has made them ready."""
    caller = Caller(user_id=user_id)
    with db.transaction(user_id) as conn:
        usage = storage_usage.get(conn, user_id)
    if usage and usage["image_count"] > 0:
        return 0
    rng = random.Random(seed)
    existing = {f.name: f.folder_id for f in folders.list_folders(caller)}
    folder_ids = [
        existing.get(f.name) or folders.create_folder(caller, f).folder_id for f in FOLDERS
    ]
    requests = []
    for _ in range(count):
        korean, english, tags = rng.choice(SUBJECTS)
        prompt = ", ".join([korean if rng.random() < 0.6 else english, *rng.sample(STYLES, 2)])
        width, height = rng.choice(SIZES)
        requests.append((
            _picture(rng, width, height),
            dict(
                content_type="image/png", prompt=prompt, negative_prompt=rng.choice(NEGATIVES),
                model=rng.choice(MODELS), width=width, height=height, seed=rng.randrange(2**32),
                params={"steps": rng.choice([20, 30, 50]), "cfg_scale": rng.choice([5, 7, 7.5]),
                        "sampler": rng.choice(["DPM++ 2M Karras", "Euler a"])},
                folder_id=rng.choice([None, None, *folder_ids]),
                tags=rng.sample(tags, rng.randint(1, len(tags))),
            ),
            rng.random() < 0.15,
        ))  # fmt: skip

    def reserve(request: UploadRequest):
        # the demo is a client like any other: it waits out the upload limits (at most 50
        # under way, a burst of 100 then 60 a minute) as the dashboard's uploader does
        while True:
            try:
                return uploads.create_upload(caller, request)
            except TooManyRequests as refused:
                time.sleep(int(refused.headers["Retry-After"]))

    def upload(item) -> uuid.UUID:
        data, fields, _favourite = item
        ticket = reserve(UploadRequest(size_bytes=len(data), **fields))
        form = {**ticket.upload.fields}
        httpx.post(ticket.upload.url, data=form, files={"file": ("demo.png", data)}, timeout=30)
        return ticket.image_id

    with ThreadPoolExecutor(max_workers=4) as pool:
        ids = list(pool.map(upload, requests))
    for image_id in ids:  # ingest runs in the background: wait for the last ones
        while uploads.upload_status(caller, image_id).status == "pending":
            time.sleep(0.2)
    favourites = [i for i, (_d, _f, favourite) in zip(ids, requests, strict=True) if favourite]
    images.bulk(caller, BulkFavorite(action="favorite", image_ids=favourites))
    with psycopg.connect(owner_url, autocommit=True) as conn:
        conn.execute(BACKDATE, [user_id])
    return count


# Copies of a user's ready images, newest first, a minute apart (a listing's default order):
# new ids, the same objects (thumbnails are shared); a folder kept only within one user.
_COPY_IMAGES = """
with source as (
    select *, row_number() over (order by created_at desc) - 1 as k
      from images where user_id = %(source)s and status = 'ready' and deleted_at is null
)
insert into images (image_id, user_id, created_at, updated_at, folder_id, {columns})
select gen_random_uuid(), %(target)s, now() - (n * interval '1 minute'), now(),
       case when %(target)s = %(source)s then folder_id end, {columns}
  from generate_series(1, %(copies)s) n
  join source on source.k = n %% (select count(*) from source)
"""
_COPYABLE = """
select column_name from information_schema.columns
 where table_schema = 'public' and table_name = 'images'
   and column_name not in ('image_id', 'user_id', 'created_at', 'updated_at', 'folder_id')
 order by ordinal_position
"""


def copy_images(owner_url: str, source: uuid.UUID, target: uuid.UUID, copies: int) -> None:
    """``copies`` rows like ``source``'s ready images for ``target`` (the benchmarks' bulk:
    written with SQL as ingest writes them, far faster than through the pipeline)."""
    with psycopg.connect(owner_url, autocommit=True) as conn:
        columns = ", ".join(row[0] for row in conn.execute(_COPYABLE))
        conn.execute(_COPY_IMAGES.format(columns=columns),
                     {"source": source, "target": target, "copies": copies})  # fmt: skip
