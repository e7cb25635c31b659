"""Each function's deployment as synthesized, run as Lambda runs it.

The CDK app is synthesized with the dependency layers built for this machine's architecture
(AWS runs arm64; the wheels differ, the code and the layer split do not). From the cloud
assembly each function gives its handler string, its layers in order and its code asset;
they are laid out as Lambda does (the code as ``/var/task``, each layer extracted over
``/opt`` in order, a later layer's file replacing an earlier one's) and the handler is
invoked by tools/devstack/lambda_bootstrap.py in a clean CPython of the runtime's version
(``make lambda-python``) with ``-I -S``: no site-packages, no PYTHONPATH, nothing of the host.
"""

import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PYTHON = ROOT / ".local" / "lambda-python" / "bin" / "python3.12"
BOOTSTRAP = Path(__file__).with_name("lambda_bootstrap.py")
# The SDK the python3.12 runtime brings itself; it comes after the layers on the path.
RUNTIME_SDK = ("boto3",)


def host_architecture() -> str:
    machine = platform.machine().lower()
    return {"x86_64": "x86_64", "amd64": "x86_64", "aarch64": "arm64", "arm64": "arm64"}[machine]


def interpreter() -> Path:
    """The runtime's CPython (GALLERY_LAMBDA_PYTHON names another)."""
    path = Path(os.environ.get("GALLERY_LAMBDA_PYTHON") or PYTHON)
    if not path.exists():
        raise RuntimeError(f"{path} is missing: run `make lambda-python`")
    return path


@dataclass(frozen=True)
class Deployment:
    """One function as the synthesized template deploys it."""

    function: str
    handler: str
    code: Path  # the code asset as staged in the cloud assembly
    layers: tuple[Path, ...]  # each layer's staged asset, in the function's order
    timeout_seconds: int
    memory_mb: int
    # the template's variables with literal values (the others name resources in AWS)
    environment: dict[str, str]


def synthesize(outdir: Path, env_name: str = "dev", architecture: str | None = None):
    """{function: Deployment} of the API stack, synthesized into outdir with the CDK context
    of cdk.json and the dependency layers built for ``architecture`` (the host's)."""
    import aws_cdk as cdk

    import stacks.api
    from stacks import layers
    from stacks.app import build

    architecture = architecture or host_architecture()
    context = json.loads((ROOT / "cdk.json").read_text())["context"]
    as_built, asked = stacks.api.dependency_layers, []

    def for_this_host(asked_for: str = "arm64") -> dict[str, Path]:
        asked.append(asked_for)
        return layers.dependency_layers(architecture)

    stacks.api.dependency_layers = for_this_host
    try:
        app = cdk.App(context={**context, "env": env_name}, outdir=str(outdir))
        api = build(app, env_name)["api"]
        app.synth()
    finally:
        stacks.api.dependency_layers = as_built
    if not asked:  # else the wheels would be the other architecture's
        raise RuntimeError("stacks.api no longer builds its layers with dependency_layers()")
    logical_ids = {
        name: api.resolve(function.node.default_child.logical_id)
        for name, function in api.functions.items()
    }
    template = json.loads((outdir / api.template_file).read_text())
    manifest = json.loads((outdir / f"{api.artifact_id}.assets.json").read_text())
    return deployments(template, manifest, outdir, logical_ids)


def deployments(
    template: dict, manifest: dict, outdir: Path, logical_ids: dict[str, str]
) -> dict[str, Deployment]:
    staged = {
        destination["objectKey"]: outdir / entry["source"]["path"]
        for entry in manifest["files"].values()
        for destination in entry["destinations"].values()
    }
    resources = template["Resources"]
    found = {}
    for name, logical_id in logical_ids.items():
        properties = resources[logical_id]["Properties"]
        layers = tuple(
            staged[resources[layer["Ref"]]["Properties"]["Content"]["S3Key"]]
            for layer in properties.get("Layers", [])
        )
        variables = properties.get("Environment", {}).get("Variables", {})
        found[name] = Deployment(
            function=name,
            handler=properties["Handler"],
            code=staged[properties["Code"]["S3Key"]],
            layers=layers,
            timeout_seconds=int(properties.get("Timeout", 3)),
            memory_mb=int(properties.get("MemorySize", 128)),
            environment={k: v for k, v in variables.items() if isinstance(v, str)},
        )
    return found


@dataclass(frozen=True)
class Layout:
    """A deployment laid out as a Lambda execution environment's file system."""

    root: Path
    runtime_packages: Path

    @property
    def task_root(self) -> Path:
        return self.root / "var" / "task"

    @property
    def layers_root(self) -> Path:
        return self.root / "opt" / "python"


def lay_out(deployment: Deployment, root: Path, runtime_packages: Path) -> Layout:
    layout = Layout(root, runtime_packages)
    _merge(deployment.code, layout.task_root)
    for layer in deployment.layers:
        _merge(layer, root / "opt")
    return layout


def _merge(source: Path, target: Path) -> None:
    """Copies source's tree over target's (hard links where they can be), replacing files."""
    for folder, _, files in os.walk(source):
        into = target / Path(folder).relative_to(source)
        into.mkdir(parents=True, exist_ok=True)
        for name in files:
            destination = into / name
            destination.unlink(missing_ok=True)
            try:
                os.link(Path(folder) / name, destination)
            except OSError:
                shutil.copy2(Path(folder) / name, destination)


def runtime_packages(architecture: str | None = None) -> Path:
    """A stand-in for the runtime's own SDK (Lambda's python3.12 ships boto3 outside the
    layers): the boto3 pinned in requirements.txt with its dependencies, built for the
    runtime's platform like the layers, cached in .local/layers."""
    from stacks.layers import CACHE, PLATFORMS, PYTHON_VERSION, layer_requirements

    architecture = architecture or host_architecture()
    pins = [pin for pin in layer_requirements() if pin.split("==")[0] in RUNTIME_SDK]
    folder = CACHE / f"runtime-sdk-{architecture}-{'-'.join(pins)}"
    if (folder / ".complete").exists():
        return folder
    shutil.rmtree(folder, ignore_errors=True)
    platforms = [arg for p in PLATFORMS[architecture] for arg in ("--platform", p)]
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
         "--only-binary=:all:", "--implementation", "cp", "--python-version", PYTHON_VERSION,
         *platforms, "--target", str(folder), *pins],
        check=True,
    )  # fmt: skip
    (folder / ".complete").write_text("\n".join(pins))
    return folder


@dataclass(frozen=True)
class Invocation:
    answer: dict  # what lambda_bootstrap.py wrote (see there)
    logs: str  # the function's stdout and stderr

    @property
    def error(self) -> str | None:
        if "errorType" not in self.answer:
            return None
        trace = "".join(self.answer.get("stackTrace", []))
        return f"{self.answer['errorType']}: {self.answer['errorMessage']}\n{trace}"

    @property
    def result(self):
        return self.answer.get("result")


def invoke(
    deployment: Deployment, layout: Layout, event: dict, environment: dict[str, str]
) -> Invocation:
    """One cold invocation: a fresh interpreter imports the handler and answers the event.
    The variables: the template's literal ones but the ``GALLERY_*`` settings, which are
    ``environment``'s (the local stack's, winning over the template's), then Lambda's own."""
    python = interpreter()
    version = "python" + ".".join(subprocess.check_output(
        [python, "-I", "-S", "-c", "import sys; print(*sys.version_info[:2], sep='.')"],
        text=True,
    ).split())  # fmt: skip
    lambda_variables = {
        "AWS_LAMBDA_FUNCTION_NAME": deployment.function,
        "AWS_LAMBDA_FUNCTION_MEMORY_SIZE": str(deployment.memory_mb),
        "AWS_LAMBDA_FUNCTION_VERSION": "$LATEST",
        "AWS_EXECUTION_ENV": f"AWS_Lambda_{version.replace('.', '')}",
        "LAMBDA_TASK_ROOT": str(layout.task_root),
        "TZ": ":UTC",
        "LANG": "en_US.UTF-8",
        "PATH": "/usr/local/bin:/usr/bin:/bin",
        "LD_LIBRARY_PATH": f"{layout.task_root}/lib:{layout.root}/opt/lib",
        "HOME": str(layout.root),  # no ~/.aws of the host's
    }
    literal = {k: v for k, v in deployment.environment.items() if not k.startswith("GALLERY_")}
    variables = {**literal, **environment, **lambda_variables}
    variables.setdefault("AWS_REGION", variables.get("AWS_DEFAULT_REGION", "ap-northeast-2"))
    with tempfile.TemporaryDirectory() as scratch:
        answer_file = Path(scratch) / "answer.json"
        done = subprocess.run(
            # -B: /var/task and /opt are read-only in Lambda, no __pycache__ is written there
            [python, "-I", "-S", "-B", str(BOOTSTRAP), str(layout.task_root),
             str(layout.layers_root), str(layout.runtime_packages), deployment.handler,
             str(deployment.timeout_seconds), str(deployment.memory_mb), str(answer_file)],
            input=json.dumps(event), env=variables, cwd=layout.task_root, capture_output=True,
            text=True, timeout=deployment.timeout_seconds + 60,
        )  # fmt: skip
        logs = done.stdout + done.stderr
        if not answer_file.exists():
            answer = {"errorType": "Runtime.ExitError", "errorMessage": f"exit {done.returncode}"}
        else:
            answer = json.loads(answer_file.read_text())
    return Invocation(answer, logs)
