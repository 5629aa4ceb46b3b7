"""Running the background worker's queue inside a test."""

import signal
from unittest import mock

from django.core.management import call_command


def run_jobs() -> None:
    """Run every queued background job, exactly as the worker does, then return
    (`manage.py db_worker --batch`).

    Two test-only adjustments: the worker checks its database connection between jobs and closes
    it when it is inside a transaction, which every non-transactional test is (Django's test client
    skips the same check for the same reason); and it sets its own signal handlers: put ours back."""
    saved = {sig: signal.getsignal(sig) for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGQUIT)}
    try:
        with mock.patch("django_tasks_db.management.commands.db_worker.close_old_connections"):
            call_command("db_worker", "--batch", "--no-reload", "--no-startup-delay", "--interval", "0", verbosity=0)
    finally:
        for sig, handler in saved.items():
            signal.signal(sig, handler)
