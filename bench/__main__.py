"""python -m bench [--n N] [--only NAME]: print median, p95 and queries per page.

Runs against a fresh throwaway database (created and dropped here) on whatever DATABASE_URL
points at, so it never touches your development data. Use PostgreSQL for real figures:
DATABASE_URL=postgres://postgres@127.0.0.1:5432/portal make bench
"""

import argparse
import logging
import os
import sys
import warnings

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "send_portal.settings")
os.environ.setdefault("DJANGO_SECRET_KEY", "bench-only-insecure-secret-key-not-for-any-deployment")
os.environ.setdefault("DJANGO_ALLOWED_HOSTS", "testserver")
os.environ["DJANGO_DEBUG"] = "0"
os.environ["DJANGO_SECURE_SSL_REDIRECT"] = "0"

# Static files are served from their source folders here, never collected.
warnings.filterwarnings("ignore", message="No directory at")
logging.getLogger("weasyprint").setLevel(logging.WARNING)
logging.getLogger("fontTools").setLevel(logging.WARNING)

import django  # noqa: E402

django.setup()

# The portal logs one line per request (send_portal.requests): thousands here, burying the figures.
logging.getLogger("send_portal.requests").setLevel(logging.WARNING)

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402

from . import suites  # noqa: E402
from .harness import HEADER  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m bench")
    parser.add_argument("--n", type=int, default=200, help="requests per page (default 200)")
    parser.add_argument("--only", choices=sorted(suites.SUITES), action="append", help="run only these suites")
    parser.add_argument(
        "--provision-sizes", help="directory sizes for the provision suite (default 10000,100000), e.g. 2000,10000"
    )
    args = parser.parse_args()

    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    print(f"database: {connection.vendor} ({connection.settings_dict['NAME']}), {args.n} requests per page")
    print(HEADER)
    try:
        for name in args.only or suites.SUITES:
            for result in suites.SUITES[name](args):
                print(result.row(), flush=True)
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
    return 0


if __name__ == "__main__":
    sys.exit(main())
