"""The Lambda layers, built without Docker: the core package as it is in the repository, and
the third-party dependencies as binary wheels for the functions' platform (pip's
``--platform``), split by what needs them so that every function with its layers stays
small (budget: 60 MB unzipped; Lambda's limit is 250 MB)."""

import hashlib
import json
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PYTHON_VERSION = "3.12"  # Lambda's python3.12 runs on Amazon Linux 2023 (glibc 2.34)
PLATFORMS = {
    "arm64": [f"manylinux_2_{v}_aarch64" for v in (17, 26, 28, 34)],
    "x86_64": [f"manylinux_2_{v}_x86_64" for v in (17, 26, 28, 34)],
}
# Not in any layer: the PostgreSQL search backend's dictionary and stemmer (AWS searches with
# OpenSearch; mecab-ko-dic alone is 108 MB), and opensearch-py's gRPC transport, which
# nothing loads.
LEFT_OUT_REQUIREMENTS = ("python-mecab-ko", "python-mecab-ko-dic", "snowballstemmer")
PRUNED_DISTRIBUTIONS = ("grpcio", "protobuf", "opensearch_protobufs")
# Pillow's text drawing (ImageFont), which nothing here draws: its module and the libraries
# only it links (FreeType, HarfBuzz, and Brotli for WOFF2 fonts), 4 MB.
PRUNED_FILES = ("PIL/_imagingft.*", "pillow.libs/libfreetype-*", "pillow.libs/libharfbuzz-*",
                "pillow.libs/libbrotli*")  # fmt: skip
# boto3 ships in the base layer, pinned as the tests run it: the runtime's own copy may
# predate what the code calls (conditional PutObject with IfMatch). Its service models are
# pruned to the services the functions call (the rest is 30 MB).
BOTOCORE_SERVICES = ("s3", "lambda", "secretsmanager", "sts")
# Top-level modules of the optional layers; everything else is in "base".
GROUPS = {
    # ingest, shares, recompress: decoding and re-encoding images
    "imaging": ("PIL", "pillow.libs"),
    "recompression": ("oxipng",),  # recompress alone: lossless PNG recompression
    "signing": ("cryptography",),  # CloudFront URL signatures (RSA)
    "search": ("opensearchpy", "events", "requests", "charset_normalizer"),
}
LAYERS = ("base", *GROUPS)
CACHE = ROOT / ".local" / "layers"


def layer_requirements() -> list[str]:
    lines = (ROOT / "requirements.txt").read_text().splitlines()
    pins = [line.strip() for line in lines if line.strip() and not line.startswith("#")]
    return [pin for pin in pins if pin.split("==")[0] not in LEFT_OUT_REQUIREMENTS]


def dependency_layers(architecture: str = "arm64") -> dict[str, Path]:
    """Each layer's folder (``python/`` inside), built once per requirements and platform."""
    requirements = layer_requirements()
    key = json.dumps([requirements, architecture, PYTHON_VERSION, PRUNED_DISTRIBUTIONS, GROUPS,
                      BOTOCORE_SERVICES, PRUNED_FILES])  # fmt: skip
    digest = hashlib.sha256(key.encode()).hexdigest()[:12]
    folder = CACHE / f"dependencies-{architecture}-{digest}"
    layers = {name: folder / name for name in LAYERS}
    if (folder / ".complete").exists():
        return layers
    shutil.rmtree(folder, ignore_errors=True)
    everything = folder / "all"
    platforms = [arg for p in PLATFORMS[architecture] for arg in ("--platform", p)]
    subprocess.run(  # noqa: S603 - our own interpreter and pinned requirements
        [sys.executable, "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
         "--only-binary=:all:", "--implementation", "cp", "--python-version", PYTHON_VERSION,
         *platforms, "--target", str(everything), *requirements],
        check=True,
    )  # fmt: skip
    for distribution in PRUNED_DISTRIBUTIONS:
        _remove(everything, distribution)
    for pattern in PRUNED_FILES:
        for path in everything.glob(pattern):
            path.unlink()
    for service in (everything / "botocore" / "data").iterdir():
        if service.is_dir() and service.name not in BOTOCORE_SERVICES:
            shutil.rmtree(service)
    for cache in everything.rglob("__pycache__"):
        shutil.rmtree(cache, ignore_errors=True)
    for name, modules in GROUPS.items():
        target = layers[name] / "python"
        target.mkdir(parents=True)
        for module in modules:
            _move(everything, module, target)
    (layers["base"]).mkdir()
    everything.rename(layers["base"] / "python")
    (folder / ".complete").write_text("\n".join(requirements))
    return layers


def _distribution_of(target: Path, top_level: str) -> Path | None:
    for info in target.glob("*.dist-info"):
        records = (info / "RECORD").read_text().splitlines()
        if any(line.split("/", 1)[0] == top_level for line in records):
            return info
    return None


def _move(source: Path, top_level: str, target: Path) -> None:
    info = _distribution_of(source, top_level)
    shutil.move(source / top_level, target / top_level)
    if info is not None and info.exists():
        shutil.move(info, target / info.name)


def _remove(target: Path, distribution: str) -> None:
    """Deletes an installed distribution by its RECORD (every file it installed)."""
    for info in target.glob("*.dist-info"):
        name = info.name.removesuffix(".dist-info").rsplit("-", 1)[0]
        if name.lower().replace("-", "_") != distribution.lower():
            continue
        for line in (info / "RECORD").read_text().splitlines():
            path = target / line.split(",", 1)[0]
            if path.is_file():
                path.unlink()
        shutil.rmtree(info, ignore_errors=True)
    for folder in sorted(target.iterdir()):  # folders the removal left empty
        if folder.is_dir() and not any(p.is_file() for p in folder.rglob("*")):
            shutil.rmtree(folder)


def size_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())
