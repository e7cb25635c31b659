"""Peak memory of the two whole-image decodes, per image size: ingest's (one decode feeding
both thumbnails and both previews) and the shares function's copy without metadata. Each
case runs in its own process (its peak RSS is the figure); the per-megapixel slope and the
base are what stacks/config.py's DECODE_MIB keeps, with a margin.

    .venv/bin/python bench/decode_memory.py [--sizes 4000 8000]
"""

import argparse
import io
import resource
import subprocess
import sys
import tempfile
from pathlib import Path


def _one(kind: str, path: str) -> None:
    data = Path(path).read_bytes()
    from gallery import imaging

    if kind == "ingest":
        decoded = imaging.decode(data, 10**9, draft_to=imaging.PREVIEW_SIZE)
        imaging.thumbnails(decoded)
        imaging.preview(decoded)
    else:
        imaging.clean_copy(data, 10**9)
    print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024)  # KiB -> MiB


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[4000, 8000])
    args = parser.parse_args()
    from PIL import Image

    peaks: dict[str, list[tuple[float, int]]] = {}
    with tempfile.TemporaryDirectory() as folder:
        for mode in ("RGB", "RGBA"):  # generated PNGs come with and without alpha
            for side in args.sizes:
                path = Path(folder) / f"{side}.png"
                out = io.BytesIO()
                Image.radial_gradient("L").resize((side, side)).convert(mode).save(out, "PNG")
                path.write_bytes(out.getvalue())
                for kind in ("ingest", "clean copy"):
                    run = [sys.executable, __file__, "--one", kind.split()[0], str(path)]
                    answer = subprocess.run(run, check=True, capture_output=True, text=True)
                    peaks.setdefault(f"{kind}, {mode}", []).append(
                        (side * side / 1e6, int(answer.stdout))
                    )
    sizes = next(iter(peaks.values()))
    print("| decode | " + " | ".join(f"{mp:.0f} MP" for mp, _ in sizes) + " | MiB/MP |")
    print("|---|" + "---:|" * (len(args.sizes) + 1))
    for kind, points in peaks.items():
        (mp0, a), (mp1, b) = points[0], points[-1]
        slope = (b - a) / (mp1 - mp0) if mp1 > mp0 else float("nan")
        print(f"| {kind} | " + " | ".join(f"{m} MiB" for _, m in points) + f" | {slope:.1f} |")


if __name__ == "__main__":
    if sys.argv[1:2] == ["--one"]:
        _one(sys.argv[2], sys.argv[3])
    else:
        main()
