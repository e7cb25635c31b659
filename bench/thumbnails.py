"""Benchmark: 256 + 512 px WebP thumbnails from one decode, per image, for 1024² and 2048²
PNG and JPEG sources that look like generated images (smooth colour fields, soft shapes,
fine grain), not noise.

Three ways, same sources, same run:
- ours: gallery.imaging.decode + thumbnails (checks, EXIF orientation, sRGB, no metadata);
- pyvips: thumbnail_buffer to 512 (shrink-on-load), then 256 from it, both saved as WebP;
- floor: one Pillow decode plus the two WebP encodes of ready-made 512/256 images.
Peak memory: the resident-set growth of a fresh process doing one image.

    .venv/bin/python bench/thumbnails.py [--runs 15]
"""

import argparse
import io
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter

ROOT = Path(__file__).resolve().parents[1]
CACHE = ROOT / ".local" / "bench" / "sources"
QUALITY = 80


def generated_like(size: int, seed: int) -> Image.Image:
    """Smooth gradients, blurred shapes and a little grain: what diffusion output is like."""
    import random

    rng = random.Random(seed)
    base = Image.radial_gradient("L").resize((size, size))
    image = Image.merge("RGB", [base.point(lambda v, k=k: (v * k) % 256) for k in (1, 2, 3)])
    draw = ImageDraw.Draw(image)
    for _ in range(40):
        x, y, r = rng.randrange(size), rng.randrange(size), rng.randint(size // 30, size // 6)
        draw.ellipse((x - r, y - r, x + r, y + r), fill=tuple(rng.randrange(256) for _ in "rgb"))
    image = image.filter(ImageFilter.GaussianBlur(size / 200))
    grain = Image.effect_noise((size, size), 12).convert("RGB")
    return Image.blend(image, grain, 0.06)


def sources() -> dict[str, bytes]:
    CACHE.mkdir(parents=True, exist_ok=True)
    found = {}
    for size in (1024, 2048):
        picture = None
        for fmt, ext in (("PNG", "png"), ("JPEG", "jpg")):
            path = CACHE / f"{size}.{ext}"
            if not path.exists():
                picture = picture or generated_like(size, size)
                out = io.BytesIO()
                picture.save(out, fmt, **({"quality": 92} if fmt == "JPEG" else {}))
                path.write_bytes(out.getvalue())
            found[f"{size}² {fmt}"] = path.read_bytes()
    return found


def ours(data: bytes) -> int:
    from gallery import imaging

    decoded = imaging.decode(data, 100_000_000, draft_to=max(imaging.THUMBNAIL_SIZES))
    return sum(len(b) for b in imaging.thumbnails(decoded).values())


def vips(data: bytes) -> int:
    import pyvips

    t512 = pyvips.Image.thumbnail_buffer(data, 512).copy_memory()  # one decode for both
    t256 = t512.thumbnail_image(256)
    return len(t512.webpsave_buffer(Q=QUALITY)) + len(t256.webpsave_buffer(Q=QUALITY))


def floor_parts(data: bytes) -> tuple:
    """Ready-made thumbnails for the floor (made outside the timing)."""
    image = Image.open(io.BytesIO(data))
    image.load()
    t512 = image.copy()
    t512.thumbnail((512, 512))
    t256 = t512.copy()
    t256.thumbnail((256, 256))
    return t512, t256


def floor(data: bytes, ready: tuple) -> int:
    image = Image.open(io.BytesIO(data))
    image.load()
    total = 0
    for thumb in ready:
        out = io.BytesIO()
        thumb.save(out, "WEBP", quality=QUALITY, method=4)
        total += out.tell()
    return total


def timed(fn, runs: int) -> float:
    fn()
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - started) * 1000)
    return statistics.median(samples)


# VmHWM (the peak resident set of this address space) starts afresh at exec, unlike
# ru_maxrss, which a child inherits from the parent it was forked from.
PEAK = """
import sys
sys.path.insert(0, {bench!r})
import thumbnails as bench
import pyvips
from gallery import imaging

def peak_kb():
    for line in open("/proc/self/status"):
        if line.startswith("VmHWM:"):
            return int(line.split()[1])

data = open({path!r}, 'rb').read()
before = peak_kb()
getattr(bench, {way!r})(data)
print(peak_kb() - before)
"""


def peak_mb(way: str, name: str) -> float:
    """Peak RSS growth of a fresh process (libraries loaded) for one image."""
    path = CACHE / name.replace("² PNG", ".png").replace("² JPEG", ".jpg")
    code = PEAK.format(bench=str(Path(__file__).parent), path=str(path), way=way)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return int(out.stdout.strip().splitlines()[-1]) / 1024


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    rows = []
    print(f"{'source':12s} {'bytes':>9s} {'ours ms':>8s} {'vips ms':>8s} {'floor ms':>9s}"
          f" {'ours/vips':>9s} {'ours/floor':>10s} {'ours MB':>8s} {'vips MB':>8s}")  # fmt: skip
    for name, data in sources().items():
        ready = floor_parts(data)
        t_ours = timed(lambda d=data: ours(d), args.runs)
        t_vips = timed(lambda d=data: vips(d), args.runs)
        t_floor = timed(lambda d=data, r=ready: floor(d, r), args.runs)
        m_ours, m_vips = peak_mb("ours", name), peak_mb("vips", name)
        rows.append({"source": name, "ours_ms": t_ours, "vips_ms": t_vips, "floor_ms": t_floor,
                     "ours_peak_mb": m_ours, "vips_peak_mb": m_vips})  # fmt: skip
        print(f"{name:12s} {len(data):9d} {t_ours:8.1f} {t_vips:8.1f} {t_floor:9.1f}"
              f" {t_ours / t_vips:9.2f} {t_ours / t_floor:10.2f} {m_ours:8.1f} {m_vips:8.1f}",
              flush=True)  # fmt: skip
    (ROOT / ".local" / "bench" / "thumbnails.json").write_text(json.dumps(rows, indent=2))


if __name__ == "__main__":
    main()
