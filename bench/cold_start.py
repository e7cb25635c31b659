"""Benchmark: wall time to import each function's handler in a fresh interpreter (what a
Lambda cold start pays before the first event). Target: <= 500 ms each.

    .venv/bin/python bench/cold_start.py [--runs 7]
"""

import argparse
import os
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "layers" / "core" / "python"))

from gallery.routes import EVENT_FUNCTIONS, FUNCTIONS  # noqa: E402

PROBE = (
    "import time; started = time.perf_counter(); import {module}; "
    "print((time.perf_counter() - started) * 1000)"
)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT / "functions") + ":" + str(ROOT / "layers" / "core" / "python"),
        "POWERTOOLS_TRACE_DISABLED": "true",  # as locally; in AWS the X-Ray SDK loads lazily too
        "PYTHONDONTWRITEBYTECODE": "",
    }
    print(f"{'function':12s} {'median':>8s} {'max':>8s}  (ms, {args.runs} fresh interpreters)")
    for function in FUNCTIONS + EVENT_FUNCTIONS:
        samples = []
        for _ in range(args.runs):
            out = subprocess.run(
                [sys.executable, "-c", PROBE.format(module=f"{function}.handler")],
                env=env, capture_output=True, text=True, check=True,
            )  # fmt: skip
            samples.append(float(out.stdout.strip().splitlines()[-1]))
        print(f"{function:12s} {statistics.median(samples):8.0f} {max(samples):8.0f}")


if __name__ == "__main__":
    main()
