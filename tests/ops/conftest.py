"""Fixtures for the operations tests: a throwaway PostgreSQL cluster, a populated portal database
in it, and the portal served by gunicorn against that database.

These tests bring their own PostgreSQL, so they run the same whether the suite itself runs on
SQLite or on the shared server, and they may stop and crash theirs. They never skip: without the
PostgreSQL server binaries they fail, saying what to install.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

import pytest

from .browser import Browser
from .pgcluster import ThrowawayCluster, free_port

ROOT = Path(__file__).resolve().parents[2]

# The accounts that `populate` creates (scenarios.py), with the passwords it gives them.
OFFICER = ("officer", "officer-ops-pass")
SECOND_OFFICER = ("officer2", "officer2-ops-pass")
MANAGER = ("manager", "manager-ops-pass")
BOARD_MEMBER = ("board", "board-ops-pass")


def portal_environment(database_url: str, **extra: str) -> dict[str, str]:
    """The environment of a production-like portal process (debug off) on `database_url`."""
    inherited = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL", "LOG_"))}
    return {
        **inherited,
        "DJANGO_SETTINGS_MODULE": "tests.ops.serving_settings",
        "DJANGO_SECRET_KEY": "ops-tests-only-insecure-secret-key-not-for-any-deployment",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DJANGO_DEBUG": "0",
        "DJANGO_SECURE_SSL_REDIRECT": "0",
        "DJANGO_EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend",
        "DATABASE_URL": database_url,
        "LOG_FORMAT": "json",
        **extra,
    }


def run_scenario(name: str, database_url: str, *, debug: bool = False, timeout: int = 300, **arguments) -> dict:
    """Run a step from scenarios.py in its own process and return its JSON answer."""
    env = portal_environment(database_url, DJANGO_DEBUG="1" if debug else "0")
    result = subprocess.run(
        [sys.executable, "-m", "tests.ops.scenarios", name, json.dumps(arguments)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    assert result.returncode == 0, f"scenario {name} failed:\n{result.stdout[-3000:]}\n{result.stderr[-5000:]}"
    return json.loads(result.stdout.strip().splitlines()[-1])


@pytest.fixture(scope="session")
def pg_cluster():
    """A PostgreSQL cluster of our own in a temporary folder, on a free port, started."""
    # mkdtemp, not pytest's tmp_path: the server runs as `postgres`, who cannot enter root's 0700 folders.
    root = Path(tempfile.mkdtemp(prefix="portal-ops-pg-"))
    cluster = ThrowawayCluster(root)
    try:
        cluster.init()
        cluster.start()
        yield cluster
    finally:
        if cluster.data.exists() and cluster.is_running():
            cluster.stop("immediate")
        shutil.rmtree(root, ignore_errors=True)


@dataclass
class PortalDatabase:
    name: str
    url: str
    facts: dict


@pytest.fixture(scope="session")
def portal_template(pg_cluster) -> dict:
    """A database populated once (seed, demo accounts, example progress and a published report),
    copied for each test. Returns what `populate` said (the accounts and an action they lead)."""
    url = pg_cluster.create_database("portal_template")
    return run_scenario("populate", url, debug=True)


@pytest.fixture
def portal_db(pg_cluster, portal_template):
    """A fresh copy of the populated portal database, for this test alone."""
    name = f"portal_{uuid.uuid4().hex[:10]}"
    url = pg_cluster.create_database(name, template="portal_template")
    yield PortalDatabase(name=name, url=url, facts=portal_template)
    if pg_cluster.is_running():
        pg_cluster.drop_database(name)


@dataclass
class Server:
    process: subprocess.Popen
    url: str
    log: Path

    def browser(self, cookies=None) -> Browser:
        return Browser(self.url, cookies)

    def log_lines(self) -> list[dict]:
        lines = []
        for line in self.log.read_text().splitlines():
            try:
                lines.append(json.loads(line))
            except ValueError:
                continue
        return lines

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


@pytest.fixture
def serve(tmp_path):
    """Start the portal under gunicorn (gunicorn.conf.py) on a free loopback port; stopped after the test."""
    servers: list[Server] = []

    def start(database_url: str, *, workers: int = 2) -> Server:
        port = free_port()
        log = tmp_path / f"gunicorn-{port}.log"
        env = portal_environment(database_url, WEB_CONCURRENCY=str(workers), GUNICORN_BIND=f"127.0.0.1:{port}")
        with open(log, "wb") as out:
            process = subprocess.Popen(
                [sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py"],
                cwd=ROOT,
                env=env,
                stdout=out,
                stderr=subprocess.STDOUT,
            )
        server = Server(process, f"http://127.0.0.1:{port}", log)
        servers.append(server)
        deadline = time.monotonic() + 60
        while True:
            if process.poll() is not None:
                pytest.fail(f"gunicorn exited with {process.returncode}:\n{log.read_text()[-5000:]}")
            try:
                if server.browser().get("/healthz", timeout=5).status == 200:
                    return server
            except OSError:
                pass
            if time.monotonic() > deadline:
                pytest.fail(f"gunicorn did not answer /healthz within 60 s:\n{log.read_text()[-5000:]}")
            time.sleep(0.2)

    yield start
    for server in servers:
        server.stop()
