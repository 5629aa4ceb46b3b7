"""A throwaway PostgreSQL cluster in a temporary folder, on its own port, that tests may stop,
crash and start again. The shared server on 5432 is never touched.

initdb refuses to run as root, so as root the server runs as the `postgres` user (runuser).
Without the server binaries the tests fail, saying what to install: they never skip.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import time
from pathlib import Path

import psycopg
import pytest

INSTALL_HINT = (
    "The fault and backup tests run their own PostgreSQL server and need its binaries "
    "(initdb, pg_ctl, pg_dump, pg_restore): apt-get install postgresql postgresql-client"
)


def find_bindir() -> Path:
    """The newest installed PostgreSQL server's bin folder (Debian keeps it off PATH)."""
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(Path(p).parts[-3]))
    if candidates:
        return Path(candidates[-1]).parent
    on_path = shutil.which("initdb")
    if on_path and shutil.which("pg_ctl"):
        return Path(os.path.realpath(on_path)).parent
    pytest.fail(f"PostgreSQL server binaries not found (no initdb). {INSTALL_HINT}", pytrace=False)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class ThrowawayCluster:
    def __init__(self, root: Path):
        self.bindir = find_bindir()
        for tool in ("pg_dump", "pg_restore"):
            if not (self.bindir / tool).exists():
                pytest.fail(f"{tool} not found in {self.bindir}. {INSTALL_HINT}", pytrace=False)
        self.root = root
        self.data = root / "data"
        self.sockets = root / "sockets"
        self.log = root / "postgresql.log"
        self.port = free_port()
        # initdb will not run as root: run the server as the postgres user, in folders it owns.
        self.as_owner = []
        if os.geteuid() == 0:
            owner = pwd.getpwnam("postgres")
            self.as_owner = ["runuser", "-u", "postgres", "--"]
            self.sockets.mkdir(parents=True)
            for path in (root, self.sockets):
                os.chown(path, owner.pw_uid, owner.pw_gid)
        else:
            self.sockets.mkdir(parents=True)

    def _run(self, *args: str, timeout: int = 60) -> str:
        result = subprocess.run([*self.as_owner, *args], capture_output=True, text=True, timeout=timeout, cwd=self.root)
        if result.returncode != 0:
            log = self.log.read_text() if self.log.exists() else ""
            raise RuntimeError(f"{' '.join(args)} failed:\n{result.stdout}\n{result.stderr}\n{log[-3000:]}")
        return result.stdout

    def init(self) -> None:
        self._run(
            str(self.bindir / "initdb"),
            "-D",
            str(self.data),
            "-U",
            "postgres",
            "-A",
            "trust",
            "-E",
            "UTF8",
            "--locale=C.UTF-8",
            "--no-sync",
            timeout=120,
        )

    def start(self) -> None:
        options = (
            f"-p {self.port} -k {self.sockets} -c listen_addresses=127.0.0.1 "
            # A test server: durability across an operating-system crash is not what is tested.
            "-c fsync=off -c full_page_writes=off -c max_connections=60"
        )
        self._run(str(self.bindir / "pg_ctl"), "-D", str(self.data), "-l", str(self.log), "-o", options, "-w", "start")

    def stop(self, mode: str = "fast") -> None:
        """fast: disconnect everyone and shut down cleanly; immediate: as if the server crashed."""
        self._run(str(self.bindir / "pg_ctl"), "-D", str(self.data), "-m", mode, "-w", "stop")

    def is_running(self) -> bool:
        result = subprocess.run(
            [*self.as_owner, str(self.bindir / "pg_ctl"), "-D", str(self.data), "status"],
            capture_output=True,
            cwd=self.root,
        )
        return result.returncode == 0

    def url(self, dbname: str) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/{dbname}"

    def connect(self, dbname: str = "postgres", **kwargs) -> psycopg.Connection:
        return psycopg.connect(host="127.0.0.1", port=self.port, user="postgres", dbname=dbname, **kwargs)

    def execute(self, sql: str, dbname: str = "postgres") -> None:
        with self.connect(dbname, autocommit=True) as conn:
            conn.execute(sql)

    def create_database(self, name: str, template: str | None = None) -> str:
        template_sql = f' TEMPLATE "{template}"' if template else ""
        self.execute(f'CREATE DATABASE "{name}"{template_sql}')
        return self.url(name)

    def drop_database(self, name: str) -> None:
        self.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def tool(self, name: str, *args: str, timeout: int = 120) -> str:
        """Run a client tool (pg_dump, pg_restore) as the current user, over TCP."""
        result = subprocess.run(
            [str(self.bindir / name), "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres", *args],
            capture_output=True,
            text=True,
            timeout=timeout,
        )
        if result.returncode != 0:
            raise RuntimeError(f"{name} {' '.join(args)} failed:\n{result.stderr}")
        return result.stdout

    def wait_until_accepting(self, timeout: float = 20) -> None:
        deadline = time.monotonic() + timeout
        while True:
            try:
                with self.connect(connect_timeout=2):
                    return
            except psycopg.OperationalError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.1)
