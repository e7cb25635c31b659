"""Benchmark: each function's init, the wall time to import its handler in a fresh
interpreter (what a Lambda cold start pays before the first event). Target (issue 21):
<= 300 ms each.

    .venv/bin/python bench/cold_start.py [--runs 7] [--traced] [--runtime host|lambda]
                                         [--before DIR] [--only files,docs]

The variables are Lambda's (``LAMBDA_TASK_ROOT`` and the function's name and service): the
X-Ray SDK behaves differently outside Lambda (its recorder then builds a botocore client for
the sampling rules, ~150-230 ms that Lambda never pays). ``--traced``: tracing active, as the
template deploys every function (``Tracing: Active``); without it, disabled as locally.
``--runtime lambda``: each function laid out as the template deploys it (its code asset, the
core layer and its dependency layers, built for this machine; no bytecode, as the assets
ship none) and run in the runtime's CPython (``make lambda-python``) with ``-I -S -B``, as
tools/devstack/lambda_runtime.py does; ``host``: this checkout on the venv's interpreter.
``--legacy-env``: the variables of the figures before 2026-12-04 (the host's, tracing
disabled, no ``LAMBDA_TASK_ROOT``), to compare with them.
``--before DIR``: a tree with the code before a change (``functions/`` and
``layers/core/python``, e.g. ``git archive HEAD functions layers/core | tar -x -C DIR``),
measured interleaved with this checkout's, run by run, so that both see the same load.
"""

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "layers" / "core" / "python"))
sys.path.insert(0, str(ROOT / "tools"))
sys.path.insert(0, str(ROOT))

from gallery.routes import EVENT_FUNCTIONS, FUNCTIONS  # noqa: E402

PROBE = (
    "import sys; sys.path[:0] = {path!r}; "
    "import time; started, cpu = time.perf_counter(), time.process_time(); import {module}; "
    "print((time.perf_counter() - started) * 1000, (time.process_time() - cpu) * 1000)"
)


def host_command(tree: Path, function: str) -> tuple[list[str], dict[str, str]]:
    path = [str(tree / "functions"), str(tree / "layers" / "core" / "python")]
    probe = PROBE.format(path=path, module=f"{function}.handler")
    return [sys.executable, "-c", probe], {"PYTHONDONTWRITEBYTECODE": ""}


class LambdaLayouts:
    """Each function of a tree laid out as its deployment (tools/devstack/lambda_runtime)."""

    def __init__(self, scratch: Path):
        from devstack import lambda_runtime
        from stacks.functions import FACTS
        from stacks.layers import dependency_layers

        self.runtime = lambda_runtime
        self.facts = FACTS
        self.layers = dependency_layers(lambda_runtime.host_architecture())
        self.packages = lambda_runtime.runtime_packages()
        self.python = str(lambda_runtime.interpreter())
        self.scratch = scratch
        self.done: dict[tuple[Path, str], object] = {}

    def command(self, tree: Path, function: str) -> tuple[list[str], dict[str, str]]:
        key = (tree, function)
        if key not in self.done:
            deployment = self.runtime.Deployment(
                function=function, handler=f"{function}.handler.lambda_handler",
                code=tree / "functions",
                layers=(tree / "layers" / "core", self.layers["base"],
                        *(self.layers[name] for name in self.facts[function].layers)),
                timeout_seconds=29, memory_mb=512, environment={},
            )  # fmt: skip
            root = self.scratch / f"{len(self.done)}-{function}"
            self.done[key] = self.runtime.lay_out(deployment, root, self.packages)
            for cache in root.rglob("__pycache__"):  # the assets ship no bytecode
                cache.rename(cache.with_name(f"{cache.name}.unused"))
        layout = self.done[key]
        version = "3.12"
        path = [str(layout.task_root), f"{layout.layers_root}/lib/python{version}/site-packages",
                str(layout.layers_root), str(layout.runtime_packages)]  # fmt: skip
        probe = PROBE.format(path=path, module=f"{function}.handler")
        return [self.python, "-I", "-S", "-B", "-c", probe], {"LAMBDA_TASK_ROOT": path[0]}


def lambda_variables(function: str, traced: bool, legacy: bool) -> dict[str, str]:
    if legacy:  # the runs before 2026-12-04: none of Lambda's variables, tracing disabled
        return {**os.environ, "POWERTOOLS_TRACE_DISABLED": "true"}
    variables = {
        "PATH": "/usr/local/bin:/usr/bin:/bin",
        "HOME": str(Path(tempfile.gettempdir())),
        "LAMBDA_TASK_ROOT": str(ROOT / "functions"),
        "AWS_LAMBDA_FUNCTION_NAME": function,
        "AWS_LAMBDA_FUNCTION_VERSION": "$LATEST",
        "AWS_EXECUTION_ENV": "AWS_Lambda_python3.12",
        "AWS_REGION": "ap-northeast-2",
        "AWS_LAMBDA_INITIALIZATION_TYPE": "on-demand",
        "POWERTOOLS_SERVICE_NAME": f"gallery-{function}",
        "POWERTOOLS_METRICS_NAMESPACE": "PingvasGallery",
    }
    if not traced:
        variables["POWERTOOLS_TRACE_DISABLED"] = "true"
    return variables


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--traced", action="store_true", help="tracing active, as in AWS")
    parser.add_argument("--runtime", choices=("host", "lambda"), default="host")
    parser.add_argument("--before", type=Path, help="a tree of the code before, side by side")
    parser.add_argument("--only", help="comma-separated functions")
    parser.add_argument(
        "--legacy-env", action="store_true",
        help="the variables of the figures before 2026-12-04 (no LAMBDA_TASK_ROOT)",
    )  # fmt: skip
    args = parser.parse_args()
    functions = [f for f in FUNCTIONS + EVENT_FUNCTIONS if not args.only or f in args.only]
    trees = {"after": ROOT} if args.before is None else {"before": args.before, "after": ROOT}
    with tempfile.TemporaryDirectory(prefix="cold-start-") as scratch:
        layouts = LambdaLayouts(Path(scratch)) if args.runtime == "lambda" else None
        samples: dict[tuple[str, str], list[float]] = {}
        for _ in range(args.runs):
            for function in functions:
                for name, tree in trees.items():
                    make = layouts.command if layouts else host_command
                    command, extra = make(tree.resolve(), function)
                    env = {**lambda_variables(function, args.traced, args.legacy_env), **extra}
                    out = subprocess.run(
                        command, env=env, capture_output=True, text=True, check=True
                    )
                    wall, cpu = map(float, out.stdout.strip().splitlines()[-1].split())
                    samples.setdefault((function, name), []).append(wall)
                    samples.setdefault((function, f"{name} cpu"), []).append(cpu)
    tracing = "active" if args.traced else "disabled"
    tracing += ", outside Lambda's variables" if args.legacy_env else ""
    print(f"runtime {args.runtime}, tracing {tracing}; wall ms, median (max) of {args.runs} "
          "fresh interpreters, and the median CPU ms (user + system: less sensitive to the "
          "load of others)")  # fmt: skip
    print(f"{'function':12s}" + "".join(f" {name:>14s} {'cpu':>5s}" for name in trees))
    for function in functions:
        cells = []
        for name in trees:
            wall, cpu = samples[(function, name)], samples[(function, f"{name} cpu")]
            cells.append(f"{statistics.median(wall):6.0f} ({max(wall):5.0f}) "
                         f"{statistics.median(cpu):5.0f}")  # fmt: skip
        print(f"{function:12s}" + "".join(f" {cell:>20s}" for cell in cells))


if __name__ == "__main__":
    main()
