"""Benchmark: what reading generation data adds to ingest, side by side in one run.

For each format of the test corpus (tests/generation_samples.py: A1111, Forge, ComfyUI with
a hires pass and LoRAs, Flux, InvokeAI, NovelAI, Fooocus, SwarmUI), the time of
``gallery.generation.for_upload`` on the file's chunks, against the time of the imaging
ingest does for a 1024² PNG, measured interleaved: decode and thumbnails only
(bench/thumbnails.py ``ours``; ingest also makes the preview and placeholder), so the
share printed is an upper bound. A workflow of 300 nodes (as large ComfyUI graphs are, the
corpus graph with unrelated nodes added) shows the parse at its largest. Issue 19's
budget: within 5 % of ingest.

    .venv/bin/python bench/generation_parse.py [--runs 30]
"""

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(Path(__file__).parent)]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()

    import thumbnails

    from gallery import imaging
    from gallery.generation import for_upload
    from tests.generation_samples import corpus

    png = thumbnails.sources()["1024² PNG"]
    chunks = {s.name: imaging.decode(s.data, 10_000_000).text for s in corpus()}
    graph = json.loads(chunks["comfyui_png"]["prompt"])
    for n in range(300):
        graph[str(1000 + n)] = {
            "class_type": "Note",
            "inputs": {"text": "x" * 200, "value": [str(999 + n), 0]},
        }
    chunks["comfyui_300_nodes"] = {"prompt": json.dumps(graph),
                                   "workflow": chunks["comfyui_png"]["workflow"] * 20}  # fmt: skip
    parse_ms: dict[str, list[float]] = {name: [] for name in chunks}
    ingest_ms: list[float] = []
    declared = {"prompt": "", "params": {}}
    for _ in range(args.runs):
        started = time.perf_counter()
        thumbnails.ours(png)
        ingest_ms.append((time.perf_counter() - started) * 1000)
        for name, text in chunks.items():
            started = time.perf_counter()
            for_upload(declared, text)
            parse_ms[name].append((time.perf_counter() - started) * 1000)
    ingest = statistics.median(ingest_ms)
    print(f"ingest imaging of a 1024² PNG: median {ingest:.1f} ms")
    for name, samples in parse_ms.items():
        median = statistics.median(samples)
        size = sum(map(len, chunks[name].values()))
        print(f"  {name:18} {size:7,} chars  median {median:6.3f} ms  "
              f"= {100 * median / ingest:5.2f} % of ingest")  # fmt: skip


if __name__ == "__main__":
    main()
