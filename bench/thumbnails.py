"""Benchmark: what ingest and the recompression job do to each image.

``--part thumbnails``: per image, for 1024² and 2048² PNG, JPEG (q92) and WebP (lossy q90)
sources that look like generated images (smooth colour fields, soft shapes, fine grain), not
noise, two comparisons against pyvips (libvips), every way timed in turn within each round
(interleaved, the order reversed every other round) so that a busy machine weighs on all:

- thumbnails: 256 + 512 px WebP thumbnails from one decode.
  - ours: gallery.imaging.decode (as ingest does it, JPEG drafted for the preview) +
    thumbnails (checks, EXIF orientation, sRGB, no metadata);
  - vips: thumbnail_buffer to 512 (shrink-on-load), then 256 from it, both saved as WebP;
  - floor: one Pillow decode plus the two WebP encodes of ready-made 512/256 images.
- ingest: everything ingest makes from one decode: the two thumbnails, the preview (1536 px,
  AVIF + WebP) and the placeholder (ThumbHash of the 256 px thumbnail).
  - ours: decode + renditions (thumbnails, preview, placeholder), as services.ingest does;
  - vips: thumbnail_buffer to 1536 (shrink-on-load, never enlarged), saved as AVIF (heifsave,
    same quality, effort = 9 - our AVIF speed) and WebP (effort = our WebP method), then 512
    and 256 from it as WebP, and the same placeholder function on the 256 px WebP.

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
from functools import partial
from pathlib import Path

import samples
from PIL import Image

ROOT = Path(__file__).resolve().parents[1]
CACHE = ROOT / ".local" / "bench" / "sources"
QUALITY = 80
FORMATS = {"PNG": ("png", {}), "JPEG": ("jpg", {"quality": 92}), "WebP": ("webp", {"quality": 90})}


def sources() -> dict[str, Path]:
    """{"1024² PNG": path, …}: the same picture in each format, cached."""
    CACHE.mkdir(parents=True, exist_ok=True)
    found = {}
    for size in (1024, 2048):
        picture = None
        for fmt, (ext, options) in FORMATS.items():
            path = CACHE / f"{size}.{ext}"
            if not path.exists():
                picture = picture or samples.styled("painterly", size, seed=size)
                out = io.BytesIO()
                picture.save(out, fmt.upper(), **options)
                path.write_bytes(out.getvalue())
            found[f"{size}² {fmt}"] = path
    return found


def _decoded(data: bytes):
    from gallery import imaging

    # as ingest decodes: drafted (JPEG) no smaller than the preview it also makes
    return imaging.decode(data, 100_000_000, draft_to=imaging.PREVIEW_SIZE)


def ours(data: bytes) -> int:
    from gallery import imaging

    return sum(len(b) for b in imaging.thumbnails(_decoded(data)).values())


def ingest(data: bytes) -> int:
    """What services.ingest makes from one upload (the S3 writes aside)."""
    from gallery import imaging

    made = imaging.renditions(_decoded(data))
    return sum(len(b) for b in (*made.thumbnails.values(), *made.previews.values()))


def vips(data: bytes) -> int:
    import pyvips

    t512 = pyvips.Image.thumbnail_buffer(data, 512).copy_memory()  # one decode for both
    t256 = t512.thumbnail_image(256)
    return len(t512.webpsave_buffer(Q=QUALITY)) + len(t256.webpsave_buffer(Q=QUALITY))


def vips_ingest(data: bytes) -> int:
    """The same renditions with libvips' own pipeline: one shrink-on-load decode to the
    preview's size, the thumbnails from the preview."""
    import pyvips

    from gallery import imaging

    preview = pyvips.Image.thumbnail_buffer(data, imaging.PREVIEW_SIZE, size="down")
    preview = preview.copy_memory()
    avif = preview.heifsave_buffer(Q=imaging.AVIF_QUALITY, compression="av1",
                                   effort=9 - imaging.AVIF_SPEED)  # fmt: skip
    webp = preview.webpsave_buffer(Q=imaging.WEBP_QUALITY, effort=2)
    t512 = preview.thumbnail_image(512).copy_memory()
    t256 = t512.thumbnail_image(256)
    thumbs = [t.webpsave_buffer(Q=QUALITY, effort=4) for t in (t512, t256)]
    imaging.placeholder(thumbs[1])
    return sum(len(b) for b in (avif, webp, *thumbs))


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


def interleaved(ways: dict, runs: int) -> tuple[dict[str, float], dict[str, float]]:
    """Median wall and CPU ms of each way, all timed in turn within each round (the order
    reversed every other round), after one warm-up call each. CPU is the process's, so it
    counts every thread: the cost where there is one core (Lambda below 1,769 MB)."""
    for fn in ways.values():
        fn()
    wall = {name: [] for name in ways}
    cpu = {name: [] for name in ways}
    for round_ in range(runs):
        for name in list(ways)[:: 1 if round_ % 2 == 0 else -1]:
            started, used = time.perf_counter(), time.process_time()
            ways[name]()
            wall[name].append((time.perf_counter() - started) * 1000)
            cpu[name].append((time.process_time() - used) * 1000)
    median = statistics.median
    return {n: median(t) for n, t in wall.items()}, {n: median(t) for n, t in cpu.items()}


# VmHWM (the peak resident set of this address space) starts afresh at exec, unlike
# ru_maxrss, which a child inherits from the parent it was forked from.
PEAK = """
import sys
sys.path.insert(0, {bench!r})
import thumbnails as bench
import pyvips
from gallery import imaging
import thumbhash

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
    print(f"{'source':11s} {'bytes':>9s} | thumbnails ms: {'ours':>5s} {'vips':>5s} {'floor':>5s}"
          f" {'ratio':>5s} | MB: {'ours':>4s} {'vips':>4s} | ingest ms: {'ours':>5s} {'vips':>5s}"
          f" {'ratio':>5s} | CPU ms: {'ours':>4s} {'vips':>4s} {'ratio':>5s} | MB: {'ours':>4s}"
          f" {'vips':>4s}")  # fmt: skip
    for name, path in sources().items():
        data = path.read_bytes()
        ready = floor_parts(data)
        ways = {"ours": partial(ours, data), "vips": partial(vips, data),
                "floor": partial(floor, data, ready), "ingest": partial(ingest, data),
                "vips_ingest": partial(vips_ingest, data)}  # fmt: skip
        ms, cpu = interleaved(ways, args.runs)
        mb = {way: peak_mb(way, path) for way in ("ours", "vips", "ingest", "vips_ingest")}
        rows.append({"source": name, "bytes": len(data), "ms": ms, "cpu_ms": cpu, "peak_mb": mb})
        print(f"{name:11s} {len(data):9d} | {'':14s} {ms['ours']:5.0f} {ms['vips']:5.0f}"
              f" {ms['floor']:5.0f} {ms['ours'] / ms['vips']:5.2f} | {'':3s} {mb['ours']:4.0f}"
              f" {mb['vips']:4.0f} | {'':10s} {ms['ingest']:5.0f} {ms['vips_ingest']:5.0f}"
              f" {ms['ingest'] / ms['vips_ingest']:5.2f} | {'':7s} {cpu['ingest']:4.0f}"
              f" {cpu['vips_ingest']:4.0f} {cpu['ingest'] / cpu['vips_ingest']:5.2f} | {'':3s}"
              f" {mb['ingest']:4.0f} {mb['vips_ingest']:4.0f}", flush=True)  # fmt: skip
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
