"""Lambda's execution environments, in small: each function gets its own pool of "containers",
each a process of its own that imports the handler once (the init) and then answers one
event at a time, keeping its module state (connection pool, clients, caches) between them, as
a warm Lambda container does. Concurrent requests to one function go to different
containers; a new one starts (a cold start) only when every container of that function is
busy, up to ``per_function``; past it a request waits for one to be free (Lambda would
throttle at the function's reserved concurrency; locally we queue).

Each container signs its AWS calls with its function's own keys (``credentials``: with IAM
enforced, the role CDK synthesizes; else the stack's one identity) and reads the stack's
settings from the environment, as a function does in AWS. What a process of its own cannot
share with the caller: a setting patched in the tests' process (the tests use the gateway's
in-process mode for that).
"""

import logging
import multiprocessing
import os
import signal
import sys
import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path

_SPAWN = multiprocessing.get_context("spawn")  # a fresh interpreter: nothing of ours inherited
# API Gateway's HTTP API gives up on an integration after 30 s
INTEGRATION_TIMEOUT_SECONDS = 30.0


@dataclass
class LambdaContext:
    """What Powertools reads from a Lambda context."""

    function_name: str
    aws_request_id: str
    memory_limit_in_mb: int = 256
    function_version: str = "$LATEST"
    remaining_ms: int = 30_000

    @property
    def invoked_function_arn(self) -> str:
        return f"arn:aws:lambda:local:000000000000:function:{self.function_name}"

    def get_remaining_time_in_millis(self) -> int:
        return self.remaining_ms


class ContainerFailed(RuntimeError):
    """The function crashed, timed out or its process died: API Gateway answers 500/503."""


def _serve(conn: Connection, function: str, environment: dict[str, str], task_root: str):
    """A container's process: the function's environment, its init, then events one by one.
    Ctrl-C and SIGTERM to the terminal's process group are the stack's to handle: it stops
    its containers itself, and a container whose stack is gone ends at its pipe's EOF."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    os.environ.update(environment)
    sys.path.insert(0, task_root)  # the Lambda task root of every function: functions/
    import importlib

    handler = importlib.import_module(f"{function}.handler").lambda_handler
    conn.send(("ready", None))
    while True:
        try:
            event = conn.recv()
        except EOFError:  # the gateway went away
            return
        context = LambdaContext(function_name=f"gallery-{function}",
                                aws_request_id=str(uuid.uuid4()))  # fmt: skip
        try:
            conn.send(("result", handler(event, context)))
        except Exception as exc:  # Lambda reports the error; the container stays warm
            logging.getLogger(function).exception("%s failed", function)
            conn.send(("error", f"{type(exc).__name__}: {exc}"))


class Container:
    def __init__(self, function: str, environment: dict[str, str], task_root: Path):
        self.function = function
        self._conn, child = _SPAWN.Pipe()
        self.process = _SPAWN.Process(
            target=_serve, args=(child, function, environment, str(task_root)),
            name=f"container-{function}", daemon=True,
        )  # fmt: skip
        started = time.perf_counter()
        self.process.start()
        child.close()
        self._answer(INTEGRATION_TIMEOUT_SECONDS)  # the init
        self.init_ms = (time.perf_counter() - started) * 1000

    def invoke(self, event: dict) -> dict:
        self._conn.send(event)
        return self._answer(INTEGRATION_TIMEOUT_SECONDS)

    def _answer(self, timeout: float):
        if not self._conn.poll(timeout):
            self.stop()
            raise ContainerFailed(f"{self.function} gave no answer in {timeout:.0f} s")
        try:
            kind, value = self._conn.recv()
        except (EOFError, OSError) as exc:
            self.stop()
            raise ContainerFailed(f"{self.function}'s process ended") from exc
        if kind == "error":
            raise ContainerFailed(value)
        return value

    @property
    def alive(self) -> bool:
        return self.process.is_alive()

    def stop(self) -> None:
        self._conn.close()
        if self.process.is_alive():
            self.process.kill()  # it ignores SIGTERM (see _serve)
        self.process.join(timeout=5)


class Containers:
    """Every function's pool; ``invoke`` takes a warm container of the function or starts one."""

    def __init__(self, environment: Callable[[str], dict[str, str]], task_root: Path,
                 per_function: int = 8):  # fmt: skip
        self._environment = environment  # function -> the variables its containers get
        self._task_root = task_root
        self.per_function = per_function
        self._idle: dict[str, list[Container]] = {}
        self._count: dict[str, int] = {}
        self._changed = threading.Condition()
        self.cold_starts: dict[str, list[float]] = {}  # function -> each init's ms

    def invoke(self, function: str, event: dict) -> dict:
        container = self._take(function)
        try:
            return container.invoke(event)
        finally:
            self._give_back(container)

    def _take(self, function: str) -> Container:
        with self._changed:
            while True:
                idle = self._idle.setdefault(function, [])
                if idle:
                    return idle.pop()  # the most recently used: the warmest, as Lambda does
                if self._count.get(function, 0) < self.per_function:
                    self._count[function] = self._count.get(function, 0) + 1
                    break
                self._changed.wait()
        try:  # a cold start, outside the lock: other functions' requests go on meanwhile
            container = Container(function, self._environment(function), self._task_root)
        except BaseException:
            self._forget(function)
            raise
        with self._changed:
            self.cold_starts.setdefault(function, []).append(container.init_ms)
        return container

    def _give_back(self, container: Container) -> None:
        if not container.alive:
            self._forget(container.function)
            return
        with self._changed:
            self._idle[container.function].append(container)
            self._changed.notify_all()

    def _forget(self, function: str) -> None:
        with self._changed:
            self._count[function] -= 1
            self._changed.notify_all()

    def stop(self) -> None:
        with self._changed:
            every = [c for idle in self._idle.values() for c in idle]
            self._idle.clear()
        for container in every:
            container.stop()
