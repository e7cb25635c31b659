"""Demo data: a user with a few hundred generated images, Korean and English prompts,
folders and tags. Images go through the same core services as real ones."""

import hashlib
import io
import random
from datetime import UTC, datetime, timedelta

from PIL import Image, ImageDraw

from gallery import db
from gallery.auth import Caller
from gallery.imaging import thumbnails
from gallery.models import FolderCreate, NewImage
from gallery.repositories import storage_usage
from gallery.services import folders, images
from gallery.storage import s3

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


def seed_demo(user_id, count: int = 240, seed: int = 6) -> int:
    """Fills ``user_id`` with ``count`` images unless they already have some."""
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
    now = datetime.now(UTC)
    for n in range(count):
        korean, english, tags = rng.choice(SUBJECTS)
        style = rng.sample(STYLES, 2)
        prompt = ", ".join([korean if rng.random() < 0.6 else english, *style])
        width, height = rng.choice(SIZES)
        original = _picture(rng, width, height)
        thumbs = thumbnails(Image.open(io.BytesIO(original)))
        image_id = _uuid(rng)
        base = f"users/{user_id}/"
        s3.put_object(f"{base}images/{image_id}.png", original, "image/png")
        for size, data in thumbs.items():
            s3.put_object(f"{base}thumbs/{image_id}_{size}.webp", data, "image/webp",
                          cache_control="public, max-age=31536000, immutable")  # fmt: skip
        images.record_image(
            NewImage(
                user_id=user_id, image_id=image_id, prompt=prompt,
                negative_prompt=rng.choice(NEGATIVES), model=rng.choice(MODELS),
                width=width, height=height, seed=rng.randrange(2**32),
                params={"steps": rng.choice([20, 30, 50]), "cfg_scale": rng.choice([5, 7, 7.5]),
                        "sampler": rng.choice(["DPM++ 2M Karras", "Euler a"])},
                s3_key=f"{base}images/{image_id}.png",
                thumbnail_256_key=f"{base}thumbs/{image_id}_256.webp",
                thumbnail_512_key=f"{base}thumbs/{image_id}_512.webp",
                mime_type="image/png", file_size_bytes=len(original),
                thumbnails_size_bytes=sum(len(d) for d in thumbs.values()),
                content_sha256=hashlib.sha256(original).hexdigest(),
                folder_id=rng.choice([None, None, *folder_ids]),
                tags=rng.sample(tags, rng.randint(1, len(tags))),
                is_favorite=rng.random() < 0.15,
                created_at=now - timedelta(minutes=n * 37 + rng.randint(0, 30)),
            )
        )  # fmt: skip
    return count


def _uuid(rng: random.Random):
    import uuid

    return uuid.UUID(int=rng.getrandbits(128), version=4)
