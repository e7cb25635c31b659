"""Benchmark: what ingest and the recompression job do to each image.

``--part thumbnails``: 256 + 512 px WebP thumbnails from one decode, per image, for 1024² and
2048² PNG and JPEG sources that look like generated images (smooth colour fields, soft
shapes, fine grain), not noise.

Three ways, same sources, same run:
- ours: gallery.imaging.decode + thumbnails (checks, EXIF orientation, sRGB, no metadata);
- pyvips: thumbnail_buffer to 512 (shrink-on-load), then 256 from it, both saved as WebP;
- floor: one Pillow decode plus the two WebP encodes of ready-made 512/256 images.
Peak memory: the resident-set growth of a fresh process doing one image.

``--part media``: per image of a sample in six styles (bench/samples.py) at 1024² and 2048²,
written as ComfyUI and AUTOMATIC1111 write PNGs: the preview rendition (AVIF + WebP, ms and
bytes) and the lossless recompression of the original (ms, bytes, outcome), then the
storage saved over the whole sample.

    .venv/bin/python bench/thumbnails.py [--part thumbnails|media|all] [--runs 15]
"""

import argparse
import io
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

import samples
from PIL import Image

ROOT = Path(__file__).resolve().parents[1]
CACHE = ROOT / ".local" / "bench" / "sources"
QUALITY = 80


def sources() -> dict[str, bytes]:
    CACHE.mkdir(parents=True, exist_ok=True)
    found = {}
    for size in (1024, 2048):
        picture = None
        for fmt, ext in (("PNG", "png"), ("JPEG", "jpg")):
            path = CACHE / f"{size}.{ext}"
            if not path.exists():
                picture = picture or samples.styled("painterly", size, seed=size)
                out = io.BytesIO()
                picture.save(out, fmt, **({"quality": 92} if fmt == "JPEG" else {}))
                path.write_bytes(out.getvalue())
            found[f"{size}² {fmt}"] = path.read_bytes()
    return found


def ours(data: bytes) -> int:
    from gallery import imaging

    # as ingest decodes: drafted (JPEG) no smaller than the preview it also makes
    decoded = imaging.decode(data, 100_000_000, draft_to=imaging.PREVIEW_SIZE)
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


def peak_mb(way: str, path: Path) -> float:
    """Peak RSS growth of a fresh process (libraries loaded) for one image."""
    code = PEAK.format(bench=str(Path(__file__).parent), path=str(path), way=way)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return int(out.stdout.strip().splitlines()[-1]) / 1024


def thumbnail_table(args) -> None:
    rows = []
    print(f"{'source':12s} {'bytes':>9s} {'ours ms':>8s} {'vips ms':>8s} {'floor ms':>9s}"
          f" {'ours/vips':>9s} {'ours/floor':>10s} {'ours MB':>8s} {'vips MB':>8s}")  # fmt: skip
    for name, data in sources().items():
        ready = floor_parts(data)
        t_ours = timed(lambda d=data: ours(d), args.runs)
        t_vips = timed(lambda d=data: vips(d), args.runs)
        t_floor = timed(lambda d=data, r=ready: floor(d, r), args.runs)
        path = CACHE / name.replace("² PNG", ".png").replace("² JPEG", ".jpg")
        m_ours, m_vips = peak_mb("ours", path), peak_mb("vips", path)
        rows.append({"source": name, "ours_ms": t_ours, "vips_ms": t_vips, "floor_ms": t_floor,
                     "ours_peak_mb": m_ours, "vips_peak_mb": m_vips})  # fmt: skip
        print(f"{name:12s} {len(data):9d} {t_ours:8.1f} {t_vips:8.1f} {t_floor:9.1f}"
              f" {t_ours / t_vips:9.2f} {t_ours / t_floor:10.2f} {m_ours:8.1f} {m_vips:8.1f}",
              flush=True)  # fmt: skip
    (ROOT / ".local" / "bench" / "thumbnails.json").write_text(json.dumps(rows, indent=2))


def media_sample() -> dict[tuple[str, int, str], bytes]:
    """{(style, size, encoder): PNG bytes}, cached: the styles take a while to draw."""
    found = {}
    for size in (1024, 2048):
        for style in samples.STYLES:
            picture = None
            for encoder in samples.ENCODERS:
                path = CACHE / f"{style}-{size}-{encoder}.png"
                if not path.exists():
                    picture = picture or samples.styled(style, size)
                    path.write_bytes(samples.as_generated(picture, encoder))
                found[style, size, encoder] = path.read_bytes()
    return found


def recompress(data: bytes):
    """As the recompression job runs it, with the default settings."""
    from gallery.config import get_settings
    from gallery.imaging.recompress import recompress_png

    settings = get_settings()
    return recompress_png(data, level=settings.recompress_level,
                          min_saving=settings.recompress_min_saving,
                          max_pixels=settings.recompress_max_pixels,
                          timeout_seconds=settings.recompress_timeout_seconds)  # fmt: skip


def media_table(args) -> None:
    from gallery import imaging

    CACHE.mkdir(parents=True, exist_ok=True)
    runs = max(1, min(args.runs, 3))  # recompression takes seconds: a median of three

    def preview(data: bytes) -> dict[str, bytes]:
        return imaging.preview(imaging.decode(data, 100_000_000, draft_to=imaging.PREVIEW_SIZE))

    print(f"{'style':13s} {'size':>5s} {'writer':8s} {'original':>10s} {'prev ms':>8s}"
          f" {'AVIF':>8s} {'WebP':>8s} {'recomp ms':>10s} {'recomp':>10s} {'saved':>6s}"
          " outcome")  # fmt: skip
    rows = []
    for (style, size, encoder), data in media_sample().items():
        made = preview(data)
        result = recompress(data)
        stored = len(result.data) if result.data else len(data)
        row = {
            "style": style, "size": size, "encoder": encoder, "original": len(data),
            "preview_ms": timed(lambda d=data: preview(d), runs),
            "avif": len(made["avif"]), "webp": len(made["webp"]),
            "recompress_ms": timed(lambda d=data: recompress(d), runs),
            "stored": stored, "outcome": result.outcome,
        }  # fmt: skip
        rows.append(row)
        print(f"{style:13s} {size:5d} {encoder:8s} {len(data):10,d} {row['preview_ms']:8.0f}"
              f" {row['avif']:8,d} {row['webp']:8,d} {row['recompress_ms']:10.0f}"
              f" {stored:10,d} {100 * (1 - stored / len(data)):5.1f}% {result.outcome}",
              flush=True)  # fmt: skip
    (ROOT / ".local" / "bench" / "media.json").write_text(json.dumps(rows, indent=2))
    print()
    for size in (1024, 2048):
        group = [r for r in rows if r["size"] == size]
        original = sum(r["original"] for r in group)
        stored = sum(r["stored"] for r in group)
        avif = sum(r["avif"] for r in group)
        print(f"{size}²: {len(group)} originals {original:,} B -> {stored:,} B recompressed"
              f" ({100 * (1 - stored / original):.1f} % saved); AVIF previews {avif:,} B"
              f" ({100 * avif / original:.1f} % of the originals)")  # fmt: skip
    peak = peak_mb("recompress", CACHE / "anime-2048-comfyui.png")
    print(f"recompression peak MB (2048² anime, fresh process): {peak:.0f}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--part", choices=("thumbnails", "media", "all"), default="all")
    args = parser.parse_args()
    if args.part in ("thumbnails", "all"):
        thumbnail_table(args)
    if args.part in ("media", "all"):
        media_table(args)


if __name__ == "__main__":
    main()
