"""A real OpenSearch node with nori, from tools/opensearch-local (built by `make opensearch`).

The node writes a ready file (holding its URL) once the cluster is yellow or green; it
stops cleanly on SIGTERM; any failure ends the process with a stack trace on stderr,
which start() reports.
"""

import os
import shutil
import signal
import subprocess
import time
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1] / "opensearch-local"
MAIN_CLASS = "dev.pingvas.opensearch.PingvasOpenSearch"


class LocalOpenSearch:
    def __init__(self, data_dir: Path, port: int, heap: str = "768m"):
        self.data_dir = Path(data_dir).resolve()
        self.port = port
        self.heap = heap
        self.ready_file = self.data_dir / "ready"
        self.process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def command(self) -> list[str]:
        classes, lib = PROJECT / "target" / "classes", PROJECT / "target" / "lib"
        if not classes.is_dir() or not lib.is_dir():
            raise RuntimeError("tools/opensearch-local is not built: run `make opensearch`")
        java = shutil.which("java") or "java"
        return [
            java, f"-Xms{self.heap}", f"-Xmx{self.heap}", "-XX:+ExitOnOutOfMemoryError",
            "-cp", f"{classes}{os.pathsep}{lib}{os.sep}*", MAIN_CLASS,
            "--http-port", str(self.port), "--base-dir", str(self.data_dir / "node"),
            "--ready-file", str(self.ready_file),
        ]  # fmt: skip

    def start(self, timeout: float = 180) -> "LocalOpenSearch":
        self.data_dir.mkdir(parents=True, exist_ok=True)
        self.ready_file.unlink(missing_ok=True)
        log = open(self.data_dir / "opensearch.log", "wb")  # noqa: SIM115 - lives with the process
        errors = open(self.data_dir / "opensearch.err", "wb")  # noqa: SIM115
        # Its own session: Ctrl-C reaches Python, which stops the node in order.
        self.process = subprocess.Popen(
            self.command(), stdout=log, stderr=errors, start_new_session=True
        )
        deadline = time.monotonic() + timeout
        while not self.ready_file.exists():
            if self.process.poll() is not None:
                tail = (self.data_dir / "opensearch.err").read_text(errors="replace")[-4000:]
                raise RuntimeError(f"OpenSearch exited ({self.process.returncode}):\n{tail}")
            if time.monotonic() > deadline:
                self.stop()
                raise RuntimeError(f"OpenSearch was not ready within {timeout:.0f} s")
            time.sleep(0.2)
        return self

    def stop(self, timeout: float = 30) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()

    def __enter__(self) -> "LocalOpenSearch":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()
