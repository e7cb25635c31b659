"""PgBouncer in transaction pooling mode in front of the local PostgreSQL: the application's,
the worker's and the visitors' logins go through it, as they go through RDS Proxy in AWS.

It refuses what RDS Proxy refuses (startup options such as ``-c statement_timeout=…``) and
keeps no session state between transactions (a server connection serves whichever client's
transaction comes next), so code that leans on either fails here as it would in AWS. The
owner's login (migrations) stays direct, as the deploy trigger's does in AWS. Logins
authenticate with SCRAM against their passwords, as RDS Proxy checks them against their
secrets. Debian's ``pgbouncer`` package (installed by ``make``) provides the binary.
"""

import os
import pwd
import shutil
import socket
import subprocess
import time
from pathlib import Path

import psycopg

INSTALL_HINT = "PgBouncer is missing: `apt-get install pgbouncer` (make test does it as root)"


def binary() -> str:
    found = shutil.which("pgbouncer") or next(
        (p for p in ("/usr/sbin/pgbouncer", "/usr/bin/pgbouncer") if os.access(p, os.X_OK)), None
    )
    if not found:
        raise RuntimeError(INSTALL_HINT)
    return found


class LocalPooler:
    def __init__(self, data_dir: Path, port: int, server_port: int, database: str,
                 logins: dict[str, str], pool_size: int = 20):  # fmt: skip
        self.data_dir = Path(data_dir).resolve()
        self.port = port
        self.server_port = server_port
        self.database = database
        self.logins = logins  # user -> password
        self.pool_size = pool_size
        self.process: subprocess.Popen | None = None

    def url(self, user: str) -> str:
        return f"postgresql://{user}:{self.logins[user]}@127.0.0.1:{self.port}/{self.database}"

    def _write_config(self) -> Path:
        self.data_dir.mkdir(parents=True, exist_ok=True)
        users = "".join(f'"{user}" "{password}"\n' for user, password in self.logins.items())
        (self.data_dir / "userlist.txt").write_text(users)
        config = self.data_dir / "pgbouncer.ini"
        config.write_text(
            f"[databases]\n"
            f"{self.database} = host=127.0.0.1 port={self.server_port} dbname={self.database}\n"
            f"[pgbouncer]\n"
            f"listen_addr = 127.0.0.1\n"
            f"listen_port = {self.port}\n"
            f"unix_socket_dir =\n"
            f"auth_type = scram-sha-256\n"
            f"auth_file = {self.data_dir / 'userlist.txt'}\n"
            f"pool_mode = transaction\n"
            f"default_pool_size = {self.pool_size}\n"
            f"max_client_conn = 1000\n"
            f"logfile = {self.data_dir / 'pgbouncer.log'}\n"
            f"pidfile = {self.data_dir / 'pgbouncer.pid'}\n"
            # RDS Proxy passes no startup options either: nothing is ignored
            f"ignore_startup_parameters =\n"
        )
        if os.geteuid() == 0:  # PgBouncer refuses to run as root
            entry = pwd.getpwnam("nobody")
            for path in (self.data_dir, *self.data_dir.iterdir()):
                shutil.chown(path, entry.pw_uid, entry.pw_gid)
        return config

    def start(self) -> None:
        config = self._write_config()
        run_as = {"user": "nobody", "group": "nogroup"} if os.geteuid() == 0 else {}
        self.process = subprocess.Popen(
            [binary(), "--quiet", str(config)], stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE, **run_as,
            # its own session: a signal to the stack's process group (Ctrl-C, a test runner's
            # SIGTERM) reaches the stack, which stops the pooler after what uses it
            start_new_session=True,
        )  # fmt: skip
        self._wait()

    def _wait(self, timeout: float = 20) -> None:
        deadline = time.monotonic() + timeout
        while True:
            if self.process.poll() is not None:
                log = self.data_dir / "pgbouncer.log"
                detail = self.process.stderr.read().decode() or (
                    log.read_text() if log.exists() else ""
                )
                raise RuntimeError(f"PgBouncer exited ({self.process.returncode}): {detail}")
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1):
                    pass
                user = next(iter(self.logins))
                with psycopg.connect(self.url(user), connect_timeout=2):
                    return
            except (OSError, psycopg.OperationalError):
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.05)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()  # SIGTERM: PgBouncer shuts down at once
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.process = None
